// User story: a ministry planner reads the national scorecard for 2025 and sees every indicator the plan gives a
// target for judged against it (never « Pas de cible » beside a target number), and the regions ranked on malaria,
// whose 2030 target the plan left "XX".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATUS_RANK, type ProgressStatus } from '../src/progress/status'
import {
    chooseYear,
    openApp,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

function isStatus(value: string | null): value is ProgressStatus {
    return value !== null && value in STATUS_RANK
}

interface RowSeen {
    code: string
    status: string | null
    /** Target cells that hold a number (not "XX", not a count target set elsewhere). */
    numericTargets: number
}

describe('the planner judges every target the plan gives', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.planner)
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('shows no « Pas de cible » on a national 2025 row that has a target number', async () => {
        await waitForScorecard(app.page, 'Mali')
        await chooseYear(app.page, 2025)
        // 2025 may already be the default year: the list then stays open over the page
        await app.page.keyboard.press('Escape')
        await app.page
            .locator('[data-test="dhis2-uicore-singleselectoption"]')
            .first()
            .waitFor({ state: 'detached' })
        await app.page.locator('[data-test="scorecard-title"]', { hasText: '2025' }).waitFor()
        await waitForScorecard(app.page, 'Mali')
        const rows: RowSeen[] = await app.page.locator('[data-test="scorecard-row"]').evaluateAll((trs) =>
            trs.map((tr) => {
                const cells = [...tr.querySelectorAll('td')]
                // columns: indicator, baseline, actual, expected, 2023 target, 2030 target, status, …
                const targets = [cells[4], cells[5]].filter(
                    (td) =>
                        td !== undefined &&
                        td.querySelector('[data-test="placeholder-target"]') === null &&
                        td.querySelector('[data-test="count-target-elsewhere"]') === null &&
                        /\d/.test(td.textContent ?? '')
                )
                return {
                    code: tr.querySelector('[data-test="indicator-link"]')?.getAttribute('data-code') ?? '',
                    status: tr.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? null,
                    numericTargets: targets.length,
                }
            })
        )
        expect(rows.length).toBeGreaterThan(10)
        const withTarget = rows.filter((r) => r.numericTargets > 0)
        expect(withTarget.length).toBeGreaterThan(10)
        expect(withTarget.filter((r) => r.status === 'no-target').map((r) => r.code)).toEqual([])
        // The one indicator the plan gives no target at all stays grey.
        expect(rows.find((r) => r.code === 'ODD-3.8.1')?.status).toBe('no-target')
    })

    it('ranks the regions on malaria by the same rule, none left grey', async () => {
        await app.page.locator('[data-test="indicator-link"][data-code="ODD-3.3.3"]').click()
        await app.page.waitForURL(/indicator=ODD-3\.3\.3/)
        await app.page.locator('[data-test="drill-down-row"]').first().waitFor()
        const statuses = await app.page
            .locator('[data-test="drill-down-row"]')
            .evaluateAll((trs) =>
                trs.map((tr) => tr.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? null)
            )
        expect(statuses.length).toBeGreaterThan(5)
        const judged = statuses.filter((s) => s !== 'no-target' && s !== 'no-data')
        expect(judged.length).toBeGreaterThan(5)
        const ranks = statuses.map((s) => (isStatus(s) ? STATUS_RANK[s] : 99))
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    })
})
