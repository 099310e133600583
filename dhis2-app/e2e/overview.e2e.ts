// User story: the regional health officer of Sikasso sees every district of the region against every
// indicator at once, each status as a word, and downloads the same lines as CSV for the regional review.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// The plan's own catalogue (the source of the app's copy): which indicators are judged on routine data.
import catalogue from '@odd3/mappings/targets/catalogue.json'
import { analyticsValue, indicatorByCode } from './support/independent-values'
import { axeViolations } from './support/axe'
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
import { csvFields } from './support/csv'

const YEAR = 2024
const STATUS_WORDS: Record<string, string> = {
    met: 'Cible atteinte',
    'on-track': 'En bonne voie',
    behind: 'En retard',
    'off-track': 'Hors trajectoire',
    'no-target': 'Pas de cible',
    'no-data': 'Pas de données',
}
const ROUTINE = catalogue.indicators.filter((t) => t.actuals === 'routine' && t.routine)
const BIRTHS = { plan: 'ODD-3.1.2', dhis2: 'IND_ACCOUCH_ASSISTES' }

interface GridLine {
    ou: string
    name: string
    cells: Array<{ code: string; value: string; status: string; word: string }>
}

/** `2 144` on screen, `2144` in the CSV: the same number. */
const digits = (text: string) => text.replace(/[\s\u202f\u00a0]/g, '')

describe('the overview of every district against every indicator', () => {
    let harness: Harness
    let app: AppPage
    let lines: GridLine[]

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.sikasso, { hash: `#/?year=${YEAR}` })
        await waitForScorecard(app.page, 'Sikasso')
    })

    afterAll(async () => {
        await harness?.close()
    })

    it("lists Sikasso's districts, each with a status word per routine indicator, without a new request", async () => {
        const { page } = app
        const sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        const { children } = await api<{ children: Array<{ id: string; displayName: string }> }>(
            harness.sim,
            USERS.sikasso,
            `organisationUnits/${sikasso.id}?fields=children[id,displayName]`
        )
        expect(children.length).toBeGreaterThan(3)

        app.resetAnalyticsCount()
        await page.locator('[data-test="open-overview"]').click()
        const grid = page.locator('[data-test="overview-grid"]')
        await grid.waitFor()
        expect(await page.locator('[data-test="overview-title"]').textContent()).toContain(`Sikasso, ${YEAR}`)
        lines = await grid.locator('[data-test="overview-row"]').evaluateAll((rows) =>
            rows.map((row) => ({
                ou: row.getAttribute('data-ou') ?? '',
                name: row.querySelector('[data-test="overview-unit"]')?.textContent ?? '',
                cells: [...row.querySelectorAll('[data-test="overview-cell"]')].map((cell) => ({
                    code: cell.getAttribute('data-code') ?? '',
                    value: cell.querySelector('[data-test="overview-value"]')?.textContent ?? '',
                    status: cell.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? '',
                    word: cell.querySelector('[data-test="status"]')?.textContent ?? '',
                })),
            }))
        )
        expect(lines.map((l) => l.ou).sort()).toEqual(children.map((c) => c.id).sort())
        const names = lines.map((l) => l.name)
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')))
        for (const line of lines) {
            expect(line.cells.map((c) => c.code)).toEqual(ROUTINE.map((t) => t.code))
            for (const cell of line.cells) expect(cell.word).toBe(STATUS_WORDS[cell.status])
        }
        // the region's districts are not all alike: the grid is not one repeated status
        expect(new Set(lines.flatMap((l) => l.cells.map((c) => c.status))).size).toBeGreaterThan(1)
        // the scorecard's request already holds every child: opening the grid asks DHIS2 nothing
        expect(app.analyticsRequests()).toHaveLength(0)
        // @dhis2/ui's Modal is an <aside role="dialog">, which axe disallows: the library's markup, not ours
        const violations = await axeViolations(page, '[data-test="overview"]')
        expect(violations.filter((v) => v !== 'aria-allowed-role: [["aside"]]')).toEqual([])
    })

    it('shows the value DHIS2 analytics gives for each district', async () => {
        const indicator = await indicatorByCode(harness.sim, USERS.sikasso, BIRTHS.dhis2)
        const format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })
        for (const line of lines) {
            const direct = await analyticsValue(harness.sim, USERS.sikasso, indicator.id, line.ou, YEAR)
            const shown = line.cells.find((c) => c.code === BIRTHS.plan)?.value
            expect(shown, line.name).toBe(direct === null ? '—' : format.format(direct))
        }
    })

    it('downloads the same lines as CSV, with the same status words', async () => {
        const { page } = app
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.locator('[data-test="overview"] [data-test="export-csv"]').click(),
        ])
        expect(download.suggestedFilename()).toBe(`odd3-overview-sikasso-${YEAR}.csv`)
        const bytes = readFileSync(await download.path())
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        const [header = [], ...rows] = bytes
            .toString('utf8')
            .slice(1)
            .split('\r\n')
            .filter((l) => l !== '')
            .map(csvFields)
        expect(header.slice(0, 2)).toEqual(["Unité d'organisation", 'Année'])
        expect(rows.map((r) => r[0])).toEqual(lines.map((l) => l.name))
        rows.forEach((row, i) => {
            const line = lines[i] as GridLine
            expect(row[1]).toBe(String(YEAR))
            line.cells.forEach((cell, j) => {
                expect(header[2 + 2 * j]).toContain(cell.code)
                expect(row[3 + 2 * j], `${line.name} ${cell.code}`).toBe(cell.word)
                expect(digits(row[2 + 2 * j] ?? '') || '—').toBe(digits(cell.value))
            })
        })
    })

    it('judges each district as the drill-down does', async () => {
        const { page } = app
        const grid = new Map(
            lines.map((l) => [l.name, l.cells.find((c) => c.code === BIRTHS.plan)?.status ?? ''])
        )
        await page.locator('[data-test="close-overview"]').click()
        await page.locator('[data-test="overview-grid"]').waitFor({ state: 'detached' })
        await page.locator(`[data-test="indicator-link"][data-code="${BIRTHS.plan}"]`).click()
        await page.locator('[data-test="drill-down-table"]').waitFor()
        const drill = await page
            .locator('[data-test="drill-down-row"]')
            .evaluateAll((rows) =>
                rows.map((row): [string, string] => [
                    row.querySelector('[data-test="child-link"]')?.textContent ?? '',
                    row.querySelector('[data-test="status"]')?.getAttribute('data-status') ?? '',
                ])
            )
        expect(new Map(drill)).toEqual(grid)
    })
})
