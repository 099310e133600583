import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { formatNumber } from '../shared/format'
import { chartScale, linePath } from '../progress/chart-geometry'
import type { PathPoint } from '../progress/trajectory'
import classes from './trajectory-chart.module.css'

export interface TrajectoryChartProps {
    /** Observed values, oldest first. */
    actuals: PathPoint[]
    /** Segments of the target path (baseline → 2023 → 2030). */
    path: PathPoint[][]
    /** The year being looked at, marked on the chart. */
    selectedYear: number
    /** Id of the element holding the one-sentence summary (the chart's accessible description). */
    describedBy: string
    decimals: number
    /** Legend of the observed line: "Actual", or the country for national survey values. */
    actualLabel: string
}

const SIZE = { width: 520, height: 200, left: 48, right: 16, top: 12, bottom: 28 }
/** Rough width of a legend character at the chart's 11px font, to place the second legend item after the first. */
const LEGEND_CHAR_WIDTH = 6.5

/** A hand-written SVG line chart: the bundle stays small and the chart prints well. */
export const TrajectoryChart = ({
    actuals,
    path,
    selectedYear,
    describedBy,
    decimals,
    actualLabel,
}: TrajectoryChartProps) => {
    const scale = chartScale([...actuals, ...path.flat()], SIZE, [selectedYear])
    if (scale === null) return null
    const pathLegendX = Math.max(90, Math.ceil(24 + actualLabel.length * LEGEND_CHAR_WIDTH + 12))
    const yearTicks = [scale.years[0], selectedYear, scale.years[1]].filter(
        (y, i, all) => all.indexOf(y) === i
    )
    return (
        <svg
            className={classes.chart}
            viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
            role="img"
            aria-label={i18n.t('Trajectory chart')}
            aria-describedby={describedBy}
            data-test="trajectory-chart"
        >
            {scale.ticks.map((t) => (
                <g key={t}>
                    <line
                        className={classes.grid}
                        x1={SIZE.left}
                        x2={SIZE.width - SIZE.right}
                        y1={scale.y(t)}
                        y2={scale.y(t)}
                    />
                    <text className={classes.axis} x={SIZE.left - 6} y={scale.y(t) + 4} textAnchor="end">
                        {formatNumber(t, decimals)}
                    </text>
                </g>
            ))}
            {yearTicks.map((year) => (
                <text
                    key={year}
                    className={classes.axis}
                    x={scale.x(year)}
                    y={SIZE.height - 8}
                    textAnchor="middle"
                >
                    {year}
                </text>
            ))}
            <line
                className={classes.selected}
                x1={scale.x(selectedYear)}
                x2={scale.x(selectedYear)}
                y1={SIZE.top}
                y2={SIZE.height - SIZE.bottom}
            />
            {path.map((segment, i) => (
                <path key={i} className={classes.path} d={linePath(segment, scale)} />
            ))}
            {path.flat().map((p) => (
                <circle
                    key={`t${p.year}`}
                    className={classes.pathPoint}
                    cx={scale.x(p.year)}
                    cy={scale.y(p.value)}
                    r={3.5}
                />
            ))}
            {actuals.length > 1 && <path className={classes.actual} d={linePath(actuals, scale)} />}
            {actuals.map((p) => (
                <circle
                    key={`a${p.year}`}
                    className={classes.actualPoint}
                    cx={scale.x(p.year)}
                    cy={scale.y(p.value)}
                    r={3.5}
                />
            ))}
            <g className={classes.legend} transform={`translate(${SIZE.left + 8}, ${SIZE.top + 10})`}>
                <line className={classes.actual} x1={0} x2={18} y1={0} y2={0} />
                <text x={24} y={4} data-test="chart-actual-legend">
                    {actualLabel}
                </text>
                <line className={classes.path} x1={pathLegendX} x2={pathLegendX + 18} y1={0} y2={0} />
                <text x={pathLegendX + 24} y={4}>
                    {i18n.t('Target path')}
                </text>
            </g>
        </svg>
    )
}
