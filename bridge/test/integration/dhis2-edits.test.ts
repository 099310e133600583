// DHIS2 is the truth the plan is made against: a value edited (or deleted) in DHIS2 after a push is
// reported with who and when, and the file's value goes back only when the user chooses.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { runPush } from '../../src/push/handler.js'
import { ledgerEntries, ledgerInstance } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { ADMIN, as, fixture, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
let admin: Dhis2Client
beforeAll(async () => {
    sim = await startDemo()
    admin = new Dhis2Client(as(sim, ...ADMIN))
}, 120_000)
afterAll(async () => sim?.close())

const BRIDGE = ['bridge', 'Bridge@2024'] as const
const FILE = fixture('commune5-2024-01-long.csv')

/** The ledger's values for the simulator, in the state folder's database, in file order. */
async function ledger(
    stateDir: string
): Promise<Array<{ key: string; value: string; row: number; file: string }>> {
    const db = await openSqlite(join(stateDir, 'bridge.sqlite'))
    try {
        const entries = await ledgerEntries(db, ledgerInstance(sim.url))
        return entries.sort(
            (a, b) => a.file.localeCompare(b.file) || a.row - b.row || a.key.localeCompare(b.key)
        )
    } finally {
        await db.close()
    }
}

function cell(key: string) {
    const [dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo] = key.split('|')
    return { dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo }
}

/** What DHIS2 holds for a cell, read through the API. */
async function held(key: string): Promise<{ value: string; storedBy?: string } | undefined> {
    const c = cell(key)
    const body = await admin.get<{ dataValues?: Array<Record<string, string>> }>('dataValueSets', {
        dataElement: c.dataElement ?? '',
        period: c.period ?? '',
        orgUnit: c.orgUnit ?? '',
    })
    const v = body.dataValues?.find(
        (d) =>
            d.categoryOptionCombo === c.categoryOptionCombo &&
            d.attributeOptionCombo === c.attributeOptionCombo
    )
    return v ? { value: v.value ?? '', ...(v.storedBy ? { storedBy: v.storedBy } : {}) } : undefined
}

/** A district officer changing a value in DHIS2 (data entry app, import): `value` null deletes it. */
async function editInDhis2(key: string, value: string | null): Promise<void> {
    const res = await admin.request({
        method: 'POST',
        url: 'dataValueSets',
        params: value === null ? { importStrategy: 'DELETE' } : {},
        data: { dataValues: [{ ...cell(key), value: value ?? '1' }] },
    })
    expect(res.status).toBe(200)
}

describe('values edited in DHIS2 after a push', () => {
    const stateDir = tempState()

    it('is reported, not overwritten, and the exit code says so; the option puts the file’s value back', async () => {
        const first = await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir })
        expect(first.exitCode).toBe(0)
        const sent = (await ledger(stateDir)).filter((l) => l.value !== '0')
        const [edited, deleted] = [sent[5]!, sent[17]!]
        expect(await held(edited.key)).toMatchObject({ value: edited.value, storedBy: 'bridge' })

        const newValue = String(Number(edited.value) + 7)
        await editInDhis2(edited.key, newValue)
        await editInDhis2(deleted.key, null)
        expect(await held(deleted.key)).toBeUndefined()

        const again = await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir })
        const edit = again.issues.filter((i) => i.code === 'DHIS2_EDITED')
        expect(edit).toHaveLength(1)
        expect(edit[0]).toMatchObject({
            severity: 'error',
            file: 'commune5-2024-01-long.csv',
            row: edited.row,
        })
        expect(edit[0]?.message.fr).toContain(`DHIS2 a « ${newValue} » (par admin, le `)
        expect(edit[0]?.message.fr).toContain(`le pont avait envoyé « ${edited.value} »`)
        expect(edit[0]?.message.fr).toMatch(/Elle n’est pas remplacée\.$/)
        expect(edit[0]?.hint?.fr).toMatch(/--overwrite-dhis2-edits/)
        const gone = again.issues.filter((i) => i.code === 'DHIS2_DELETED')
        expect(gone).toHaveLength(1)
        expect(gone[0]).toMatchObject({ row: deleted.row })
        expect(again.plan).toMatchObject({ new: 0, changed: 0, dhis2Edits: 2 })
        expect(again.push).toBeUndefined()
        expect(again.exitCode).not.toBe(0)
        // DHIS2 keeps what the district did
        expect(await held(edited.key)).toMatchObject({ value: newValue, storedBy: 'admin' })
        expect(await held(deleted.key)).toBeUndefined()

        const restored = await runPush({
            files: [FILE],
            dhis2: as(sim, ...BRIDGE),
            stateDir,
            overwriteDhis2Edits: true,
        })
        expect(restored.push).toMatchObject({ sent: 2, saved: 2, rejected: 0 })
        expect(restored.issues.filter((i) => i.code === 'DHIS2_EDITED')[0]).toMatchObject({
            severity: 'warning',
        })
        expect(restored.exitCode).toBe(0)
        expect(await held(edited.key)).toMatchObject({ value: edited.value, storedBy: 'bridge' })
        expect(await held(deleted.key)).toMatchObject({ value: deleted.value })

        const settled = await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir })
        expect(settled.plan).toMatchObject({ new: 0, changed: 0, dhis2Edits: 0 })
        expect(settled.exitCode).toBe(0)
    })

    it('a second file replacing values first sent from another file names that file and its date', async () => {
        const report = await runPush({
            files: [fixture('commune5-2024-01-long-corrige.csv')],
            dhis2: as(sim, ...BRIDGE),
            stateDir,
        })
        expect(report.plan?.changed).toBe(3)
        const replaced = report.issues.filter((i) => i.code === 'REPLACES_OTHER_SOURCE')
        expect(replaced).toHaveLength(3)
        for (const r of replaced) {
            expect(r.file).toBe('commune5-2024-01-long-corrige.csv')
            expect(r.message.fr).toMatch(
                /envoyée le \d{4}-\d\d-\d\d \d\d:\d\d depuis un autre fichier : commune5-2024-01-long\.csv, ligne \d+/
            )
        }
        expect(report.exitCode).toBe(0)
    })

    it('a value entered in DHIS2 by someone else, never sent by the bridge, is not overwritten', async () => {
        const state = tempState()
        const first = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...BRIDGE),
            stateDir: state,
        })
        const line = (await ledger(state)).find((l) => l.value !== '0')!
        // a fresh state: the bridge has no record of it, DHIS2 has another value
        await editInDhis2(line.key, String(Number(line.value) + 1))
        const other = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...BRIDGE),
            stateDir: tempState(),
        })
        expect(first.exitCode).toBe(0)
        const foreign = other.issues.filter((i) => i.code === 'DHIS2_FOREIGN_VALUE')
        expect(foreign).toHaveLength(1)
        expect(foreign[0]?.message.fr).toContain('que le pont n’a pas envoyée')
        expect(other.exitCode).not.toBe(0)
        expect(await held(line.key)).toMatchObject({ value: String(Number(line.value) + 1) })
    })
})
