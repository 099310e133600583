import { UID_PATTERN } from '@odd3/mappings/uid'
import { z } from 'zod'

// The planners' target set as stored in DHIS2's dataStore (namespace `odd3-scorecard`, key `targets`).
// One document holds every record, so a reader needs one request on a slow link. Author and time are
// never part of a record: they come from DHIS2 (the history entries' metadata), see docs/targets.md.

/** The app's dataStore namespace (d2.config.js `dataStoreNamespace`). */
export const TARGETS_NAMESPACE = 'odd3-scorecard'

/** The key of the document holding every planner record. */
export const TARGET_SET_KEY = 'targets'

/** DHIS2 user group whose members may write the target set (shared `rw------`, everyone else `r-------`). */
export const PLANNERS_GROUP_CODE = 'ODD3_PLANIFICATEURS'

/** Finite and within what any unit of the catalogue allows (a count of cases stays below 10 million). */
const figure = z.number().finite().min(0).max(10_000_000)
const year = z.number().int().min(1990).max(2100)

export const surveyRecordSchema = z.object({ value: figure, year, source: z.string().min(1).max(200) })

export const targetRecordSchema = z.object({
    /** Plan code of the indicator, e.g. `ODD-3.3.3`. */
    code: z.string().min(1).max(60),
    /** null: the whole country; otherwise the region (or district) the record is set for. */
    orgUnit: z.string().regex(UID_PATTERN).nullable(),
    /** Absent: inherit the baseline from the level above (or the catalogue). */
    baseline: z
        .object({ value: figure.nullable(), year: year.nullable(), source: z.string().max(200).nullable() })
        .optional(),
    /** Absent milestone: inherit; null: the plan's placeholder « XX ». */
    targets: z
        .object({ '2023': figure.nullable().optional(), '2030': figure.nullable().optional() })
        .optional(),
    surveyValues: z.array(surveyRecordSchema).max(50).optional(),
    /** Shown to readers next to the figure. */
    notes: z
        .object({ fr: z.string().max(1000), en: z.string().max(1000) })
        .nullable()
        .optional(),
    /** Incremented on every save; a save whose revision moved since it was read is refused (no overwrite). */
    revision: z.number().int().min(0),
})

export const targetSetDocumentSchema = z.object({
    version: z.literal(2),
    records: z.array(targetRecordSchema).max(5000),
})

export type TargetRecord = z.infer<typeof targetRecordSchema>
export type TargetSetDocument = z.infer<typeof targetSetDocumentSchema>

/** The record for one indicator at one level, if a planner set one. */
export function findRecord(
    records: readonly TargetRecord[],
    code: string,
    orgUnit: string | null
): TargetRecord | undefined {
    return records.find((r) => r.code === code && r.orgUnit === orgUnit)
}
