// Aggregation rules for laboratory line lists, kept as a versioned file in `mappings/labs/`:
// test names → data element, result/sex synonyms → category options, age groups.
import { readMappingFile } from '../../mapping/mapping-file.js'
import { z } from 'zod'
import { lookup, synonymIndex } from '../line-list/columns.js'

export const DISAGGREGATIONS = ['result', 'age', 'sex'] as const
export type Disaggregation = (typeof DISAGGREGATIONS)[number]

export const labRulesSchema = z.object({
    format: z.literal(1),
    kind: z.literal('lab-rules'),
    /** Semantic version of the rules: bumped on every change, echoed in outputs. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    dataSet: z.string().min(1),
    tests: z
        .record(
            z.string(),
            z.object({
                /** Category combo code; option combo code = combo code + option codes in this order. */
                categoryCombo: z.string().min(1),
                disaggregation: z.array(z.enum(DISAGGREGATIONS)),
                synonyms: z.array(z.string()).min(1),
            })
        )
        .refine((t) => Object.keys(t).length > 0),
    results: z.record(z.string(), z.array(z.string())),
    /** Results that are not a test outcome (invalid, indeterminate): counted in the report, never sent. */
    excludedResults: z.array(z.string()).default([]),
    sexes: z.record(z.string(), z.array(z.string())),
    /** Age groups in years: `[min, max)`; the first that contains the age wins. */
    ageGroups: z
        .array(
            z.object({
                option: z.string(),
                minYears: z.number().min(0),
                maxYears: z.number().positive().nullable(),
            })
        )
        .min(1),
    /** Ages above this are refused as typing errors. */
    maxAgeYears: z.number().positive().default(120),
})

export type LabRules = z.infer<typeof labRulesSchema>

export async function loadLabRules(file: string): Promise<LabRules> {
    return readMappingFile(labRulesSchema, file)
}

/** Compiled lookups over the rules. */
export class LabClassifier {
    private readonly tests: Map<string, string>
    private readonly results: Map<string, string>
    private readonly excluded: Map<string, string>
    private readonly sexes: Map<string, string>

    constructor(readonly rules: LabRules) {
        this.tests = synonymIndex(
            Object.fromEntries(Object.entries(rules.tests).map(([k, v]) => [k, v.synonyms]))
        )
        this.results = synonymIndex(rules.results)
        this.excluded = synonymIndex({ EXCLUDED: rules.excludedResults })
        this.sexes = synonymIndex(rules.sexes)
    }

    test(text: string): string | undefined {
        return lookup(this.tests, text)
    }

    result(text: string): string | 'EXCLUDED' | undefined {
        return (
            lookup(this.results, text) ?? (lookup(this.excluded, text) === undefined ? undefined : 'EXCLUDED')
        )
    }

    sex(text: string): string | undefined {
        return lookup(this.sexes, text)
    }

    ageGroup(years: number): string | undefined {
        return this.rules.ageGroups.find(
            (g) => years >= g.minYears && (g.maxYears === null || years < g.maxYears)
        )?.option
    }
}

/**
 * Ages as written: "34", "34 ans", "18 mois", "2a", "3,5". Returns years, or undefined if unreadable.
 * Months are divided by 12 so that "18 mois" is 1.5 years (under 5).
 */
export function parseAge(text: string): number | undefined {
    const t = text.trim().toLowerCase().replace(',', '.')
    const m = /^(\d+(?:\.\d+)?)\s*(ans?|a|years?|y|mois|m|months?|jours?|j|semaines?|sem)?$/.exec(t)
    if (m === null) return undefined
    const n = Number(m[1])
    const unit = m[2] ?? ''
    if (/^(mois|m|months?)$/.test(unit)) return n / 12
    if (/^(jours?|j)$/.test(unit)) return n / 365
    if (/^(semaines?|sem)$/.test(unit)) return n / 52
    return n
}

/** Test dates as written: 15/03/2024, 15-03-2024, 15.03.2024, 2024-03-15 (also with a time). */
export function parseTestDate(text: string): { year: number; month: number; day: number } | undefined {
    const t = text.trim()
    let y: number, mo: number, d: number
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t)
    if (m) {
        y = Number(m[1])
        mo = Number(m[2])
        d = Number(m[3])
    } else {
        m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/.exec(t)
        if (!m) return undefined
        d = Number(m[1])
        mo = Number(m[2])
        y = Number(m[3])
    }
    const date = new Date(Date.UTC(y, mo - 1, d))
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
        return undefined
    return { year: y, month: mo, day: d }
}

/** Whole years between a birth date and the test date (birthday not reached yet = one less). */
export function ageAt(
    birth: { year: number; month: number; day: number },
    on: { year: number; month: number; day: number }
): number {
    let years = on.year - birth.year
    if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) years--
    if (years === 0 || years < 0) {
        const months = (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day ? 1 : 0)
        return Math.max(0, months) / 12
    }
    return years
}
