// A clinic's secretary on a 360-pixel phone, in Debian's Chromium: logs in with her DHIS2 account,
// uploads the month's Excel report with one bad cell, reads which row and column to fix, uploads the
// corrected file, gets the receipt (one A4 page when printed); the worker delivers it and DHIS2 then
// holds exactly the file's values, the report registered complete.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uidFromCode } from '@odd3/mappings/uid'
import type { RunningSimulator } from '../../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../../src/dhis2/client.js'
import { startIntakeServer, type RunningIntake } from '../../../src/intake/web/server.js'
import { as, fixture, startDemo, tempState } from '../../helpers/sim.js'

const CLINIC = ['clinique.commune5', 'Clinique5@2024'] as const
const FACILITY = 'FS-C5-011'
const PHONE = { width: 360, height: 740 }
// as in dhis2-app/e2e/support/harness.ts
const CHROMIUM_FLAGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
]

let sim: RunningSimulator
let intake: RunningIntake
let browser: Browser
let admin: Dhis2Client
// INTAKE_SCREENSHOTS=<folder> keeps the files and the screenshots, to look at the pages as a person would
const dir = process.env.INTAKE_SCREENSHOTS ?? tempState()

/** The clinic's January 2024 lines of the commune's long CSV: [facility, period, indicator, disaggregation, value]. */
function clinicLines(): string[][] {
    return readFileSync(fixture('commune5-2024-01-long.csv'), 'utf8')
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)
        .filter((l) => l.startsWith(`${FACILITY};`))
        .map((l) => l.split(';').slice(0, 5))
}

/** The clinic's month as an Excel workbook, the way a secretary keeps it; `bad` replaces one value. */
async function workbook(
    path: string,
    lines: string[][],
    bad?: { line: number; text: string }
): Promise<void> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Janvier 2024')
    ws.addRow(['code_structure', 'periode', 'indicateur', 'ventilation', 'valeur'])
    lines.forEach((l, i) => {
        const value = bad?.line === i ? bad.text : Number(l[4])
        ws.addRow([l[0], l[1], l[2], l[3], value])
    })
    await wb.xlsx.writeFile(path)
}

async function noHorizontalScroll(page: Page): Promise<void> {
    // a string: the bridge's TypeScript has no DOM library, the page's own globals are meant
    const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })'
    )) as { scroll: number; view: number }
    expect(widths.scroll, `${page.url()} is wider than the phone`).toBeLessThanOrEqual(widths.view)
}

beforeAll(async () => {
    sim = await startDemo()
    intake = await startIntakeServer({
        dhis2: as(sim, 'bridge', 'Bridge@2024'),
        stateDir: tempState(),
        port: 0,
        workerPollMs: 100,
    })
    admin = new Dhis2Client(as(sim, 'admin', 'district'))
    browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_FLAGS,
    })
}, 120_000)

afterAll(async () => {
    await browser?.close()
    await intake?.close()
    await sim?.close()
})

describe('a clinic on a phone', () => {
    it('uploads a report with one bad cell, corrects it, gets a receipt, and the values land in DHIS2', async () => {
        const lines = clinicLines()
        expect(lines.length).toBeGreaterThan(10)
        const badLine = 6
        const badPath = join(dir, 'rapport-janvier-2024.xlsx')
        const goodPath = join(dir, 'rapport-janvier-2024-corrige.xlsx')
        await workbook(badPath, lines, { line: badLine, text: 'douze' })
        await workbook(goodPath, lines)

        const context = await browser.newContext({
            viewport: PHONE,
            isMobile: true,
            hasTouch: true,
            locale: 'fr-FR',
        })
        const page = await context.newPage()
        const scripts: string[] = []
        page.on('request', (r) => {
            if (r.resourceType() === 'script') scripts.push(r.url())
        })

        await page.goto(intake.url + '/')
        expect(new URL(page.url()).pathname).toBe('/connexion')
        await noHorizontalScroll(page)
        await page.fill('#username', CLINIC[0])
        await page.fill('#password', CLINIC[1])
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.waitForURL(/\/rapports$/)
        await expect.poll(() => page.textContent('h1')).toBe('Mes rapports')
        await noHorizontalScroll(page)

        await page.getByRole('link', { name: 'Envoyer un fichier' }).click()
        await page.waitForURL(/\/envoyer$/)
        await noHorizontalScroll(page)
        await page.setInputFiles('#file', badPath)
        await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
        await page.waitForLoadState('domcontentloaded')
        await expect.poll(() => page.textContent('h1')).toBe('Le rapport n’a pas été reçu')
        const issues = (await page.locator('ul.issues li').allTextContents()).map((s) =>
            s.replace(/\s+/g, ' ')
        )
        expect(issues).toHaveLength(1)
        // the header is row 1 of the sheet: the bad line is row badLine + 2, its value in column E
        expect(issues[0]).toContain(`ligne ${badLine + 2}`)
        expect(issues[0]).toMatch(/colonne (E|« ?valeur ?»|valeur)/)
        expect(issues[0]).toContain('rapport-janvier-2024.xlsx')
        await noHorizontalScroll(page)
        await page.screenshot({ path: join(dir, '1-refus.png'), fullPage: true })

        await page.setInputFiles('#file', goodPath)
        await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
        await page.waitForURL(/\/recu\//)
        await expect.poll(() => page.textContent('h1')).toBe('Accusé de réception')
        const reference = (await page.textContent('#reference'))?.trim() ?? ''
        expect(reference).not.toBe('')
        const sha = createHash('sha256').update(readFileSync(goodPath)).digest('hex')
        expect((await page.textContent('#sha256'))?.trim()).toBe(sha)
        const nonZero = lines.filter((l) => Number(l[4]) !== 0)
        expect(Number(await page.textContent('#value-count'))).toBeGreaterThanOrEqual(nonZero.length)
        await noHorizontalScroll(page)

        // the worker delivers; the receipt page says so when refreshed
        const deadline = Date.now() + 60_000
        while (!((await page.textContent('#state')) ?? '').includes('Dans DHIS2')) {
            if (Date.now() > deadline) throw new Error(`not delivered: ${await page.textContent('#state')}`)
            await new Promise((r) => setTimeout(r, 300))
            await page.getByRole('link', { name: 'Actualiser' }).click()
            await page.waitForLoadState('domcontentloaded')
        }
        await page.screenshot({ path: join(dir, '2-recu.png'), fullPage: true })

        // the print button is there once the tiny script ran; printed, the receipt is one A4 page
        expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(true)
        await page.emulateMedia({ media: 'print' })
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
        expect(pages).toHaveLength(1)
        await page.emulateMedia({ media: 'screen' })

        // « Mes rapports » lists the submission
        await page.getByRole('link', { name: 'Mes rapports', exact: true }).click()
        await page.waitForURL(/\/rapports$/)
        expect(await page.textContent('main')).toContain(reference)
        await noHorizontalScroll(page)
        // no bundle: the receipt's print button is the only script, and a small one
        expect([...new Set(scripts.map((u) => new URL(u).pathname))]).toEqual(['/static/print.js'])
        await context.close()

        // DHIS2 holds exactly the file's non-zero values, and the report is complete
        const [ds] = (
            await admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
                filter: 'code:eq:DS_PRIVE_MENSUEL',
                fields: 'id',
            })
        ).dataSets
        const orgUnit = uidFromCode('organisationUnit', FACILITY)
        const held = await admin.get<{
            dataValues?: Array<{ dataElement: string; categoryOptionCombo: string; value: string }>
        }>('dataValueSets', { dataSet: ds?.id ?? '', period: '202401', orgUnit })
        const values = held.dataValues ?? []
        const codes = new Map(
            (
                await admin.get<{ dataElements: Array<{ id: string; code?: string }> }>('dataElements', {
                    fields: 'id,code',
                    paging: 'false',
                })
            ).dataElements.map((d) => [d.id, d.code ?? ''])
        )
        const cocNames = new Map(
            (
                await admin.get<{ categoryOptionCombos: Array<{ id: string; name?: string }> }>(
                    'categoryOptionCombos',
                    { fields: 'id,name', paging: 'false' }
                )
            ).categoryOptionCombos.map((c) => [c.id, c.name ?? ''])
        )
        const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()
        const LABEL: Record<string, string> = { '< 5 ans': 'Moins de 5 ans', F: 'Féminin', M: 'Masculin' }
        expect(values).toHaveLength(nonZero.length)
        for (const [, , indicator, disaggregation, value] of nonZero) {
            const found = values.filter(
                (v) =>
                    codes.get(v.dataElement) === indicator &&
                    (disaggregation === '' ||
                        norm(cocNames.get(v.categoryOptionCombo) ?? '') ===
                            norm(LABEL[disaggregation ?? ''] ?? disaggregation ?? ''))
            )
            expect(found, `${indicator} ${disaggregation}`).toHaveLength(1)
            expect(Number(found[0]?.value)).toBe(Number(value))
        }
        const registrations = await admin.get<{
            completeDataSetRegistrations?: Array<{ completed?: boolean }>
        }>('completeDataSetRegistrations', { dataSet: ds?.id ?? '', period: '202401', orgUnit })
        expect((registrations.completeDataSetRegistrations ?? []).some((r) => r.completed !== false)).toBe(
            true
        )
    }, 180_000)

    it('fills in the online form: the error shows next to its field, the corrected form is receipted', async () => {
        const context = await browser.newContext({
            viewport: PHONE,
            isMobile: true,
            hasTouch: true,
            locale: 'fr-FR',
        })
        const page = await context.newPage()
        await page.goto(intake.url + '/connexion')
        await page.fill('#username', CLINIC[0])
        await page.fill('#password', CLINIC[1])
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.waitForURL(/\/rapports$/)

        await page.getByRole('link', { name: 'Saisir le formulaire' }).click()
        await page.waitForURL(/\/formulaire$/)
        await noHorizontalScroll(page)
        const period = await page.locator('#period option').first().getAttribute('value')
        await page.getByRole('button', { name: 'Ouvrir le formulaire' }).click()
        await page.waitForURL(/\/formulaire\?orgUnit=.*&period=/)
        await noHorizontalScroll(page)
        const inputs = page.locator('fieldset input[type=text]')
        expect(await inputs.count()).toBeGreaterThan(5)
        const first = inputs.nth(0)
        const second = inputs.nth(1)
        const firstId = (await first.getAttribute('id')) ?? ''
        await first.fill('douze')
        await second.fill('7')
        await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
        await page.waitForLoadState('domcontentloaded')
        // the error is under the field, which keeps what was typed
        const error = page.locator(`#${firstId}-error`)
        await expect.poll(() => error.textContent()).toContain('douze')
        expect(await page.locator(`#${firstId}`).getAttribute('aria-invalid')).toBe('true')
        expect(await page.locator(`#${firstId}`).inputValue()).toBe('douze')
        expect(await inputs.nth(1).inputValue()).toBe('7')
        await noHorizontalScroll(page)
        await page.screenshot({ path: join(dir, '3-formulaire.png'), fullPage: true })

        await page.locator(`#${firstId}`).fill('12')
        await page.getByRole('button', { name: 'Envoyer', exact: true }).click()
        await page.waitForURL(/\/recu\//)
        await expect.poll(() => page.textContent('h1')).toBe('Accusé de réception')
        expect(await page.textContent('main')).toContain('Formulaire en ligne')
        await context.close()

        const [ds] = (
            await admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
                filter: 'code:eq:DS_PRIVE_MENSUEL',
                fields: 'id',
            })
        ).dataSets
        const orgUnit = uidFromCode('organisationUnit', FACILITY)
        const [, de1, coc1] = /^v_([^_]+)_(.+)$/.exec(firstId) ?? []
        await expect
            .poll(
                async () => {
                    const held = await admin.get<{
                        dataValues?: Array<{
                            dataElement: string
                            categoryOptionCombo: string
                            value: string
                        }>
                    }>('dataValueSets', { dataSet: ds?.id ?? '', period: period ?? '', orgUnit })
                    return (held.dataValues ?? []).find(
                        (v) => v.dataElement === de1 && v.categoryOptionCombo === coc1
                    )?.value
                },
                { timeout: 60_000, interval: 300 }
            )
            .toBe('12')
    }, 180_000)
})
