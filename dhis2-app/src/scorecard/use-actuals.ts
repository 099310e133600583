import { z } from 'zod'
import { parseAnalyticsGrid } from '../shared/analytics-grid'
import { useParsedQuery } from '../shared/use-parsed-query'
import { indexActuals, type ValueIndex } from '../progress/actuals'
import { actualsParams } from '../shared/analytics-params'

const actualsInputSchema = z.object({
    indicatorIds: z.array(z.string()),
    years: z.array(z.number().int()),
    orgUnitIds: z.array(z.string()),
})

type ActualsInput = z.infer<typeof actualsInputSchema>

const ACTUALS_QUERY = {
    actuals: {
        resource: 'analytics',
        params: (variables: Record<string, unknown>) => actualsParams(actualsInputSchema.parse(variables)),
    },
}

function parseActuals(data: unknown): ValueIndex {
    const actuals = typeof data === 'object' && data !== null ? Reflect.get(data, 'actuals') : undefined
    return indexActuals(parseAnalyticsGrid(actuals))
}

/** The routine actuals of every indicator, every year, for the org unit and its children: one request. */
export function useActuals(input: ActualsInput | null) {
    const ready = input !== null && input.indicatorIds.length > 0 && input.orgUnitIds.length > 0
    return useParsedQuery(ACTUALS_QUERY, ready ? input : null, parseActuals)
}
