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
import type { SectorShare } from '../sector-share/sector-split'
import { PrivateShare } from '../sector-share/private-share'
import { formatNumber } from '../shared/format'
import { localized, nationalSurveyLabel } from '../shared/labels'
import { missesOverdueTarget, type ScorecardRow } from './scorecard-model'
import classes from './scorecard-table.module.css'
import { Sparkline } from './sparkline'
import { StatusBadge } from './status-badge'
import { CountTargetElsewhere, TargetValue } from './target-value'

export interface ScorecardTableProps {
    rows: ScorecardRow[]
    year: number
    /** The country's name: survey values are national and are labelled as the country's. */
    country: string
    /** Plan code of the indicator opened in detail. */
    selectedCode: string | null
    /** Link (URL hash) that opens an indicator in detail. */
    hrefFor: (code: string) => string
    /** Private share of each routine indicator's numerator, by plan code. */
    shares: Map<string, SectorShare | null>
}

/** Every MAP/ODD-3 indicator for the selected org unit and year. */
export const ScorecardTable = ({
    rows,
    year,
    country,
    selectedCode,
    hrefFor,
    shares,
}: ScorecardTableProps) => (
    <DataTable layout="auto" dataTest="scorecard-table">
        <DataTableHead>
            <DataTableRow>
                <DataTableColumnHeader>{i18n.t('Indicator')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Baseline')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">
                    {i18n.t('Actual {{year}}', { year })}
                </DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Expected on the path')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Target 2023')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Target 2030')}</DataTableColumnHeader>
                <DataTableColumnHeader>{i18n.t('Status')}</DataTableColumnHeader>
                <DataTableColumnHeader>{i18n.t('Trend')}</DataTableColumnHeader>
                <DataTableColumnHeader align="right">{i18n.t('Private share')}</DataTableColumnHeader>
            </DataTableRow>
        </DataTableHead>
        <DataTableBody>
            {rows.map((row) => (
                <ScorecardLine
                    key={row.target.code}
                    row={row}
                    country={country}
                    selected={row.target.code === selectedCode}
                    href={hrefFor(row.target.code)}
                    share={shares.get(row.target.code) ?? null}
                />
            ))}
        </DataTableBody>
    </DataTable>
)

interface ScorecardLineProps {
    row: ScorecardRow
    country: string
    selected: boolean
    href: string
    share: SectorShare | null
}

const ScorecardLine = ({ row, country, selected, href, share }: ScorecardLineProps) => {
    const { target } = row
    const survey = row.national
    return (
        <DataTableRow selected={selected} dataTest="scorecard-row">
            <DataTableCell>
                <a className={classes.name} href={href} data-test="indicator-link" data-code={target.code}>
                    {localized(target.name)}
                </a>
                <div className={classes.meta}>
                    {target.code} · {localized(target.unit)}
                    {target.override && (
                        <span className={classes.override}> · {i18n.t('target adjusted by a planner')}</span>
                    )}
                </div>
            </DataTableCell>
            <DataTableCell align="right">
                {formatNumber(target.baseline.value)}
                {target.baseline.year !== null && <div className={classes.meta}>{target.baseline.year}</div>}
            </DataTableCell>
            <DataTableCell align="right">
                <span
                    data-test="actual"
                    data-code={target.code}
                    data-source={survey ? 'survey' : 'routine'}
                    data-value={row.actual ?? ''}
                >
                    {formatNumber(row.actual, row.decimals)}
                </span>
                {survey && (
                    // Under "Actual <year>" of a region or district, a survey value must not read as its own.
                    <div className={classes.meta} data-test="survey-source" data-scope="national">
                        {nationalSurveyLabel(country, row.surveySource, row.actualYear)}
                    </div>
                )}
                {survey && row.proxyValue !== null && (
                    <div className={classes.meta} data-test="routine-proxy">
                        {i18n.t('Routine proxy (facilities only, not compared) {{value}}', {
                            value: formatNumber(row.proxyValue, row.decimals),
                        })}
                    </div>
                )}
            </DataTableCell>
            <DataTableCell align="right">{formatNumber(row.expected, row.decimals)}</DataTableCell>
            <DataTableCell align="right">
                {row.targetElsewhere ? (
                    <CountTargetElsewhere />
                ) : (
                    <TargetValue milestone={target.target2023} />
                )}
            </DataTableCell>
            <DataTableCell align="right">
                {row.targetElsewhere ? (
                    <CountTargetElsewhere />
                ) : (
                    <TargetValue milestone={target.target2030} />
                )}
            </DataTableCell>
            <DataTableCell>
                <StatusBadge status={row.status} />
                {missesOverdueTarget(row) && (
                    <div className={classes.meta} data-test="overdue-target">
                        {i18n.t('{{targetYear}} target not met', { targetYear: target.target2023.year })}
                    </div>
                )}
            </DataTableCell>
            <DataTableCell>
                <Sparkline
                    points={row.series}
                    label={i18n.t('Trend of {{indicator}}', { indicator: localized(target.name) })}
                />
            </DataTableCell>
            <DataTableCell align="right">{survey ? '—' : <PrivateShare share={share} />}</DataTableCell>
        </DataTableRow>
    )
}
