import { loadCatalogue, type Target as CatalogueTarget } from '@odd3/mappings/catalogue'
import type { IndicatorTarget, TargetOrigin } from './target'

const CATALOGUE: TargetOrigin = { orgUnit: null, fromRecord: false }

/** The catalogue entry as the app's domain object, before any planner's record. */
export function toIndicatorTarget(t: CatalogueTarget): IndicatorTarget {
    return {
        code: t.code,
        name: t.name,
        unit: t.unit,
        factor: t.factor,
        direction: t.direction,
        baseline: t.baseline,
        target2023: { year: 2023, value: t.targets['2023'] },
        target2030: { year: 2030, value: t.targets['2030'] },
        actuals: t.actuals,
        routine: t.routine ?? null,
        routineProxy: t.routineProxy ?? null,
        surveyValues: [...t.surveyValues].sort((a, b) => a.year - b.year),
        notes: t.notes ?? null,
        plannerNote: null,
        origin: {
            baseline: CATALOGUE,
            target2023: CATALOGUE,
            target2030: CATALOGUE,
            surveyValues: CATALOGUE,
        },
    }
}

/** The committed catalogue (mappings/targets/catalogue.json, bundled at build time), validated at start. */
export const DEFAULT_TARGETS: readonly IndicatorTarget[] = loadCatalogue().indicators.map(toIndicatorTarget)
