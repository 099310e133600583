import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index'
import catalogue from '../../src/targets/catalogue.json'
import { analyticsValue, type DemoUser } from './harness'

const routineUidByCode = new Map(
    catalogue.indicators.flatMap((t) =>
        'routine' in t && t.routine ? [[t.code, t.routine.indicatorUid]] : []
    )
)

const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })

/**
 * Every routine actual on the scorecard (and every child's actual in the drill-down) equals the value the
 * simulator's analytics gives for the same indicator, org unit and year, asked independently.
 * Returns how many values were compared.
 */
export async function expectActualsMatchAnalytics(
    page: Page,
    sim: RunningSimulator,
    user: DemoUser,
    orgUnitId: string,
    year: number,
    drillIndicatorCode: string
): Promise<number> {
    const shown = await page.locator('[data-test="actual"][data-source="routine"]').evaluateAll((cells) =>
        cells.map((c) => ({
            code: c.getAttribute('data-code') ?? '',
            value: c.getAttribute('data-value') ?? '',
            text: c.textContent ?? '',
        }))
    )
    expect(shown.length).toBe(routineUidByCode.size)
    let compared = 0
    for (const cell of shown) {
        const uid = routineUidByCode.get(cell.code)
        expect(uid, cell.code).toBeDefined()
        const expected = await analyticsValue(sim, user, uid ?? '', orgUnitId, String(year))
        expect({ code: cell.code, value: cell.value === '' ? null : Number(cell.value) }).toEqual({
            code: cell.code,
            value: expected,
        })
        expect(cell.text).toBe(expected === null ? '—' : frenchNumber.format(expected))
        compared += 1
    }
    const childUid = routineUidByCode.get(drillIndicatorCode) ?? ''
    const children = await page.locator('[data-test="child-actual"]').evaluateAll((cells) =>
        cells.map((c) => ({
            id: c.getAttribute('data-id') ?? '',
            value: c.getAttribute('data-value') ?? '',
        }))
    )
    for (const child of children) {
        const expected = await analyticsValue(sim, user, childUid, child.id, String(year))
        expect({ id: child.id, value: child.value === '' ? null : Number(child.value) }).toEqual({
            id: child.id,
            value: expected,
        })
        compared += 1
    }
    return compared
}
