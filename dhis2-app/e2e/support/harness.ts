import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page, type Request } from 'playwright-core'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../dhis2-sim/src/index'

export const APP_DIR = join(import.meta.dirname, '..', '..')
export const SCREENSHOTS = join(APP_DIR, '..', 'docs', 'screenshots')
export const APP_PATH = '/api/apps/odd3-scorecard/index.html'

/** Demo users (public demo credentials, docs/data-model.md). */
export const USERS = {
    admin: { username: 'admin', password: 'district' },
    sikasso: { username: 'drs.sikasso', password: 'Sikasso@2024' },
    commune5: { username: 'mcd.commune5', password: 'Commune5@2024' },
    planner: { username: 'planificateur', password: 'Planif@2024' },
} as const

export type DemoUser = (typeof USERS)[keyof typeof USERS]

const CHROMIUM_FLAGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
]

/** The newest zip built by `npm run build -w dhis2-app`: the e2e tests always test the built bundle. */
export function builtZip(): string {
    const dir = join(APP_DIR, 'build', 'bundle')
    const zips = readdirSync(dir)
        .filter((f) => f.endsWith('.zip'))
        .map((f) => join(dir, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    const zip = zips[0]
    if (!zip) throw new Error(`No bundle in ${dir}: run npm run build -w dhis2-app`)
    return zip
}

export interface Harness {
    sim: RunningSimulator
    browser: Browser
    close: () => Promise<void>
}

export async function startHarness(options: { seed?: SimulatorOptions['seed'] } = {}): Promise<Harness> {
    const sim = await startSimulator({
        port: 0,
        dataDir: null,
        seed: options.seed ?? 'demo',
        runAnalyticsOnStart: true,
        installApps: [builtZip()],
    })
    const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_FLAGS,
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

/** Calls the simulator's API directly with Basic auth (independent of the app). */
export async function api<T = unknown>(
    sim: RunningSimulator,
    user: DemoUser,
    path: string,
    init?: RequestInit
): Promise<T> {
    const auth = Buffer.from(`${user.username}:${user.password}`).toString('base64')
    const response = await fetch(`${sim.url}/api/${path}`, {
        ...init,
        headers: {
            Authorization: `Basic ${auth}`,
            'Content-Type': 'application/json',
            ...(init?.headers ?? {}),
        },
    })
    const text = await response.text()
    if (!response.ok)
        throw new Error(`${init?.method ?? 'GET'} ${path} → ${response.status} ${text.slice(0, 300)}`)
    return (text === '' ? undefined : JSON.parse(text)) as T
}

export async function orgUnitByCode(
    sim: RunningSimulator,
    code: string
): Promise<{ id: string; displayName: string }> {
    const result = await api<{ organisationUnits: Array<{ id: string; displayName: string }> }>(
        sim,
        USERS.admin,
        `organisationUnits?filter=code:eq:${encodeURIComponent(code)}&fields=id,displayName`
    )
    const unit = result.organisationUnits[0]
    if (!unit) throw new Error(`No org unit with code ${code}`)
    return unit
}

export interface AppPage {
    page: Page
    /** Analytics requests made since the last `resetAnalyticsCount()`. */
    analyticsRequests: () => string[]
    resetAnalyticsCount: () => void
}

/** Opens the installed app as DHIS2 would, and signs in through the app shell's login form. */
export async function openApp(
    harness: Harness,
    user: { username: string; password: string },
    options: { hash?: string; viewport?: { width: number; height: number } } = {}
): Promise<AppPage> {
    const context = await harness.browser.newContext({
        viewport: options.viewport ?? { width: 1366, height: 768 },
        locale: 'fr-FR',
    })
    // The machines running these tests are small and shared: generous waits, no timing assertions.
    context.setDefaultTimeout(90_000)
    const page = await context.newPage()
    let requests: string[] = []
    page.on('request', (request: Request) => {
        if (/\/api\/(\d+\/)?analytics(\.json)?(\?|$)/.test(new URL(request.url()).pathname + '?')) {
            requests.push(request.url())
        }
    })
    const appUrl = `${harness.sim.url}${APP_PATH}${options.hash ?? ''}`
    await page.goto(appUrl)
    // Like DHIS2 2.41, the server sends a browser without a session to its login page; an app shell that
    // gets a 401 from /api/me shows its own login modal instead. Either form is filled in by hand.
    const shellModal = page.locator('[data-test="dhis2-adapter-loginname"] input')
    const serverForm = page.locator('form#login')
    await shellModal.or(serverForm).first().waitFor({ timeout: 120_000 })
    if (await serverForm.isVisible()) {
        await serverForm.locator('input[name="username"]').fill(user.username)
        await serverForm.locator('input[name="password"]').fill(user.password)
        await Promise.all([
            page.waitForURL((url) => !url.pathname.startsWith('/dhis-web-login')),
            serverForm.locator('button[type="submit"]').click(),
        ])
        await page.goto(appUrl)
    } else {
        await shellModal.fill(user.username)
        await page.locator('[data-test="dhis2-adapter-loginpassword"] input').fill(user.password)
        await page.locator('[data-test="dhis2-adapter-loginsubmit"]').click()
    }
    await page.locator('[data-test="scorecard-page"]').waitFor({ timeout: 180_000 })
    return {
        page,
        analyticsRequests: () => [...requests],
        resetAnalyticsCount: () => {
            requests = []
        },
    }
}

/** Waits until the scorecard for the current selection is on screen with its sector split. */
export async function waitForScorecard(page: Page, orgUnitName?: string): Promise<void> {
    if (orgUnitName) {
        await page.locator('[data-test="scorecard-title"]', { hasText: orgUnitName }).waitFor()
    }
    await page.locator('[data-test="scorecard-table"]').waitFor()
    await page.locator('[data-test="private-completeness"]').waitFor()
    await page.locator('[data-test="loading"]').waitFor({ state: 'detached' })
    // Let any request triggered by the last render start before requests are counted.
    await page.waitForTimeout(400)
}

/** Picks a year in the year selector. */
export async function chooseYear(page: Page, year: number): Promise<void> {
    // The year is the browser's own select (usable by keyboard), its option values are the years.
    await page.locator('[data-test="year-select"] select').selectOption(String(year))
}

/** Picks an org unit through the picker's search. */
export async function chooseOrgUnit(page: Page, name: string): Promise<void> {
    await page.locator('[data-test="open-org-unit-picker"]').click()
    await page.locator('[data-test="org-unit-search"] input').fill(name)
    await page.locator('[data-test="org-unit-matches"] button', { hasText: name }).first().click()
}
