// The DHIS2 metadata the bridge needs, as cached on disk. Fetched with explicit `fields`
// (see fetch.ts); everything is referred to by UID with the code kept for people.
import { z } from 'zod'

export const CACHE_FORMAT = 1

const ref = z.object({ id: z.string(), code: z.string().optional(), name: z.string().optional() })

export const metadataSnapshotSchema = z.object({
    stamp: z.object({
        format: z.literal(CACHE_FORMAT),
        baseUrl: z.string(),
        username: z.string(),
        serverVersion: z.string(),
        /** Latest `lastUpdated` seen among the fetched objects: a cheap freshness check. */
        lastUpdated: z.string(),
        fetchedAt: z.string(),
        serverDate: z.string().optional(),
    }),
    dataElements: z.array(
        ref.extend({
            valueType: z.string(),
            zeroIsSignificant: z.boolean().optional(),
            categoryCombo: z.string(),
            optionSet: z.string().optional(),
        })
    ),
    categoryCombos: z.array(
        ref.extend({
            dataDimensionType: z.string().optional(),
            categoryOptionCombos: z.array(ref.extend({ categoryOptions: z.array(z.string()) })),
        })
    ),
    dataSets: z.array(
        ref.extend({
            periodType: z.string(),
            openFuturePeriods: z.number(),
            expiryDays: z.number(),
            categoryCombo: z.string(),
            dataElements: z.array(z.string()),
            organisationUnits: z.array(z.string()),
        })
    ),
    organisationUnits: z.array(
        ref.extend({
            path: z.string(),
            level: z.number(),
            openingDate: z.string().optional(),
            closedDate: z.string().optional(),
        })
    ),
    me: z.object({ id: z.string(), username: z.string(), organisationUnits: z.array(z.string()) }).optional(),
})

export type MetadataSnapshot = z.infer<typeof metadataSnapshotSchema>
export type DataElementMeta = MetadataSnapshot['dataElements'][number]
export type CategoryComboMeta = MetadataSnapshot['categoryCombos'][number]
export type CocMeta = CategoryComboMeta['categoryOptionCombos'][number]
export type DataSetMeta = MetadataSnapshot['dataSets'][number]
export type OrgUnitMeta = MetadataSnapshot['organisationUnits'][number]

export const DEFAULT_COC = 'HllvX50cXC0'
export const DEFAULT_COMBO = 'bjDvmb4bfuf'
