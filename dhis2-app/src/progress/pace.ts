import type { Direction } from './target'
import { advantage } from './status'
import { FINAL_YEAR, type PathPoint } from './trajectory'

export interface Pace {
    /** Change per year needed from the latest actual to reach the 2030 target; null when it cannot be set. */
    required: number | null
    /** Average change per year over the observed actuals (first to latest); null with fewer than two. */
    observed: number | null
    /** True when the observed pace is at least the required one in the direction of progress. */
    sufficient: boolean | null
    /** True when the latest actual already meets the 2030 target. */
    alreadyMet: boolean
}

/**
 * Required yearly pace to 2030 against the pace observed so far. `actuals` are the observed points up to
 * the selected year, in any order; years without data are simply absent.
 */
export function paceTo2030(
    actuals: PathPoint[],
    target2030: number | null,
    direction: Direction,
    finalYear: number = FINAL_YEAR
): Pace {
    const series = actuals.filter((p) => Number.isFinite(p.value)).sort((a, b) => a.year - b.year)
    const first = series[0]
    const latest = series[series.length - 1]
    const observed =
        first && latest && latest.year > first.year
            ? (latest.value - first.value) / (latest.year - first.year)
            : null
    if (latest === undefined || target2030 === null) {
        return { required: null, observed, sufficient: null, alreadyMet: false }
    }
    const alreadyMet = advantage(direction, latest.value, target2030) >= 0
    if (alreadyMet) return { required: 0, observed, sufficient: true, alreadyMet }
    if (latest.year >= finalYear) return { required: null, observed, sufficient: false, alreadyMet }
    const required = (target2030 - latest.value) / (finalYear - latest.year)
    const sufficient = observed === null ? null : advantage(direction, observed, required) >= 0
    return { required, observed, sufficient, alreadyMet }
}
