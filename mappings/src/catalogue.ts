// The MAP/ODD-3 target catalogue (mappings/targets/catalogue.json): schema and loader. The app reads it as
// the default targets; planners' edits in the DHIS2 dataStore override it per org unit.
import { z } from 'zod'
import rawCatalogue from '../targets/catalogue.json' with { type: 'json' }
import { UID_PATTERN } from './uid.js'

const bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) })
const year = z.number().int().min(1990).max(2100)

export const routineLinkSchema = z.object({
    /** Code of the DHIS2 indicator in the metadata package. */
    indicatorCode: z.string().regex(/^IND_[A-Z0-9_]+$/),
    indicatorUid: z.string().regex(UID_PATTERN),
    /** Data element codes of the numerator, so the app can split the numerator by sector. */
    numeratorDataElements: z.array(z.string().min(1)).min(1),
    denominatorDataElements: z.array(z.string().min(1)),
    /** The indicator's DHIS2 expressions, as in the package (`#{deUid}`, `#{deUid.cocUid}`). */
    numerator: z.string().min(1),
    denominator: z.string().min(1),
})

export const surveyValueSchema = z.object({
    value: z.number(),
    year,
    source: z.string().min(1),
})

export const targetSchema = z
    .object({
        code: z.string().regex(/^(ODD|MAP)-[0-9A-Za-z.-]+$/),
        /** SDG indicator number the target belongs to. */
        sdg: z.string().regex(/^3\.[0-9a-z]+\.[0-9]+$/),
        name: bilingual,
        unit: bilingual,
        /** 100 for %, 1000 for ‰, 100000 per 100 000, 1 for counts. */
        factor: z.union([z.literal(1), z.literal(100), z.literal(1000), z.literal(100000)]),
        direction: z.enum(['lower', 'higher']),
        baseline: z.object({
            value: z.number().nullable(),
            year: year.nullable(),
            source: z.string().nullable(),
            note: z.string().optional(),
        }),
        /** null where the plan writes X / XX. */
        targets: z.object({ '2023': z.number().nullable(), '2030': z.number().nullable() }),
        /** The plan's own wording of each target, kept verbatim. */
        planWording: z.object({ '2023': z.string().min(1), '2030': z.string().min(1) }),
        actuals: z.enum(['routine', 'survey']),
        routine: routineLinkSchema.optional(),
        /** A routine indicator shown next to a survey target, never as its value. */
        routineProxy: routineLinkSchema.optional(),
        surveyValues: z.array(surveyValueSchema),
        notes: bilingual.optional(),
    })
    .refine((t) => (t.actuals === 'routine') === (t.routine !== undefined), {
        message: 'routine targets, and only they, carry a routine link',
    })

export const catalogueSchema = z.object({
    version: z.string(),
    source: z.string(),
    targetYears: z.array(year),
    indicators: z.array(targetSchema).min(1),
})

export type RoutineLink = z.infer<typeof routineLinkSchema>
export type SurveyValue = z.infer<typeof surveyValueSchema>
export type Target = z.infer<typeof targetSchema>
export type Catalogue = z.infer<typeof catalogueSchema>

/** Validates any catalogue-shaped value (the committed file, or a planner's copy from the dataStore). */
export function parseCatalogue(value: unknown): Catalogue {
    return catalogueSchema.parse(value)
}

let cached: Catalogue | null = null

/** The committed catalogue, validated once. */
export function loadCatalogue(): Catalogue {
    cached ??= parseCatalogue(rawCatalogue)
    return structuredClone(cached)
}

export function targetByCode(catalogue: Catalogue, code: string): Target | undefined {
    return catalogue.indicators.find((t) => t.code === code)
}
