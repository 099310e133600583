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
import type { SectorShare } from '../progress/sector-split'
import { PrivateShare } from '../sector-share/private-share'
import { formatNumber } from '../shared/format'
import { localized, nationalSurveyLabel, originLabel } from '../progress/labels'
import type { TargetOrigin } from '../progress/target'
import { missesOverdueTarget, type ScorecardRow } from '../progress/scorecard-model'
import classes from './scorecard-table.module.css'
import pageClasses from './scorecard-page.module.css'
import { Sparkline } from './sparkline'
import { StatusBadge } from '../ui/status-badge'
import { CountTargetElsewhere, TargetValue } from '../ui/target-value'

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
    /** The running year: statuses are provisional, not coloured as final. */
    provisional?: boolean
}

/** Every MAP/ODD-3 indicator for the selected org unit and year. */
export const ScorecardTable = ({
    rows,
    year,
    country,
    selectedCode,
    hrefFor,
    shares,
    provisional = false,
}: ScorecardTableProps) => (
    <DataTable layout="auto" dataTest="scorecard-table">
        {/* Named for table navigation (a screen reader lists tables by caption), like the heading above it. */}
        <caption className={pageClasses.visuallyHidden}>{i18n.t('Indicators')}</caption>
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
                    provisional={provisional}
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
    provisional: boolean
}

const ScorecardLine = ({ row, country, selected, href, share, provisional }: ScorecardLineProps) => {
    const { target } = row
    const survey = row.national
    const rowOrigin = mostSpecific([
        target.origin.baseline,
        target.origin.target2023,
        target.origin.target2030,
    ])
    return (
        <DataTableRow selected={selected} dataTest="scorecard-row">
            <DataTableCell>
                <a
                    className={selected ? `${classes.name} ${classes.selected}` : classes.name}
                    href={href}
                    aria-current={selected ? 'true' : undefined}
                    data-test="indicator-link"
                    data-code={target.code}
                >
                    {localized(target.name)}
                </a>
                <div className={classes.meta}>
                    {target.code} · {localized(target.unit)}
                    {!row.targetElsewhere && (
                        <>
                            {' · '}
                            <span
                                className={classes.origin}
                                data-test="target-origin"
                                data-origin={rowOrigin.orgUnit?.id ?? 'national'}
                            >
                                {originLabel(rowOrigin)}
                            </span>
                        </>
                    )}
                </div>
                <IndicatorNotes row={row} />
            </DataTableCell>
            <DataTableCell align="right">
                {formatNumber(target.baseline.value)}
                {target.baseline.year !== null && <div className={classes.meta}>{target.baseline.year}</div>}
                <CellOrigin
                    origin={target.origin.baseline}
                    row={rowOrigin}
                    hidden={row.targetElsewhere || target.baseline.value === null}
                />
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
            <DataTableCell align="right">
                {formatNumber(row.expected, row.decimals)}
                {survey && row.expected !== null && (
                    // A survey row is judged in its survey's year, not the selected one: say which.
                    <div className={classes.meta} data-test="expected-year">
                        {i18n.t('expected in {{year}}', { year: row.actualYear })}
                    </div>
                )}
            </DataTableCell>
            <DataTableCell align="right">
                {row.targetElsewhere ? (
                    <CountTargetElsewhere />
                ) : (
                    <>
                        <TargetValue milestone={target.target2023} />
                        <CellOrigin origin={target.origin.target2023} row={rowOrigin} />
                    </>
                )}
            </DataTableCell>
            <DataTableCell align="right">
                {row.targetElsewhere ? (
                    <CountTargetElsewhere />
                ) : (
                    <>
                        <TargetValue milestone={target.target2030} />
                        <CellOrigin origin={target.origin.target2030} row={rowOrigin} />
                    </>
                )}
            </DataTableCell>
            <DataTableCell>
                <StatusBadge status={row.status} provisional={provisional} />
                {missesOverdueTarget(row) && (
                    <div className={classes.meta} data-test="overdue-target">
                        {i18n.t('{{targetYear}} target not met', { targetYear: target.target2023.year })}
                    </div>
                )}
            </DataTableCell>
            <DataTableCell>
                <Sparkline points={row.series} label={trendDescription(row)} />
            </DataTableCell>
            <DataTableCell align="right">{survey ? '—' : <PrivateShare share={share} />}</DataTableCell>
        </DataTableRow>
    )
}

/** The sparkline in words, for screen readers: where the series starts and ends. */
function trendDescription(row: ScorecardRow): string {
    const indicator = localized(row.target.name)
    const points = [...row.series].sort((a, b) => a.year - b.year)
    const first = points[0]
    const last = points[points.length - 1]
    if (first === undefined || last === undefined || points.length < 2) {
        return i18n.t('Trend of {{indicator}} not available (fewer than two values)', { indicator })
    }
    return i18n.t('Trend of {{indicator}} from {{first}} in {{firstYear}} to {{last}} in {{lastYear}}', {
        indicator,
        first: formatNumber(first.value, row.decimals),
        firstYear: first.year,
        last: formatNumber(last.value, row.decimals),
        lastYear: last.year,
    })
}

const sameOrigin = (a: TargetOrigin, b: TargetOrigin) => (a.orgUnit?.id ?? null) === (b.orgUnit?.id ?? null)

/** The most local origin among a row's fields: the row is labelled with it. */
function mostSpecific(origins: TargetOrigin[]): TargetOrigin {
    return origins.reduce((best, o) => ((o.orgUnit?.level ?? 1) > (best.orgUnit?.level ?? 1) ? o : best))
}

/** A field inherited from another level than the row's label says (a region changed one target only). */
const CellOrigin = ({
    origin,
    row,
    hidden = false,
}: {
    origin: TargetOrigin
    row: TargetOrigin
    hidden?: boolean
}) =>
    hidden || sameOrigin(origin, row) ? null : (
        <div className={classes.meta} data-test="cell-origin" data-origin={origin.orgUnit?.id ?? 'national'}>
            {originLabel(origin)}
        </div>
    )

/** The catalogue's caveat and the planner's note, next to the figure they qualify. */
const IndicatorNotes = ({ row }: { row: ScorecardRow }) => {
    const { notes, plannerNote } = row.target
    if (notes === null && plannerNote === null) return null
    return (
        <details className={classes.notes} data-test="indicator-notes">
            <summary>{i18n.t('Note')}</summary>
            {notes !== null && <p data-test="catalogue-note">{localized(notes)}</p>}
            {plannerNote !== null && (
                <p data-test="planner-note">
                    {i18n.t('Planners ({{origin}}) — {{note}}', {
                        origin: originLabel(plannerNote.origin),
                        note: localized(plannerNote.text),
                    })}
                </p>
            )}
        </details>
    )
}
