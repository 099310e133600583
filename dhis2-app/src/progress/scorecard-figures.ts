import type { RankedChild, ScorecardRow } from './scorecard-model'
import type { PrivateCompleteness, SectorShare } from './sector-split'
import type { IndicatorTarget } from './target'

/** A child org unit judged on one indicator, with its private share and completeness. */
export type JudgedChild = RankedChild & { share: SectorShare | null; completeness: number | null }

/**
 * What the scorecard has worked out for one org unit and year, handed to the views built on the same figures
 * (the overview grid, the printed brief) so that they show exactly what the scorecard shows, without a request.
 */
export interface ScorecardFigures {
    year: number
    /** The running year: its figures are provisional. */
    provisional: boolean
    targets: IndicatorTarget[]
    rows: ScorecardRow[]
    /** Private share per indicator code; null where it could not be computed. */
    shares: Map<string, SectorShare | null>
    /** Null until the sector split is in. */
    completeness: PrivateCompleteness | null
    /** The org unit's children judged on one indicator, from the most worrying. */
    childrenFor: (code: string) => JudgedChild[]
}
