// DHIS2 switched off, not merely answering errors: nothing listens on its address. Clinics still get
// their receipts (the metadata read at start-up validates their files), the submissions wait, and when
// DHIS2 is back on the same address they all land, each value once.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { uidFromCode } from '@odd3/mappings/uid'
import type { IntakeService } from '../../src/intake/service.js'
import { tempState } from '../helpers/sim.js'
import {
    CLINIC,
    CLINIC_FACILITY,
    facilityMonthFile,
    longLines,
    openWorld,
    ouId,
    startIntakeSim,
    waitFor,
    type World,
} from './helpers.js'

let sim: RunningSimulator | undefined
let service: IntakeService | undefined
afterAll(async () => {
    await service?.close().catch(() => undefined)
    await sim?.close()
})

const MONTHS = ['juillet', 'août', 'septembre']

it('accepts and receipts while DHIS2 is stopped, and delivers everything once it is back', async () => {
    sim = await startIntakeSim()
    const port = sim.port
    const world: World = await openWorld(sim)
    service = world.service
    const clinic = await service.authenticate(...CLINIC)
    if (!clinic) throw new Error('clinic user refused')
    // the service reads DHIS2's metadata once while it is up, as at any start-up
    await service.myReports(clinic, 'fr')
    await sim.close()
    sim = undefined

    const files = tempState()
    const references: string[] = []
    const paths: string[] = []
    for (const month of MONTHS) {
        const path = facilityMonthFile(files, CLINIC_FACILITY, `${month}.csv`)
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll('janvier 2024', `${month} 2024`))
        const r = await service.submitFile(
            clinic,
            { path, originalName: `${month}.csv` },
            { source: 'facility-report', allowPartial: false, lang: 'fr' }
        )
        expect(r.status, month).toBe('accepted')
        if (r.status === 'accepted') references.push(r.receipt.reference)
        paths.push(path)
    }
    const worker = service.startWorker({ pollMs: 100, retryBaseMs: 300, retryMaxMs: 800 })
    try {
        // nothing listens: every submission waits, and says it waits for DHIS2
        for (const ref of references)
            await waitFor(async () => {
                const v = await service?.submission(clinic, ref, 'fr')
                return v && v !== 'forbidden' && v.state === 'waiting' ? v : null
            })

        // DHIS2 comes back on the same address (a fresh demo database, as after a restore)
        sim = await startSimulator({ port, dataDir: null, seed: 'demo' })
        for (const ref of references)
            await waitFor(async () => {
                const v = await service?.submission(clinic, ref, 'fr')
                return v && v !== 'forbidden' && v.state === 'delivered' ? v : null
            }, 60_000)
    } finally {
        await worker.stop()
    }

    // every non-zero value of each month, once, as in its file
    const admin = { headers: { Authorization: `Basic ${Buffer.from('admin:district').toString('base64')}` } }
    for (const [i, path] of paths.entries()) {
        const period = `2024${String(7 + i).padStart(2, '0')}`
        const res = await fetch(
            `${sim.url}/api/dataValueSets?dataSet=${uidFromCode('dataSet', 'DS_PRIVE_MENSUEL')}&period=${period}&orgUnit=${ouId(CLINIC_FACILITY)}`,
            admin
        )
        const body = (await res.json()) as { dataValues?: Array<{ value: string }> }
        const expected = longLines(path).filter((l) => Number(l[4]) !== 0)
        expect(body.dataValues?.length ?? 0, period).toBe(expected.length)
        expect((body.dataValues ?? []).map((v) => Number(v.value)).sort((a, b) => a - b)).toEqual(
            expected.map((l) => Number(l[4])).sort((a, b) => a - b)
        )
    }
}, 180_000)
