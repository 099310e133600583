import type { TargetRecord } from './target-record'
import type { IndicatorTarget, OriginUnit, TargetOrigin } from './target'

// How a reader's targets are found (issue 12 §2, docs/app.md « Cibles régionales »): the catalogue is the
// country's; a planner's national record changes it; a region's (or district's) record overrides it field by
// field for that unit and every unit below it, the nearest level with a record winning. Counts are never
// inherited: a count target exists only for the unit it was set for.

const NATIONAL_RECORD: TargetOrigin = { orgUnit: null, fromRecord: true }

/** The fields a record can set, each resolved on its own so a region can change one target only. */
type Resolved = Pick<
    IndicatorTarget,
    'baseline' | 'target2023' | 'target2030' | 'surveyValues' | 'plannerNote' | 'origin'
>

function apply(current: Resolved, record: TargetRecord, origin: TargetOrigin): Resolved {
    const next: Resolved = { ...current, origin: { ...current.origin } }
    if (record.baseline !== undefined) {
        next.baseline = { ...record.baseline }
        next.origin.baseline = origin
    }
    const milestone2023 = record.targets?.['2023']
    if (milestone2023 !== undefined) {
        next.target2023 = { year: 2023, value: milestone2023 }
        next.origin.target2023 = origin
    }
    const milestone2030 = record.targets?.['2030']
    if (milestone2030 !== undefined) {
        next.target2030 = { year: 2030, value: milestone2030 }
        next.origin.target2030 = origin
    }
    if (record.surveyValues !== undefined) {
        next.surveyValues = [...record.surveyValues].sort((a, b) => a.year - b.year)
        next.origin.surveyValues = origin
    }
    if (record.notes !== undefined) {
        next.plannerNote = record.notes === null ? null : { text: record.notes, origin }
    }
    return next
}

/** A count with nothing set for the unit itself: no baseline, every target a placeholder. */
function emptyFor(target: IndicatorTarget, origin: TargetOrigin): Resolved {
    return {
        baseline: { value: null, year: null, source: null },
        target2023: { year: 2023, value: null },
        target2030: { year: 2030, value: null },
        surveyValues: target.surveyValues,
        plannerNote: null,
        origin: {
            baseline: origin,
            target2023: origin,
            target2030: origin,
            surveyValues: target.origin.surveyValues,
        },
    }
}

/**
 * The targets for the last unit of `lineage` (root first, the unit itself last; empty = the country).
 * `records` is the planners' target set; records for units outside the lineage are ignored.
 */
export function resolveTargets(
    catalogue: readonly IndicatorTarget[],
    records: readonly TargetRecord[],
    lineage: readonly OriginUnit[]
): IndicatorTarget[] {
    const self = lineage[lineage.length - 1]
    const atCountry = self === undefined || self.level <= 1
    return catalogue.map((target) => {
        const mine = records.filter((r) => r.code === target.code)
        const national = mine.find((r) => r.orgUnit === null)
        let resolved: Resolved = target
        if (target.factor === 1 && !atCountry) {
            // A count is judged only against a target set for this very unit (never a region's or the country's).
            const own = mine.find((r) => r.orgUnit === self.id)
            if (own === undefined) return target
            const origin: TargetOrigin = { orgUnit: self, fromRecord: true }
            return { ...target, ...apply(emptyFor(target, origin), own, origin) }
        }
        if (national) resolved = apply(resolved, national, NATIONAL_RECORD)
        for (const unit of lineage) {
            const record = mine.find((r) => r.orgUnit === unit.id)
            if (record) resolved = apply(resolved, record, { orgUnit: unit, fromRecord: true })
        }
        return { ...target, ...resolved }
    })
}

/** Whether a field's origin is the country (the catalogue, the national record, or a record for the root). */
export function isNationalOrigin(origin: TargetOrigin): boolean {
    return origin.orgUnit === null || origin.orgUnit.level <= 1
}
