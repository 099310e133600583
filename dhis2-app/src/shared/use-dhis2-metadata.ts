import { UID_SOURCE } from '@odd3/mappings/uid'
import { z } from 'zod'
import { useParsedQuery } from './use-parsed-query'

/** Codes of the objects the app needs from the metadata package (docs/data-model.md). */
export const SECTOR_GROUP_SET_CODE = 'SECTEUR'
export const PRIVATE_SECTOR_CODES = ['SECT_PRIVE_LUCRATIF', 'SECT_PRIVE_NON_LUCRATIF'] as const
export const PRIVATE_DATA_SET_CODES = ['DS_PRIVE_MENSUEL', 'DS_LABO_MENSUEL'] as const

const METADATA_QUERY = {
    indicators: {
        resource: 'indicators',
        params: ({ codes }: Record<string, string[]>) => ({
            filter: `code:in:[${(codes ?? []).join(',')}]`,
            fields: 'id,code,numerator,decimals',
            pageSize: 200,
        }),
    },
    sectors: {
        resource: 'organisationUnitGroupSets',
        params: {
            filter: `code:eq:${SECTOR_GROUP_SET_CODE}`,
            fields: 'id,code,organisationUnitGroups[id,code]',
        },
    },
    dataSets: {
        resource: 'dataSets',
        params: {
            filter: `code:in:[${PRIVATE_DATA_SET_CODES.join(',')}]`,
            fields: 'id,code',
        },
    },
}

const metadataSchema = z.object({
    indicators: z.object({
        indicators: z.array(
            z.object({
                id: z.string(),
                code: z.string().optional(),
                numerator: z.string().optional(),
                decimals: z.number().int().optional(),
            })
        ),
    }),
    sectors: z.object({
        organisationUnitGroupSets: z.array(
            z.object({
                id: z.string(),
                organisationUnitGroups: z.array(z.object({ id: z.string(), code: z.string().optional() })),
            })
        ),
    }),
    dataSets: z.object({ dataSets: z.array(z.object({ id: z.string(), code: z.string().optional() })) }),
})

export interface DhisIndicator {
    id: string
    code: string
    /** Items summed in the numerator (`de` or `de.coc`), for the sector split. */
    numeratorItems: string[]
    decimals: number
}

export interface Dhis2Metadata {
    /** By DHIS2 indicator code. */
    indicators: Map<string, DhisIndicator>
    /** Null when the sector group set is not installed (the split is then not shown). */
    sectorGroupSet: { id: string; groups: Array<{ id: string; code: string }> } | null
    privateDataSets: Array<{ id: string; code: string }>
}

const ITEM = new RegExp(`#\\{(${UID_SOURCE})(?:\\.(${UID_SOURCE}))?\\}`, 'g')

/**
 * The items of a sum of data element totals and operands (`#{de} + #{de.coc}`), the only form the metadata
 * package writes; anything else (constants, other operators) means the expression cannot be split.
 */
export function numeratorItems(expression: string): string[] {
    const rest = expression.replace(ITEM, '').replace(/[\s+]/g, '')
    if (rest !== '') return []
    return [...expression.matchAll(ITEM)].map((m) => (m[2] ? `${m[1]}.${m[2]}` : `${m[1]}`))
}

export function parseMetadata(data: unknown): Dhis2Metadata {
    const parsed = metadataSchema.parse(data)
    const indicators = new Map<string, DhisIndicator>()
    for (const i of parsed.indicators.indicators) {
        if (!i.code) continue
        indicators.set(i.code, {
            id: i.id,
            code: i.code,
            numeratorItems: numeratorItems(i.numerator ?? ''),
            decimals: i.decimals ?? 2,
        })
    }
    const set = parsed.sectors.organisationUnitGroupSets[0]
    return {
        indicators,
        sectorGroupSet: set
            ? {
                  id: set.id,
                  groups: set.organisationUnitGroups.flatMap((g) =>
                      g.code ? [{ id: g.id, code: g.code }] : []
                  ),
              }
            : null,
        privateDataSets: parsed.dataSets.dataSets.flatMap((d) =>
            d.code ? [{ id: d.id, code: d.code }] : []
        ),
    }
}

/** Ids of the indicators, sector groups and private data sets, resolved from their codes. */
export function useDhis2Metadata(indicatorCodes: string[]) {
    return useParsedQuery(METADATA_QUERY, { codes: indicatorCodes }, parseMetadata)
}
