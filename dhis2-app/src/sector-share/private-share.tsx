import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { formatNumber, formatPercent } from '../shared/format'
import type { SectorShare } from '../progress/sector-split'

export interface PrivateShareProps {
    /** Null when the indicator has no numerator to split (survey values). */
    share: SectorShare | null
}

/** The private sector's share of the numerator, with the counts it comes from. */
export const PrivateShare = ({ share }: PrivateShareProps) => {
    if (share === null) return <span data-test="private-share">—</span>
    const title = i18n.t('{{private}} of {{total}} from private facilities', {
        private: formatNumber(share.private, 0),
        total: formatNumber(share.total, 0),
    })
    return (
        <span data-test="private-share" data-value={share.privateShare ?? ''} title={title}>
            {formatPercent(share.privateShare ?? (share.total === 0 ? null : 0))}
        </span>
    )
}
