import React from 'react'
import { OrgUnitFallbackNotice, PartialFailureNotice } from '../shared/notices'
import type { ScorecardView } from './use-scorecard'

/** The notices above the scorecard: the org unit of the link replaced, or a part that could not be loaded. */
export const ScorecardNotices = ({ view }: { view: ScorecardView }) => {
    const own = view.me.data?.orgUnits[0]
    const privateShareError = view.actuals.error ? null : (view.metadata.error ?? view.split.error)
    return (
        <>
            {view.fallbackNotice && own && (
                <OrgUnitFallbackNotice reason={view.fallbackNotice} ownName={own.displayName} />
            )}
            {view.targets.error && <PartialFailureNotice part="targets" error={view.targets.error} />}
            {privateShareError && <PartialFailureNotice part="private-share" error={privateShareError} />}
        </>
    )
}
