import type { Baseline, IndicatorTarget, Milestone } from './target'

export const MIDTERM_YEAR = 2023
export const FINAL_YEAR = 2030

/** A known point of the target path. */
export interface PathPoint {
    year: number
    value: number
}

/**
 * The target path as the plan draws it: baseline → 2023 target → 2030 target, straight lines between.
 * A placeholder target (null) breaks the path: the segments that touch it do not exist.
 */
export interface Trajectory {
    baseline: Pick<Baseline, 'value' | 'year'> | null
    target2023: Milestone
    target2030: Milestone
}

export function trajectoryOf(
    target: Pick<IndicatorTarget, 'baseline' | 'target2023' | 'target2030'>
): Trajectory {
    return { baseline: target.baseline, target2023: target.target2023, target2030: target.target2030 }
}

function point(milestone: { year: number | null; value: number | null } | null): PathPoint | null {
    if (milestone === null || milestone.value === null || milestone.year === null) return null
    if (!Number.isFinite(milestone.value)) return null
    return { year: milestone.year, value: milestone.value }
}

function interpolate(from: PathPoint, to: PathPoint, year: number): number {
    if (to.year === from.year) return to.value
    return from.value + ((to.value - from.value) * (year - from.year)) / (to.year - from.year)
}

/**
 * What the actual of a year is judged against (docs/status-rule.md), using every point the plan gives:
 * - `path`: between two known points (baseline or target), the straight line between them; `milestone` is the
 *   next target;
 * - `milestone`: the year of a target (even without a baseline), or after 2030 against the 2030 target;
 * - `overdue`: after the last target the plan sets (2023 with the 2030 target still "XX"): that target should
 *   already be reached, so it is the value expected;
 * - `ahead`: before the first known point (before the baseline, or before 2023 without one): no path exists yet,
 *   only reaching the next target can be said.
 * Null when the plan sets no target at all.
 */
export type Benchmark =
    | { kind: 'path' | 'milestone' | 'overdue'; expected: number; milestone: PathPoint }
    | { kind: 'ahead'; expected: null; milestone: PathPoint }

export function benchmarkFor(trajectory: Trajectory, year: number): Benchmark | null {
    const targets = [point(trajectory.target2023), point(trajectory.target2030)].filter(isPoint)
    const last = targets[targets.length - 1]
    if (last === undefined) return null
    const onTarget = targets.find((t) => t.year === year)
    if (onTarget) return { kind: 'milestone', expected: onTarget.value, milestone: onTarget }
    const next = targets.find((t) => t.year > year)
    if (next === undefined) {
        // after the last target: the 2030 target stays the bar; an earlier one is overdue
        const kind = last.year >= FINAL_YEAR ? 'milestone' : 'overdue'
        return { kind, expected: last.value, milestone: last }
    }
    const base = point(trajectory.baseline)
    const known = [...(base && base.year < (targets[0]?.year ?? year) ? [base] : []), ...targets]
    const previous = known.filter((p) => p.year <= year).pop()
    if (previous === undefined) return { kind: 'ahead', expected: null, milestone: next }
    return { kind: 'path', expected: interpolate(previous, next, year), milestone: next }
}

function isPoint(p: PathPoint | null): p is PathPoint {
    return p !== null
}

/** Value expected in `year`: on the path, at a target, or an overdue target; null when there is none. */
export function expectedValue(trajectory: Trajectory, year: number): number | null {
    return benchmarkFor(trajectory, year)?.expected ?? null
}

/** The known points of the path, in year order, for drawing it: a line between each pair of neighbours. */
export function pathPoints(trajectory: Trajectory): PathPoint[][] {
    const targets = [point(trajectory.target2023), point(trajectory.target2030)].filter(isPoint)
    const base = point(trajectory.baseline)
    const first = targets[0]
    const known = [...(base && first && base.year < first.year ? [base] : []), ...targets]
    const lines: PathPoint[][] = []
    for (let i = 1; i < known.length; i++) {
        const from = known[i - 1]
        const to = known[i]
        if (from && to) lines.push([from, to])
    }
    return lines
}
