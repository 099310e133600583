// The outbox across restarts and instances: a service account DHIS2 refuses leaves submissions
// waiting (and says so), a restarted service delivers them, and two services on one database
// deliver each submission once.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { openIntakeService, type IntakeService, type IntakeUser } from '../../src/intake/service.js'
import { listAudit } from '../../src/storage/audit.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { as, tempState } from '../helpers/sim.js'
import { BRIDGE, CLINIC, CLINIC_FACILITY, facilityMonthFile, startIntakeSim, waitFor } from './helpers.js'

let sim: RunningSimulator
const open: IntakeService[] = []

async function service(stateDir: string, password: string = BRIDGE[1]): Promise<IntakeService> {
    const s = await openIntakeService({ dhis2: as(sim, BRIDGE[0], password), stateDir })
    open.push(s)
    return s
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin']

async function submitMonth(s: IntakeService, user: IntakeUser, dir: string, month: string): Promise<string> {
    const path = facilityMonthFile(dir, CLINIC_FACILITY, `${month}.csv`)
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('janvier 2024', `${month} 2024`))
    const r = await s.submitFile(
        user,
        { path, originalName: `${month}.csv` },
        { source: 'facility-report', allowPartial: false, lang: 'fr' }
    )
    if (r.status !== 'accepted') throw new Error(`${month}: ${r.status}`)
    return r.receipt.reference
}

async function stateOf(s: IntakeService, user: IntakeUser, ref: string) {
    const v = await s.submission(user, ref, 'fr')
    return v !== null && v !== 'forbidden' ? v : null
}

beforeAll(async () => {
    sim = await startIntakeSim()
}, 120_000)
afterAll(async () => {
    for (const s of open) await s.close().catch(() => undefined)
    await sim?.close()
})

describe('the outbox', () => {
    it('waits while DHIS2 refuses the service account, and a restart with the right one delivers', async () => {
        const stateDir = tempState()
        // a first start reads the metadata (cached in the state folder)
        const good = await service(stateDir)
        const user = await good.authenticate(...CLINIC)
        if (!user) throw new Error('refused')
        await good.myReports(user, 'fr')
        await good.close()

        const refused = await service(stateDir, 'plus-le-bon')
        const ref = await submitMonth(refused, user, stateDir, 'janvier')
        const worker = refused.startWorker({ pollMs: 100, retryBaseMs: 500, retryMaxMs: 500 })
        const waiting = await waitFor(async () => {
            const v = await stateOf(refused, user, ref)
            return v?.state === 'waiting' ? v : null
        })
        expect(waiting.stateDetail).toMatch(/refuse le compte de service/)
        expect(waiting.stateDetail).not.toContain('plus-le-bon')
        await worker.stop()
        await refused.close()

        // the submission kept its place in the outbox across the restart
        const restarted = await service(stateDir)
        expect((await stateOf(restarted, user, ref))?.state).toBe('waiting')
        const w2 = restarted.startWorker({ pollMs: 100 })
        await waitFor(async () => (await stateOf(restarted, user, ref))?.state === 'delivered')
        await w2.stop()
    })

    it('two services on one database deliver each submission once', async () => {
        const stateDir = tempState()
        const a = await service(stateDir)
        const b = await service(stateDir)
        const user = await a.authenticate(...CLINIC)
        if (!user) throw new Error('refused')
        const refs: string[] = []
        for (const m of MONTHS) refs.push(await submitMonth(m.length % 2 ? a : b, user, stateDir, m))
        const wa = a.startWorker({ pollMs: 50, concurrency: 3 })
        const wb = b.startWorker({ pollMs: 50, concurrency: 3 })
        for (const ref of refs)
            await waitFor(async () => (await stateOf(a, user, ref))?.state === 'delivered')
        await wa.stop()
        await wb.stop()
        const db = await openSqlite(join(stateDir, 'bridge.sqlite'))
        try {
            const delivered = (await listAudit(db)).filter((e) => e.action === 'outbox.delivered')
            expect(delivered).toHaveLength(refs.length)
            expect(new Set(delivered.map((e) => e.submissionId)).size).toBe(refs.length)
        } finally {
            await db.close()
        }
    })
})
