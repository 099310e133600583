// User story: a planner whose DHIS2 account is set to English sees every screen in English (scorecard,
// drill-down, trajectory, private share, completeness, statuses, CSV export); without the setting the same
// screens are in French, and the French labels come back when the setting is French again.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import catalogue from '@odd3/mappings/targets/catalogue.json'
import type { ProgressStatus } from '../src/progress/status'
import { expectActualsMatchAnalytics, type UiLanguage } from './support/check-actuals'
import {
    api,
    openApp,
    orgUnitByCode,
    SCREENSHOTS,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'
import { csvFields } from './support/csv'

const YEAR = 2024
/** Opened by default: the first routine indicator. Its French name has an apostrophe. */
const INDICATOR = 'ODD-3.1.2'
const INDICATOR_NAME = catalogue.indicators.find((t) => t.code === INDICATOR)?.name ?? { fr: '?', en: '?' }

/** Indicators measured by national surveys: their rows must be marked as national. */
const SURVEY_CODES = catalogue.indicators
    .filter((t) => t.actuals === 'survey' || !t.routine)
    .map((t) => t.code)
    .sort()

const STATUS_LABELS: Record<UiLanguage, Record<ProgressStatus, string>> = {
    fr: {
        met: 'Cible atteinte',
        'on-track': 'En bonne voie',
        behind: 'En retard',
        'off-track': 'Hors trajectoire',
        'no-target': 'Pas de cible',
        'no-data': 'Pas de données',
    },
    en: {
        met: 'Target met',
        'on-track': 'On track',
        behind: 'Behind',
        'off-track': 'Off track',
        'no-target': 'No target',
        'no-data': 'No data',
    },
}

/** Characteristic strings of one language that must not be left on a screen shown in the other. */
const MARKERS: Record<UiLanguage, string[]> = {
    fr: [
        'Tableau de bord',
        'Choisir une unité',
        'Année',
        'Exporter',
        'Indicateur',
        'Référence',
        'Réalisation',
        'Attendu sur la trajectoire',
        'Cible',
        'Statut',
        'Tendance',
        'Part du privé',
        'Trajectoire',
        'Rythme',
        'par an',
        'Écart',
        'Rapports privés',
        "Unité d'organisation",
        "unité d'organisation",
        'structures privées',
        'Complétude',
        'sous-estimée',
        'En bonne voie',
        'En retard',
        'Hors trajectoire',
        'Pas de cible',
        'Pas de données',
        'non fixée',
        'Enquête',
        'non comparé',
        'cité',
    ],
    en: [
        'scorecard',
        'Choose an organisation unit',
        'Year',
        'Export CSV',
        'Indicator',
        'Baseline',
        'Actual',
        'Expected on the path',
        'Target',
        'Status',
        'Trend',
        'Private share',
        'Trajectory',
        'Required pace',
        'per year',
        'Gap to the path',
        'Private reports',
        'Organisation unit',
        'private facilities',
        'completeness',
        'underestimated',
        'On track',
        'Behind',
        'Off track',
        'No target',
        'No data',
        'not set',
        'Survey',
        'not compared',
    ],
}

const OTHER: Record<UiLanguage, UiLanguage> = { fr: 'en', en: 'fr' }

/** What each screen says in each language: a few characteristic labels, not every string. */
const EXPECTED = {
    fr: {
        title: `Tableau de bord MAP/ODD 3 — Mali, ${YEAR}`,
        scorecardHeaders: ['Indicateur', `Réalisation ${YEAR}`, 'Attendu sur la trajectoire', 'Cible 2030'],
        drillHeaders: [
            "Unité d'organisation",
            `Réalisation ${YEAR}`,
            'Écart à la trajectoire',
            'Statut',
            'Part du privé',
            'Rapports privés reçus',
        ],
        drillTitle: "par unité d'organisation de Mali",
        trajectoryTitle: /^Trajectoire : /,
        trajectorySummary: new RegExp(
            `^En ${YEAR}, .+ au Mali était de .+, contre .+ attendus sur la trajectoire`
        ),
        pace: /^(Rythme nécessaire pour atteindre la cible 2030 : .+ par an|La cible 2030 est déjà atteinte)/,
        chart: ['Graphique de trajectoire', 'Réalisation', 'Trajectoire cible'],
        trajectoryHeaders: ['Année', 'Réalisation', 'Attendu sur la trajectoire'],
        shareTitle: /^[\d\s]+ sur [\d\s]+ venant des structures privées$/,
        completenessTitle: 'Complétude des rapports du privé',
        completenessText: new RegExp(
            `Les structures et laboratoires privés au Mali ont transmis [\\d\\s]+ rapports mensuels sur [\\d\\s]+ attendus pour ${YEAR}`
        ),
    },
    en: {
        title: `MAP/ODD-3 scorecard — Mali, ${YEAR}`,
        scorecardHeaders: ['Indicator', `Actual ${YEAR}`, 'Expected on the path', 'Target 2030'],
        drillHeaders: [
            'Organisation unit',
            `Actual ${YEAR}`,
            'Gap to the path',
            'Status',
            'Private share',
            'Private reports received',
        ],
        drillTitle: 'by organisation unit in Mali',
        trajectoryTitle: /^Trajectory of /,
        trajectorySummary: new RegExp(`^In ${YEAR}, .+ in Mali was .+, against .+ expected on the path`),
        pace: /^(Required pace to reach the 2030 target, .+ per year|The 2030 target is already reached)/,
        chart: ['Trajectory chart', 'Actual', 'Target path'],
        trajectoryHeaders: ['Year', 'Actual', 'Expected on the path'],
        shareTitle: /^[\d,]+ of [\d,]+ from private facilities$/,
        completenessTitle: 'Private reporting completeness',
        completenessText: new RegExp(
            `Private facilities and laboratories in Mali sent [\\d,]+ of [\\d,]+ expected monthly reports for ${YEAR}`
        ),
    },
} satisfies Record<UiLanguage, unknown>

const PERCENT: Record<UiLanguage, (value: number, digits: number) => string> = {
    fr: (v, d) =>
        new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: d }).format(v / 100),
    en: (v, d) =>
        new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: d }).format(v / 100),
}

/** The text of the elements, and the values of their `title` and `aria-label` attributes. */
async function texts(page: Page, selector: string): Promise<string[]> {
    return page
        .locator(selector)
        .evaluateAll((elements) =>
            elements.flatMap((e) => [
                (e as HTMLElement).innerText ?? e.textContent ?? '',
                ...[e, ...e.querySelectorAll('[title], [aria-label]')].flatMap((n) =>
                    ['title', 'aria-label'].map((a) => n.getAttribute(a) ?? '').filter((t) => t !== '')
                ),
            ])
        )
}

async function headers(page: Page, table: string): Promise<string[]> {
    return page
        .locator(`[data-test="${table}"] thead th`)
        .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ''))
}

function expectNoMarkersOf(language: UiLanguage, screen: string, content: string[]): void {
    expect(content.join(' ').length, `${screen} is empty`).toBeGreaterThan(0)
    for (const marker of MARKERS[language]) {
        const found = content.filter((t) => t.includes(marker))
        expect(found, `${screen}: "${marker}" left`).toEqual([])
    }
}

/**
 * Every screen of the default view (the scorecard with the first routine indicator's trajectory and
 * drill-down) is in `language`: its characteristic labels are there and none of the other language's.
 */
async function expectScreensIn(page: Page, language: UiLanguage): Promise<void> {
    const expected = EXPECTED[language]
    const other = OTHER[language]
    expect(await page.locator('[data-test="scorecard-title"]').textContent()).toBe(expected.title)

    // Main table.
    expect(await headers(page, 'scorecard-table')).toEqual(expect.arrayContaining(expected.scorecardHeaders))
    expectNoMarkersOf(other, 'scorecard table', await texts(page, '[data-test="scorecard-table"]'))

    // Status badges: each says its status in the language.
    const badges = await page
        .locator('[data-test="status"]')
        .evaluateAll((spans) =>
            spans.map((s) => ({ status: s.getAttribute('data-status') ?? '', text: s.textContent ?? '' }))
        )
    expect(badges.length).toBeGreaterThan(10)
    for (const badge of badges) {
        expect(badge.text, badge.status).toBe(STATUS_LABELS[language][badge.status as ProgressStatus])
    }

    // Drill-down.
    const drill = page.locator('[data-test="drill-down"]')
    expect(await drill.locator('h3').textContent()).toContain(expected.drillTitle)
    expect(await headers(page, 'drill-down-table')).toEqual(expect.arrayContaining(expected.drillHeaders))
    expect(await page.locator('[data-test="drill-down-row"]').count()).toBeGreaterThan(5)
    expectNoMarkersOf(other, 'drill-down', await texts(page, '[data-test="drill-down"]'))

    // Trajectory panel: title, sentences, chart labels and its table twin.
    const panel = page.locator('[data-test="trajectory-panel"]')
    expect(await panel.locator('h3').textContent()).toMatch(expected.trajectoryTitle)
    expect(await page.locator('[data-test="trajectory-summary"]').textContent()).toMatch(
        expected.trajectorySummary
    )
    expect(await page.locator('[data-test="pace-summary"]').textContent()).toMatch(expected.pace)
    const chart = page.locator('[data-test="trajectory-chart"]')
    const chartText = [(await chart.getAttribute('aria-label')) ?? '', (await chart.textContent()) ?? '']
    for (const label of expected.chart) expect(chartText.join(' ')).toContain(label)
    expect(await headers(page, 'trajectory-table')).toEqual(expected.trajectoryHeaders)
    expectNoMarkersOf(other, 'trajectory panel', await texts(page, '[data-test="trajectory-panel"]'))

    // Private share: in the language's percent format, with a tooltip saying where it comes from.
    const shares = await page
        .locator('[data-test="private-share"]:not([data-value=""])')
        .evaluateAll((spans) =>
            spans.map((s) => ({
                value: Number(s.getAttribute('data-value')),
                title: s.getAttribute('title') ?? '',
                text: s.textContent ?? '',
            }))
        )
    expect(shares.length).toBeGreaterThan(5)
    for (const share of shares) {
        expect(share.text).toBe(PERCENT[language](share.value, 1))
        expect(share.title).toMatch(expected.shareTitle)
    }

    // Completeness summary.
    const completeness = page.locator('[data-test="private-completeness"]')
    const rate = Number(await completeness.getAttribute('data-value'))
    const completenessText = (await completeness.textContent()) ?? ''
    expect(completenessText).toContain(expected.completenessTitle)
    expect(completenessText).toMatch(expected.completenessText)
    expect(completenessText).toContain(`(${PERCENT[language](rate, 0)})`)
    expectNoMarkersOf(other, 'completeness summary', await texts(page, '[data-test="private-completeness"]'))

    // Survey rows are marked as national figures.
    const surveyRows = await page
        .locator('[data-test="actual"][data-source="survey"]')
        .evaluateAll((spans) => spans.map((s) => s.getAttribute('data-code') ?? ''))
    expect(surveyRows.sort()).toEqual(SURVEY_CODES)
    expect(await page.locator('[data-test="survey-source"][data-scope="national"]').count()).toBe(
        SURVEY_CODES.length
    )

    // And nothing of the other language anywhere on the page.
    expectNoMarkersOf(other, 'page', await texts(page, '[data-test="scorecard-page"]'))
}

/** Sets the planner's UI language, or clears it ('') as DHIS2 does: DELETE (an empty value is refused with 409). */
async function setUiLocale(harness: Harness, value: '' | UiLanguage): Promise<void> {
    if (value === '') await api(harness.sim, USERS.planner, 'userSettings/keyUiLocale', { method: 'DELETE' })
    else await api(harness.sim, USERS.planner, `userSettings/keyUiLocale?value=${value}`, { method: 'POST' })
}

describe('UI locale', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        // No user setting: the planner gets the default language.
        await setUiLocale(harness, '')
        app = await openApp(harness, USERS.planner, { hash: `#/?year=${YEAR}` })
        await waitForScorecard(app.page, 'Mali')
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('shows the scorecard, drill-down, trajectory, private share, completeness and statuses in French by default', async () => {
        await expectScreensIn(app.page, 'fr')
    })

    it('shows names with an apostrophe as typed, not as HTML character references', async () => {
        expect(INDICATOR_NAME.fr).toContain("'")
        const lines = (await texts(app.page, '[data-test="scorecard-page"]')).flatMap((t) => t.split('\n'))
        expect(lines.some((line) => line.includes(INDICATOR_NAME.fr))).toBe(true)
        expect(lines.filter((line) => /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/i.test(line))).toEqual([])
    })

    it('switches the same screens to English with the DHIS2 user setting, with no French left', async () => {
        await setUiLocale(harness, 'en')
        await app.page.reload()
        await waitForScorecard(app.page, 'Mali')
        await expectScreensIn(app.page, 'en')
        const names = await app.page.locator('[data-test="indicator-link"]').allTextContents()
        expect(names).toContain('Maternal mortality ratio')
        expect(names).toContain(INDICATOR_NAME.en)
        // Numbers too follow the language (1,234.5), and are the figures of DHIS2's analytics.
        const mali = await orgUnitByCode(harness.sim, 'ML')
        const compared = await expectActualsMatchAnalytics(
            app.page,
            harness.sim,
            USERS.planner,
            mali.id,
            YEAR,
            INDICATOR,
            { language: 'en' }
        )
        expect(compared).toBeGreaterThan(10)
        await app.page.screenshot({ path: join(SCREENSHOTS, 'scorecard-national-en.png') })
    })

    it('exports the CSV with English column names and labels', async () => {
        const [download] = await Promise.all([
            app.page.waitForEvent('download'),
            app.page.locator('[data-test="export-csv"]').click(),
        ])
        expect(download.suggestedFilename()).toBe(`odd3-mali-${YEAR}.csv`)
        const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '')
        const [header = [], ...lines] = text
            .split('\r\n')
            .filter((l) => l !== '')
            .map(csvFields)
        expect(header).toEqual(
            expect.arrayContaining([
                'Organisation unit',
                'Year',
                'Code',
                'Indicator',
                'Baseline',
                'Actual',
                'Expected on the path',
                'Target 2023',
                'Target 2030',
                'Status',
                'Gap to the path',
                'Private share (%)',
            ])
        )
        expectNoMarkersOf('fr', 'CSV header', header)
        expect(lines.length).toBe(catalogue.indicators.length)
        const column = (name: string) => lines.map((fields) => fields[header.indexOf(name)] ?? '')
        const english = Object.values(STATUS_LABELS.en)
        for (const status of column('Status')) expect(english).toContain(status)
        expect(column('Indicator').sort()).toEqual(catalogue.indicators.map((t) => t.name.en).sort())
        expectNoMarkersOf('fr', 'CSV', lines.flat())
    })

    it('comes back to French when the setting is French again', async () => {
        await setUiLocale(harness, 'fr')
        await app.page.reload()
        await waitForScorecard(app.page, 'Mali')
        expect(await app.page.locator('[data-test="scorecard-title"]').textContent()).toBe(EXPECTED.fr.title)
        expect(await headers(app.page, 'scorecard-table')).toEqual(
            expect.arrayContaining(EXPECTED.fr.scorecardHeaders)
        )
    })
})
