import i18n from '@dhis2/d2-i18n'
import React, { useState, type ReactNode } from 'react'
import { CompletenessSummary } from '../completeness/completeness-summary'
import { localized } from '../progress/labels'
import type { ScorecardFigures } from '../progress/scorecard-figures'
import { ErrorNotice } from '../shared/error-notice'
import type { UserFacingError } from '../shared/errors'
import { NoOrgUnitNotice, OrgUnitFallbackNotice, PartialFailureNotice } from '../shared/notices'
import { placePhrase } from '../shared/place'
import { selectionToHash } from '../shared/selection'
import { SessionExpired } from '../shared/session-expired'
import { countryName, type OrgUnitWithFamily } from '../shared/use-org-unit'
import { useSelection } from '../shared/use-selection'
import { IndicatorDetail } from './indicator-detail'
import { NoDataNotice } from './no-data-notice'
import classes from './scorecard-page.module.css'
import { ScorecardSkeleton } from './scorecard-skeleton'
import { ScorecardTable } from './scorecard-table'
import { ScorecardToolbar } from './scorecard-toolbar'
import { useKeptFocus } from './use-kept-focus'
import { useScorecard } from './use-scorecard'

/** The org unit last shown, kept on screen (title, breadcrumbs) while the next one loads. */
function useLastShown(unit: OrgUnitWithFamily | undefined): OrgUnitWithFamily | undefined {
    const [last, setLast] = useState(unit)
    // State adjusted while rendering, as React advises for a value kept from an earlier render.
    if (unit !== undefined && unit !== last) setLast(unit)
    return unit ?? last
}

/** What the app's further actions on the figures are given, once the figures are in. */
export interface ScorecardActionsContext {
    figures: ScorecardFigures
    unit: OrgUnitWithFamily
    country: string
}

export interface ScorecardPageProps {
    /** Actions shown in the toolbar once the figures are in (the app gives the overview and the brief). */
    actions?: (context: ScorecardActionsContext) => ReactNode
}

/**
 * The whole scorecard, laid out: the toolbar, notices, the scorecard table and the selected indicator's detail.
 * It owns the selection and where the keyboard focus goes when the view changes.
 */
export const ScorecardPage = ({ actions }: ScorecardPageProps) => {
    const [now] = useState(() => new Date())
    const { selection, select, replace } = useSelection()
    const [replaceOrgUnit] = useState(() => (orgUnit: string | null) => replace({ orgUnit }))
    const view = useScorecard(selection, now, replaceOrgUnit)
    const hrefWith = (patch: Partial<typeof selection>) => selectionToHash({ ...selection, ...patch })
    const hrefForUnit = (id: string) => hrefWith({ orgUnit: id })
    const unit = view.orgUnit.data
    const shown = useLastShown(unit)
    const ready = unit !== undefined && view.actuals.data !== undefined && !view.actuals.error
    const { titleRef, detailRef } = useKeptFocus(ready ? unit.id : null, selection.indicator)

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
    const figures: ScorecardFigures = {
        year: view.year,
        provisional: view.incompleteYear,
        targets: view.targets.targets,
        rows: view.rows,
        shares: view.shares,
        completeness: view.split.data ? view.completeness : null,
        childrenFor: view.childrenFor,
    }

    const body = (() => {
        if (view.me.error) return <ErrorNotice error={view.me.error} />
        if (view.noOrgUnit) return <NoOrgUnitNotice />
        if (view.orgUnit.error) return <ErrorNotice error={view.orgUnit.error} />
        if (!unit) return <ScorecardSkeleton label={i18n.t('Loading the organisation unit…')} />
        if (view.actuals.error) return <ErrorNotice error={view.actuals.error} />
        if (view.actuals.loading) return <ScorecardSkeleton label={i18n.t('Loading the scorecard…')} />
        return (
            <>
                {noData && <NoDataNotice unit={unit} year={view.year} />}
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
                    <IndicatorDetail
                        row={selectedRow}
                        unit={unit}
                        country={country}
                        year={view.year}
                        years={view.years}
                        provisional={view.incompleteYear}
                        childrenFor={view.childrenFor}
                        hrefForUnit={hrefForUnit}
                        headingRef={detailRef}
                    />
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
            <ScorecardToolbar
                view={view}
                shown={shown}
                readyUnit={ready ? unit : null}
                actions={ready && actions ? actions({ figures, unit, country }) : null}
                country={country}
                userRoots={userRoots}
                currentYear={now.getFullYear()}
                canOpen={canOpen}
                hrefForUnit={hrefForUnit}
                onSelectUnit={(id) => select({ orgUnit: id })}
                onSelectYear={(year) => select({ year })}
                titleRef={titleRef}
            />

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
