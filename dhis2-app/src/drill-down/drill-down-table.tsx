import i18n from '@dhis2/d2-i18n'
import {
    DataTable,
    DataTableBody,
    DataTableCell,
    DataTableColumnHeader,
    DataTableHead,
    DataTableRow,
} from '@dhis2/ui'
import React from 'react'
import type { RankedChild } from '../progress/scorecard-model'
import { StatusBadge } from '../ui/status-badge'
import type { SectorShare } from '../progress/sector-split'
import { PrivateShare } from '../sector-share/private-share'
import { formatNumber, formatPercent, formatSigned } from '../shared/format'

export interface DrillDownChild extends RankedChild {
    share: SectorShare | null
    /** Private data sets' completeness in percent (null when none expected). */
    completeness: number | null
}

export interface DrillDownTableProps {
    /**
     * Already ranked, most worrying first. Routine indicators only: a survey value is national, so the page
     * says so instead of repeating it on every child as if it were theirs.
     */
    children: DrillDownChild[]
    /** Link (URL hash) that opens a child. */
    hrefFor: (id: string) => string
    indicatorName: string
    /** The running year: statuses are provisional, not coloured as final. */
    provisional?: boolean
}

/** The children of the selected org unit on one indicator, most worrying first; one click goes down. */
export const DrillDownTable = ({
    children,
    hrefFor,
    indicatorName,
    provisional = false,
}: DrillDownTableProps) => (
    <DataTable layout="auto" dataTest="drill-down-table">
        <DataTableHead>
            <DataTableRow>
                <DataTableColumnHeader>{i18n.t('Organisation unit')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{indicatorName}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Expected on the path')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Gap to the path')}</DataTableColumnHeader>
                <DataTableColumnHeader>{i18n.t('Status')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Private share')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">
                    {i18n.t('Private reports received')}
                </DataTableColumnHeader>
            </DataTableRow>
        </DataTableHead>
        <DataTableBody>
            {children.map((child) => (
                <DataTableRow key={child.id} dataTest="drill-down-row">
                    <DataTableCell>
                        <a href={hrefFor(child.id)} data-test="child-link" data-id={child.id}>
                            {child.name}
                        </a>
                    </DataTableCell>
                    <DataTableCell align="right">
                        <span data-test="child-actual" data-id={child.id} data-value={child.row.actual ?? ''}>
                            {formatNumber(child.row.actual, child.row.decimals)}
                        </span>
                    </DataTableCell>
                    <DataTableCell align="right">
                        {formatNumber(child.row.expected, child.row.decimals)}
                    </DataTableCell>
                    <DataTableCell align="right">
                        {formatSigned(child.row.gap, child.row.decimals)}
                    </DataTableCell>
                    <DataTableCell>
                        <StatusBadge status={child.row.status} provisional={provisional} />
                    </DataTableCell>
                    <DataTableCell align="right">
                        <PrivateShare share={child.share} />
                    </DataTableCell>
                    <DataTableCell align="right">{formatPercent(child.completeness, 0)}</DataTableCell>
                </DataTableRow>
            ))}
        </DataTableBody>
    </DataTable>
)
