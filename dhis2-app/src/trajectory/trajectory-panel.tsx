import i18n from '@dhis2/d2-i18n'
import React, { useId } from 'react'
import type { ScorecardRow } from '../progress/scorecard-model'
import { localized, nationalLabel } from '../progress/labels'
import { paceTo2030 } from '../progress/pace'
import { expectedValue, pathPoints, trajectoryOf } from '../progress/trajectory'
import { TrajectoryChart } from './trajectory-chart'
import classes from './trajectory-panel.module.css'
import { paceSummary, trajectorySummary } from '../progress/trajectory-summary'
import { TrajectoryTable } from './trajectory-table'

export interface TrajectoryPanelProps {
    row: ScorecardRow
    orgUnitName: string
    /** The org unit as a sentence places it (`placePhrase`). */
    orgUnitPlace: string
    /** The country's name: survey values are national and are labelled as the country's. */
    country: string
    /** Selected year. */
    year: number
    /** Years that can be shown (the table lists those with an actual or a path value). */
    years: readonly number[]
    /** The selected year is the running one: its figures are not final. */
    provisional?: boolean
}

/** Chart of the actuals against the target path, its table twin, a summary sentence and the pace to 2030. */
export const TrajectoryPanel = ({
    row,
    orgUnitName,
    orgUnitPlace,
    country,
    year,
    years,
    provisional = false,
}: TrajectoryPanelProps) => {
    const summaryId = useId()
    const trajectory = trajectoryOf(row.target)
    const pace = paceTo2030(row.series, row.target.target2030.value, row.target.direction)
    const tableYears = years.filter(
        (y) => y <= year && (row.series.some((p) => p.year === y) || expectedValue(trajectory, y) !== null)
    )
    return (
        <section
            className={classes.panel}
            aria-labelledby={`${summaryId}-title`}
            data-test="trajectory-panel"
        >
            <h3 id={`${summaryId}-title`} className={classes.title}>
                {i18n.t('Trajectory of {{indicator}}', { indicator: localized(row.target.name) })}
            </h3>
            <p id={summaryId} className={classes.summary} data-test="trajectory-summary">
                {trajectorySummary(row, orgUnitName, country, orgUnitPlace)}
            </p>
            {provisional && (
                <p className={classes.pace} data-test="trajectory-provisional">
                    {i18n.t(
                        'current year, incomplete — reports are still arriving, statuses are provisional'
                    )}
                </p>
            )}
            <p className={classes.pace} data-test="pace-summary">
                {paceSummary(pace, row.decimals)}
            </p>
            <div className={classes.body}>
                <TrajectoryChart
                    actuals={row.series}
                    path={pathPoints(trajectory)}
                    selectedYear={row.actualYear}
                    describedBy={summaryId}
                    decimals={row.decimals}
                    actualLabel={row.national ? nationalLabel(country) : i18n.t('Actual')}
                />
                <TrajectoryTable
                    years={tableYears}
                    actuals={row.series}
                    expected={(y) => expectedValue(trajectory, y)}
                    decimals={row.decimals}
                    survey={row.national ? { country, values: row.target.surveyValues } : undefined}
                />
            </div>
        </section>
    )
}

export default TrajectoryPanel
