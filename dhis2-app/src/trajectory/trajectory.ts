import type { Baseline, IndicatorTarget, Milestone } from '../targets/target'

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
 * The segment that governs `year`: from the baseline to the 2023 target up to 2023, from the 2023 target
 * to the 2030 target afterwards. Null when the year is before the baseline or a bound of its segment is a
 * placeholder.
 */
export function segmentFor(trajectory: Trajectory, year: number): { from: PathPoint; to: PathPoint } | null {
    const base = point(trajectory.baseline)
    const mid = point(trajectory.target2023)
    const end = point(trajectory.target2030)
    if (year <= trajectory.target2023.year) {
        if (base === null || mid === null || year < base.year) return null
        return { from: base, to: mid }
    }
    if (mid === null || end === null) return null
    return { from: mid, to: end }
}

/** Value expected on the path in `year` (the 2030 target after 2030); null when the plan sets none. */
export function expectedValue(trajectory: Trajectory, year: number): number | null {
    const segment = segmentFor(trajectory, year)
    if (segment === null) return null
    if (year >= segment.to.year) return segment.to.value
    return interpolate(segment.from, segment.to, year)
}

/** The milestone a year is judged against: the 2023 target up to 2023, the 2030 target afterwards. */
export function milestoneFor(trajectory: Trajectory, year: number): Milestone {
    return year <= trajectory.target2023.year ? trajectory.target2023 : trajectory.target2030
}

/** The known points of the path, in year order, for drawing it. */
export function pathPoints(trajectory: Trajectory): PathPoint[][] {
    const base = point(trajectory.baseline)
    const mid = point(trajectory.target2023)
    const end = point(trajectory.target2030)
    const lines: PathPoint[][] = []
    if (base && mid && base.year <= mid.year) lines.push([base, mid])
    if (mid && end) lines.push([mid, end])
    return lines
}
