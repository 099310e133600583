import { CircularLoader } from '@dhis2/ui'
import React from 'react'

export interface LoadingStateProps {
    /** What is being loaded, said to the user (slow links make waits long). */
    label: string
}

export const LoadingState = ({ label }: LoadingStateProps) => (
    <div
        role="status"
        aria-live="polite"
        data-test="loading"
        style={{ display: 'flex', alignItems: 'center', gap: 12, padding: 24 }}
    >
        <CircularLoader small />
        <span>{label}</span>
    </div>
)
