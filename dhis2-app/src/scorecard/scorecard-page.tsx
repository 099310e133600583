import React, { useState, type ReactNode } from 'react'
import { localized } from '../progress/labels'
import type { ScorecardFigures } from '../progress/scorecard-figures'
import type { UserFacingError } from '../shared/errors'
import { openableAncestors } from '../shared/openable-ancestors'
import { selectionToHash } from '../shared/selection'
import { SessionExpired } from '../shared/session-expired'
import { countryName, type OrgUnitWithFamily } from '../shared/use-org-unit'
import { useSelection } from '../shared/use-selection'
import { scorecardAnnouncement } from './announcement'
import { ScorecardBody } from './scorecard-body'
import { ScorecardNotices } from './scorecard-notices'
import classes from './scorecard-page.module.css'
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
    const selectedCode = selection.indicator ?? view.rows.find((r) => !r.national)?.target.code ?? null
    const selectedRow = view.rows.find((r) => r.target.code === selectedCode) ?? null
    const opened = selectedRow && selection.indicator ? localized(selectedRow.target.name) : null

    return (
        <main className={classes.page} data-test="scorecard-page">
            <ScorecardToolbar
                view={view}
                shown={shown}
                readyUnit={ready ? unit : null}
                actions={ready && actions ? actions({ figures: view.figures, unit, country }) : null}
                country={country}
                userRoots={userRoots}
                currentYear={now.getFullYear()}
                canOpen={openableAncestors(shown, userRoots)}
                hrefForUnit={hrefForUnit}
                onSelectUnit={(id) => select({ orgUnit: id })}
                onSelectYear={(year) => select({ year })}
                titleRef={titleRef}
            />

            <div className={classes.visuallyHidden} role="status" aria-live="polite" data-test="announcer">
                {ready ? scorecardAnnouncement(unit.name, view.year, opened) : ''}
            </div>

            <ScorecardNotices view={view} />
            <ScorecardBody
                view={view}
                country={country}
                selectedCode={selectedCode}
                selectedRow={selectedRow}
                hrefForIndicator={(code) => hrefWith({ indicator: code })}
                hrefForUnit={hrefForUnit}
                detailRef={detailRef}
            />
        </main>
    )
}
