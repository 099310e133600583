import type { Direction } from '../targets/target'
import { expectedValue, milestoneFor, type Trajectory } from '../trajectory/trajectory'

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

/**
 * DHIS2 analytics rounds indicator values to two decimals; the expected value is rounded the same way so
 * that a value shown as exactly on the path is judged on the path.
 */
export function roundLikeAnalytics(value: number, decimals = 2): number {
    const scale = 10 ** decimals
    return Math.round((value + Number.EPSILON * Math.sign(value)) * scale) / scale
}

/** Signed progress: positive when `value` is better than `reference` for this direction. */
export function advantage(direction: Direction, value: number, reference: number): number {
    return direction === 'higher' ? value - reference : reference - value
}

/**
 * The progress status of the actual of `year` (written out in docs/status-rule.md):
 * - no target: the plan sets no value on the path for that year (placeholder or year before the baseline);
 * - no data: no actual;
 * - target met: at or better than the milestone of that year (2023 target up to 2023, then 2030 target);
 * - on track: at or better than the value expected on the path;
 * - behind: worse than the path but at or better than the baseline (or worse than the path when the plan
 *   gives no baseline value to compare with);
 * - off track: worse than the path and strictly worse than the baseline: the indicator has gone back.
 * Exactly at the baseline is "behind", not "off track": the plan design reads "off track" as worse than the
 * baseline, and an unchanged value has not gone back.
 * The expected value is rounded to the indicator's decimals, as analytics rounds the actual.
 */
export function progressStatus(
    trajectory: Trajectory,
    direction: Direction,
    year: number,
    actual: number | null,
    decimals = 2
): ProgressStatus {
    const rawExpected = expectedValue(trajectory, year)
    if (rawExpected === null) return 'no-target'
    if (actual === null || !Number.isFinite(actual)) return 'no-data'
    const expected = roundLikeAnalytics(rawExpected, decimals)
    const milestone = milestoneFor(trajectory, year).value
    if (milestone !== null && advantage(direction, actual, milestone) >= 0) return 'met'
    if (advantage(direction, actual, expected) >= 0) return 'on-track'
    const baseline = trajectory.baseline?.value ?? null
    if (baseline === null || advantage(direction, actual, baseline) >= 0) return 'behind'
    return 'off-track'
}

/** Gap to the path, signed so that negative means behind it (in the indicator's unit). */
export function gapToPath(
    trajectory: Trajectory,
    direction: Direction,
    year: number,
    actual: number | null,
    decimals = 2
): number | null {
    const expected = expectedValue(trajectory, year)
    if (expected === null || actual === null) return null
    return roundLikeAnalytics(advantage(direction, actual, roundLikeAnalytics(expected, decimals)), decimals)
}
