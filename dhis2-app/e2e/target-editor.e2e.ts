// User story: the ministry planners set the targets the plan left open (« XX ») and regional targets in the
// « Cibles » view; a district officer then reads them on the scorecard. Two planners editing the same target:
// the second save is refused with the first one's name, and the history keeps both attempts. Everyone else
// reads the view without a save control, and DHIS2's sharing refuses them a direct write (403). A CSV with
// bad lines names each line and column and imports nothing.
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../dhis2-sim/src/demo/index'
import { startSimulator } from '../../dhis2-sim/src/index'
import {
    api,
    builtZip,
    openApp,
    orgUnitByCode,
    SCREENSHOTS,
    USERS,
    waitForScorecard,
    type DemoUser,
    type Harness,
} from './support/harness'

const TARGETS_DOC = 'dataStore/odd3-scorecard/targets'
const MALARIA = 'ODD-3.3.3'

/**
 * A second planner, member of the planners' group. The simulator cannot create a user who logs in through
 * its API, so the test adds one to the demo seed it starts with.
 */
const SECOND_PLANNER = { username: 'planificateur2', password: 'Planif2@2024' }
const SECOND_PLANNER_NAME = 'Ibrahim Sangaré'

async function startWithSecondPlanner(): Promise<Harness> {
    const seed = buildDemoSeed({ includePackage: true })
    const first = seed.users.find((u) => u.username === USERS.planner.username)
    const group = seed.metadata.userGroups?.find((g) => g.code === 'ODD3_PLANIFICATEURS')
    if (!first || !group) throw new Error('demo seed without the planner or the planners group')
    const id = 'PlanifDeux1'
    seed.users.push({
        ...first,
        id,
        username: SECOND_PLANNER.username,
        password: SECOND_PLANNER.password,
        firstName: 'Ibrahim',
        surname: 'Sangaré',
    })
    group.users = [...(Array.isArray(group.users) ? group.users : []), { id }]
    const sim = await startSimulator({
        port: 0,
        dataDir: null,
        seed,
        runAnalyticsOnStart: true,
        installApps: [builtZip()],
    })
    const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
        ],
    })
    return {
        sim,
        browser,
        close: async () => {
            await browser.close()
            await sim.close()
        },
    }
}

async function openTargets(page: Page): Promise<void> {
    await page.locator('[data-test="tab-targets"]').click()
    await page.locator('[data-test="targets-view"]').waitFor()
}

async function openIndicator(page: Page, code: string): Promise<void> {
    await page
        .locator('[data-test="target-row"]', { has: page.locator(`[data-code="${code}"]`) })
        .locator('[data-test="open-target"]')
        .click()
    await page.locator(`[data-test="target-detail"][data-code="${code}"]`).waitFor()
}

async function saveTarget(page: Page, field: string, value: string, reason: string): Promise<void> {
    await page.locator(`[data-test="field-${field}"] input`).fill(value)
    await page.locator('[data-test="save-reason"] textarea').fill(reason)
    await page.locator('[data-test="save-target"]').click()
}

/** Waits for the save's outcome and fails with the app's own message when it is an error. */
async function expectSaved(page: Page): Promise<void> {
    const editor = page.locator('[data-test="record-editor"]')
    const done = editor.locator('[data-test="save-done"]')
    const failed = editor.locator('[data-test="error-notice"], [data-test="save-refused"]')
    await done.or(failed).first().waitFor()
    expect(await failed.count(), (await failed.allTextContents()).join(' ')).toBe(0)
}

function malariaRow(page: Page) {
    return page.locator('[data-test="scorecard-row"]', { has: page.locator(`[data-code="${MALARIA}"]`) })
}

/** The malaria row's expected value, 2023 and 2030 target cells, as a reader sees them. */
async function malariaCells(
    page: Page
): Promise<{ expected: string; t2023: string; t2030: string; status: string | null }> {
    const cells = malariaRow(page).locator('td')
    return {
        expected: (await cells.nth(3).textContent()) ?? '',
        t2023: (await cells.nth(4).textContent()) ?? '',
        t2030: (await cells.nth(5).textContent()) ?? '',
        status: await malariaRow(page).locator('[data-test="status"]').getAttribute('data-status'),
    }
}

interface StoredRecord {
    code: string
    orgUnit: string | null
    targets?: Record<string, number | null>
    revision: number
}

describe('planners edit the targets; readers read them', () => {
    let harness: Harness
    const secondPlanner = SECOND_PLANNER as unknown as DemoUser

    beforeAll(async () => {
        harness = await startWithSecondPlanner()
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('a planner sets the 2030 malaria target the plan left « XX »; a district officer sees it on reload', async () => {
        const officer = await openApp(harness, USERS.commune5)
        await waitForScorecard(officer.page)
        const before = await malariaCells(officer.page)
        expect(before.t2030).toContain('XX')

        const planner = await openApp(harness, USERS.planner)
        await openTargets(planner.page)
        expect(await planner.page.locator('[data-test="targets-view"]').getAttribute('data-read-only')).toBe(
            'false'
        )
        await openIndicator(planner.page, MALARIA)
        await saveTarget(planner.page, 'targets.2030', '45', 'Plan stratégique paludisme 2024-2030')
        await expectSaved(planner.page)

        const doc = await api<{ version: number; records: StoredRecord[] }>(
            harness.sim,
            USERS.admin,
            TARGETS_DOC
        )
        expect(doc.version).toBe(2)
        expect(doc.records).toEqual([{ code: MALARIA, orgUnit: null, targets: { '2030': 45 }, revision: 1 }])

        await officer.page.reload()
        await waitForScorecard(officer.page)
        const after = await malariaCells(officer.page)
        expect(after.t2030).toContain('45')
        expect(after.t2030).not.toContain('XX')
        // With a 2030 target, the year is judged on the path 2023 → 2030, no longer against 2023 alone.
        expect(after.expected).not.toBe(before.expected)
        expect(after.status).not.toBeNull()
        await officer.page.context().close()
        await planner.page.context().close()
    })

    it('a planner sets a regional 2023 target for Sikasso, used in Sikasso', async () => {
        const sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        expect(sikasso.displayName).toContain('Sikasso')
        const planner = await openApp(harness, USERS.planner)
        await openTargets(planner.page)
        await planner.page
            .locator('[data-test="level-region"] [data-test="dhis2-uicore-singleselect"]')
            .click()
        await planner.page
            .locator('[data-test="dhis2-uicore-singleselectoption"]', { hasText: sikasso.displayName })
            .first()
            .click()
        await openIndicator(planner.page, MALARIA)
        await expect(
            planner.page.locator('[data-test="target-detail"] > h3').textContent()
        ).resolves.toContain('Sikasso')
        await saveTarget(
            planner.page,
            'targets.2023',
            '95',
            'Plan régional de développement sanitaire de Sikasso'
        )
        // 95 is worse than the national baseline (84 ‰): a warning, not a refusal
        await expectSaved(planner.page)

        const doc = await api<{ records: StoredRecord[] }>(harness.sim, USERS.admin, TARGETS_DOC)
        expect(doc.records.find((r) => r.orgUnit === sikasso.id)).toEqual({
            code: MALARIA,
            orgUnit: sikasso.id,
            targets: { '2023': 95 },
            revision: 1,
        })
        const regional = await openApp(harness, USERS.sikasso)
        await waitForScorecard(regional.page, 'Sikasso')
        expect((await malariaCells(regional.page)).t2023).toContain('95')
        await regional.page.context().close()
        await planner.page.context().close()
    })

    it('refuses the second of two planners editing the same target, naming the first, and keeps both in the history', async () => {
        const first = await openApp(harness, USERS.planner)
        // tall enough for the screenshot of the refusal and the history below it
        const second = await openApp(harness, secondPlanner, { viewport: { width: 1366, height: 1500 } })
        for (const app of [first, second]) {
            await openTargets(app.page)
            await openIndicator(app.page, MALARIA)
        }
        await saveTarget(first.page, 'targets.2030', '42', 'Revue à mi-parcours')
        await expectSaved(first.page)
        await saveTarget(second.page, 'targets.2030', '50', 'Proposition de la direction régionale')
        const refusal = second.page.locator('[data-test="conflict-message"]')
        await refusal.waitFor()
        const text = (await refusal.textContent()) ?? ''
        expect(text).toContain('Cette cible a été modifiée par Fatoumata Traoré le')
        expect(text).toContain('2030 = 42')
        const doc = await api<{ records: StoredRecord[] }>(harness.sim, USERS.admin, TARGETS_DOC)
        expect(doc.records.find((r) => r.orgUnit === null)?.targets).toEqual({ '2030': 42 })
        await second.page
            .locator('[data-test="target-detail"]')
            .screenshot({ path: join(SCREENSHOTS, 'targets-editor-conflict-fr.png') })

        const rows = second.page.locator('[data-test="history-row"]')
        await second.page.locator('[data-test="history-row"] [data-outcome="refused"]').waitFor()
        const history = await rows.evaluateAll((trs) =>
            trs.map((tr) => ({
                user: tr.querySelector('[data-test="history-user"]')?.textContent ?? '',
                outcome: tr.querySelector('[data-outcome]')?.getAttribute('data-outcome') ?? '',
                text: tr.textContent ?? '',
            }))
        )
        // newest first: the refusal of the second planner, then the first planner's save, then the earlier ones
        expect(history[0]).toMatchObject({ user: SECOND_PLANNER_NAME, outcome: 'refused' })
        expect(history[0]?.text).toContain('Proposition de la direction régionale')
        expect(history[1]).toMatchObject({ user: 'Fatoumata Traoré', outcome: 'saved' })
        expect(history[1]?.text).toContain('Revue à mi-parcours')
        expect(history.length).toBeGreaterThanOrEqual(4)

        // after reloading, the second planner sees the first one's value and can save on top of it
        await second.page.locator('[data-test="reload-after-conflict"]').click()
        await expect
            .poll(() => second.page.locator('[data-test="field-targets.2030"] input').inputValue())
            .toBe('42')
        await first.page.context().close()
        await second.page.context().close()
    })

    it('shows a district officer the same view without a save control, and DHIS2 refuses their write', async () => {
        const officer = await openApp(harness, USERS.commune5)
        await openTargets(officer.page)
        await officer.page.locator('[data-test="read-only-notice"]').waitFor()
        await openIndicator(officer.page, MALARIA)
        expect(await officer.page.locator('[data-test="save-target"]').count()).toBe(0)
        expect(await officer.page.locator('[data-test="import-file"]').count()).toBe(0)
        expect(await officer.page.locator('[data-test="field-targets.2030"] input').inputValue()).toBe('42')
        await officer.page.context().close()

        const doc = await api<{ records: StoredRecord[] }>(harness.sim, USERS.admin, TARGETS_DOC)
        await expect(
            api(harness.sim, USERS.commune5, TARGETS_DOC, {
                method: 'PUT',
                body: JSON.stringify({ version: 2, records: [] }),
            })
        ).rejects.toThrow(/→ 403/)
        await expect(api(harness.sim, USERS.commune5, TARGETS_DOC, { method: 'DELETE' })).rejects.toThrow(
            /→ 403/
        )
        expect(await api(harness.sim, USERS.admin, TARGETS_DOC)).toEqual(doc)
    })

    it('imports nothing from a CSV with three bad lines, naming each line and column', async () => {
        const before = await api(harness.sim, USERS.admin, TARGETS_DOC)
        const planner = await openApp(harness, USERS.planner)
        await openTargets(planner.page)
        const csv = [
            "Code;Identifiant de l'unité d'organisation;Référence;Année de référence;Source de la référence;Cible 2023;Cible 2030",
            'ODD-3.1.2;;;;;75;88',
            'ODD-3.7.1;;16;2018;EDSM VI 2018;30;140',
            'ODD-3.3.2;;;;;41;33',
            'ODD-9.9.9;;;;;1;1',
            'ODD-3.2.1;;101;2035;EDSM VI 2018;87;65',
        ].join('\r\n')
        await planner.page.locator('[data-test="import-file"] input[type="file"]').setInputFiles({
            name: 'cibles.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from('\uFEFF' + csv, 'utf8'),
        })
        await planner.page.locator('[data-test="import-errors"]').waitFor()
        const errors = await planner.page
            .locator('[data-test="import-error"]')
            .evaluateAll((lis) =>
                lis.map((li) => [li.getAttribute('data-line'), li.getAttribute('data-field')])
            )
        expect(errors).toEqual([
            ['3', 'Cible 2030'],
            ['5', 'Code'],
            ['6', 'Année de référence'],
        ])
        expect(await planner.page.locator('[data-test="import-save"]').count()).toBe(0)
        expect(await api(harness.sim, USERS.admin, TARGETS_DOC)).toEqual(before)
        await planner.page.context().close()
    })
})
