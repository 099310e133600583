import type { IndicatorTarget } from '../progress/target'
import { findRecord, type TargetRecord } from '../progress/target-record'
import type { ValidationContext } from './validation'

/**
 * What a level would show without its own record: the nearest level above with a record, field by field,
 * then the catalogue. `above` lists the levels above the edited one, the country (null) first.
 */
export function inheritedValues(
    records: readonly TargetRecord[],
    indicator: IndicatorTarget,
    above: ReadonlyArray<string | null>
): ValidationContext['inherited'] {
    const result: ValidationContext['inherited'] = {
        baseline: indicator.baseline,
        target2023: indicator.target2023.value,
        target2030: indicator.target2030.value,
    }
    for (const orgUnit of above) {
        const record = findRecord(records, indicator.code, orgUnit)
        if (!record) continue
        if (record.baseline) result.baseline = record.baseline
        const t2023 = record.targets?.['2023']
        const t2030 = record.targets?.['2030']
        if (t2023 !== undefined) result.target2023 = t2023
        if (t2030 !== undefined) result.target2030 = t2030
    }
    return result
}
