import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { formatNumber } from '../shared/format'
import type { Milestone } from '../progress/target'

export interface TargetValueProps {
    milestone: Milestone
}

/** A target of the plan, or a plain statement that the plan left it open ("XX"). */
export const TargetValue = ({ milestone }: TargetValueProps) =>
    milestone.value === null ? (
        <span data-test="placeholder-target" title={i18n.t('The plan writes "XX", no target set yet')}>
            {i18n.t('XX (not set)')}
        </span>
    ) : (
        <span>{formatNumber(milestone.value)}</span>
    )

/** A count's target set for another org unit: counts are never compared across levels, so none is shown. */
export const CountTargetElsewhere = () => (
    <span
        data-test="count-target-elsewhere"
        title={i18n.t('Count target set for another level, not compared here')}
    >
        —
    </span>
)
