import type { PathPoint } from './trajectory'

/** Scales for a small line chart: years on x, values on y (with a 10 % margin, zero kept when close). */
export interface ChartScale {
    x: (year: number) => number
    y: (value: number) => number
    years: [number, number]
    values: [number, number]
    ticks: number[]
}

export function chartScale(
    points: PathPoint[],
    size: { width: number; height: number; left: number; right: number; top: number; bottom: number },
    extraYears: number[] = []
): ChartScale | null {
    if (points.length === 0) return null
    const years = [...points.map((p) => p.year), ...extraYears]
    const values = points.map((p) => p.value)
    const minYear = Math.min(...years)
    const maxYear = Math.max(...years)
    let minValue = Math.min(...values)
    let maxValue = Math.max(...values)
    if (minValue === maxValue) {
        minValue -= Math.abs(minValue) * 0.1 || 1
        maxValue += Math.abs(maxValue) * 0.1 || 1
    }
    const margin = (maxValue - minValue) * 0.1
    minValue = minValue >= 0 && minValue - margin < 0 ? 0 : minValue - margin
    maxValue += margin
    const innerW = size.width - size.left - size.right
    const innerH = size.height - size.top - size.bottom
    const x = (year: number) =>
        size.left + (maxYear === minYear ? innerW / 2 : ((year - minYear) / (maxYear - minYear)) * innerW)
    const y = (value: number) => size.top + innerH - ((value - minValue) / (maxValue - minValue)) * innerH
    const ticks = [minValue, (minValue + maxValue) / 2, maxValue]
    return { x, y, years: [minYear, maxYear], values: [minValue, maxValue], ticks }
}

/** An SVG path through the points in year order. */
export function linePath(points: PathPoint[], scale: ChartScale): string {
    return [...points]
        .sort((a, b) => a.year - b.year)
        .map((p, i) => `${i === 0 ? 'M' : 'L'}${scale.x(p.year).toFixed(1)},${scale.y(p.value).toFixed(1)}`)
        .join(' ')
}
