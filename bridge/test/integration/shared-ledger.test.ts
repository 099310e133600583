// One ledger for the CLI and the intake service (issue 10, storage): a state folder holding the CLI's
// old JSON-lines ledger is imported by its first push, and a CLI push then an intake submission for the
// same facility-month agree about what DHIS2 already has.
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client, withoutCredentials } from '../../src/dhis2/client.js'
import { runPush } from '../../src/push/handler.js'
import { ledgerFileFor } from '../../src/plan/ledger.js'
import { listAudit } from '../../src/storage/audit.js'
import type { Database } from '../../src/storage/database.js'
import { ledgerCompletions, ledgerEntries, ledgerInstance, ledgerRunTally } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { ADMIN, as, fixture, startDemo, tempState } from '../helpers/sim.js'
import { CLINIC, CLINIC_FACILITY, facilityMonthFile, openWorld, waitFor } from '../intake/helpers.js'

const BRIDGE = ['bridge', 'Bridge@2024'] as const

let sim: RunningSimulator
let admin: Dhis2Client
beforeAll(async () => {
    sim = await startDemo()
    admin = new Dhis2Client(as(sim, ...ADMIN))
}, 120_000)
afterAll(async () => sim?.close())

const instance = (): string => ledgerInstance(withoutCredentials(sim.url))

async function withDatabase<T>(stateDir: string, fn: (db: Database) => Promise<T>): Promise<T> {
    const db = await openSqlite(join(stateDir, 'bridge.sqlite'))
    try {
        return await fn(db)
    } finally {
        await db.close()
    }
}

/** A district officer changing a value in DHIS2 after the bridge sent it. */
async function editInDhis2(key: string, value: string): Promise<void> {
    const [dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo] = key.split('|')
    const res = await admin.request({
        method: 'POST',
        url: 'dataValueSets',
        data: {
            dataValues: [{ dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo, value }],
        },
    })
    expect(res.status).toBe(200)
}

describe('one ledger for the CLI and the intake service', () => {
    it('a state folder with an old JSON-lines ledger: the first push imports it and sends nothing DHIS2 has', async () => {
        const FILE = fixture('sikasso-2024-01-long.json')
        // what an older bridge did: the file pushed, and its ledger written as a JSON-lines file
        const earlier = tempState()
        const first = await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir: earlier })
        expect(first.exitCode).toBe(0)
        const [values, completions] = await withDatabase(earlier, async (db) => [
            await ledgerEntries(db, instance()),
            await ledgerCompletions(db, instance()),
        ])
        expect(values.length).toBeGreaterThan(100)
        expect(completions.length).toBeGreaterThan(0)
        const stateDir = tempState()
        const legacy = ledgerFileFor(stateDir, withoutCredentials(sim.url))
        // a torn last line, as a kill -9 left it
        const text = [...values, ...completions].map((l) => JSON.stringify(l)).join('\n') + '\n{"key":"to'
        writeFileSync(legacy, text, { mode: 0o600 })

        // since then a district officer changed one of the values the bridge sent
        const edited = values.find((v) => v.value !== '0')!
        await editInDhis2(edited.key, String(Number(edited.value) + 3))
        const stored = sim.db.dataValues.size

        const again = await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir })
        // nothing re-sent, no report registered again: the imported ledger and DHIS2 agree on them
        expect(again.push).toBeUndefined()
        expect(again.plan).toMatchObject({ new: 0, changed: 0, dhis2Edits: 1 })
        expect(again.complete).toMatchObject({ registered: 0, alreadyComplete: completions.length })
        expect(sim.db.dataValues.size).toBe(stored)
        // the ledger says the bridge sent that value: an edit in DHIS2, not someone else's value
        expect(again.issues.filter((i) => i.code === 'DHIS2_EDITED')).toHaveLength(1)
        expect(again.issues.filter((i) => i.code === 'DHIS2_FOREIGN_VALUE')).toHaveLength(0)

        await withDatabase(stateDir, async (db) => {
            // what the file said, nothing missing from the ledger to fill in from DHIS2
            expect(await ledgerRunTally(db, instance(), again.runId ?? '')).toMatchObject({
                values: 0,
                found: 0,
                completions: 0,
            })
            const imported = new Map((await ledgerEntries(db, instance())).map((e) => [e.key, e.value]))
            expect(imported).toEqual(new Map(values.map((e) => [e.key, e.value])))
            expect(await ledgerCompletions(db, instance())).toHaveLength(completions.length)
        })
        // imported once; the old file is kept as it was and never written again
        await runPush({ files: [FILE], dhis2: as(sim, ...BRIDGE), stateDir })
        expect(readFileSync(legacy, 'utf8')).toBe(text)
        const imports = await withDatabase(stateDir, (db) =>
            db.query<{ skipped_lines: number }>('SELECT skipped_lines FROM ledger_imports')
        )
        expect(imports.map((r) => Number(r.skipped_lines))).toEqual([1])
    })

    it('a CLI push then an intake submission of the same facility-month: the second sees the first’s values as delivered', async () => {
        const stateDir = tempState()
        const world = await openWorld(sim, stateDir)
        const worker = world.service.startWorker({
            pollMs: 100,
            retryBaseMs: 300,
            retryMaxMs: 1000,
            delivery: { maxAttempts: 1, backoffMs: 10 },
        })
        try {
            const path = facilityMonthFile(tempState(), CLINIC_FACILITY)
            // the operator pushes the clinic's month with the CLI, on the service's state folder
            const pushed = await runPush({ files: [path], dhis2: as(sim, ...BRIDGE), stateDir })
            expect(pushed.exitCode).toBe(0)
            expect(pushed.push?.saved).toBeGreaterThan(0)
            const sent = await withDatabase(stateDir, (db) => ledgerEntries(db, instance()))
            const edited = sent.find((v) => v.value !== '0')!
            await editInDhis2(edited.key, String(Number(edited.value) + 2))

            // then the clinic submits the same month through the service
            const clinic = await world.service.authenticate(...CLINIC)
            if (!clinic) throw new Error('clinic user refused')
            const result = await world.service.submitFile(
                clinic,
                { path, originalName: basename(path) },
                { source: 'facility-report', allowPartial: false, lang: 'fr' }
            )
            expect(result.status).toBe('accepted')
            if (result.status !== 'accepted') return
            const reference = result.receipt.reference
            const view = await waitFor(async () => {
                const v = await world.service.submission(clinic, reference, 'fr')
                return v !== null &&
                    v !== 'forbidden' &&
                    (v.state === 'delivered' || v.state === 'partly-refused')
                    ? v
                    : null
            })
            // the value changed in DHIS2 is one the CLI sent, as the service's ledger knows: held as an edit
            expect(view.state).toBe('partly-refused')
            const audit = await withDatabase(stateDir, (db) => listAudit(db))
            const outcome = audit.find(
                (a) => a.details.reference === reference && a.action.startsWith('outbox.')
            )
            expect(outcome).toMatchObject({ action: 'outbox.partly-refused' })
            expect(outcome?.details).toMatchObject({
                sent: 0,
                completed: 0,
                refused: 1,
                codes: ['DHIS2_EDITED'],
            })
            // nothing re-sent, the CLI's ledger lines kept (every value the submission has is already there)
            const after = await withDatabase(stateDir, (db) => ledgerEntries(db, instance()))
            expect(new Map(after.map((e) => [e.key, e.runId]))).toEqual(
                new Map(sent.map((e) => [e.key, e.runId]))
            )
        } finally {
            await worker.stop()
            await world.service.close()
        }
    })
})
