import React, { lazy, Suspense } from 'react'
import type { ScorecardActionsContext } from './scorecard/scorecard-page'

// Their own chunks, fetched once the scorecard's figures are in: none is needed for the first view.
const BriefButton = lazy(() => import('./brief/brief-button'))
const OverviewButton = lazy(() => import('./overview/overview-button'))

/**
 * The views built on the scorecard's figures, offered from its toolbar. Wired here, above the features, so
 * that the scorecard does not import the overview or the brief and neither of them imports the scorecard.
 */
export const scorecardActions = ({ figures, unit, country }: ScorecardActionsContext) => (
    <Suspense fallback={null}>
        <OverviewButton figures={figures} unit={unit} />
        <BriefButton figures={figures} unit={unit} country={country} />
    </Suspense>
)
