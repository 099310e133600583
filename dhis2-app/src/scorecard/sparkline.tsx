import React from 'react'
import { chartScale, linePath } from '../progress/chart-geometry'
import type { PathPoint } from '../progress/trajectory'

export interface SparklineProps {
    points: PathPoint[]
    /** Accessible text, e.g. the first and last values. */
    label: string
}

const SIZE = { width: 72, height: 22, left: 2, right: 2, top: 3, bottom: 3 }

/** A tiny trend line, drawn by hand to keep the bundle small. */
export const Sparkline = ({ points, label }: SparklineProps) => {
    const scale = chartScale(points, SIZE)
    if (scale === null || points.length < 2) {
        return (
            <span role="img" aria-label={label}>
                —
            </span>
        )
    }
    const last = [...points].sort((a, b) => a.year - b.year)[points.length - 1]
    return (
        <svg width={SIZE.width} height={SIZE.height} role="img" aria-label={label}>
            <path d={linePath(points, scale)} fill="none" stroke="#147cd7" strokeWidth={1.5} />
            {last && <circle cx={scale.x(last.year)} cy={scale.y(last.value)} r={2.5} fill="#147cd7" />}
        </svg>
    )
}
