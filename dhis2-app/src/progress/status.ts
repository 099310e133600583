import { roundLikeAnalytics } from '../shared/format'
import type { Direction } from './target'
import { benchmarkFor, type Benchmark, type Trajectory } from './trajectory'

export type ProgressStatus = 'met' | 'on-track' | 'behind' | 'off-track' | 'no-target' | 'no-data'

/** Order used to rank org units from the most worrying to the best (no data and no target last). */
export const STATUS_RANK: Record<ProgressStatus, number> = {
    'off-track': 0,
    behind: 1,
    'on-track': 2,
    met: 3,
    'no-data': 4,
    'no-target': 5,
}

/** Signed progress: positive when `value` is better than `reference` for this direction. */
export function advantage(direction: Direction, value: number, reference: number): number {
    return direction === 'higher' ? value - reference : reference - value
}

/** A status with what it was judged against (the kind of benchmark explains the sentence shown with it). */
export interface Judgement {
    status: ProgressStatus
    basis: Benchmark['kind'] | null
    /** Value expected in that year, rounded like analytics; null when there is no path yet. */
    expected: number | null
    /** Signed gap to the expected value (negative = behind), in the indicator's unit. */
    gap: number | null
}

/**
 * The progress status of the actual of `year` (written out in docs/status-rule.md), judged against every
 * point the plan gives (`benchmarkFor`):
 * - no target: the plan sets no target at all, or the year comes before any path and the target is not met;
 * - no data: no actual;
 * - target met: at or better than the target the year is judged against (the next one, or an overdue one);
 * - on track: at or better than the value expected on the path;
 * - behind: worse than expected but at or better than the baseline (or worse than expected when the plan
 *   gives no baseline value to compare with);
 * - off track: worse than expected and strictly worse than the baseline: the indicator has gone back.
 * Exactly at the baseline is "behind", not "off track": an unchanged value has not gone back.
 * The expected value is rounded to the indicator's decimals, as analytics rounds the actual.
 */
export function judge(
    trajectory: Trajectory,
    direction: Direction,
    year: number,
    actual: number | null,
    decimals = 2
): Judgement {
    const benchmark = benchmarkFor(trajectory, year)
    if (benchmark === null) return { status: 'no-target', basis: null, expected: null, gap: null }
    const expected = benchmark.expected === null ? null : roundLikeAnalytics(benchmark.expected, decimals)
    const judged = (status: ProgressStatus): Judgement => ({
        status,
        basis: benchmark.kind,
        expected,
        gap:
            expected === null || actual === null
                ? null
                : roundLikeAnalytics(advantage(direction, actual, expected), decimals),
    })
    if (actual === null || !Number.isFinite(actual)) return judged('no-data')
    if (advantage(direction, actual, benchmark.milestone.value) >= 0) return judged('met')
    if (expected === null) return judged('no-target')
    if (advantage(direction, actual, expected) >= 0) return judged('on-track')
    const baseline = trajectory.baseline?.value ?? null
    if (baseline === null || advantage(direction, actual, baseline) >= 0) return judged('behind')
    return judged('off-track')
}

export function progressStatus(
    trajectory: Trajectory,
    direction: Direction,
    year: number,
    actual: number | null,
    decimals = 2
): ProgressStatus {
    return judge(trajectory, direction, year, actual, decimals).status
}

/** Gap to the expected value, signed so that negative means behind it (in the indicator's unit). */
export function gapToPath(
    trajectory: Trajectory,
    direction: Direction,
    year: number,
    actual: number | null,
    decimals = 2
): number | null {
    return judge(trajectory, direction, year, actual, decimals).gap
}
