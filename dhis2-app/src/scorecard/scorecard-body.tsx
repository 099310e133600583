import i18n from '@dhis2/d2-i18n'
import React, { type RefObject } from 'react'
import { CompletenessSummary } from '../completeness/completeness-summary'
import type { ScorecardRow } from '../progress/scorecard-model'
import { ErrorNotice } from '../shared/error-notice'
import { NoOrgUnitNotice } from '../shared/notices'
import { placePhrase } from '../shared/place'
import { IndicatorDetail } from './indicator-detail'
import { NoDataNotice } from './no-data-notice'
import classes from './scorecard-page.module.css'
import { ScorecardSkeleton } from './scorecard-skeleton'
import { ScorecardTable } from './scorecard-table'
import type { ScorecardView } from './use-scorecard'

export interface ScorecardBodyProps {
    view: ScorecardView
    country: string
    selectedCode: string | null
    selectedRow: ScorecardRow | null
    hrefForIndicator: (code: string) => string
    hrefForUnit: (id: string) => string
    /** Focused when an indicator is opened, so the keyboard lands on its detail. */
    detailRef: RefObject<HTMLHeadingElement>
}

/** Below the toolbar: what stops the scorecard (with why), its skeleton while loading, or the table and detail. */
export const ScorecardBody = ({
    view,
    country,
    selectedCode,
    selectedRow,
    hrefForIndicator,
    hrefForUnit,
    detailRef,
}: ScorecardBodyProps) => {
    const unit = view.orgUnit.data
    if (view.me.error) return <ErrorNotice error={view.me.error} />
    if (view.noOrgUnit) return <NoOrgUnitNotice />
    if (view.orgUnit.error) return <ErrorNotice error={view.orgUnit.error} />
    if (!unit) return <ScorecardSkeleton label={i18n.t('Loading the organisation unit…')} />
    if (view.actuals.error) return <ErrorNotice error={view.actuals.error} />
    if (view.actuals.loading) return <ScorecardSkeleton label={i18n.t('Loading the scorecard…')} />
    const noData = view.actuals.data !== undefined && view.actuals.data.size === 0
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
                    hrefFor={hrefForIndicator}
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
}
