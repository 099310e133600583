// User story: the Commune V district health officer sees the private sector's share of each numerator rise
// once the bridge has pushed the private clinics' reports and the analytics job has run; the scorecard
// exports to a CSV that French Excel opens with accents and decimal commas; a region outside the officer's
// area is refused with a clear French message. The bridge registers the reports it delivers as complete,
// so the private completeness shown beside the share rises too.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPush } from '../../bridge/src/push/handler'
import {
    APP_DIR,
    chooseYear,
    openApp,
    orgUnitByCode,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

const CLINICS = join(APP_DIR, '..', 'fixtures', 'clinics')
const FILES = [
    'commune5-2024-01-long.csv',
    'commune5-2024-02-wide-windows1252.csv',
    'commune5-2024-03-wide.xlsx',
]
const INDICATOR = 'ODD-3.1.2'

async function privateShares(app: AppPage): Promise<Map<string, number | null>> {
    const cells = await app.page.locator('[data-test="scorecard-row"]').evaluateAll((rows) =>
        rows.map((row) => ({
            code: row.querySelector('[data-test="indicator-link"]')?.getAttribute('data-code') ?? '',
            share: row.querySelector('[data-test="private-share"]')?.getAttribute('data-value') ?? null,
        }))
    )
    return new Map(cells.map((c) => [c.code, c.share === null || c.share === '' ? null : Number(c.share)]))
}

describe('private sector share for a district', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.commune5)
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('rises from zero after the bridge pushes the clinic reports and analytics run', async () => {
        await waitForScorecard(app.page, 'Commune V')
        await chooseYear(app.page, 2024)
        await app.page.locator('[data-test="scorecard-title"]', { hasText: '2024' }).waitFor()
        await waitForScorecard(app.page, 'Commune V')
        const before = await privateShares(app)
        expect(before.get(INDICATOR)).toBe(0)
        const completenessBefore = await app.page
            .locator('[data-test="private-completeness"]')
            .getAttribute('data-value')

        const report = await runPush({
            files: FILES.map((f) => join(CLINICS, f)),
            dhis2: {
                baseUrl: harness.sim.url,
                auth: { kind: 'basic', username: 'bridge', password: 'Bridge@2024' },
            },
            stateDir: mkdtempSync(join(tmpdir(), 'odd3-e2e-bridge-')),
            noLedger: true,
        })
        expect(report.errors).toBe(0)
        expect(report.push?.saved).toBeGreaterThan(0)
        // The bridge marks each clinic's monthly report it delivered as complete, so the private completeness
        // reflects the reports that arrived.
        expect(report.complete?.registered).toBeGreaterThan(0)

        // Analytics only move after the analytics job, as in DHIS2.
        await app.page.reload()
        await waitForScorecard(app.page, 'Commune V')
        expect((await privateShares(app)).get(INDICATOR)).toBe(0)

        await harness.sim.runAnalytics()
        app.resetAnalyticsCount()
        await app.page.reload()
        await waitForScorecard(app.page, 'Commune V')
        expect(app.analyticsRequests().length).toBeLessThanOrEqual(2)
        const after = await privateShares(app)
        expect(after.get(INDICATOR)).toBeGreaterThan(0)
        const completenessAfter = await app.page
            .locator('[data-test="private-completeness"]')
            .getAttribute('data-value')
        expect(Number(completenessAfter)).toBeGreaterThan(Number(completenessBefore ?? 0))
        await app.page.screenshot({ path: join(SCREENSHOTS, 'private-share-district-fr.png') })
    })

    it('exports the scorecard as CSV for French Excel', async () => {
        const [download] = await Promise.all([
            app.page.waitForEvent('download'),
            app.page.locator('[data-test="export-csv"]').click(),
        ])
        expect(download.suggestedFilename()).toBe('odd3-commune-v-2024.csv')
        const path = await download.path()
        const bytes = readFileSync(path)
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
        const text = bytes.toString('utf8').slice(1)
        const [header, ...lines] = text.split('\r\n')
        expect(header).toBe(
            "Unité d'organisation;Année;Code;Indicateur;Unité;Référence;Année de référence;Réalisation;Année de la réalisation;Réalisation mesurée pour;Source;Attendu sur la trajectoire;Cible 2023;Cible 2030;Statut;Écart à la trajectoire;Part du privé (%)"
        )
        const birth = lines.find((l) => l.includes(`;${INDICATOR};`)) ?? ''
        expect(birth).toContain("Proportion d'accouchements assistés par du personnel qualifié")
        expect(birth).toMatch(/;\d+,\d;2024;/)
        const shown = await app.page
            .locator(`[data-test="actual"][data-code="${INDICATOR}"]`)
            .getAttribute('data-value')
        expect(birth).toContain(`;${(shown ?? '').replace('.', ',')};2024;Commune V;`)
        // survey figures are the country's, not the district's, and the file says so
        const surveyRows = lines.filter((l) => l.includes(';Mali (national);'))
        expect(surveyRows.length).toBeGreaterThan(0)
        expect(surveyRows.some((l) => /;Enquête nationale EDSM VI 2018/.test(l))).toBe(true)
    })

    it('refuses a region outside the officer area with a clear French message', async () => {
        const sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        await app.page.goto(app.page.url().replace(/#.*$/, `#/?ou=${sikasso.id}`))
        const notice = app.page.locator('[data-test="error-notice"]').first()
        await notice.waitFor()
        const text = (await notice.textContent()) ?? ''
        expect(text).toMatch(/accès|autorisé/)
        await app.page.screenshot({ path: join(SCREENSHOTS, 'no-access-fr.png') })
    })
})
