// The online form: generated from the data set, starting from what DHIS2 holds, judged by the same
// pipeline as a file (a bad field is named), delivered like a file, and only for the user's facility.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import type { FormModel, IntakeUser } from '../../src/intake/service.js'
import { tempState } from '../helpers/sim.js'
import {
    CLINIC,
    CLINIC_FACILITY,
    facilityMonthFile,
    openWorld,
    OTHER_FACILITY,
    ouId,
    startIntakeSim,
    waitFor,
    type World,
} from './helpers.js'

let sim: RunningSimulator
let world: World
let clinic: IntakeUser
let worker: { stop(): Promise<void> }

beforeAll(async () => {
    sim = await startIntakeSim()
    world = await openWorld(sim)
    const user = await world.service.authenticate(...CLINIC)
    if (!user) throw new Error('clinic user refused')
    clinic = user
    worker = world.service.startWorker({ pollMs: 100, retryBaseMs: 300 })
}, 120_000)

afterAll(async () => {
    await worker?.stop()
    await world?.service.close()
    await sim?.close()
})

async function dataSetId(): Promise<string> {
    const ds = await world.admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
        filter: 'code:eq:DS_PRIVE_MENSUEL',
        fields: 'id',
    })
    return ds.dataSets[0]?.id ?? ''
}

const fieldsOf = (m: FormModel) => m.sections.flatMap((s) => s.fields)

async function delivered(reference: string): Promise<void> {
    await waitFor(async () => {
        const v = await world.service.submission(clinic, reference, 'fr')
        return v !== null && v !== 'forbidden' && v.state === 'delivered'
    })
}

describe('the online form', () => {
    it('starts from what DHIS2 holds, and a changed field lands in DHIS2', async () => {
        const path = facilityMonthFile(tempState(), CLINIC_FACILITY)
        const first = await world.service.submitFile(
            clinic,
            { path, originalName: 'janvier.csv' },
            { source: 'facility-report', allowPartial: false, lang: 'fr' }
        )
        if (first.status !== 'accepted') throw new Error(first.status)
        await delivered(first.receipt.reference)

        const form = await world.service.formFor(clinic, ouId(CLINIC_FACILITY), '202401', 'fr')
        if (form === 'forbidden') throw new Error('forbidden')
        expect(form.periodLabel).toBe('janvier 2024')
        const fields = fieldsOf(form)
        expect(fields.length).toBeGreaterThan(20)
        const filled = fields.filter((f) => f.current !== null)
        expect(filled.length).toBeGreaterThan(10)

        const target = filled[0]
        if (!target) throw new Error('no field')
        const values: Record<string, string> = {}
        for (const f of filled) values[f.key] = f.current ?? ''
        values[target.key] = String(Number(target.current) + 7)
        const result = await world.service.submitForm(clinic, ouId(CLINIC_FACILITY), '202401', values, {
            allowPartial: false,
            lang: 'fr',
        })
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        expect(result.receipt.fileName).toBeNull()
        expect(result.receipt.sha256).toBeNull()
        await delivered(result.receipt.reference)
        // DHIS2 itself holds the typed value
        const held = await world.admin.get<{
            dataValues?: Array<{ dataElement: string; categoryOptionCombo: string; value: string }>
        }>('dataValueSets', { dataSet: await dataSetId(), period: '202401', orgUnit: ouId(CLINIC_FACILITY) })
        const dv = (held.dataValues ?? []).find(
            (v) =>
                v.dataElement === target.dataElement && v.categoryOptionCombo === target.categoryOptionCombo
        )
        expect(Number(dv?.value)).toBe(Number(target.current) + 7)
        const again = await world.service.formFor(clinic, ouId(CLINIC_FACILITY), '202401', 'fr')
        if (again === 'forbidden') throw new Error('forbidden')
        const now = fieldsOf(again).find((f) => f.key === target.key)
        expect(Number(now?.current)).toBe(Number(target.current) + 7)
    })

    it('a bad field is refused and named; nothing stored', async () => {
        const form = await world.service.formFor(clinic, ouId(CLINIC_FACILITY), '202402', 'fr')
        if (form === 'forbidden') throw new Error('forbidden')
        const [a, b] = fieldsOf(form)
        if (!a || !b) throw new Error('no fields')
        const before = (await world.service.myReports(clinic, 'fr')).submissions.length
        const result = await world.service.submitForm(
            clinic,
            ouId(CLINIC_FACILITY),
            '202402',
            { [a.key]: '12', [b.key]: 'douze' },
            { allowPartial: false, lang: 'fr' }
        )
        expect(result.status).toBe('refused')
        if (result.status !== 'refused') return
        expect(result.issues.find((i) => i.severity === 'error')).toMatchObject({ field: b.key })
        expect((await world.service.myReports(clinic, 'fr')).submissions).toHaveLength(before)
        const unknown = await world.service.submitForm(
            clinic,
            ouId(CLINIC_FACILITY),
            '202402',
            { v_pasunchamp: '1' },
            { allowPartial: true, lang: 'fr' }
        )
        expect(unknown.status).toBe('refused')
    })

    it('another facility’s form: forbidden to read and to submit, whatever the URL or field says', async () => {
        expect(await world.service.formFor(clinic, ouId(OTHER_FACILITY), '202401', 'fr')).toBe('forbidden')
        const result = await world.service.submitForm(
            clinic,
            ouId(OTHER_FACILITY),
            '202401',
            {},
            { allowPartial: true, lang: 'fr' }
        )
        expect(result).toEqual({ status: 'forbidden', orgUnits: [ouId(OTHER_FACILITY)] })
        const held = await world.admin.get<{ dataValues?: unknown[] }>('dataValueSets', {
            dataSet: await dataSetId(),
            period: '202401',
            orgUnit: ouId(OTHER_FACILITY),
        })
        expect(held.dataValues ?? []).toEqual([])
    })
})
