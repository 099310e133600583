// User story: a planner gives the Sikasso region its own malaria targets (here through DHIS2's API, as the
// « Cibles » editor does); readers in Sikasso and its districts see them, labelled « cible régionale de
// Sikasso », and readers in Kayes keep the national ones. Counts are never inherited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
    api,
    openApp,
    orgUnitByCode,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

const MALARIA = 'ODD-3.3.3'
const NEW_HIV = 'MAP-3.3-VIH-NOUVEAUX'

describe('regional targets, read where they apply', () => {
    let harness: Harness
    let app: AppPage
    let sikasso: { id: string; displayName: string }
    let kayes: { id: string; displayName: string }
    let district: { id: string; displayName: string }

    beforeAll(async () => {
        harness = await startHarness()
        sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        kayes = await orgUnitByCode(harness.sim, 'ML-1')
        const children = await api<{ children: Array<{ id: string; displayName: string }> }>(
            harness.sim,
            USERS.admin,
            `organisationUnits/${sikasso.id}?fields=children[id,displayName]`
        )
        const first = children.children.sort((a, b) => a.displayName.localeCompare(b.displayName))[0]
        if (!first) throw new Error('Sikasso has no district in the demo')
        district = first
        // The target set document the editor writes (targets/target-record.ts), written by the planner.
        await api(harness.sim, USERS.planner, 'dataStore/odd3-scorecard/targets', {
            method: 'POST',
            body: JSON.stringify({
                version: 2,
                records: [
                    {
                        code: MALARIA,
                        orgUnit: sikasso.id,
                        targets: { '2030': 40 },
                        notes: { fr: 'Plan regional de Sikasso 2024', en: 'Sikasso regional plan 2024' },
                        revision: 1,
                    },
                    { code: NEW_HIV, orgUnit: sikasso.id, targets: { '2023': 1500 }, revision: 1 },
                ],
            }),
        })
        app = await openApp(harness, USERS.planner, { hash: `#/?ou=${sikasso.id}&year=2025` })
    })

    afterAll(async () => {
        await harness?.close()
    })

    const row = (code: string) =>
        app.page.locator('[data-test="scorecard-row"]', {
            has: app.page.locator(`[data-test="indicator-link"][data-code="${code}"]`),
        })

    async function open(ouId: string, name: string): Promise<void> {
        await app.page.evaluate((id) => {
            window.location.hash = `#/?ou=${id}&year=2025`
        }, ouId)
        await waitForScorecard(app.page, name)
    }

    it('uses the Sikasso record in Sikasso, with its origin and note beside the figure', async () => {
        await waitForScorecard(app.page, sikasso.displayName)
        const malaria = row(MALARIA)
        await expect
            .poll(() => malaria.locator('[data-test="target-origin"]').textContent())
            .toBe('cible régionale de Sikasso')
        const cells = malaria.locator('td')
        expect(await cells.nth(5).textContent()).toContain('40')
        expect(await cells.nth(5).locator('[data-test="placeholder-target"]').count()).toBe(0)
        // 2023 is still the country's 67: said under that figure
        expect(await cells.nth(4).textContent()).toContain('67')
        expect(await cells.nth(4).locator('[data-test="cell-origin"]').textContent()).toBe('cible nationale')
        expect(await malaria.locator('[data-test="planner-note"]').textContent()).toContain(
            'Plan regional de Sikasso 2024'
        )
        // The count target set for Sikasso is shown and judged there
        const hiv = row(NEW_HIV)
        expect(await hiv.locator('[data-test="count-target-elsewhere"]').count()).toBe(0)
        expect(await hiv.locator('td').nth(4).textContent()).toMatch(/1\s?500/)
    })

    it('uses it in a district of Sikasso too, but not the count target', async () => {
        await open(district.id, district.displayName)
        const malaria = row(MALARIA)
        expect(await malaria.locator('[data-test="target-origin"]').textContent()).toBe(
            'cible régionale de Sikasso'
        )
        expect(await malaria.locator('td').nth(5).textContent()).toContain('40')
        expect(await row(NEW_HIV).locator('[data-test="count-target-elsewhere"]').count()).toBe(2)
    })

    it('judges Sikasso against its own target in the national drill-down, Kayes against the national one', async () => {
        const mali = await orgUnitByCode(harness.sim, 'ML')
        await app.page.evaluate((id) => {
            window.location.hash = `#/?ou=${id}&year=2025&indicator=ODD-3.3.3`
        }, mali.id)
        await waitForScorecard(app.page, mali.displayName)
        await app.page.locator('[data-test="drill-down-row"]').first().waitFor()
        const expectedOf = async (id: string) =>
            (await app.page
                .locator('[data-test="drill-down-row"]', {
                    has: app.page.locator(`[data-test="child-link"][data-id="${id}"]`),
                })
                .locator('td')
                .nth(2)
                .textContent()) ?? ''
        // 2025 on Sikasso's path 67 (2023) → 40 (2030): 59.29; Kayes: the national 2023 target 67, overdue.
        expect(await expectedOf(sikasso.id)).toMatch(/^59,3/)
        expect(await expectedOf(kayes.id)).toMatch(/^67/)
    })

    it('keeps the national targets in Kayes', async () => {
        await open(kayes.id, kayes.displayName)
        const malaria = row(MALARIA)
        expect(await malaria.locator('[data-test="target-origin"]').textContent()).toBe('cible nationale')
        expect(await malaria.locator('td').nth(5).locator('[data-test="placeholder-target"]').count()).toBe(1)
        expect(await malaria.locator('[data-test="planner-note"]').count()).toBe(0)
    })
})
