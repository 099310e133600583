// Lab layout files (`mappings/labs/layout-*.json`): which column holds what. Two layouts share the
// rules: a line list (one test per row) and monthly aggregates (one count per row).
import { z } from 'zod'
import { columnSchema } from '../line-list/columns.js'

const common = {
    format: z.literal(1),
    kind: z.literal('lab'),
    name: z.string().min(1),
    description: z.string().optional(),
    /** Rules file in the same folder. */
    rules: z.string().default('rules.json'),
    headerSearchRows: z.number().int().min(1).max(50).default(10),
    /**
     * Patient-level columns (name, phone, record number, birth date…). Their cells are never copied
     * out of the reader's row: not into values, issues, logs or outputs.
     */
    patientColumns: z.array(z.string()).default([]),
}

export const labLineListLayoutSchema = z.object({
    ...common,
    layout: z.literal('line-list'),
    columns: z.object({
        facility: columnSchema,
        date: columnSchema,
        test: columnSchema,
        result: columnSchema,
        age: columnSchema.optional(),
        sex: columnSchema.optional(),
        /** Used only to compute the age when the age cell is empty, then forgotten. */
        birthDate: columnSchema.optional(),
    }),
})

export const labAggregateLayoutSchema = z.object({
    ...common,
    layout: z.literal('aggregate'),
    columns: z.object({
        facility: columnSchema,
        period: columnSchema,
        test: columnSchema,
        result: columnSchema,
        ageGroup: columnSchema.optional(),
        sex: columnSchema.optional(),
        count: columnSchema,
    }),
    /** Labels people write for the age groups → category option code. */
    ageGroupAliases: z.record(z.string(), z.array(z.string())).default({}),
})

export const labLayoutSchema = z.discriminatedUnion('layout', [
    labLineListLayoutSchema,
    labAggregateLayoutSchema,
])
export type LabLineListLayout = z.infer<typeof labLineListLayoutSchema>
export type LabAggregateLayout = z.infer<typeof labAggregateLayoutSchema>
export type LabLayoutFile = z.infer<typeof labLayoutSchema>
