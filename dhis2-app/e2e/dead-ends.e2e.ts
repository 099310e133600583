// User story: a district officer on a poor link never ends on a dead end (issue 13 §5): an expired session goes
// back to DHIS2's login, an account without an org unit is told why, a link to an unknown or forbidden org unit
// falls back to the officer's own with a notice, a partial failure names what is missing, the running year is
// flagged incomplete, and a laboratory with no data is not blamed on the analytics tables.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoSeed } from '../../dhis2-sim/src/demo/index'
import {
    APP_DIR,
    chooseYear,
    openApp,
    orgUnitByCode,
    startHarness,
    USERS,
    waitForScorecard,
    type Harness,
} from './support/harness'

/** A demo user with the app's role and no org unit at all (as a freshly created DHIS2 account can be). */
const NO_UNIT = { username: 'sans.unite', password: 'SansUnite@2024' }

function seedWithUserWithoutOrgUnit() {
    const seed = buildDemoSeed({ includePackage: true })
    const planner = seed.users.find((u) => u.username === USERS.planner.username)
    if (!planner) throw new Error('demo planner missing')
    seed.users.push({
        ...planner,
        id: 'UsSansUnit1',
        username: NO_UNIT.username,
        password: NO_UNIT.password,
        firstName: 'Sans',
        surname: 'Unite',
        organisationUnits: [],
        dataViewOrganisationUnits: [],
        userGroups: [],
    })
    return seed
}

/** English UI strings (several words) whose French differs: none may be left on a French page. */
function englishStrings(): string[] {
    const pot = readFileSync(join(APP_DIR, 'i18n', 'fr.po'), 'utf8')
    const english: string[] = []
    for (const [, id = '', str = ''] of pot.matchAll(/^msgid "(.+)"\nmsgstr "(.+)"$/gm)) {
        if (id !== str && !id.includes('{{') && id.split(' ').length >= 2) english.push(id)
    }
    expect(english.length).toBeGreaterThan(30)
    return english
}

describe('no dead ends', () => {
    let harness: Harness

    beforeAll(async () => {
        harness = await startHarness({ seed: seedWithUserWithoutOrgUnit() })
    })

    afterEach(() => {
        harness.sim.setFaults(null)
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('sends an expired session back to the DHIS2 login, not to « Accès refusé »', async () => {
        const app = await openApp(harness, USERS.commune5)
        await waitForScorecard(app.page, 'Commune V')
        let refusedShown = false
        const watch = setInterval(() => {
            void app.page
                .getByText('Accès refusé', { exact: false })
                .count()
                .then((n) => {
                    if (n > 0) refusedShown = true
                })
                .catch(() => undefined)
        }, 100)
        await app.page.context().clearCookies()
        await chooseYear(app.page, 2023)
        await app.page.locator('[data-test="session-expired"]').waitFor()
        const login = app.page
            .locator('[data-test="dhis2-adapter-loginname"] input')
            .or(app.page.locator('form#login'))
            .first()
        await login.waitFor({ timeout: 60_000 })
        clearInterval(watch)
        expect(refusedShown).toBe(false)
        await app.page.context().close()
    })

    it('explains an account without an org unit instead of waiting forever', async () => {
        const app = await openApp(harness, NO_UNIT)
        const notice = app.page.locator('[data-test="no-org-unit"]')
        await notice.waitFor()
        expect(await notice.textContent()).toContain("aucune unité d'organisation")
        expect(await app.page.locator('[data-test="loading"]').count()).toBe(0)
        await app.page.context().close()
    })

    it('falls back to the officer own org unit, with a notice, for an unknown or forbidden one', async () => {
        const sikasso = await orgUnitByCode(harness.sim, 'ML-3')
        for (const [id, reason, title] of [
            ['XyzUnknown1', 'unknown', "L'unité d'organisation du lien n'existe pas"],
            [sikasso.id, 'outside', "L'unité d'organisation du lien est hors de votre zone d'accès"],
        ] as const) {
            const app = await openApp(harness, USERS.commune5, { hash: `#/?ou=${id}&year=2024` })
            await waitForScorecard(app.page, 'Commune V')
            const notice = app.page.locator('[data-kind="org-unit-fallback"]')
            expect(await notice.getAttribute('data-reason')).toBe(reason)
            expect(await notice.textContent()).toContain(title)
            expect(await notice.textContent()).toContain('Commune V')
            expect(app.page.url()).not.toContain(id)
            expect(await app.page.locator('[data-test="scorecard-row"]').count()).toBeGreaterThan(10)
            await app.page.context().close()
        }
    })

    it('names the missing part when the targets or the private share cannot be loaded', async () => {
        harness.sim.setFaults({ rate: 1, kinds: ['500'], paths: ['dataStore'] })
        const targets = await openApp(harness, USERS.commune5)
        await targets.page.locator('[data-test="scorecard-table"]').waitFor()
        const notice = targets.page.locator('[data-test="partial-failure"]')
        expect(await notice.getAttribute('data-part')).toBe('targets')
        expect(await notice.textContent()).toContain("Les cibles des planificateurs n'ont pas pu être lues")
        expect(await notice.textContent()).toContain('Les cibles nationales du plan sont affichées')
        await targets.page.context().close()

        harness.sim.setFaults({ rate: 1, kinds: ['500'], paths: ['organisationUnitGroupSets'] })
        const share = await openApp(harness, USERS.commune5)
        await share.page.locator('[data-test="scorecard-table"]').waitFor()
        const missing = share.page.locator('[data-test="partial-failure"]')
        await missing.waitFor()
        expect(await missing.getAttribute('data-part')).toBe('private-share')
        expect(await missing.textContent()).toContain('La part du privé')
        expect(await share.page.locator('[data-test="actual"]').count()).toBeGreaterThan(10)
        await share.page.context().close()
    })

    it('flags the running year as incomplete and never colours its statuses as final', async () => {
        const year = new Date().getFullYear()
        const app = await openApp(harness, USERS.commune5, { hash: `#/?year=${year}` })
        await app.page.locator('[data-test="scorecard-table"]').waitFor()
        expect(await app.page.locator('[data-test="incomplete-year"]').textContent()).toContain(
            'année en cours, incomplète'
        )
        const badges = app.page.locator('[data-test="status"]')
        const count = await badges.count()
        expect(count).toBeGreaterThan(10)
        expect(await app.page.locator('[data-test="status"][data-provisional="true"]').count()).toBe(count)
        const backgrounds = await badges.evaluateAll((els) =>
            els.map((el) => getComputedStyle(el).backgroundColor)
        )
        expect(new Set(backgrounds)).toEqual(new Set(['rgba(0, 0, 0, 0)']))
        expect(await badges.first().textContent()).toContain('provisoire')
        // a completed year is final again
        await chooseYear(app.page, year - 1)
        await app.page.locator('[data-test="incomplete-year"]').waitFor({ state: 'detached' })
        await app.page.context().close()
    })

    it('does not blame a laboratory without data on the analytics tables', async () => {
        const lab = await orgUnitByCode(harness.sim, 'FS-KAY-013')
        const app = await openApp(harness, USERS.admin, { hash: `#/?ou=${lab.id}&year=2024` })
        await app.page.locator('[data-test="scorecard-table"]').waitFor()
        const notice = app.page.locator('[data-test="no-data"]')
        await notice.waitFor()
        const text = (await notice.textContent()) ?? ''
        expect(text).toContain('laboratoire')
        expect(text).not.toContain("tables d'analyse")
        await app.page.context().close()
    })

    it('leaves no English sentence on the French page, and says « au Mali »', async () => {
        const app = await openApp(harness, USERS.planner, { hash: '#/?year=2024&indicator=ODD-3.3.3' })
        await waitForScorecard(app.page, 'Mali')
        await app.page.locator('[data-test="drill-down-row"]').first().waitFor()
        const text = await app.page.locator('[data-test="scorecard-page"]').innerText()
        const left = englishStrings().filter((english) => text.includes(english))
        expect(left).toEqual([])
        expect(text).toContain('au Mali')
        expect(text).not.toContain('à Mali')
        await app.page.context().close()
    })
})
