// Mutuelle mapping (`mappings/mutuelles/mutuelles.json`): which mutuelles exist (each an attribute
// option of DS_MUTUELLE_MENSUEL), the health district each operates in, and service kind labels.
import { z } from 'zod'
import { columnSchema } from '../line-list/columns.js'

export const mutuelleMappingSchema = z.object({
    format: z.literal(1),
    kind: z.literal('mutuelle-mapping'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    dataSet: z.string().min(1),
    /** Attribute category combo; the option combo code is `<combo>_<mutuelle code>`. */
    attributeCombo: z.string().min(1),
    prestationCombo: z.string().min(1),
    elements: z.object({
        members: z.string(),
        beneficiaries: z.string(),
        membersUpToDate: z.string(),
        claims: z.string(),
        claimsAmount: z.string(),
    }),
    mutuelles: z.record(
        z.string(),
        z.object({
            /** Org unit code of the health district where the mutuelle operates (membership goes there). */
            district: z.string().min(1),
            /** Other names of that district people write (« Commune 5 »); DHIS2's name and code always match. */
            districtNames: z.array(z.string()).default([]),
            names: z.array(z.string()).min(1),
        })
    ),
    prestations: z.record(z.string(), z.array(z.string())),
})
export type MutuelleMapping = z.infer<typeof mutuelleMappingSchema>

const common = {
    format: z.literal(1),
    kind: z.literal('mutuelle'),
    name: z.string().min(1),
    description: z.string().optional(),
    mapping: z.string().default('mutuelles.json'),
    headerSearchRows: z.number().int().min(1).max(50).default(10),
}

export const membershipLayoutSchema = z.object({
    ...common,
    layout: z.literal('membership'),
    columns: z.object({
        mutuelle: columnSchema,
        district: columnSchema.optional(),
        period: columnSchema,
        members: columnSchema,
        beneficiaries: columnSchema,
        membersUpToDate: columnSchema,
    }),
})

export const claimsLayoutSchema = z.object({
    ...common,
    layout: z.literal('claims'),
    columns: z.object({
        mutuelle: columnSchema,
        facility: columnSchema,
        period: columnSchema,
        prestation: columnSchema,
        /** Absent: one claim per row. */
        count: columnSchema.optional(),
        amount: columnSchema,
    }),
})

export const mutuelleLayoutFileSchema = z.discriminatedUnion('layout', [
    membershipLayoutSchema,
    claimsLayoutSchema,
])
export type MutuelleLayoutFile = z.infer<typeof mutuelleLayoutFileSchema>

export interface MutuelleLayout {
    file: MutuelleLayoutFile
    mapping: MutuelleMapping
    /** The titles of every layout of the folder, for a file whose title row is missing. */
    expected?: Array<{ layout: string; titles: string[] }>
}

export const mutuelleLayoutSchema: z.ZodType<MutuelleLayout> = z.object({
    file: mutuelleLayoutFileSchema,
    mapping: mutuelleMappingSchema,
})

/** Amounts as written: "12 500", "12 500,50", "12500 FCFA", "1.250.000". */
export function parseAmount(text: string): number | undefined {
    let t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(f\s*cfa|fcfa|cfa|f)$/i, '')
    if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, '')
    t = t.replace(',', '.')
    if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined
    return Number(t)
}
