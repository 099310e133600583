import { z } from 'zod'

/** The parts of an analytics response the app reads (docs/dhis2-api.md §7.4): rows are arrays of strings. */
export const analyticsResponseSchema = z.object({
    headers: z.array(z.object({ name: z.string() })),
    rows: z.array(z.array(z.string())),
})

export type AnalyticsResponse = z.infer<typeof analyticsResponseSchema>

/** One analytics row keyed by dimension id (`dx`, `pe`, `ou`, a group set id…), with its numeric value. */
export interface AnalyticsRow {
    dimensions: Record<string, string>
    value: number
}

/**
 * Turns the grid into rows keyed by header name. Row order and header order are not guaranteed by DHIS2,
 * so nothing here relies on positions other than the headers'. Rows with an empty or non-numeric value
 * are dropped: analytics has no row at all when a value is missing.
 */
export function parseAnalyticsGrid(input: unknown): AnalyticsRow[] {
    const grid = analyticsResponseSchema.parse(input)
    const names = grid.headers.map((h) => h.name)
    const valueIndex = names.indexOf('value')
    if (valueIndex < 0) throw new Error('Analytics response without a value column')
    const rows: AnalyticsRow[] = []
    for (const row of grid.rows) {
        const raw = row[valueIndex]
        if (raw === undefined || raw.trim() === '') continue
        const value = Number(raw)
        if (!Number.isFinite(value)) continue
        const dimensions: Record<string, string> = {}
        names.forEach((name, i) => {
            if (i !== valueIndex) dimensions[name] = row[i] ?? ''
        })
        rows.push({ dimensions, value })
    }
    return rows
}
