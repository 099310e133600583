import { z } from 'zod'
import { surveyValueSchema } from './catalogue-schema'
import type { IndicatorTarget } from './target'

/** The dataStore key holding planners' overrides, in the app's namespace `odd3-scorecard`. */
export const OVERRIDES_KEY = 'targets'

/**
 * One override: for an indicator (plan code) and an org unit (null = the whole country), any of the baseline,
 * the 2023 and 2030 targets and the survey values. Absent fields keep the catalogue's value; a null target
 * is a placeholder ("XX").
 */
export const overrideSchema = z.object({
    code: z.string(),
    orgUnit: z.string().nullable().default(null),
    baseline: z
        .object({
            value: z.number().nullable(),
            year: z.number().int().nullable(),
            source: z.string().nullable(),
        })
        .optional(),
    targets: z
        .object({ '2023': z.number().nullable().optional(), '2030': z.number().nullable().optional() })
        .optional(),
    surveyValues: z.array(surveyValueSchema).optional(),
    updatedBy: z.string().nullable().default(null),
    updatedAt: z.string().nullable().default(null),
})

export const overridesDocumentSchema = z.object({ overrides: z.array(overrideSchema) })

export type TargetOverride = z.infer<typeof overrideSchema>

/**
 * Applies the override that is most specific for the org unit: one set for the unit itself wins over one
 * set for an ancestor, which wins over a national one. `path` is the org unit path (`/root/region/…`).
 */
export function applyOverrides(
    targets: readonly IndicatorTarget[],
    overrides: readonly TargetOverride[],
    path: string | null
): IndicatorTarget[] {
    const lineage = (path ?? '').split('/').filter(Boolean)
    const rank = (o: TargetOverride): number => (o.orgUnit === null ? 0 : lineage.indexOf(o.orgUnit) + 1)
    return targets.map((target) => {
        const applicable = overrides
            .filter((o) => o.code === target.code && (o.orgUnit === null || lineage.includes(o.orgUnit)))
            .sort((a, b) => rank(b) - rank(a))
        const best = applicable[0]
        if (!best) return target
        return {
            ...target,
            baseline: best.baseline ?? target.baseline,
            target2023:
                best.targets?.['2023'] !== undefined
                    ? { year: 2023, value: best.targets['2023'] }
                    : target.target2023,
            target2030:
                best.targets?.['2030'] !== undefined
                    ? { year: 2030, value: best.targets['2030'] }
                    : target.target2030,
            surveyValues: best.surveyValues
                ? [...best.surveyValues].sort((a, b) => a.year - b.year)
                : target.surveyValues,
            override: { orgUnit: best.orgUnit, updatedBy: best.updatedBy, updatedAt: best.updatedAt },
        }
    })
}
