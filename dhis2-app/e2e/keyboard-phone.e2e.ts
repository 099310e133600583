// User story: a district officer without a mouse, with a screen reader, or on a phone (360 px) uses the whole
// scorecard (issue 13 §4): the year, the org unit picker and the drill-down by keyboard only, new content
// announced, one h1 and ordered headings, no sideways page scroll, and no axe-core violation in the app's markup.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './support/axe'
import {
    api,
    openApp,
    orgUnitByCode,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type Harness,
} from './support/harness'

/** What has the keyboard focus, described by its data-test (or its tag). */
function focused(page: Page): Promise<string> {
    return page.evaluate(() => {
        const el = document.activeElement
        if (!el) return ''
        return (
            el.getAttribute('data-test') ?? el.closest('[data-test]')?.getAttribute('data-test') ?? el.tagName
        )
    })
}

/** Presses Tab until the focused element matches, as a keyboard user would (never the mouse). */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 250): Promise<void> {
    const test = matches.toString()
    for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab')
        const hit = await page.evaluate((source) => {
            const fn = new Function(`return (${source})`)() as (el: Element) => boolean
            return document.activeElement !== null && fn(document.activeElement)
        }, test)
        if (hit) return
    }
    throw new Error(`Tab never reached ${test}`)
}

describe('keyboard, screen reader and phone', () => {
    let harness: Harness
    let sikasso: { id: string; displayName: string }
    let district: string

    beforeAll(async () => {
        harness = await startHarness()
        sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        const found = await api<{ children: Array<{ displayName: string }> }>(
            harness.sim,
            USERS.admin,
            `organisationUnits/${sikasso.id}?fields=children[displayName]`
        )
        district = found.children.map((c) => c.displayName).sort()[0] ?? ''
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('changes the year, picks an org unit and drills down without the mouse', async () => {
        const { page } = await openApp(harness, USERS.sikasso, { hash: '#/?year=2024' })
        await waitForScorecard(page, 'Sikasso')

        // Year: the native select, changed with the arrow key (the list runs from the newest year down).
        await tabTo(page, (el) => el.tagName === 'SELECT')
        await page.keyboard.press('ArrowDown')
        await page.locator('[data-test="scorecard-title"]', { hasText: '2023' }).waitFor()
        await waitForScorecard(page, 'Sikasso')
        expect(await focused(page)).toBe('year-select')
        expect(await page.locator('[data-test="announcer"]').textContent()).toContain('Sikasso, 2023')

        // Org unit: the picker takes the focus (its search field), then gives it back to its button.
        await tabTo(page, (el) => el.closest('[data-test="open-org-unit-picker"]') !== null)
        await page.keyboard.press('Enter')
        await page.locator('[data-test="org-unit-picker"]').waitFor()
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT')
        expect(
            await page.evaluate(
                () => document.activeElement?.closest('[data-test="org-unit-search"]') !== null
            )
        ).toBe(true)
        await page.keyboard.type(district)
        await page.locator('[data-test="org-unit-matches"] button', { hasText: district }).first().waitFor()
        await tabTo(
            page,
            (el) => el.tagName === 'BUTTON' && el.closest('[data-test="org-unit-matches"]') !== null
        )
        await page.keyboard.press('Enter')
        await waitForScorecard(page, district)
        expect(await focused(page)).toBe('open-org-unit-picker')

        // Drill down: the child link disappears with the old view; the focus lands on the new title.
        await page.locator('[data-test="child-link"]').first().waitFor()
        const child = (await page.locator('[data-test="child-link"]').first().textContent()) ?? ''
        await tabTo(page, (el) => el.getAttribute('data-test') === 'child-link')
        const chosen = await page.evaluate(() => document.activeElement?.textContent ?? '')
        await page.keyboard.press('Enter')
        await page.locator('[data-test="scorecard-title"]', { hasText: chosen }).waitFor()
        await page.locator('[data-test="scorecard-table"]').waitFor()
        await expect.poll(() => focused(page)).toBe('scorecard-title')
        expect(chosen).not.toBe('')
        expect(child).not.toBe('')
        await expect.poll(() => page.locator('[data-test="announcer"]').textContent()).toContain(chosen)

        // Opening an indicator by keyboard moves the focus to its detail.
        await tabTo(page, (el) => el.getAttribute('data-code') === 'ODD-3.3.2')
        await page.keyboard.press('Enter')
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-title')
        await page.context().close()
    })

    it('fits a 360 px phone, with one h1, ordered headings, described sparklines and no axe violation', async () => {
        const { page } = await openApp(harness, USERS.sikasso, {
            hash: '#/?year=2024&indicator=ODD-3.3.2',
            viewport: { width: 360, height: 740 },
        })
        await waitForScorecard(page, 'Sikasso')
        await page.locator('[data-test="drill-down-row"]').first().waitFor()
        await page.locator('[data-test="trajectory-panel"]').waitFor()

        const widths = await page.evaluate(() => ({
            page: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth,
            table: document.querySelector('[data-test="scorecard-table"]')?.scrollWidth ?? 0,
        }))
        expect(widths.page).toBeLessThanOrEqual(widths.viewport)
        // the table is wider than the phone: it scrolls inside its own box
        expect(widths.table).toBeGreaterThan(widths.viewport)
        await page.screenshot({ path: join(SCREENSHOTS, 'scorecard-360px-fr.png'), fullPage: false })

        const headings = await page.evaluate(() =>
            [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
                level: Number(h.tagName[1]),
                text: (h.textContent ?? '').slice(0, 40),
            }))
        )
        const levels = headings.map((h) => h.level)
        expect(
            levels.filter((l) => l === 1),
            JSON.stringify(headings)
        ).toHaveLength(1)
        expect(levels[0]).toBe(1)
        const jumps = headings.filter((h, i) => i > 0 && h.level - (headings[i - 1]?.level ?? 0) > 1)
        expect(jumps, JSON.stringify(headings)).toEqual([])

        const sparkline = await page
            .locator('[data-test="scorecard-row"] [role="img"]')
            .first()
            .getAttribute('aria-label')
        expect(sparkline).toMatch(/^Tendance de .+ (de .+ en \d{4} à .+ en \d{4}|non disponible)/)
        expect(await page.locator('[data-test="indicator-link"][aria-current="true"]').count()).toBe(1)

        const violations = await axeViolations(page, '[data-test="scorecard-page"]')
        expect(violations).toEqual([])
        await page.context().close()
    })
})
