import i18n from '@dhis2/d2-i18n'
import React, { lazy, Suspense, type RefObject } from 'react'
import type { DrillDownSectionProps } from '../drill-down/drill-down-section'
import { localized } from '../progress/labels'
import type { ScorecardRow } from '../progress/scorecard-model'
import type { TrajectoryPanelProps } from '../trajectory/trajectory-panel'
import { LoadingState } from '../shared/loading-state'
import { placePhrase } from '../shared/place'
import type { OrgUnitWithFamily } from '../shared/use-org-unit'
import classes from './scorecard-page.module.css'

// Their own chunks: the first view shows no indicator in detail, so it waits for neither.
const TrajectoryPanel = lazy(() => import('../trajectory/trajectory-panel'))
const DrillDownSection = lazy(() => import('../drill-down/drill-down-section'))

export interface IndicatorDetailProps {
    row: ScorecardRow
    unit: OrgUnitWithFamily
    country: string
    year: number
    years: TrajectoryPanelProps['years']
    provisional: boolean
    childrenFor: DrillDownSectionProps['childrenFor']
    hrefForUnit: (id: string) => string
    /** Focused when the user opens an indicator, so keyboard users land on what they asked for. */
    headingRef: RefObject<HTMLHeadingElement>
}

/** The selected indicator: its trajectory, then its children ranked. */
export const IndicatorDetail = ({
    row,
    unit,
    country,
    year,
    years,
    provisional,
    childrenFor,
    hrefForUnit,
    headingRef,
}: IndicatorDetailProps) => (
    <section className={classes.detail} aria-labelledby="detail-title" data-test="detail">
        <h2 id="detail-title" ref={headingRef} tabIndex={-1} className={classes.detailTitle}>
            {localized(row.target.name)}
        </h2>
        <Suspense fallback={<LoadingState label={i18n.t('Loading the trajectory…')} />}>
            <TrajectoryPanel
                row={row}
                orgUnitName={unit.name}
                orgUnitPlace={placePhrase(unit)}
                country={country}
                year={year}
                years={years}
                provisional={provisional}
            />
            <DrillDownSection
                row={row}
                unitName={unit.name}
                hasChildren={unit.children.length > 0}
                country={country}
                year={year}
                provisional={provisional}
                childrenFor={childrenFor}
                hrefFor={hrefForUnit}
            />
        </Suspense>
    </section>
)
