import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { statusLabel } from '../progress/labels'
import type { ProgressStatus } from '../progress/status'
import classes from './status-badge.module.css'

export interface StatusBadgeProps {
    status: ProgressStatus
    /**
     * A status of the running year: reports are still arriving, so it is written as provisional and drawn
     * without the colour of a final result.
     */
    provisional?: boolean
}

/** The status as text on a colour; "no target" and "no data" are deliberately colourless. */
export const StatusBadge = ({ status, provisional = false }: StatusBadgeProps) => (
    <span
        className={`${classes.badge} ${provisional ? classes.provisional : (classes[status] ?? '')}`}
        data-test="status"
        data-status={status}
        data-provisional={provisional ? 'true' : undefined}
    >
        {provisional
            ? i18n.t('{{status}} (provisional)', { status: statusLabel(status) })
            : statusLabel(status)}
    </span>
)
