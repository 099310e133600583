// User story: a regional health officer (DRS Sikasso) opens an indicator, sees the districts ranked from the
// most worrying, goes down one level in one click, comes back up with the breadcrumbs, and finds a district
// by name in the org unit tree.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATUS_RANK, type ProgressStatus } from '../src/progress/status'
import {
    chooseOrgUnit,
    openApp,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

function isStatus(value: string | null): value is ProgressStatus {
    return value !== null && value in STATUS_RANK
}

describe('drill-down from a region to its districts', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.sikasso)
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('opens on the officer own region, with the trajectory of an indicator and its one-sentence summary', async () => {
        await waitForScorecard(app.page, 'Sikasso')
        await app.page.locator('[data-test="indicator-link"][data-code="ODD-3.3.2"]').click()
        await app.page.waitForURL(/indicator=ODD-3\.3\.2/)
        const summary = await app.page.locator('[data-test="trajectory-summary"]').textContent()
        expect(summary).toMatch(
            /^En 20\d\d, .*tuberculose.* dans la région de Sikasso était de .*, contre .* attendus sur la trajectoire/
        )
        expect(await app.page.locator('[data-test="trajectory-chart"]').count()).toBe(1)
        expect(await app.page.locator('[data-test="trajectory-table"] tbody tr').count()).toBeGreaterThan(3)
        expect(await app.page.locator('[data-test="pace-summary"]').textContent()).toContain(
            'Rythme nécessaire'
        )
        await app.page
            .locator('[data-test="trajectory-panel"]')
            .screenshot({ path: join(SCREENSHOTS, 'trajectory-fr.png') })
    })

    it('ranks the districts by status, then by gap to the path', async () => {
        const rows = await app.page.locator('[data-test="drill-down-row"]').evaluateAll((trs) =>
            trs.map((tr) => ({
                status: tr.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? null,
                gap: tr.querySelectorAll('td')[3]?.textContent ?? '',
            }))
        )
        expect(rows.length).toBeGreaterThan(3)
        await app.page
            .locator('[data-test="drill-down"]')
            .screenshot({ path: join(SCREENSHOTS, 'drill-down-region-fr.png') })
        const ranks = rows.map((r) => (isStatus(r.status) ? STATUS_RANK[r.status] : 99))
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    })

    it('goes down one level in one click and back up with the breadcrumbs', async () => {
        const first = app.page.locator('[data-test="child-link"]').first()
        const name = (await first.textContent()) ?? ''
        app.resetAnalyticsCount()
        await first.click()
        await waitForScorecard(app.page, name)
        expect(app.analyticsRequests().length).toBeLessThanOrEqual(2)
        const crumbs = app.page.locator('[data-test="breadcrumbs"]')
        expect(await crumbs.textContent()).toContain('Sikasso')
        // Mali is above the officer's own region: shown, not a link.
        expect(await crumbs.locator('a', { hasText: 'Mali' }).count()).toBe(0)
        await app.page.screenshot({ path: join(SCREENSHOTS, 'drill-down-district-fr.png') })
        await crumbs.locator('a', { hasText: 'Sikasso' }).click()
        await waitForScorecard(app.page, 'Sikasso')
        await app.page.goBack()
        await waitForScorecard(app.page, name)
    })

    it('finds a district by name in the org unit tree', async () => {
        await app.page.locator('[data-test="open-org-unit-picker"]').click()
        await app.page.locator('[data-test="org-unit-picker"]').waitFor()
        await app.page.locator('[data-test="org-unit-search"] input').fill('Kadiolo')
        await app.page
            .locator('[data-test="org-unit-matches"] button', { hasText: 'Kadiolo' })
            .first()
            .waitFor()
        await app.page.screenshot({ path: join(SCREENSHOTS, 'org-unit-search-fr.png') })
        await app.page.keyboard.press('Escape')
        await chooseOrgUnit(app.page, 'Kadiolo')
        await waitForScorecard(app.page, 'Kadiolo')
    })
})
