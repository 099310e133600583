// The reporting gives something back: a facility's own figures over its last months, as DHIS2 holds
// them (values edited in DHIS2 included), one line per indicator, summed over its disaggregations.
// Read with the service account, for the user's own facilities only (the caller checks the scope).
import { z } from 'zod'
import type { Lang } from '../core/types.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import type { IntakeContext } from './context.js'
import { monthLabel } from './expected-months.js'
import { elementLabel } from './form-model.js'

export interface FigureRow {
    label: string
    /** One per month of `months`, oldest first; null when DHIS2 holds nothing for that month. */
    values: Array<number | null>
}

export interface FacilityFigures {
    months: Array<{ period: string; label: string }>
    rows: FigureRow[]
}

const exportSchema = z.object({
    dataValues: z
        .array(z.object({ dataElement: z.string(), period: z.string(), value: z.string() }))
        .optional(),
})

/** `YYYYMM` → the first and last day of the month, for DHIS2's startDate/endDate. */
function monthBounds(period: string): { start: string; end: string } {
    const year = Number(period.slice(0, 4))
    const month = Number(period.slice(4, 6))
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const mm = String(month).padStart(2, '0')
    return { start: `${year}-${mm}-01`, end: `${year}-${mm}-${String(last).padStart(2, '0')}` }
}

/**
 * The figures of one facility for `periods` (YYYYMM, any order) in its monthly data set: null when it has
 * none, or when DHIS2 cannot be read just now (the page says so rather than failing).
 */
export async function facilityFigures(
    ctx: IntakeContext,
    metadata: MetadataIndex,
    orgUnitId: string,
    periods: readonly string[],
    lang: Lang
): Promise<FacilityFigures | null> {
    // a facility may carry several monthly data sets (a clinic with a laboratory): one read covers them all
    const dataSets = metadata.snapshot.dataSets.filter(
        (ds) => ds.periodType === 'Monthly' && metadata.isAssigned(ds.id, orgUnitId)
    )
    if (dataSets.length === 0 || periods.length === 0) return null
    const months = [...periods].sort()
    const first = monthBounds(months[0] ?? '')
    const last = monthBounds(months[months.length - 1] ?? '')
    const params = new URLSearchParams({ orgUnit: orgUnitId, startDate: first.start, endDate: last.end })
    for (const ds of dataSets) params.append('dataSet', ds.id)
    let body: z.infer<typeof exportSchema>
    try {
        const res = await ctx.client.request({ method: 'GET', url: 'dataValueSets', params })
        if (res.status !== 200) return null
        body = exportSchema.parse(res.data)
    } catch {
        return null
    }
    const column = new Map(months.map((p, i) => [p, i]))
    const sums = new Map<string, Array<number | null>>()
    for (const v of body.dataValues ?? []) {
        const i = column.get(v.period)
        const n = Number(v.value)
        if (i === undefined || !Number.isFinite(n)) continue
        let row = sums.get(v.dataElement)
        if (!row) sums.set(v.dataElement, (row = months.map(() => null)))
        row[i] = (row[i] ?? 0) + n
    }
    const elements = [...new Set(dataSets.flatMap((ds) => ds.dataElements))]
    const rows: FigureRow[] = elements.flatMap((id) => {
        const values = sums.get(id)
        const de = metadata.dataElement(id)
        return values && de ? [{ label: elementLabel(de, lang), values }] : []
    })
    return { months: months.map((period) => ({ period, label: monthLabel(period, lang) })), rows }
}
