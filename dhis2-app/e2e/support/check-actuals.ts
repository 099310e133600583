import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index'
// The plan's own catalogue (the source the app's copy is made from), for the plan code → DHIS2 indicator code
// mapping; the indicators' UIDs and formulas are read from the server.
import catalogue from '@odd3/mappings/targets/catalogue.json'
import { api, type DemoUser } from './harness'
import {
    analyticsValue,
    indicatorByCode,
    numeratorRawValueCount,
    rawIndicatorValue,
    type IndicatorDefinition,
} from './independent-values'

export type UiLanguage = 'fr' | 'en'

/** Plan code → DHIS2 indicator code, for every indicator judged on routine data. */
const ROUTINE = new Map<string, string>(
    catalogue.indicators.flatMap((t) =>
        t.actuals === 'routine' && t.routine ? [[t.code, t.routine.indicatorCode]] : []
    )
)

const NUMBER_FORMAT: Record<UiLanguage, Intl.NumberFormat> = {
    fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
    en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
}

export interface ActualsOptions {
    /** UI language of the page; the numbers shown are checked in its format. French by default. */
    language?: UiLanguage
    /**
     * Plan codes whose actual is legitimately missing for this org unit and year. Each must have no raw
     * numerator value at all in the org unit's sub-tree; every other actual must be a real number.
     */
    missing?: readonly string[]
}

interface ShownValue {
    key: string
    value: string
    text: string
}

/**
 * Every routine actual on the scorecard, and every child's actual in the drill-down of
 * `drillIndicatorCode`, is a real number equal to the value of a direct analytics request for the same
 * indicator, org unit and year, and to the value recomputed from the raw data values where the indicator's
 * aggregation allows it; the text shown is that number in the UI language. Only the codes listed in
 * `options.missing` may have no value, on both sides, and only when no raw data exists for them.
 * Returns how many real numbers were compared (always at least one, and at least one of them recomputed
 * from the raw data values).
 */
export async function expectActualsMatchAnalytics(
    page: Page,
    sim: RunningSimulator,
    user: DemoUser,
    orgUnitId: string,
    year: number,
    drillIndicatorCode: string,
    options: ActualsOptions = {}
): Promise<number> {
    const language = options.language ?? 'fr'
    const missing = new Set(options.missing ?? [])
    for (const code of missing) expect(ROUTINE.has(code), `${code} is not a routine indicator`).toBe(true)
    let numbers = 0
    let recomputed = 0

    const check = async (
        shown: ShownValue,
        indicator: IndicatorDefinition,
        orgUnit: string,
        mayBeMissing: boolean
    ) => {
        const label = `${indicator.code} for ${orgUnit} in ${year}`
        const fromAnalytics = await analyticsValue(sim, user, indicator.id, orgUnit, year)
        const fromRaw = await rawIndicatorValue(sim, user, indicator, orgUnit, year)
        if (mayBeMissing) {
            expect(shown.value, `${label}: shown`).toBe('')
            expect(shown.text, `${label}: shown`).toBe('—')
            expect(fromAnalytics, `${label}: analytics`).toBeNull()
            if (fromRaw !== undefined) expect(fromRaw, `${label}: raw data values`).toBeNull()
            expect(await numeratorRawValueCount(sim, user, indicator, orgUnit, year), `${label}: raw`).toBe(0)
            return
        }
        expect(shown.value, `${label}: shown`).toMatch(/^-?\d+(\.\d+)?$/)
        const value = Number(shown.value)
        expect(Number.isFinite(value), `${label}: shown`).toBe(true)
        expect(fromAnalytics, `${label}: analytics`).not.toBeNull()
        expect(value, `${label}: analytics`).toBe(fromAnalytics)
        if (fromRaw !== undefined) {
            recomputed += 1
            expect(fromRaw, `${label}: raw data values`).toBe(value)
        }
        expect(shown.text, `${label}: text`).toBe(NUMBER_FORMAT[language].format(value))
        numbers += 1
    }

    const shown = await page.locator('[data-test="actual"][data-source="routine"]').evaluateAll((cells) =>
        cells.map((c) => ({
            key: c.getAttribute('data-code') ?? '',
            value: c.getAttribute('data-value') ?? '',
            text: c.textContent ?? '',
        }))
    )
    expect(shown.map((s) => s.key).sort()).toEqual([...ROUTINE.keys()].sort())
    for (const cell of shown) {
        const routine = ROUTINE.get(cell.key)
        if (!routine) throw new Error(`${cell.key} is not a routine indicator`)
        const indicator = await indicatorByCode(sim, user, routine)
        await check(cell, indicator, orgUnitId, missing.has(cell.key))
    }

    // The drill-down lists every child of the org unit; its values are those of the indicator asked for.
    const drill = ROUTINE.get(drillIndicatorCode)
    if (!drill) throw new Error(`${drillIndicatorCode} is not a routine indicator`)
    const unit = await api<{ children: Array<{ id: string }> }>(
        sim,
        user,
        `organisationUnits/${orgUnitId}?fields=children[id]`
    )
    const children = await page.locator('[data-test="child-actual"]').evaluateAll((cells) =>
        cells.map((c) => ({
            key: c.getAttribute('data-id') ?? '',
            value: c.getAttribute('data-value') ?? '',
            text: c.textContent ?? '',
        }))
    )
    expect(children.map((c) => c.key).sort()).toEqual(unit.children.map((c) => c.id).sort())
    const drillIndicator = await indicatorByCode(sim, user, drill)
    for (const child of children) await check(child, drillIndicator, child.key, false)

    expect(numbers, 'real numbers compared').toBeGreaterThan(0)
    expect(recomputed, 'values also recomputed from the raw data values').toBeGreaterThan(0)
    return numbers
}
