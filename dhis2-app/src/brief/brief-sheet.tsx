import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { CompletenessSummary } from '../completeness/completeness-summary'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'
import type { ScorecardRow } from '../progress/scorecard-model'
import { missesOverdueTarget } from '../progress/scorecard-model'
import { StatusBadge } from '../ui/status-badge'
import { PrivateShare } from '../sector-share/private-share'
import type { SectorShare } from '../progress/sector-split'
import { CountTargetElsewhere, TargetValue } from '../ui/target-value'
import { formatNumber, uiLocale } from '../shared/format'
import { localized, nationalSurveyLabel } from '../progress/labels'
import { placePhrase } from '../shared/place'
import { trajectorySummary } from '../progress/trajectory-summary'
import classes from './brief.module.css'
import type { DataSource } from './data-source'
import { furthestBehind } from './furthest-behind'

export interface BriefSheetProps {
    unit: Pick<OrgUnitWithFamily, 'name' | 'level'>
    country: string
    year: number
    rows: ScorecardRow[]
    /** Private share of each routine indicator's numerator, by plan code. */
    shares: Map<string, SectorShare | null>
    /** Private data sets' reports for the org unit and year; null while unknown. */
    completeness: { actual: number; expected: number; rate: number | null } | null
    source: DataSource
    printedAt: Date
    /** The running year: reports are still arriving, so statuses are provisional, not coloured as final. */
    provisional?: boolean
}

function formatDate(date: Date, withTime = false): string {
    return new Intl.DateTimeFormat(uiLocale(), {
        dateStyle: 'long',
        ...(withTime ? { timeStyle: 'short' } : {}),
    }).format(date)
}

/** The one-page brief for the district meeting: what a printed A4 sheet shows, in the UI language. */
export const BriefSheet = ({
    unit,
    country,
    year,
    rows,
    shares,
    completeness,
    source,
    printedAt,
    provisional = false,
}: BriefSheetProps) => {
    const place = placePhrase(unit)
    const focus = furthestBehind(rows)
    return (
        <article className={classes.sheet} aria-labelledby="brief-title" data-test="brief-sheet">
            <header className={classes.header}>
                <p className={classes.kicker}>{i18n.t('MAP/ODD-3 brief for the district meeting')}</p>
                <h2 id="brief-title" className={classes.title} data-test="brief-title">
                    {i18n.t('{{orgUnit}}, {{year}}', { orgUnit: unit.name, year })}
                </h2>
                <p className={classes.meta}>
                    {i18n.t('Printed on {{date}}', { date: formatDate(printedAt) })}
                </p>
                {provisional && (
                    <p className={classes.provisional} data-test="brief-incomplete-year">
                        {i18n.t(
                            'current year, incomplete — reports are still arriving, statuses are provisional'
                        )}
                    </p>
                )}
            </header>

            <section className={classes.section} data-test="brief-focus">
                <h3 className={classes.sectionTitle}>{i18n.t('Indicators furthest behind their path')}</h3>
                {focus.length === 0 ? (
                    <p>{i18n.t('No indicator is behind its path {{place}} in {{year}}.', { place, year })}</p>
                ) : (
                    <ol className={classes.focus}>
                        {focus.map((row) => (
                            <li
                                key={row.target.code}
                                data-test="brief-focus-item"
                                data-code={row.target.code}
                            >
                                <strong>{localized(row.target.name)}</strong>{' '}
                                <StatusBadge status={row.status} provisional={provisional} />
                                <p className={classes.sentence}>
                                    {trajectorySummary(row, unit.name, country, place)}
                                </p>
                            </li>
                        ))}
                    </ol>
                )}
            </section>

            {/* before the table: its warning speaks of the private share shown below */}
            {completeness && (
                <section className={classes.section}>
                    <CompletenessSummary {...completeness} place={place} year={year} />
                </section>
            )}

            <section className={classes.section}>
                <h3 className={classes.sectionTitle}>
                    {i18n.t('Every indicator {{place}}, {{year}}', { place, year })}
                </h3>
                <table className={classes.table} data-test="brief-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t('Indicator')}</th>
                            <th scope="col" className={classes.number}>
                                {i18n.t('Actual {{year}}', { year })}
                            </th>
                            <th scope="col" className={classes.number}>
                                {i18n.t('Expected on the path')}
                            </th>
                            <th scope="col" className={classes.number}>
                                {i18n.t('Target 2023')}
                            </th>
                            <th scope="col" className={classes.number}>
                                {i18n.t('Target 2030')}
                            </th>
                            <th scope="col">{i18n.t('Status')}</th>
                            <th scope="col" className={classes.number}>
                                {i18n.t('Private share')}
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.map((row) => (
                            <BriefLine
                                key={row.target.code}
                                row={row}
                                country={country}
                                share={shares.get(row.target.code) ?? null}
                                provisional={provisional}
                            />
                        ))}
                    </tbody>
                </table>
            </section>

            <footer className={classes.footer} data-test="brief-source">
                <p>
                    {i18n.t('Source — DHIS2 analytics, {{server}}.', {
                        server: source.systemName ? `${source.systemName} (${source.host})` : source.host,
                    })}{' '}
                    {source.analyticsUpdated &&
                        i18n.t('Analytics tables last generated on {{date}}.', {
                            date: formatDate(source.analyticsUpdated, true),
                        })}{' '}
                    {i18n.t(
                        'Routine values are those of {{orgUnit}}; survey values are national ({{country}}).',
                        { orgUnit: unit.name, country }
                    )}
                </p>
            </footer>
        </article>
    )
}

interface BriefLineProps {
    row: ScorecardRow
    country: string
    share: SectorShare | null
    provisional: boolean
}

const BriefLine = ({ row, country, share, provisional }: BriefLineProps) => {
    const t = row.target
    return (
        <tr data-test="brief-row" data-code={t.code}>
            <td>
                {localized(t.name)}
                <span className={classes.code}>
                    {' '}
                    · {t.code} · {localized(t.unit)}
                    {row.national && (
                        // whose the value is, beside the name: the number column stays one line high
                        <> · {nationalSurveyLabel(country, row.surveySource, row.actualYear)}</>
                    )}
                </span>
            </td>
            <td className={classes.number}>{formatNumber(row.actual, row.decimals)}</td>
            <td className={classes.number}>{formatNumber(row.expected, row.decimals)}</td>
            <td className={classes.number}>
                {row.targetElsewhere ? <CountTargetElsewhere /> : <TargetValue milestone={t.target2023} />}
            </td>
            <td className={classes.number}>
                {row.targetElsewhere ? <CountTargetElsewhere /> : <TargetValue milestone={t.target2030} />}
            </td>
            <td>
                <StatusBadge status={row.status} provisional={provisional} />
                {missesOverdueTarget(row) && (
                    <div className={classes.code}>
                        {i18n.t('{{targetYear}} target not met', { targetYear: t.target2023.year })}
                    </div>
                )}
            </td>
            <td className={classes.number}>{row.national ? '—' : <PrivateShare share={share} />}</td>
        </tr>
    )
}
