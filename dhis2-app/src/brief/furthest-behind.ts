import type { ScorecardRow } from '../progress/scorecard-model'
import { STATUS_RANK } from '../progress/status'

/** How many indicators the brief singles out for the meeting. */
export const BRIEF_FOCUS_COUNT = 3

/**
 * Shortfall relative to the value expected on the path: gaps are in each indicator's own unit (percent,
 * cases per 1,000…), so only a relative gap compares a coverage with an incidence.
 */
export function relativeShortfall(row: Pick<ScorecardRow, 'gap' | 'expected'>): number {
    if (row.gap === null || row.expected === null) return 0
    const shortfall = Math.max(0, -row.gap)
    const scale = Math.abs(row.expected)
    return scale > 0 ? shortfall / scale : shortfall > 0 ? Number.POSITIVE_INFINITY : 0
}

/**
 * The indicators furthest behind their path, worst first: only those judged behind or off track (gone back
 * below the baseline comes before merely late), then by shortfall relative to the value expected, then by
 * code so the order never depends on the catalogue's. Fewer than `count` when fewer are behind.
 */
export function furthestBehind(rows: readonly ScorecardRow[], count = BRIEF_FOCUS_COUNT): ScorecardRow[] {
    return rows
        .filter((r) => !r.targetElsewhere && (r.status === 'off-track' || r.status === 'behind'))
        .sort((a, b) => {
            const byStatus = STATUS_RANK[a.status] - STATUS_RANK[b.status]
            if (byStatus !== 0) return byStatus
            const byShortfall = relativeShortfall(b) - relativeShortfall(a)
            if (byShortfall !== 0 && !Number.isNaN(byShortfall)) return byShortfall
            return a.target.code.localeCompare(b.target.code)
        })
        .slice(0, count)
}
