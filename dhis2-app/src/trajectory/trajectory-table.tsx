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
import { formatNumber } from '../shared/format'
import type { PathPoint } from './trajectory'

export interface TrajectoryTableProps {
    /** Years shown, oldest first. */
    years: number[]
    actuals: PathPoint[]
    /** Value on the target path per year (null where the plan sets none). */
    expected: (year: number) => number | null
    decimals: number
}

/** The chart's table twin: the same figures, readable without the picture. */
export const TrajectoryTable = ({ years, actuals, expected, decimals }: TrajectoryTableProps) => (
    <DataTable layout="auto" dataTest="trajectory-table">
        <DataTableHead>
            <DataTableRow>
                <DataTableColumnHeader>{i18n.t('Year')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Actual')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Expected on the path')}</DataTableColumnHeader>
            </DataTableRow>
        </DataTableHead>
        <DataTableBody>
            {years.map((year) => (
                <DataTableRow key={year}>
                    <DataTableCell>{year}</DataTableCell>
                    <DataTableCell align="right">
                        {formatNumber(actuals.find((p) => p.year === year)?.value ?? null, decimals)}
                    </DataTableCell>
                    <DataTableCell align="right">{formatNumber(expected(year), decimals)}</DataTableCell>
                </DataTableRow>
            ))}
        </DataTableBody>
    </DataTable>
)
