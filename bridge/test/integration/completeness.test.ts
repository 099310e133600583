// The bridge registers each monthly report it delivers as complete, so DHIS2's reporting rate of the
// private data set moves with what actually arrived; a second push registers nothing new;
// --no-complete registers nothing; a refused registration is reported on its file and row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { uidFromCode } from '@odd3/mappings/uid'
import { renderReport } from '../../src/cli/render.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { runPush } from '../../src/push/handler.js'
import { runAnalyticsJob } from '../lab/analytics-helpers.js'
import { ADMIN, as, fixture, MCD_COMMUNE5, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
let client: Dhis2Client
const DS_PRIVE = uidFromCode('dataSet', 'DS_PRIVE_MENSUEL')
const COMMUNE5 = uidFromCode('organisationUnit', 'ML-BKO-C5')
const KADIOLO = uidFromCode('organisationUnit', 'ML-3-KAD')
const COMMUNE5_FILES = [
    'commune5-2024-01-long.csv',
    'commune5-2024-02-wide-windows1252.csv',
    'commune5-2024-03-wide.xlsx',
].map(fixture)

interface Registration {
    period: string
    dataSet: string
    organisationUnit: string
    attributeOptionCombo: string
    completed: boolean
}

/** What DHIS2 holds as complete for the private data set under a district in 2024. */
async function registrations(district: string): Promise<Registration[]> {
    // DHIS2 answers `{}` when nothing is registered (docs/dhis2-api.md §11).
    const body = await client.get<{ completeDataSetRegistrations?: Registration[] }>(
        'completeDataSetRegistrations',
        {
            dataSet: DS_PRIVE,
            orgUnit: district,
            children: true,
            startDate: '2024-01-01',
            endDate: '2024-12-31',
        }
    )
    return body.completeDataSetRegistrations ?? []
}

/**
 * (facility, month) pairs with values for the private data set under a district, read back from DHIS2.
 * Its data elements are shared with the public report, so only the units it is assigned to count.
 */
async function reportsWithData(district: string): Promise<Set<string>> {
    const assigned = await assignedUnits(district)
    const body = await client.get<{ dataValues?: Array<{ orgUnit: string; period: string }> }>(
        'dataValueSets',
        {
            dataSet: DS_PRIVE,
            orgUnit: district,
            children: true,
            startDate: '2024-01-01',
            endDate: '2024-12-31',
        }
    )
    return new Set(
        (body.dataValues ?? []).filter((v) => assigned.has(v.orgUnit)).map((v) => `${v.orgUnit}|${v.period}`)
    )
}

async function reportingRate2024(district: string): Promise<number> {
    const body = await client.get<{ headers: Array<{ name: string }>; rows: string[][] }>(
        `analytics?dimension=dx:${DS_PRIVE}.REPORTING_RATE&dimension=pe:2024&dimension=ou:${district}`,
        { skipRounding: true }
    )
    const col = body.headers.findIndex((h) => h.name === 'value')
    return Number(body.rows[0]?.[col] ?? 0)
}

/** Facilities of a district the private data set is assigned to: DHIS2's expected reports are these × 12. */
async function assignedUnits(district: string): Promise<Set<string>> {
    const ds = await client.get<{ organisationUnits: Array<{ id: string }> }>(`dataSets/${DS_PRIVE}`, {
        fields: 'organisationUnits[id]',
    })
    const assigned = new Set(ds.organisationUnits.map((o) => o.id))
    const units = await client.get<{ organisationUnits: Array<{ id: string }> }>('organisationUnits', {
        fields: 'id',
        filter: `path:like:${district}`,
        pageSize: 1000,
    })
    return new Set(units.organisationUnits.filter((o) => assigned.has(o.id)).map((o) => o.id))
}

beforeAll(async () => {
    sim = await startDemo()
    client = new Dhis2Client(as(sim, ...ADMIN))
}, 120_000)
afterAll(async () => sim?.close())

describe('reports marked complete in DHIS2', () => {
    it('completes every clinic-month pushed, and the district reporting rate counts exactly those', async () => {
        expect(await registrations(COMMUNE5)).toEqual([])
        const stateDir = tempState()
        const report = await runPush({
            files: COMMUNE5_FILES,
            dhis2: as(sim, 'bridge', 'Bridge@2024'),
            stateDir,
        })
        // the issues themselves, so a failure says what went wrong
        expect(report.issues.filter((i) => i.severity === 'error')).toEqual([])
        expect(report.errors).toBe(0)
        expect(report.exitCode).toBe(0)
        const withData = await reportsWithData(COMMUNE5)
        expect(withData.size).toBeGreaterThan(0)
        expect(report.complete).toMatchObject({
            skipped: false,
            registered: withData.size,
            partly: 0,
            alreadyComplete: 0,
            refused: 0,
            failed: 0,
        })
        expect(report.complete?.dhis2Counts.imported).toBe(withData.size)
        // one report per facility per month in each file: the table shows them per file
        for (const f of report.files)
            expect(report.complete?.byFile[f.file], f.file).toBe(withData.size / COMMUNE5_FILES.length)
        expect(renderReport(report, 'fr')).toContain(`${withData.size} rapport(s) marqué(s) complet(s)`)
        expect(renderReport(report, 'en')).toContain(`${withData.size} report(s) marked complete`)

        const registered = await registrations(COMMUNE5)
        expect(new Set(registered.map((r) => `${r.organisationUnit}|${r.period}`))).toEqual(withData)
        expect(registered.every((r) => r.completed && r.attributeOptionCombo === 'HllvX50cXC0')).toBe(true)

        await runAnalyticsJob(sim)
        const rate = await reportingRate2024(COMMUNE5)
        const expectedReports = (await assignedUnits(COMMUNE5)).size * 12
        expect(expectedReports).toBeGreaterThan(0)
        expect(rate).toBeGreaterThan(0)
        expect(rate).toBeCloseTo((withData.size * 100) / expectedReports, 6)

        // the same files again: nothing sent, nothing registered again
        const again = await runPush({
            files: COMMUNE5_FILES,
            dhis2: as(sim, 'bridge', 'Bridge@2024'),
            stateDir,
        })
        expect(again.push).toBeUndefined()
        expect(again.complete).toMatchObject({ registered: 0, alreadyComplete: withData.size, refused: 0 })
        expect(again.complete?.dhis2Counts).toEqual({ imported: 0, updated: 0, ignored: 0 })
        expect(again.exitCode).toBe(0)
        expect(await registrations(COMMUNE5)).toHaveLength(withData.size)
    })

    it('a dry run asks DHIS2 to check the registrations and writes none', async () => {
        const report = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...ADMIN),
            stateDir: tempState(),
            dryRun: true,
        })
        expect(report.complete?.dryRun).toBe(true)
        expect(report.complete?.registered).toBeGreaterThan(0)
        expect(report.complete?.dhis2Counts.imported).toBe(report.complete?.registered)
        expect(await registrations(uidFromCode('organisationUnit', 'ML-3'))).toEqual([])
    })

    it('--no-complete registers nothing; a refused registration is reported on its file and row; a later push completes what is missing', async () => {
        const stateDir = tempState()
        const first = await runPush({
            files: [fixture('kadiolo-2024-01-long.xlsx')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
            noComplete: true,
        })
        expect(first.push?.saved).toBeGreaterThan(0)
        expect(first.complete).toMatchObject({ skipped: true, registered: 0 })
        expect(renderReport(first, 'fr')).toContain('--no-complete')
        expect(await registrations(KADIOLO)).toEqual([])
        const withData = await reportsWithData(KADIOLO)
        expect(withData.size).toBeGreaterThan(0)

        // the Commune V district account, same ledger, with its own January file: the Kadiolo values are in
        // DHIS2 already, but completing another district's reports is refused. DHIS2 still answers SUCCESS
        // for the batch, naming the refused ones in legacy conflicts without indexes.
        const refused = await runPush({
            files: [fixture('kadiolo-2024-01-long.xlsx'), fixture('commune5-2024-01-long.csv')],
            dhis2: as(sim, ...MCD_COMMUNE5),
            stateDir,
        })
        expect(refused.push?.rejected ?? 0).toBe(0)
        expect(refused.push?.sent ?? 0).toBe(refused.plan?.new)
        // January's Commune V reports were completed by the first test: DHIS2 updates them
        expect(refused.complete).toMatchObject({ registered: 9, refused: withData.size })
        expect(refused.complete?.dhis2Counts).toEqual({ imported: 0, updated: 9, ignored: withData.size })
        expect(refused.complete?.byFile).toEqual({ 'commune5-2024-01-long.csv': 9 })
        const issues = refused.issues.filter((i) => i.code === 'COMPLETE_REFUSED')
        expect(issues).toHaveLength(withData.size)
        for (const i of issues) {
            expect(i.file).toBe('kadiolo-2024-01-long.xlsx')
            expect(i.row).toBeGreaterThan(1)
            expect(i.value).toMatch(/^FS-KAD-/)
            expect(i.message.fr).toMatch(/autre district/)
            expect(i.message.en).toMatch(/another district/)
            expect(i.dhis2?.message).toMatch(/not in hierarchy of user: mcd\.commune5/)
        }
        expect(refused.exitCode).toBe(2)
        expect(await registrations(KADIOLO)).toEqual([])

        // the bridge account with the same ledger: only the missing registrations go
        const later = await runPush({
            files: [fixture('kadiolo-2024-01-long.xlsx')],
            dhis2: as(sim, 'bridge', 'Bridge@2024'),
            stateDir,
        })
        expect(later.push).toBeUndefined()
        expect(later.complete).toMatchObject({ registered: withData.size, refused: 0 })
        expect(later.exitCode).toBe(0)
        const registered = await registrations(KADIOLO)
        expect(new Set(registered.map((r) => `${r.organisationUnit}|${r.period}`))).toEqual(withData)
    })
})
