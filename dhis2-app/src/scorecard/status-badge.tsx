import React from 'react'
import { statusLabel } from '../shared/labels'
import type { ProgressStatus } from './status'
import classes from './status-badge.module.css'

export interface StatusBadgeProps {
    status: ProgressStatus
}

/** The status as text on a colour; "no target" and "no data" are deliberately colourless. */
export const StatusBadge = ({ status }: StatusBadgeProps) => (
    <span className={`${classes.badge} ${classes[status] ?? ''}`} data-test="status" data-status={status}>
        {statusLabel(status)}
    </span>
)
