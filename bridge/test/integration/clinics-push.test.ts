// The clinic fixtures pushed with the bridge land in DHIS2, the district's analytics then include
// the private facilities, a second push sends nothing, and a corrected file updates only what changed.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { runPush } from '../../src/push/handler.js'
import { ADMIN, as, fixture, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
let client: Dhis2Client
let ids: { commune5: string; consult: string; cpn1: string; accouch: string }

const ALL = [
    'commune5-2024-01-long.csv',
    'commune5-2024-02-wide-windows1252.csv',
    'commune5-2024-03-wide.xlsx',
    'kadiolo-2024-01-long.xlsx',
    'sikasso-2024-01-long.json',
].map(fixture)

async function uidOf(collection: string, code: string): Promise<string> {
    const body = await client.get<Record<string, Array<{ id: string; code?: string }>>>(collection, {
        fields: 'id,code',
        filter: `code:eq:${code}`,
    })
    const found = body[collection]?.find((o) => o.code === code)
    if (!found) throw new Error(`no ${code}`)
    return found.id
}

async function analytics(dx: string, ou: string, pe: string): Promise<number> {
    const body = await client.get<{ rows: string[][] }>('analytics', {
        dimension: `dx:${dx},pe:${pe}`,
        filter: `ou:${ou}`,
    })
    return body.rows.reduce((n, r) => n + Number(r[r.length - 1] ?? 0), 0)
}

beforeAll(async () => {
    sim = await startDemo()
    client = new Dhis2Client(as(sim, ...ADMIN))
    ids = {
        commune5: await uidOf('organisationUnits', 'ML-BKO-C5'),
        consult: await uidOf('dataElements', 'CONSULT_CURATIVE'),
        cpn1: await uidOf('dataElements', 'CPN1'),
        accouch: await uidOf('dataElements', 'ACCOUCH_TOTAL'),
    }
}, 120_000)
afterAll(async () => sim?.close())

describe('clinic reports into DHIS2', () => {
    const stateDir = tempState()

    it('a dry run lets DHIS2 check and count without writing anything, and records nothing', async () => {
        const size = sim.db.dataValues.size
        const report = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
            dryRun: true,
        })
        // zeros of elements whose zero is not significant are not stored by DHIS2: not sent, not « saved »
        const zeros = report.plan?.zerosNotStored ?? 0
        expect(zeros).toBeGreaterThan(0)
        expect(report.push).toMatchObject({
            dryRun: true,
            sent: 168 - zeros,
            saved: 168 - zeros,
            rejected: 0,
        })
        expect(report.push?.dhis2Counts.imported).toBeGreaterThan(0)
        expect(sim.db.dataValues.size).toBe(size)
    })

    it('lands every valid value and the district analytics count the private facilities', async () => {
        await sim.runAnalytics()
        const before = await analytics(ids.consult, ids.commune5, '202401')
        const report = await runPush({ files: ALL, dhis2: as(sim, ...ADMIN), stateDir })
        expect(report.errors).toBe(0)
        expect(report.exitCode).toBe(0)
        // 3 × 9 Commune V reports + 3 Kadiolo + 6 Sikasso, 28 values each
        expect(report.values).toBe(28 * (9 * 3 + 3 + 6))
        expect((report.push?.saved ?? 0) + (report.plan?.zerosNotStored ?? 0)).toBe(report.values)
        expect(report.push?.rejected).toBe(0)

        // analytics only move after the analytics job
        expect(await analytics(ids.consult, ids.commune5, '202401')).toBe(before)
        await sim.runAnalytics()
        const after = await analytics(ids.consult, ids.commune5, '202401')
        // what the Commune V clinics wrote for January (long CSV: value in the 5th column)
        const privateSum = readFileSync(fixture('commune5-2024-01-long.csv'), 'utf8')
            .split('\n')
            .map((l) => l.split(';'))
            .filter((c) => c[2] === 'CONSULT_CURATIVE')
            .reduce((n, c) => n + Number(c[4]), 0)
        expect(privateSum).toBeGreaterThan(0)
        expect(after).toBe(before + privateSum)
    })

    it('pushing the same file again sends nothing and says so', async () => {
        const size = sim.db.dataValues.size
        const report = await runPush({
            files: [fixture('commune5-2024-01-long.csv')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
        })
        const zeros = readFileSync(fixture('commune5-2024-01-long.csv'), 'utf8')
            .split('\n')
            .filter((l) => l.split(';')[4]?.trim() === '0').length
        expect(zeros).toBeGreaterThan(0)
        expect(report.plan).toEqual({
            new: 0,
            changed: 0,
            unchanged: 252 - zeros,
            removed: 0,
            dhis2Edits: 0,
            zerosNotStored: zeros,
        })
        expect(report.push).toBeUndefined()
        // metadata came from the on-disk cache (same server, user and DHIS2 version, less than an hour old)
        expect(report.metadata?.source).toBe('cache')
        expect(report.note?.fr).toMatch(/Rien de nouveau à envoyer/)
        expect(report.note?.en).toMatch(/Nothing new to send/)
        expect(report.exitCode).toBe(0)
        expect(sim.db.dataValues.size).toBe(size)
    })

    it('a corrected file updates only the changed values, and DHIS2 then holds the corrected ones', async () => {
        // What the correction changes, read independently from the two files: (facility, element, disaggregation)
        // -> [old value, corrected value].
        const rows = (name: string) =>
            new Map(
                readFileSync(fixture(name), 'utf8')
                    .split('\n')
                    .slice(1)
                    .filter((l) => l.trim() !== '')
                    .map((l) => l.split(';'))
                    .map((c) => [`${c[0]}|${c[2]}|${c[3]}`, c[4] ?? ''] as const)
            )
        const original = rows('commune5-2024-01-long.csv')
        const corrected = rows('commune5-2024-01-long-corrige.csv')
        const changes = [...corrected].filter(([key, value]) => original.get(key) !== value)
        expect(changes.length).toBeGreaterThan(0)

        const facilities = [...new Set(changes.map(([key]) => key.split('|')[0]!))]
        const dataSet = await uidOf('dataSets', 'DS_PRIVE_MENSUEL')
        const facilityIds = new Map(
            await Promise.all(
                facilities.map(async (code) => [code, await uidOf('organisationUnits', code)] as const)
            )
        )
        const elementIds = new Map(
            await Promise.all(
                [...new Set(changes.map(([key]) => key.split('|')[1]!))].map(
                    async (code) => [code, await uidOf('dataElements', code)] as const
                )
            )
        )
        type Stored = { dataElement: string; orgUnit: string; categoryOptionCombo: string; value: string }
        const snapshot = async () => {
            const stored: Stored[] = []
            for (const orgUnit of facilityIds.values()) {
                const body = await client.get<{ dataValues?: Stored[] }>('dataValueSets', {
                    dataSet,
                    period: '202401',
                    orgUnit,
                })
                stored.push(...(body.dataValues ?? []))
            }
            return new Map(stored.map((v) => [`${v.orgUnit}|${v.dataElement}|${v.categoryOptionCombo}`, v]))
        }
        const before = await snapshot()
        await sim.runAnalytics()
        const cpn1Before = await analytics(ids.cpn1, ids.commune5, '202401')

        const report = await runPush({
            files: [fixture('commune5-2024-01-long-corrige.csv')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
        })
        expect(report.plan).toMatchObject({ new: 0, changed: changes.length, removed: 0, dhis2Edits: 0 })
        expect((report.plan?.unchanged ?? 0) + (report.plan?.zerosNotStored ?? 0)).toBe(252 - changes.length)
        expect(report.push?.sent).toBe(changes.length)
        expect(report.push?.dhis2Counts).toEqual({
            imported: 0,
            updated: changes.length,
            ignored: 0,
            deleted: 0,
        })

        // Exactly the changed cells differ in DHIS2, each now holding the corrected value and no longer the old one.
        const after = await snapshot()
        expect(after.size).toBe(before.size)
        const differing = [...after.values()].filter(
            (v) => before.get(`${v.orgUnit}|${v.dataElement}|${v.categoryOptionCombo}`)?.value !== v.value
        )
        expect(differing).toHaveLength(changes.length)
        for (const [key, value] of changes) {
            const [facility, element] = key.split('|') as [string, string]
            const oldValue = original.get(key)
            const match = differing.filter(
                (v) => v.orgUnit === facilityIds.get(facility) && v.dataElement === elementIds.get(element)
            )
            expect(match, key).toHaveLength(1)
            expect(Number(match[0]!.value), key).toBe(Number(value))
            expect(
                Number(
                    before.get(
                        `${match[0]!.orgUnit}|${match[0]!.dataElement}|${match[0]!.categoryOptionCombo}`
                    )?.value
                ),
                key
            ).toBe(Number(oldValue))
        }

        // The district's CPN1 moves by the corrected difference once analytics run.
        const cpn1Delta = changes
            .filter(([key]) => key.split('|')[1] === 'CPN1')
            .reduce((n, [key, value]) => n + Number(value) - Number(original.get(key)), 0)
        expect(cpn1Delta).not.toBe(0)
        await sim.runAnalytics()
        expect(await analytics(ids.cpn1, ids.commune5, '202401')).toBe(cpn1Before + cpn1Delta)

        const again = await runPush({
            files: [fixture('commune5-2024-01-long-corrige.csv')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
        })
        expect(again.plan?.changed).toBe(0)
        expect(again.push).toBeUndefined()
    })
})
