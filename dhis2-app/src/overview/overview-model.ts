import type { OrgUnitRef } from '../shared/use-org-unit'
import { isNationalSurvey, type RankedChild, type ScorecardRow } from '../progress/scorecard-model'
import type { IndicatorTarget } from '../progress/target'

/** One line of the overview: a child org unit judged on every routine indicator. */
export interface OverviewLine {
    id: string
    name: string
    /** By plan code; absent when the child was not judged on that indicator. */
    cells: Map<string, ScorecardRow>
    /** Private data sets' completeness in percent, null when none was expected. */
    completeness: number | null
}

export interface OverviewGrid {
    /** Routine indicators, in catalogue order: the columns. */
    columns: IndicatorTarget[]
    /** Survey indicators: national values, so they have no column (repeating them would pass them off as the child's). */
    national: IndicatorTarget[]
    /** The children, in the order given (by name). */
    lines: OverviewLine[]
}

/**
 * Pivots the drill-down's judgements (one ranked list of children per indicator, computed by the
 * scorecard's own `childrenFor`, hence the same status rule and the same single analytics request) into a
 * grid of children × indicators.
 */
export function overviewGrid(
    targets: readonly IndicatorTarget[],
    children: readonly OrgUnitRef[],
    childrenFor: (code: string) => Array<RankedChild & { completeness: number | null }>
): OverviewGrid {
    const columns = targets.filter((t) => !isNationalSurvey(t))
    const national = targets.filter((t) => isNationalSurvey(t))
    const lines = new Map<string, OverviewLine>(
        children.map((c) => [c.id, { id: c.id, name: c.name, cells: new Map(), completeness: null }])
    )
    for (const target of columns) {
        for (const judged of childrenFor(target.code)) {
            const line = lines.get(judged.id)
            if (!line) continue
            line.cells.set(target.code, judged.row)
            line.completeness = judged.completeness
        }
    }
    return { columns, national, lines: [...lines.values()] }
}
