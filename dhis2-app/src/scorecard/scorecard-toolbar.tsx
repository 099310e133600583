import i18n from '@dhis2/d2-i18n'
import React, { type ReactNode, type RefObject } from 'react'
import { Breadcrumbs } from '../drill-down/breadcrumbs'
import { OrgUnitPicker } from '../drill-down/org-unit-picker'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'
import { ExportButton } from '../shared/export-button'
import { csvFileName } from '../shared/csv-values'
import { scorecardCsv } from './scorecard-csv'
import classes from './scorecard-page.module.css'
import type { ScorecardView } from './use-scorecard'
import { YearSelect } from './year-select'

export interface ScorecardToolbarProps {
    view: ScorecardView
    /** The org unit on screen: the last one shown while the next one loads. */
    shown: OrgUnitWithFamily | undefined
    /** Set once the figures are in: exporting waits for it. */
    readyUnit: OrgUnitWithFamily | null
    /** Further actions on the figures (the overview, the brief), given by the app once they are in. */
    actions: ReactNode
    country: string
    userRoots: string[]
    currentYear: number
    canOpen: (id: string) => boolean
    hrefForUnit: (id: string) => string
    onSelectUnit: (id: string) => void
    onSelectYear: (year: number) => void
    /** Focused after going down a level, since the link the user followed is gone. */
    titleRef: RefObject<HTMLHeadingElement>
}

/** Where the user is (breadcrumbs, title) and what they can change or take away (org unit, year, exports). */
export const ScorecardToolbar = ({
    view,
    shown,
    readyUnit,
    actions,
    country,
    userRoots,
    currentYear,
    canOpen,
    hrefForUnit,
    onSelectUnit,
    onSelectYear,
    titleRef,
}: ScorecardToolbarProps) => (
    <header className={classes.toolbar}>
        <div className={classes.heading}>
            {shown && (
                <Breadcrumbs
                    ancestors={shown.ancestors}
                    current={shown}
                    hrefFor={hrefForUnit}
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
            <OrgUnitPicker roots={userRoots} selectedPath={shown?.path ?? null} onSelect={onSelectUnit} />
            <YearSelect
                years={view.years}
                selected={view.year}
                currentYear={currentYear}
                onChange={onSelectYear}
            />
            <ExportButton
                disabled={readyUnit === null}
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
            {actions}
        </div>
    </header>
)
