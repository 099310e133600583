import i18n from '@dhis2/d2-i18n'
import {
    Button,
    DataTable,
    DataTableBody,
    DataTableCell,
    DataTableColumnHeader,
    DataTableHead,
    DataTableRow,
} from '@dhis2/ui'
import React from 'react'
import { ErrorNotice } from '../shared/error-notice'
import { LoadingState } from '../shared/loading-state'
import { downloadText } from '../shared/download'
import { historyCsv, outcomeLabel, recordSummary } from './history'
import { formatWhen } from './save-messages'
import classes from './target-editor.module.css'
import type { HistoryState } from './use-history'

export interface HistoryPanelProps {
    code: string
    history: HistoryState
    orgUnitName: (id: string | null) => string
}

/** « Historique »: every save attempt for the indicator, newest first, who and when from DHIS2. */
export const HistoryPanel = ({ code, history, orgUnitName }: HistoryPanelProps) => (
    <section className={classes.section} data-test="history-panel">
        <h3>{i18n.t('History')}</h3>
        {history.error && <ErrorNotice error={history.error} warning />}
        {history.loading && history.items.length === 0 ? (
            <LoadingState label={i18n.t('Loading the history…')} />
        ) : history.items.length === 0 ? (
            <p data-test="history-empty">{i18n.t('No change recorded for this indicator yet.')}</p>
        ) : (
            <>
                <div className={classes.tableScroll}>
                    <DataTable>
                        <DataTableHead>
                            <DataTableRow>
                                <DataTableColumnHeader>{i18n.t('Date')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('User')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('Level')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('Outcome')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('Old value')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('New value')}</DataTableColumnHeader>
                                <DataTableColumnHeader>{i18n.t('Reason')}</DataTableColumnHeader>
                            </DataTableRow>
                        </DataTableHead>
                        <DataTableBody>
                            {history.items.map((item) => (
                                <DataTableRow key={item.key} dataTest="history-row">
                                    <DataTableCell>{formatWhen(item.at)}</DataTableCell>
                                    <DataTableCell dataTest="history-user">
                                        {item.by?.name ?? '—'}
                                    </DataTableCell>
                                    <DataTableCell>{orgUnitName(item.entry.orgUnit)}</DataTableCell>
                                    <DataTableCell dataTest="history-outcome">
                                        <span data-outcome={item.entry.outcome}>
                                            {outcomeLabel(item.entry.outcome)}
                                        </span>
                                    </DataTableCell>
                                    <DataTableCell>{recordSummary(item.entry.old) || '—'}</DataTableCell>
                                    <DataTableCell>{recordSummary(item.entry.new) || '—'}</DataTableCell>
                                    <DataTableCell>{item.entry.reason}</DataTableCell>
                                </DataTableRow>
                            ))}
                        </DataTableBody>
                    </DataTable>
                </div>
                <Button
                    small
                    dataTest="export-history"
                    onClick={() =>
                        downloadText(historyCsv(history.items, orgUnitName), `odd3-historique-${code}.csv`)
                    }
                >
                    {i18n.t('Export the history as CSV')}
                </Button>
            </>
        )}
    </section>
)
