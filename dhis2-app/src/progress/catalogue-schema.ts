import { z } from 'zod'

// The app's reading of mappings/targets/catalogue.json (its schema lives in mappings/src/catalogue.ts, outside
// what d2-app-scripts compiles). test/catalogue-copy.test.ts checks both accept the committed file.

const bilingual = z.object({ fr: z.string(), en: z.string() })

const routineLink = z.object({
    indicatorCode: z.string(),
    indicatorUid: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{10}$/),
})

export const surveyValueSchema = z.object({ value: z.number(), year: z.number().int(), source: z.string() })

export const catalogueTargetSchema = z.object({
    code: z.string(),
    name: bilingual,
    unit: bilingual,
    factor: z.number(),
    direction: z.enum(['lower', 'higher']),
    baseline: z.object({
        value: z.number().nullable(),
        year: z.number().int().nullable(),
        source: z.string().nullable(),
    }),
    targets: z.object({ '2023': z.number().nullable(), '2030': z.number().nullable() }),
    actuals: z.enum(['routine', 'survey']),
    routine: routineLink.optional(),
    routineProxy: routineLink.optional(),
    surveyValues: z.array(surveyValueSchema),
    notes: bilingual.optional(),
})

export const catalogueSchema = z.object({
    version: z.string(),
    indicators: z.array(catalogueTargetSchema).min(1),
})

export type CatalogueTarget = z.infer<typeof catalogueTargetSchema>
export type Catalogue = z.infer<typeof catalogueSchema>
