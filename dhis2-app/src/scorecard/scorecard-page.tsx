import i18n from '@dhis2/d2-i18n'
import { NoticeBox, SingleSelectField, SingleSelectOption } from '@dhis2/ui'
import React, { useState } from 'react'
import { CompletenessSummary } from '../completeness/completeness-summary'
import { Breadcrumbs } from '../drill-down/breadcrumbs'
import { DrillDownTable } from '../drill-down/drill-down-table'
import { OrgUnitPicker } from '../drill-down/org-unit-picker'
import { countryName } from '../drill-down/use-org-unit'
import { ErrorNotice } from '../shared/error-notice'
import { localized } from '../shared/labels'
import { placePhrase } from '../shared/place'
import { LoadingState } from '../shared/loading-state'
import { selectionToHash } from '../shared/selection'
import { useSelection } from '../shared/use-selection'
import { TrajectoryPanel } from '../trajectory/trajectory-panel'
import { ExportButton } from './export-button'
import { csvFileName, scorecardCsv } from './scorecard-csv'
import classes from './scorecard-page.module.css'
import { ScorecardTable } from './scorecard-table'
import { useScorecard } from './use-scorecard'

// Their own chunks, fetched once the scorecard's figures are in: neither is needed for the first view.
const BriefButton = React.lazy(() => import('../brief/brief-button'))
const OverviewButton = React.lazy(() => import('../overview/overview-button'))

/** The whole app: selection, scorecard, and the selected indicator's trajectory and drill-down. */
export const ScorecardPage = () => {
    const [now] = useState(() => new Date())
    const { selection, select } = useSelection()
    const view = useScorecard(selection, now)
    const hrefWith = (patch: Partial<typeof selection>) => selectionToHash({ ...selection, ...patch })

    const blocking = view.me.error ?? view.orgUnit.error
    if (blocking) return <ErrorNotice error={blocking} />
    if (view.me.loading || view.orgUnit.loading || !view.orgUnit.data) {
        return <LoadingState label={i18n.t('Loading the organisation unit…')} />
    }
    const unit = view.orgUnit.data
    const country = countryName(unit)
    const userRoots = view.me.data?.orgUnits.map((u) => u.id) ?? []
    const firstOpenable = unit.ancestors.findIndex((a) => userRoots.includes(a.id))
    const canOpen = (id: string) => {
        const index = unit.ancestors.findIndex((a) => a.id === id)
        return firstOpenable >= 0 && index >= firstOpenable
    }
    const selectedCode = selection.indicator ?? view.rows.find((r) => !r.national)?.target.code ?? null
    const selectedRow = view.rows.find((r) => r.target.code === selectedCode) ?? null
    const noData = view.actuals.data !== undefined && view.actuals.data.size === 0

    return (
        <main className={classes.page} data-test="scorecard-page">
            <header className={classes.toolbar}>
                <div className={classes.heading}>
                    <Breadcrumbs
                        ancestors={unit.ancestors}
                        current={unit}
                        hrefFor={(id) => hrefWith({ orgUnit: id })}
                        canOpen={canOpen}
                    />
                    <h2 className={classes.title} data-test="scorecard-title">
                        {i18n.t('MAP/ODD-3 scorecard — {{orgUnit}}, {{year}}', {
                            orgUnit: unit.name,
                            year: view.year,
                        })}
                    </h2>
                </div>
                <div className={classes.controls}>
                    <OrgUnitPicker
                        roots={userRoots}
                        selectedPath={unit.path}
                        onSelect={(id) => select({ orgUnit: id })}
                    />
                    <div className={classes.year}>
                        <SingleSelectField
                            dense
                            inputWidth="100px"
                            label={i18n.t('Year')}
                            selected={String(view.year)}
                            onChange={({ selected }) => select({ year: Number(selected) })}
                            dataTest="year-select"
                        >
                            {[...view.years].reverse().map((y) => (
                                <SingleSelectOption key={y} value={String(y)} label={String(y)} />
                            ))}
                        </SingleSelectField>
                    </div>
                    <ExportButton
                        disabled={view.actuals.data === undefined}
                        fileName={csvFileName(unit.name, view.year)}
                        content={() =>
                            scorecardCsv(view.rows, {
                                orgUnitName: unit.name,
                                country,
                                year: view.year,
                                shares: view.shares,
                            })
                        }
                    />
                    {view.actuals.data !== undefined && (
                        <React.Suspense fallback={null}>
                            <OverviewButton view={view} unit={unit} />
                            <BriefButton view={view} unit={unit} country={country} />
                        </React.Suspense>
                    )}
                </div>
            </header>

            {view.targets.error && <ErrorNotice error={view.targets.error} warning />}
            {view.metadata.error && <ErrorNotice error={view.metadata.error} warning />}
            {view.split.error && !view.actuals.error && <ErrorNotice error={view.split.error} warning />}

            {view.actuals.error ? (
                <ErrorNotice error={view.actuals.error} />
            ) : view.actuals.loading ? (
                <LoadingState label={i18n.t('Loading the scorecard…')} />
            ) : (
                <>
                    {noData && (
                        <div data-test="no-data">
                            <NoticeBox title={i18n.t('No data')}>
                                {i18n.t(
                                    'DHIS2 analytics has no value for these indicators {{place}}. The analytics tables may not have been generated since the data were entered.',
                                    { place: placePhrase(unit) }
                                )}
                            </NoticeBox>
                        </div>
                    )}
                    {view.completeness && view.split.data && (
                        <CompletenessSummary
                            {...view.completeness}
                            place={placePhrase(unit)}
                            year={view.year}
                        />
                    )}
                    <div aria-busy={view.actuals.fetching || view.split.fetching}>
                        <ScorecardTable
                            rows={view.rows}
                            year={view.year}
                            country={country}
                            selectedCode={selectedCode}
                            hrefFor={(code) => hrefWith({ indicator: code })}
                            shares={view.shares}
                        />
                    </div>
                    {selectedRow && (
                        <div className={classes.detail}>
                            <TrajectoryPanel
                                row={selectedRow}
                                orgUnitName={unit.name}
                                orgUnitPlace={placePhrase(unit)}
                                country={country}
                                year={view.year}
                                years={view.years}
                            />
                            <section
                                className={classes.drill}
                                aria-labelledby="drill-title"
                                data-test="drill-down"
                            >
                                <h3 id="drill-title" className={classes.sectionTitle}>
                                    {i18n.t('{{indicator}} by organisation unit in {{orgUnit}}', {
                                        indicator: localized(selectedRow.target.name),
                                        orgUnit: unit.name,
                                    })}
                                </h3>
                                {selectedRow.national ? (
                                    <p data-test="drill-down-national">
                                        {i18n.t(
                                            'Survey values are national ({{country}}); there is no value per organisation unit.',
                                            { country }
                                        )}
                                    </p>
                                ) : unit.children.length === 0 ? (
                                    <p>{i18n.t('This organisation unit has no children.')}</p>
                                ) : (
                                    <DrillDownTable
                                        children={view.childrenFor(selectedRow.target.code)}
                                        hrefFor={(id) => hrefWith({ orgUnit: id })}
                                        indicatorName={i18n.t('Actual {{year}}', { year: view.year })}
                                    />
                                )}
                            </section>
                        </div>
                    )}
                </>
            )}
        </main>
    )
}
