// The clinic report's layout files (`mappings/facility-report/*.json`): which column holds what,
// and for the wide layout which column is which data element and disaggregation.
import { z } from 'zod'

export const columnSpecSchema = z.object({
    /** Title as in the template. */
    name: z.string().min(1),
    /** Other titles people use for the same column (compared without case, accents or punctuation). */
    aliases: z.array(z.string()).default([]),
})
export type ColumnSpec = z.infer<typeof columnSpecSchema>

const common = {
    format: z.literal(1),
    kind: z.literal('facility-report'),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Data set code the values belong to (DS_PRIVE_MENSUEL). */
    dataSet: z.string().min(1),
    /** Attribute option combo code or UID; default combo when absent. */
    attributeOptionCombo: z.string().optional(),
    /** How many leading rows may hold titles before the header row. */
    headerSearchRows: z.number().int().min(1).max(50).default(10),
    /** Short forms people type in column titles → the words they stand for (« consult » → « consultations »). */
    abbreviations: z.record(z.string(), z.string()).default({}),
}

export const longLayoutSchema = z.object({
    ...common,
    layout: z.literal('long'),
    columns: z.object({
        facility: columnSpecSchema,
        period: columnSpecSchema,
        dataElement: columnSpecSchema,
        disaggregation: columnSpecSchema.optional(),
        value: columnSpecSchema,
        comment: columnSpecSchema.optional(),
    }),
    /** Names people write for data elements → data element code. */
    elementAliases: z.record(z.string(), z.string()).default({}),
    /** Category option code → labels people write in the disaggregation column. */
    optionAliases: z.record(z.string(), z.array(z.string())).default({}),
})

export const wideFieldSchema = z.object({
    column: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    dataElement: z.string().min(1),
    /** Category option codes of the disaggregation; none = default. */
    options: z.array(z.string()).default([]),
})

export const wideLayoutSchema = z
    .object({
        ...common,
        layout: z.literal('wide'),
        columns: z.object({
            facility: columnSpecSchema,
            period: columnSpecSchema,
            facilityName: columnSpecSchema.optional(),
            comment: columnSpecSchema.optional(),
        }),
        fields: z.array(wideFieldSchema).min(1),
    })
    .superRefine((l, ctx) => {
        const seen = new Map<string, number>()
        l.fields.forEach((f, i) => {
            const k = `${f.dataElement}|${[...f.options].sort().join('+')}`
            const prev = seen.get(k)
            if (prev !== undefined)
                ctx.addIssue({
                    code: 'custom',
                    path: ['fields', i],
                    message: `même indicateur et même ventilation que fields[${prev}]`,
                })
            seen.set(k, i)
        })
    })

export const facilityReportLayoutSchema = z.union([longLayoutSchema, wideLayoutSchema])
export type LongLayout = z.infer<typeof longLayoutSchema>
export type WideLayout = z.infer<typeof wideLayoutSchema>
export type FacilityReportLayout = z.infer<typeof facilityReportLayoutSchema>
