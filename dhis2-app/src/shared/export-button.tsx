import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React from 'react'
import { downloadText } from './download'

export interface ExportButtonProps {
    /** Builds the file content when clicked (not on every render). */
    content: () => string
    fileName: string
    disabled?: boolean
}

/** Downloads the scorecard as a CSV file. */
export const ExportButton = ({ content, fileName, disabled }: ExportButtonProps) => {
    return (
        <Button
            small
            onClick={() => downloadText(content(), fileName)}
            disabled={disabled}
            dataTest="export-csv"
        >
            {i18n.t('Export CSV')}
        </Button>
    )
}
