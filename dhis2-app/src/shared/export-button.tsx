import i18n from '@dhis2/d2-i18n'
import { Button } from '@dhis2/ui'
import React from 'react'

export interface ExportButtonProps {
    /** Builds the file content when clicked (not on every render). */
    content: () => string
    fileName: string
    disabled?: boolean
}

/** Downloads the scorecard as a CSV file. */
export const ExportButton = ({ content, fileName, disabled }: ExportButtonProps) => {
    const download = () => {
        const url = URL.createObjectURL(new Blob([content()], { type: 'text/csv;charset=utf-8' }))
        const link = document.createElement('a')
        link.href = url
        link.download = fileName
        document.body.appendChild(link)
        link.click()
        link.remove()
        setTimeout(() => URL.revokeObjectURL(url), 1000)
    }
    return (
        <Button small onClick={download} disabled={disabled} dataTest="export-csv">
            {i18n.t('Export CSV')}
        </Button>
    )
}
