import { z } from 'zod'
import { parseAnalyticsGrid } from '../shared/analytics-grid'
import { useParsedQuery } from '../shared/use-parsed-query'
import { sectorSplitParams } from '../shared/analytics-params'
import { indexSectorSplit, type SectorSplit } from '../progress/sector-split'

const sectorSplitInputSchema = z.object({
    numeratorItems: z.array(z.string()),
    dataSetIds: z.array(z.string()),
    year: z.number().int(),
    orgUnitIds: z.array(z.string()),
    sectorGroupSetId: z.string(),
    /** Group id → code, so rows can be read by sector code. */
    groups: z.array(z.object({ id: z.string(), code: z.string() })),
})

type SectorSplitInput = z.infer<typeof sectorSplitInputSchema>

function splitParams(variables: Record<string, unknown>) {
    const v = sectorSplitInputSchema.parse(variables)
    return sectorSplitParams({ ...v, sectorGroupIds: v.groups.map((g) => g.id) })
}

const SECTOR_QUERY = {
    split: {
        resource: 'analytics',
        params: splitParams,
    },
}

/** The numerators split by sector and the private data sets' reports for the selected year: one request. */
export function useSectorSplit(input: SectorSplitInput | null) {
    const ready = input !== null && input.orgUnitIds.length > 0 && input.groups.length > 0
    const parse = (data: unknown): SectorSplit => {
        const split = typeof data === 'object' && data !== null ? Reflect.get(data, 'split') : undefined
        const groupCodes = new Map((input?.groups ?? []).map((g) => [g.id, g.code]))
        return indexSectorSplit(parseAnalyticsGrid(split), input?.sectorGroupSetId ?? '', groupCodes)
    }
    return useParsedQuery(SECTOR_QUERY, ready ? input : null, parse)
}
