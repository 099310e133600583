// Recomputes district-year indicators straight from seeded raw values, independently of the simulator's
// analytics, so the tests check the generator and not another implementation.
import { metadataIndex } from '@odd3/mappings/metadata'
import type { StoredDataValue } from '../../src/core/types.js'
import type { DemoOrgUnit } from '../../src/demo/index.js'

export interface DistrictYearTotals {
    get(district: string, year: number, dataElement: string, options?: { positiveOnly?: boolean }): number
}

export function districtYearTotals(
    values: Iterable<StoredDataValue>,
    units: DemoOrgUnit[]
): DistrictYearTotals {
    const index = metadataIndex()
    const codeOf = new Map(index.pkg.dataElements.map((de) => [de.id, de.code]))
    const districtOf = new Map<string, string>()
    for (const unit of units) if (unit.districtCode) districtOf.set(unit.id, unit.districtCode)
    const lastAggregated = new Set(
        index.pkg.dataElements.filter((de) => de.aggregationType === 'LAST').map((de) => de.code)
    )
    const sums = new Map<string, number>()
    const last = new Map<string, { period: string; value: number; key: string }>()
    for (const v of values) {
        const code = codeOf.get(v.dataElement)
        const district = districtOf.get(v.orgUnit)
        if (!code || !district || v.value === null) continue
        const year = v.period.slice(0, 4)
        const key = `${district}|${year}|${code}`
        const amount = Number(v.value)
        if (lastAggregated.has(code)) {
            // DHIS2's LAST: the latest value of the year for each org unit and option combo, summed.
            const slot = `${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}|${key}`
            const seen = last.get(slot)
            if (!seen || seen.period < v.period) last.set(slot, { period: v.period, value: amount, key })
            continue
        }
        sums.set(key, (sums.get(key) ?? 0) + amount)
    }
    for (const { value, key } of last.values()) sums.set(key, (sums.get(key) ?? 0) + value)
    return {
        get: (district, year, dataElement) => sums.get(`${district}|${year}|${dataElement}`) ?? 0,
    }
}

/** Yearly values of the MAP routine indicators for one district (the annualisation factor is 1 for a year). */
export function districtIndicators(
    t: DistrictYearTotals,
    district: string,
    year: number
): Record<string, number> {
    const g = (code: string): number => t.get(district, year, code)
    const population = g('POP_TOTALE')
    return {
        sba: (100 * g('ACCOUCH_ASSISTES')) / g('POP_NAISS_ATTENDUES'),
        malaria: (1000 * g('PALU_CONFIRMES')) / population,
        tb: (100000 * g('TB_CAS_NOTIFIES')) / population,
        cpr: (100 * g('PF_UTILISATRICES')) / g('POP_FEMMES_15_49'),
        vac: (100 * g('VAC_COMPLET')) / g('POP_0_11_MOIS'),
        hiv: (1000 * g('VIH_NOUVEAUX')) / population,
        amu: (100 * g('MUT_BENEFICIAIRES')) / population,
        population,
    }
}
