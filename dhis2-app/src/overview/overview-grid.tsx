import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { StatusBadge } from '../ui/status-badge'
import { formatNumber, formatPercent } from '../shared/format'
import { localized } from '../progress/labels'
import classes from './overview.module.css'
import type { OverviewGrid as Grid } from './overview-model'

export interface OverviewGridProps {
    grid: Grid
    /** Link (URL hash) that opens a child's own scorecard. */
    hrefFor: (id: string) => string
    onOpen: () => void
    /** The running year: statuses are provisional, not coloured as final. */
    provisional?: boolean
}

/** Children × routine indicators, each cell the actual with its status as a word on a colour. */
export const OverviewGrid = ({ grid, hrefFor, onOpen, provisional = false }: OverviewGridProps) => (
    <div className={classes.scroll} role="region" aria-labelledby="overview-title" tabIndex={0}>
        <table className={classes.grid} data-test="overview-grid">
            <thead>
                <tr>
                    <th scope="col" className={classes.unitHeader}>
                        {i18n.t('Organisation unit')}
                    </th>
                    {grid.columns.map((t) => (
                        <th scope="col" key={t.code} data-code={t.code}>
                            <span className={classes.indicator}>{localized(t.name)}</span>
                            <span className={classes.meta}>
                                {t.code} · {localized(t.unit)}
                            </span>
                        </th>
                    ))}
                    <th scope="col">{i18n.t('Private reporting completeness')}</th>
                </tr>
            </thead>
            <tbody>
                {grid.lines.map((line) => (
                    <tr key={line.id} data-test="overview-row" data-ou={line.id}>
                        <th scope="row" className={classes.unit}>
                            <a href={hrefFor(line.id)} onClick={onOpen} data-test="overview-unit">
                                {line.name}
                            </a>
                        </th>
                        {grid.columns.map((t) => {
                            const row = line.cells.get(t.code)
                            return (
                                <td key={t.code} data-test="overview-cell" data-code={t.code}>
                                    {row ? (
                                        <>
                                            <span className={classes.value} data-test="overview-value">
                                                {formatNumber(row.actual, row.decimals)}
                                            </span>
                                            <StatusBadge status={row.status} provisional={provisional} />
                                        </>
                                    ) : (
                                        '—'
                                    )}
                                </td>
                            )
                        })}
                        <td className={classes.completeness} data-test="overview-completeness">
                            {formatPercent(line.completeness, 0)}
                        </td>
                    </tr>
                ))}
            </tbody>
        </table>
    </div>
)
