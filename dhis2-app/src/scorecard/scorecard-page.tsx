import i18n from '@dhis2/d2-i18n'
import React, { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { CompletenessSummary } from '../completeness/completeness-summary'
import { Breadcrumbs } from '../drill-down/breadcrumbs'
import { OrgUnitPicker } from '../drill-down/org-unit-picker'
import { countryName, type OrgUnitWithFamily } from '../shared/use-org-unit'
import { ErrorNotice } from '../shared/error-notice'
import type { UserFacingError } from '../shared/errors'
import { localized } from '../progress/labels'
import { LoadingState } from '../shared/loading-state'
import { NoOrgUnitNotice, OrgUnitFallbackNotice, PartialFailureNotice } from '../shared/notices'
import { placePhrase } from '../shared/place'
import { selectionToHash } from '../shared/selection'
import { SessionExpired } from '../shared/session-expired'
import { useSelection } from '../shared/use-selection'
import { ExportButton } from './export-button'
import { csvFileName, scorecardCsv } from './scorecard-csv'
import classes from './scorecard-page.module.css'
import { ScorecardSkeleton } from './scorecard-skeleton'
import { ScorecardTable } from './scorecard-table'
import { useScorecard } from './use-scorecard'
import { YearSelect } from './year-select'
import { Notice } from '../shared/notice'

// Their own chunks, fetched once the scorecard's figures are in: none is needed for the first view.
const BriefButton = React.lazy(() => import('../brief/brief-button'))
const OverviewButton = React.lazy(() => import('../overview/overview-button'))
const TrajectoryPanel = lazy(() => import('../trajectory/trajectory-panel'))
const DrillDownSection = lazy(() => import('../drill-down/drill-down-section'))

/** The org unit last shown, kept on screen (title, breadcrumbs) while the next one loads. */
function useLastShown(unit: OrgUnitWithFamily | undefined): OrgUnitWithFamily | undefined {
    const last = useRef(unit)
    if (unit !== undefined) last.current = unit
    return unit ?? last.current
}

/** The whole app: selection, scorecard, and the selected indicator's trajectory and drill-down. */
export const ScorecardPage = () => {
    const [now] = useState(() => new Date())
    const { selection, select, replace } = useSelection()
    const [replaceOrgUnit] = useState(() => (orgUnit: string | null) => replace({ orgUnit }))
    const view = useScorecard(selection, now, replaceOrgUnit)
    const hrefWith = (patch: Partial<typeof selection>) => selectionToHash({ ...selection, ...patch })
    const unit = view.orgUnit.data
    const shown = useLastShown(unit)
    const titleRef = useRef<HTMLHeadingElement>(null)
    const detailRef = useRef<HTMLHeadingElement>(null)

    const ready = unit !== undefined && view.actuals.data !== undefined && !view.actuals.error
    // Keyboard users keep their place: after going down a level (the link they used is gone), focus goes to
    // the new title; after opening an indicator, to its detail. A control that still exists keeps its focus.
    const lastReady = useRef<{ unit: string; indicator: string | null } | null>(null)
    useEffect(() => {
        if (!ready) return
        const before = lastReady.current
        lastReady.current = { unit: unit.id, indicator: selection.indicator }
        if (before === null) return
        const lost = document.activeElement === null || document.activeElement === document.body
        if (before.unit !== unit.id) {
            if (lost) titleRef.current?.focus()
        } else if (before.indicator !== selection.indicator && selection.indicator !== null) {
            detailRef.current?.focus()
        }
    }, [unit?.id, selection.indicator, ready])

    const failures = [view.me, view.orgUnit, view.targets, view.metadata, view.actuals, view.split]
    const expired = failures
        .map((f) => f.error)
        .find((e): e is UserFacingError => e?.kind === 'session-expired')
    if (expired) return <SessionExpired error={expired} />

    const country = shown ? countryName(shown) : ''
    const userRoots = view.me.data?.orgUnits.map((u) => u.id) ?? []
    const firstOpenable = shown ? shown.ancestors.findIndex((a) => userRoots.includes(a.id)) : -1
    const canOpen = (id: string) => {
        const index = shown?.ancestors.findIndex((a) => a.id === id) ?? -1
        return firstOpenable >= 0 && index >= firstOpenable
    }
    const selectedCode = selection.indicator ?? view.rows.find((r) => !r.national)?.target.code ?? null
    const selectedRow = view.rows.find((r) => r.target.code === selectedCode) ?? null
    const noData = view.actuals.data !== undefined && view.actuals.data.size === 0
    const currentYear = now.getFullYear()

    const body = (() => {
        if (view.me.error) return <ErrorNotice error={view.me.error} />
        if (view.noOrgUnit) return <NoOrgUnitNotice />
        if (view.orgUnit.error) return <ErrorNotice error={view.orgUnit.error} />
        if (!unit) return <ScorecardSkeleton label={i18n.t('Loading the organisation unit…')} />
        if (view.actuals.error) return <ErrorNotice error={view.actuals.error} />
        if (view.actuals.loading) return <ScorecardSkeleton label={i18n.t('Loading the scorecard…')} />
        return (
            <>
                {noData && (
                    <div data-test="no-data">
                        <Notice title={i18n.t('No data')}>
                            {unit.level >= 4
                                ? // A facility (a laboratory, say) may simply not report what these are computed from.
                                  i18n.t(
                                      'No value has been reported {{place}} for these indicators in {{year}}. A facility that does not report the data they are computed from (a laboratory reports only its tests) has none.',
                                      { place: placePhrase(unit), year: view.year }
                                  )
                                : i18n.t(
                                      'DHIS2 analytics has no value for these indicators {{place}}. The analytics tables may not have been generated since the data were entered.',
                                      { place: placePhrase(unit) }
                                  )}
                        </Notice>
                    </div>
                )}
                {view.completeness && view.split.data && (
                    <CompletenessSummary {...view.completeness} place={placePhrase(unit)} year={view.year} />
                )}
                <h2 className={classes.visuallyHidden}>{i18n.t('Indicators')}</h2>
                <div className={classes.tableBox} aria-busy={view.actuals.fetching || view.split.fetching}>
                    <ScorecardTable
                        rows={view.rows}
                        year={view.year}
                        country={country}
                        selectedCode={selectedCode}
                        hrefFor={(code) => hrefWith({ indicator: code })}
                        shares={view.shares}
                        provisional={view.incompleteYear}
                    />
                </div>
                {selectedRow && (
                    <section className={classes.detail} aria-labelledby="detail-title" data-test="detail">
                        <h2 id="detail-title" ref={detailRef} tabIndex={-1} className={classes.detailTitle}>
                            {localized(selectedRow.target.name)}
                        </h2>
                        <Suspense fallback={<LoadingState label={i18n.t('Loading the trajectory…')} />}>
                            <TrajectoryPanel
                                row={selectedRow}
                                orgUnitName={unit.name}
                                orgUnitPlace={placePhrase(unit)}
                                country={country}
                                year={view.year}
                                years={view.years}
                                provisional={view.incompleteYear}
                            />
                            <DrillDownSection
                                row={selectedRow}
                                unitName={unit.name}
                                hasChildren={unit.children.length > 0}
                                country={country}
                                year={view.year}
                                provisional={view.incompleteYear}
                                childrenFor={view.childrenFor}
                                hrefFor={(id) => hrefWith({ orgUnit: id })}
                            />
                        </Suspense>
                    </section>
                )}
            </>
        )
    })()

    const announcement = ready
        ? selectedRow && selection.indicator
            ? i18n.t('Scorecard of {{orgUnit}}, {{year}}, shown, with {{indicator}} in detail', {
                  orgUnit: unit.name,
                  year: view.year,
                  indicator: localized(selectedRow.target.name),
              })
            : i18n.t('Scorecard of {{orgUnit}}, {{year}}, shown', { orgUnit: unit.name, year: view.year })
        : ''

    return (
        <main className={classes.page} data-test="scorecard-page">
            <header className={classes.toolbar}>
                <div className={classes.heading}>
                    {shown && (
                        <Breadcrumbs
                            ancestors={shown.ancestors}
                            current={shown}
                            hrefFor={(id) => hrefWith({ orgUnit: id })}
                            canOpen={canOpen}
                        />
                    )}
                    <h1 className={classes.title} data-test="scorecard-title" ref={titleRef} tabIndex={-1}>
                        {shown
                            ? i18n.t('MAP/ODD-3 scorecard — {{orgUnit}}, {{year}}', {
                                  orgUnit: shown.name,
                                  year: view.year,
                              })
                            : i18n.t('MAP/ODD-3 scorecard')}
                    </h1>
                    {view.incompleteYear && (
                        <p className={classes.incomplete} data-test="incomplete-year">
                            {i18n.t(
                                'current year, incomplete — reports are still arriving, statuses are provisional'
                            )}
                        </p>
                    )}
                </div>
                <div className={classes.controls}>
                    <OrgUnitPicker
                        roots={userRoots}
                        selectedPath={shown?.path ?? null}
                        onSelect={(id) => select({ orgUnit: id })}
                    />
                    <YearSelect
                        years={view.years}
                        selected={view.year}
                        currentYear={currentYear}
                        onChange={(year) => select({ year })}
                    />
                    <ExportButton
                        disabled={!ready}
                        fileName={csvFileName(shown?.name ?? '', view.year)}
                        content={() =>
                            scorecardCsv(view.rows, {
                                orgUnitName: shown?.name ?? '',
                                country,
                                year: view.year,
                                shares: view.shares,
                                provisional: view.incompleteYear,
                            })
                        }
                    />
                    {ready && (
                        <React.Suspense fallback={null}>
                            <OverviewButton view={view} unit={unit} />
                            <BriefButton view={view} unit={unit} country={country} />
                        </React.Suspense>
                    )}
                </div>
            </header>

            <div className={classes.visuallyHidden} role="status" aria-live="polite" data-test="announcer">
                {announcement}
            </div>

            {view.fallbackNotice && view.me.data?.orgUnits[0] && (
                <OrgUnitFallbackNotice
                    reason={view.fallbackNotice}
                    ownName={view.me.data.orgUnits[0].displayName}
                />
            )}
            {view.targets.error && <PartialFailureNotice part="targets" error={view.targets.error} />}
            {!view.actuals.error && (view.metadata.error ?? view.split.error) && (
                <PartialFailureNotice
                    part="private-share"
                    error={(view.metadata.error ?? view.split.error) as UserFacingError}
                />
            )}

            {body}
        </main>
    )
}
