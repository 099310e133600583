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
import { nationalLabel } from '../progress/labels'
import type { SurveyValue } from '../progress/target'
import type { PathPoint } from '../progress/trajectory'

export interface TrajectoryTableProps {
    /** Years shown, oldest first. */
    years: number[]
    actuals: PathPoint[]
    /** Value on the target path per year (null where the plan sets none). */
    expected: (year: number) => number | null
    decimals: number
    /**
     * For a survey indicator: the country the values are for and the surveys they come from, so that the
     * table says they are national figures, not the selected org unit's.
     */
    survey?: { country: string; values: readonly SurveyValue[] }
}

/** The chart's table twin: the same figures, readable without the picture. */
export const TrajectoryTable = ({ years, actuals, expected, decimals, survey }: TrajectoryTableProps) => (
    <DataTable layout="auto" dataTest="trajectory-table">
        <DataTableHead>
            <DataTableRow>
                <DataTableColumnHeader>{i18n.t('Year')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">
                    {survey
                        ? i18n.t('Actual, {{place}}', {
                              place: nationalLabel(survey.country),
                          })
                        : i18n.t('Actual')}
                </DataTableColumnHeader>
                {survey && <DataTableColumnHeader>{i18n.t('Survey')}</DataTableColumnHeader>}
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
                    {survey && (
                        <DataTableCell>
                            {survey.values.find((v) => v.year === year)?.source ?? ''}
                        </DataTableCell>
                    )}
                    <DataTableCell align="right">{formatNumber(expected(year), decimals)}</DataTableCell>
                </DataTableRow>
            ))}
        </DataTableBody>
    </DataTable>
)
