import i18n from '@dhis2/d2-i18n'
import React from 'react'
import type { ScorecardRow } from '../progress/scorecard-model'
import { localized } from '../progress/labels'
import { DrillDownTable, type DrillDownChild } from './drill-down-table'
import classes from './drill-down-section.module.css'

export interface DrillDownSectionProps {
    row: ScorecardRow
    unitName: string
    hasChildren: boolean
    country: string
    year: number
    /** The running year: statuses are provisional. */
    provisional: boolean
    childrenFor: (code: string) => DrillDownChild[]
    hrefFor: (id: string) => string
}

/** The children of the selected org unit on the selected indicator (its own chunk: not in the first view). */
const DrillDownSection = ({
    row,
    unitName,
    hasChildren,
    country,
    year,
    provisional,
    childrenFor,
    hrefFor,
}: DrillDownSectionProps) => (
    <section className={classes.drill} aria-labelledby="drill-title" data-test="drill-down">
        <h3 id="drill-title" className={classes.title}>
            {i18n.t('{{indicator}} by organisation unit in {{orgUnit}}', {
                indicator: localized(row.target.name),
                orgUnit: unitName,
            })}
        </h3>
        {row.national ? (
            <p data-test="drill-down-national">
                {i18n.t(
                    'Survey values are national ({{country}}); there is no value per organisation unit.',
                    { country }
                )}
            </p>
        ) : !hasChildren ? (
            <p>{i18n.t('This organisation unit has no children.')}</p>
        ) : (
            <div className={classes.scroll}>
                <DrillDownTable
                    children={childrenFor(row.target.code)}
                    hrefFor={hrefFor}
                    indicatorName={i18n.t('Actual {{year}}', { year })}
                    provisional={provisional}
                />
            </div>
        )}
    </section>
)

export default DrillDownSection
