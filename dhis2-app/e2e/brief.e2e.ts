// User story: the regional health officer of Sikasso prints the scorecard for the monthly meeting. One A4
// page comes out, from the « Imprimer / PDF » button or from the browser's own print menu, with the region,
// the year, every status as a word, the three indicators furthest behind with their sentence, private
// completeness and where the figures come from; never the DHIS2 header bar or the page's controls.
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from './support/axe'
import {
    api,
    openApp,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

const YEAR = 2024
const STATUS_WORDS = [
    'Cible atteinte',
    'En bonne voie',
    'En retard',
    'Hors trajectoire',
    'Pas de cible',
    'Pas de données',
]

/**
 * The pages of a PDF as Chromium writes it, with their size and text. Nothing to read PDFs is installed, so
 * this reads just what Chromium's writer produces: one uncompressed `/Type /Page` dictionary per page naming
 * its fonts and its Flate-compressed content stream, and per font a ToUnicode map from glyph ids to text.
 */
function readPdf(pdf: Buffer): Array<{ width: number; height: number; text: string }> {
    const raw = pdf.toString('latin1')
    const objects = new Map<number, string>()
    for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2] ?? '')
    const stream = (id: number): string => {
        const body = objects.get(id) ?? ''
        const head = /<<([\s\S]*?)>>\s*stream\r?\n/.exec(body)
        if (!head) return ''
        const length = Number(/\/Length (\d+)/.exec(head[1] ?? '')?.[1] ?? 0)
        const start = body.indexOf(head[0]) + head[0].length
        const bytes = Buffer.from(body.slice(start, start + length), 'latin1')
        return (head[1] ?? '').includes('FlateDecode')
            ? inflateSync(bytes).toString('latin1')
            : bytes.toString('latin1')
    }
    const glyphs = (fontId: number): Map<number, string> => {
        const map = new Map<number, string>()
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId) ?? '')
        if (!toUnicode) return map
        const cmap = stream(Number(toUnicode[1]))
        const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le')
        for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
            for (const [, from = '', to = ''] of (block[1] ?? '').matchAll(
                /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g
            )) {
                map.set(parseInt(from, 16), utf16(to))
            }
        }
        for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
            const ranges = (block[1] ?? '').matchAll(
                /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g
            )
            for (const [, from = '', to = '', first = ''] of ranges) {
                for (let g = parseInt(from, 16); g <= parseInt(to, 16); g++) {
                    map.set(g, String.fromCharCode(parseInt(first, 16) + g - parseInt(from, 16)))
                }
            }
        }
        return map
    }
    const pages = [...objects.entries()].filter(([, body]) => /\/Type\s*\/Page(?![a-zA-Z])/.test(body))
    return pages.map(([, body]) => {
        const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(body)
        const fonts = new Map(
            [...body.matchAll(/\/(F\d+) (\d+) 0 R/g)].map((m) => [m[1] ?? '', glyphs(Number(m[2]))])
        )
        const content = stream(Number(/\/Contents (\d+) 0 R/.exec(body)?.[1] ?? -1))
        let font = new Map<number, string>()
        let text = ''
        for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj|\[(.*?)\] TJ|\bET\b/g)) {
            if (op[1]) font = fonts.get(op[1]) ?? new Map()
            else if (op[2] !== undefined || op[3] !== undefined) {
                const hex =
                    op[2] ?? [...(op[3] ?? '').matchAll(/<([0-9A-Fa-f]+)>/g)].map((h) => h[1]).join('')
                for (let i = 0; i + 4 <= hex.length; i += 4)
                    text += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '?'
            } else text += ' '
        }
        return {
            width: Number(box?.[3] ?? 0),
            height: Number(box?.[4] ?? 0),
            text: text.replace(/\s+/g, ' '),
        }
    })
}

/** Prints the page to PDF as Chromium does for « Enregistrer en PDF », checks it is one A4 page, gives its text. */
async function printOneA4Page(page: Page): Promise<string> {
    const pages = readPdf(await page.pdf({ format: 'A4' }))
    expect(pages).toHaveLength(1)
    // A4 is 595.28 × 841.89 points; Chromium rounds to its own pixel grid
    expect(Math.abs((pages[0]?.width ?? 0) - 595.28)).toBeLessThan(2)
    expect(Math.abs((pages[0]?.height ?? 0) - 841.89)).toBeLessThan(2)
    return pages[0]?.text ?? ''
}

describe('the one-page brief for the meeting', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.sikasso, {
            hash: `#/?year=${YEAR}`,
            viewport: { width: 1100, height: 1250 },
        })
        await waitForScorecard(app.page, 'Sikasso')
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('prints one A4 page with the region, the year and the three indicators furthest behind', async () => {
        const { page } = app
        // what the scorecard on screen judges, to check the brief's choice against
        const judged = await page.locator('[data-test="scorecard-row"]').evaluateAll((rows) =>
            rows.map((row) => ({
                code: row.querySelector('[data-test="indicator-link"]')?.getAttribute('data-code') ?? '',
                name: row.querySelector('[data-test="indicator-link"]')?.textContent ?? '',
                status: row.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? '',
            }))
        )
        const late = judged.filter((r) => r.status === 'off-track' || r.status === 'behind')
        const offTrack = judged.filter((r) => r.status === 'off-track')
        expect(late.length).toBeGreaterThanOrEqual(3)

        app.resetAnalyticsCount()
        await page.locator('[data-test="open-brief"]').click()
        const sheet = page.locator('[data-test="brief-sheet"]')
        await sheet.waitFor()
        const focus = await sheet
            .locator('[data-test="brief-focus-item"]')
            .evaluateAll((items) => items.map((i) => i.getAttribute('data-code') ?? ''))
        expect(focus).toHaveLength(3)
        for (const code of focus) expect(late.map((r) => r.code)).toContain(code)
        // an indicator gone back below its baseline comes before one merely late
        const offTrackFirst = focus.slice(0, Math.min(3, offTrack.length))
        for (const code of offTrackFirst) expect(offTrack.map((r) => r.code)).toContain(code)
        expect(await axeViolations(page, '[data-test="brief"]')).toEqual([])
        // the focus is on « Imprimer ou enregistrer en PDF », and Tab stays in the brief
        expect(
            await page
                .locator('button[data-test="brief-print"]')
                .evaluate((b) => b === document.activeElement)
        ).toBe(true)
        for (let i = 0; i < 4; i++) {
            await page.keyboard.press('Tab')
            expect(
                await page.evaluate(() => document.activeElement?.closest('[data-test="brief"]') !== null)
            ).toBe(true)
        }

        const text = await printOneA4Page(page)
        expect(text).toContain(`Sikasso, ${YEAR}`)
        expect(text).toContain('dans la région de Sikasso')
        for (const code of focus) {
            const name = judged.find((r) => r.code === code)?.name ?? code
            expect(text).toContain(name.replace(/\s+/g, ' ').replace(/^[^\p{L}]+/u, ''))
        }
        expect(text).toMatch(/Les indicateurs les plus en retard sur leur trajectoire/)
        expect(text).toMatch(/En 20\d\d, .* était de .*, contre .* attendus sur la trajectoire/)
        expect(text).toMatch(/Complétude des rapports du privé/)
        expect(text).toMatch(/Imprimée le \d+ \S+ 20\d\d/)
        expect(text).toContain(`Source : tables d'analyse de DHIS2, `)
        expect(text).toContain(new URL(harness.sim.url).host)
        // every line of the scorecard carries its status as a word
        const words = await sheet
            .locator('[data-test="brief-row"] [data-test="status"]')
            .evaluateAll((badges) => badges.map((b) => b.textContent ?? ''))
        expect(words).toHaveLength(judged.length)
        for (const word of words) expect(STATUS_WORDS).toContain(word)
        for (const word of new Set(words)) expect(text).toContain(word)
        // the controls and the DHIS2 header bar stay off paper
        const headerBar = (await page.locator('[data-test="headerbar-title"]').textContent()) ?? ''
        expect(headerBar.trim()).not.toBe('')
        expect(text).not.toContain(headerBar.trim())
        expect(text).not.toContain('Exporter en CSV')
        expect(text).not.toContain('Imprimer ou enregistrer en PDF')
        expect(text).not.toContain('Choisir une unité')
        expect(app.analyticsRequests()).toHaveLength(0)

        await sheet.screenshot({ path: join(SCREENSHOTS, 'brief-a4.png') })
    })

    it('is also what the browser prints from its own menu, and goes away afterwards', async () => {
        const { page } = app
        await page.locator('[data-test="brief-close"]').click()
        await page.locator('[data-test="brief"]').waitFor({ state: 'detached' })
        // the focus goes back to the button that opened it
        expect(
            await page.locator('button[data-test="open-brief"]').evaluate((b) => b === document.activeElement)
        ).toBe(true)
        // what Chromium does before printing from its menu (Ctrl+P); page.pdf() alone does not announce it
        await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')))
        const text = await printOneA4Page(page)
        expect(text).toContain(`Sikasso, ${YEAR}`)
        expect(text).not.toContain('Exporter en CSV')
        await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
        await page.locator('[data-test="brief"]').waitFor({ state: 'detached' })
        expect(await page.locator('[data-test="scorecard-table"]').isVisible()).toBe(true)
    })

    it('is in English when the DHIS2 user interface is English', async () => {
        await api(harness.sim, USERS.sikasso, 'userSettings/keyUiLocale?value=en', { method: 'POST' })
        const english = await openApp(harness, USERS.sikasso, { hash: `#/?year=${YEAR}` })
        try {
            await waitForScorecard(english.page, 'Sikasso')
            await english.page.locator('[data-test="open-brief"]').click()
            await english.page.locator('[data-test="brief-sheet"]').waitFor()
            const text = await printOneA4Page(english.page)
            expect(text).toContain('MAP/ODD-3 BRIEF FOR THE DISTRICT MEETING')
            expect(text).toContain(`Sikasso, ${YEAR}`)
            expect(text).toContain('Indicators furthest behind their path')
            expect(text).toMatch(
                /In 20\d\d, .* in the Sikasso region was .*, against .* expected on the path/
            )
            expect(text).toMatch(/Printed on \d+ \S+ 20\d\d/)
            expect(text).not.toContain('Imprimée')
        } finally {
            await english.page.context().close()
            await api(harness.sim, USERS.sikasso, 'userSettings/keyUiLocale', { method: 'DELETE' })
        }
    })
})
