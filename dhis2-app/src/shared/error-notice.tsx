import React from 'react'
import type { UserFacingError } from './errors'
import { Notice } from './notice'

export interface ErrorNoticeProps {
    /** The error as mapped by `toUserFacingError`. */
    error: UserFacingError
    /** A warning keeps the rest of the page usable; an error replaces it. */
    warning?: boolean
}

export const ErrorNotice = ({ error, warning = false }: ErrorNoticeProps) => (
    <div data-test="error-notice" data-kind={error.kind} style={{ margin: '8px 0' }}>
        <Notice error={!warning} warning={warning} title={error.title}>
            {error.message}
        </Notice>
    </div>
)
