// User story: a private clinic opens in Commune V on 1 July 2023. The district health officer must not see it
// counted as missing reports for the months before it existed. DHIS2 counts a facility's expected reports only
// for a period it was open over entirely (JdbcAnalyticsManager's ouopeningdate/oucloseddate restriction, per
// period of the pe dimension, DefaultQueryPlanner.groupByStartEndDateRestriction): by month that is July to
// December, 6 reports; for the yearly figure the app shows, the clinic is not expected at all in 2023 (it was not
// open on 1 January) and fully, 12 reports, in 2024. The report it sends still counts as received.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
    api,
    chooseYear,
    openApp,
    startHarness,
    USERS,
    waitForScorecard,
    type AppPage,
    type Harness,
} from './support/harness'

const OPENING_YEAR = 2023
const NEXT_YEAR = OPENING_YEAR + 1
const OPENING_DATE = `${OPENING_YEAR}-07-01`
// A fixed uid keeps the test deterministic; every run starts from a fresh in-memory demo database.
const CLINIC = {
    id: 'OpnMidYr23A',
    code: 'E2E_CLINIQUE_JUILLET',
    name: 'Clinique Juillet Commune V',
    shortName: 'Clinique Juillet',
}
const REPORTED_PERIOD = `${OPENING_YEAR}09`
/** The private monthly data set a clinic reports with (a laboratory would use DS_LABO_MENSUEL). */
const DATA_SET_CODE = 'DS_PRIVE_MENSUEL'
const GROUP_CODES = ['SECT_PRIVE_LUCRATIF', 'TYPE_CLINIQUE']

interface Completeness {
    actual: number
    expected: number
    rate: number | null
}

interface AnalyticsGrid {
    headers: Array<{ name: string }>
    rows: string[][]
}

type Owned = Record<string, unknown> & { id: string; organisationUnits?: Array<{ id: string }> }

function months(year: number): string[] {
    return Array.from({ length: 12 }, (_, i) => `${year}${String(i + 1).padStart(2, '0')}`)
}

function integer(text: string): number {
    return Number(text.replace(/[\s\u00a0\u202f]/g, ''))
}

/** The private completeness of the selected year, as displayed (text) and as carried by `data-value`. */
async function completenessFor(page: Page, year: number): Promise<Completeness> {
    await chooseYear(page, year)
    await page.locator('[data-test="scorecard-title"]', { hasText: String(year) }).waitFor()
    await waitForScorecard(page, 'Commune V')
    // The sentence names its year: waiting for it rules out reading the previous year's figures.
    const box = page.locator('[data-test="private-completeness"]', { hasText: String(year) })
    await box.waitFor()
    const text = (await box.textContent()) ?? ''
    const value = (await box.getAttribute('data-value')) ?? ''
    const match =
        /ont transmis ([\d\s\u00a0\u202f]+) rapports mensuels sur ([\d\s\u00a0\u202f]+) attendus pour (\d{4})/.exec(
            text
        )
    if (!match) throw new Error(`Unexpected completeness text for ${year}: ${text}`)
    expect(Number(match[3])).toBe(year)
    const actual = integer(match[1] ?? '')
    const expected = integer(match[2] ?? '')
    const rate = value === '' ? null : Number(value)
    // The number the page carries is the one its sentence states.
    expect(rate).not.toBeNull()
    expect(rate).toBeCloseTo((actual / expected) * 100, 6)
    expect(text).toContain(`(${Math.round(rate ?? 0)}`)
    return { actual, expected, rate }
}

async function idByCode(harness: Harness, collection: string, code: string): Promise<string> {
    const result = await api<Record<string, Array<{ id: string }>>>(
        harness.sim,
        USERS.admin,
        `${collection}?filter=code:eq:${code}&fields=id&paging=false`
    )
    const id = result[collection]?.[0]?.id
    if (!id) throw new Error(`No ${collection} with code ${code}`)
    return id
}

async function owned(harness: Harness, collection: string, id: string): Promise<Owned> {
    return api<Owned>(harness.sim, USERS.admin, `${collection}/${id}?fields=:owner`)
}

/** Monthly EXPECTED_REPORTS / ACTUAL_REPORTS of the clinic itself, read directly as the district officer. */
async function monthlyReports(
    harness: Harness,
    dataSetId: string,
    year: number
): Promise<{ expected: Map<string, number>; actual: Map<string, number> }> {
    const grid = await api<AnalyticsGrid>(
        harness.sim,
        USERS.commune5,
        `analytics?dimension=dx:${dataSetId}.EXPECTED_REPORTS;${dataSetId}.ACTUAL_REPORTS` +
            `&dimension=pe:${months(year).join(';')}&dimension=ou:${CLINIC.id}&skipMeta=true`
    )
    const column = (name: string): number => grid.headers.findIndex((h) => h.name === name)
    const [dx, pe, value] = [column('dx'), column('pe'), column('value')]
    const expected = new Map<string, number>()
    const actual = new Map<string, number>()
    for (const row of grid.rows) {
        const target = row[dx]?.endsWith('.EXPECTED_REPORTS') ? expected : actual
        const amount = Number(row[value])
        if (amount !== 0) target.set(row[pe] ?? '', amount)
    }
    return { expected, actual }
}

describe('a private clinic opened mid-year', () => {
    let harness: Harness
    let app: AppPage

    beforeAll(async () => {
        harness = await startHarness()
        app = await openApp(harness, USERS.commune5)
    })

    afterAll(async () => {
        await harness?.close()
    })

    it('is not expected to report before its opening date', async () => {
        await waitForScorecard(app.page, 'Commune V')
        const before = {
            opening: await completenessFor(app.page, OPENING_YEAR),
            next: await completenessFor(app.page, NEXT_YEAR),
        }

        // As the administrator: create the clinic under the officer's district, in the private for-profit sector
        // group the app's split reads, and assign it the private monthly data set. Groups and data sets own these
        // links in DHIS2, so their full owner view is imported back with the clinic added.
        const me = await api<{ organisationUnits: Array<{ id: string }> }>(
            harness.sim,
            USERS.commune5,
            'me?fields=organisationUnits[id]'
        )
        const district = me.organisationUnits[0]?.id
        expect(district).toBeTruthy()
        const dataSetId = await idByCode(harness, 'dataSets', DATA_SET_CODE)
        const dataSet = await owned(harness, 'dataSets', dataSetId)
        const groups = await Promise.all(
            GROUP_CODES.map(async (code) =>
                owned(
                    harness,
                    'organisationUnitGroups',
                    await idByCode(harness, 'organisationUnitGroups', code)
                )
            )
        )
        const withClinic = (o: Owned): Owned => ({
            ...o,
            organisationUnits: [...(o.organisationUnits ?? []), { id: CLINIC.id }],
        })
        const imported = await api<{ status: string }>(harness.sim, USERS.admin, 'metadata', {
            method: 'POST',
            body: JSON.stringify({
                organisationUnits: [
                    { ...CLINIC, openingDate: `${OPENING_DATE}T00:00:00.000`, parent: { id: district } },
                ],
                organisationUnitGroups: groups.map(withClinic),
                dataSets: [withClinic(dataSet)],
            }),
        })
        expect(imported.status).toBe('OK')

        // One monthly report, registered complete as the bridge does for the reports it delivers.
        type Summary = { importCount?: { imported: number } }
        const registered = await api<Summary & { response?: Summary }>(
            harness.sim,
            USERS.admin,
            'completeDataSetRegistrations',
            {
                method: 'POST',
                body: JSON.stringify({
                    completeDataSetRegistrations: [
                        {
                            dataSet: dataSetId,
                            period: REPORTED_PERIOD,
                            organisationUnit: CLINIC.id,
                            completed: true,
                        },
                    ],
                }),
            }
        )
        // DHIS2 2.41 wraps the import summary in a web message (`response`); older versions send it bare.
        expect((registered.response ?? registered).importCount?.imported).toBe(1)

        await harness.sim.runAnalytics()

        // By month, DHIS2 expects the clinic's reports from July only: 6 in its opening year, not 12.
        const monthly = await monthlyReports(harness, dataSetId, OPENING_YEAR)
        expect([...monthly.expected.keys()].sort()).toEqual(months(OPENING_YEAR).slice(6))
        expect([...monthly.expected.values()].reduce((a, b) => a + b, 0)).toBe(6)
        expect(Object.fromEntries(monthly.actual)).toEqual({ [REPORTED_PERIOD]: 1 })

        await app.page.reload()
        await waitForScorecard(app.page, 'Commune V')
        const after = {
            opening: await completenessFor(app.page, OPENING_YEAR),
            next: await completenessFor(app.page, NEXT_YEAR),
        }
        // The app's yearly figure: the clinic was not open over the whole of its opening year, so none of its
        // reports is expected then, yet the one it sent is received; the next year it is expected every month.
        expect(after.opening.expected - before.opening.expected).toBe(0)
        expect(after.opening.actual - before.opening.actual).toBe(1)
        expect(after.next.expected - before.next.expected).toBe(12)
        expect(after.next.actual).toBe(before.next.actual)
    })
})
