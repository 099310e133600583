// User story: a planner whose DHIS2 account is set to English sees every label in English; the French
// labels come back when the setting is French again.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
    api,
    openApp,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type Harness,
} from './support/harness'

async function headerLabels(page: import('playwright-core').Page): Promise<string[]> {
    return page
        .locator('[data-test="scorecard-table"] thead th')
        .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ''))
}

describe('UI locale', () => {
    let harness: Harness

    beforeAll(async () => {
        harness = await startHarness()
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('switches every label to English with the DHIS2 user setting', async () => {
        await api(harness.sim, USERS.planner, 'userSettings/keyUiLocale?value=fr', { method: 'POST' })
        const french = await openApp(harness, USERS.planner)
        await waitForScorecard(french.page, 'Mali')
        const frenchLabels = await headerLabels(french.page)
        const frenchStatuses = await french.page.locator('[data-test="status"]').allTextContents()
        expect(frenchLabels).toContain('Indicateur')

        await api(harness.sim, USERS.planner, 'userSettings/keyUiLocale?value=en', { method: 'POST' })
        await french.page.reload()
        await waitForScorecard(french.page, 'Mali')
        const englishLabels = await headerLabels(french.page)
        expect(englishLabels).toContain('Indicator')
        expect(englishLabels).toContain('Target 2030')
        expect(englishLabels.length).toBe(frenchLabels.length)
        englishLabels.forEach((label, i) => expect(label).not.toBe(frenchLabels[i]))

        const englishStatuses = await french.page.locator('[data-test="status"]').allTextContents()
        englishStatuses.forEach((label, i) => expect(label).not.toBe(frenchStatuses[i]))
        const title = await french.page.locator('[data-test="scorecard-title"]').textContent()
        expect(title).toMatch(/^MAP\/ODD-3 scorecard/)
        const names = await french.page.locator('[data-test="indicator-link"]').allTextContents()
        expect(names).toContain('Maternal mortality ratio')
        expect(await french.page.locator('[data-test="private-completeness"]').textContent()).toContain(
            'Private reporting completeness'
        )
        await french.page.screenshot({ path: join(SCREENSHOTS, 'scorecard-national-en.png') })
        await api(harness.sim, USERS.planner, 'userSettings/keyUiLocale?value=fr', { method: 'POST' })
    })
})
