// A clinic's month from upload to DHIS2: the same pipeline as the CLI, refusal with row and column,
// partial submission, the scope rule, store and forward through a DHIS2 outage, and a lab line list
// of which only counts are ever stored.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import type { IntakeUser } from '../../src/intake/service.js'
import { expectedMonths } from '../../src/intake/expected-months.js'
import { MAX_ROWS } from '../../src/intake/submit.js'
import { listAudit } from '../../src/storage/audit.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { tempState } from '../helpers/sim.js'
import {
    CLINIC,
    CLINIC_FACILITY,
    facilityMonthFile,
    LAB,
    LAB_FACILITY,
    longLines,
    openWorld,
    OTHER_FACILITY,
    ouId,
    startIntakeSim,
    waitFor,
    type World,
} from './helpers.js'

const LABS = new URL('../../../fixtures/labs/', import.meta.url).pathname

let sim: RunningSimulator
let world: World
let clinic: IntakeUser
let worker: { stop(): Promise<void> }
const files = tempState()
let dataSet = ''
const deCodes = new Map<string, string>()
const cocNames = new Map<string, string>()

interface DV {
    dataElement: string
    categoryOptionCombo: string
    orgUnit: string
    period: string
    value: string
}

async function dhis2Values(orgUnit: string, period: string): Promise<DV[]> {
    const body = await world.admin.get<{ dataValues?: DV[] }>('dataValueSets', {
        dataSet,
        period,
        orgUnit,
    })
    return body.dataValues ?? []
}

async function completed(orgUnit: string, period: string): Promise<boolean> {
    const body = await world.admin.get<{ completeDataSetRegistrations?: Array<{ completed?: boolean }> }>(
        'completeDataSetRegistrations',
        { dataSet, period, orgUnit }
    )
    return (body.completeDataSetRegistrations ?? []).some((r) => r.completed !== false)
}

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()
/** The fixtures' disaggregation labels, as the clinics write them, and DHIS2's option combo names. */
const COC_OF_LABEL: Record<string, string> = { '< 5 ans': 'Moins de 5 ans', F: 'Féminin', M: 'Masculin' }

/** Every non-zero line of the file is in DHIS2 with its value, and DHIS2 holds nothing else. */
function expectExactly(values: DV[], lines: string[][]): void {
    const nonZero = lines.filter((l) => Number(l[4]) !== 0)
    expect(values).toHaveLength(nonZero.length)
    for (const [, , indicator, disaggregation, value] of nonZero) {
        const found = values.filter(
            (v) =>
                deCodes.get(v.dataElement) === indicator &&
                (disaggregation === '' ||
                    norm(cocNames.get(v.categoryOptionCombo) ?? '') ===
                        norm(COC_OF_LABEL[disaggregation ?? ''] ?? disaggregation ?? ''))
        )
        expect(found, `${indicator} ${disaggregation}`).toHaveLength(1)
        expect(Number(found[0]?.value)).toBe(Number(value))
    }
}

async function sqliteBytes(): Promise<string> {
    return ['bridge.sqlite', 'bridge.sqlite-wal']
        .map((f) => join(world.stateDir, f))
        .filter((p) => existsSync(p))
        .map((p) => readFileSync(p).toString('utf8'))
        .join('\n')
}

beforeAll(async () => {
    sim = await startIntakeSim()
    world = await openWorld(sim)
    const user = await world.service.authenticate(...CLINIC)
    if (!user) throw new Error('clinic user refused')
    clinic = user
    const ds = await world.admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
        filter: 'code:eq:DS_PRIVE_MENSUEL',
        fields: 'id',
    })
    dataSet = ds.dataSets[0]?.id ?? ''
    const des = await world.admin.get<{ dataElements: Array<{ id: string; code?: string }> }>(
        'dataElements',
        {
            fields: 'id,code',
            paging: 'false',
        }
    )
    for (const d of des.dataElements) if (d.code) deCodes.set(d.id, d.code)
    const cocs = await world.admin.get<{ categoryOptionCombos: Array<{ id: string; name?: string }> }>(
        'categoryOptionCombos',
        { fields: 'id,name', paging: 'false' }
    )
    for (const c of cocs.categoryOptionCombos) if (c.name) cocNames.set(c.id, c.name)
    worker = world.service.startWorker({
        pollMs: 100,
        retryBaseMs: 300,
        retryMaxMs: 1000,
        delivery: { maxAttempts: 1, backoffMs: 10 },
    })
}, 120_000)

afterAll(async () => {
    await worker?.stop()
    await world?.service.close()
    await sim?.close()
})

describe('a clinic submits its month', () => {
    it('accepted: a receipt, then the values in DHIS2 exactly as in the file, report complete', async () => {
        const path = facilityMonthFile(files, CLINIC_FACILITY)
        const sha = (await import('node:crypto'))
            .createHash('sha256')
            .update(readFileSync(path))
            .digest('hex')
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'Rapport janvier 2024.csv' },
            { source: 'facility-report', allowPartial: false, lang: 'fr' }
        )
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        const lines = longLines(path)
        expect(result.receipt).toMatchObject({
            submittedBy: CLINIC[0],
            fileName: 'Rapport janvier 2024.csv',
            sha256: sha,
            values: lines.length,
            periods: ['202401'],
            changes: { added: lines.length, changed: 0, removed: 0, unchanged: 0 },
        })
        expect(result.receipt.reference).toMatch(/^AR-\d{8}-[0-9A-Z]{6}$/)
        expect(result.receipt.facilities.map((f) => f.id)).toEqual([ouId(CLINIC_FACILITY)])

        const view = await waitFor(async () => {
            const v = await world.service.submission(clinic, result.receipt.reference, 'fr')
            return v !== null && v !== 'forbidden' && v.state === 'delivered' ? v : null
        })
        expect(view.refusals).toEqual([])
        expect(view.stateDetail).toContain('Dans DHIS2')
        expectExactly(await dhis2Values(ouId(CLINIC_FACILITY), '202401'), lines)
        expect(await completed(ouId(CLINIC_FACILITY), '202401')).toBe(true)

        const reports = await world.service.myReports(clinic, 'fr')
        expect(reports.facilities.map((f) => f.orgUnit.id)).toEqual([ouId(CLINIC_FACILITY)])
        expect(reports.submissions[0]).toMatchObject({
            reference: result.receipt.reference,
            state: 'delivered',
        })
    })

    it('the same month again with one value changed: the receipt says what changed', async () => {
        const path = facilityMonthFile(files, CLINIC_FACILITY, 'corrige.csv')
        const text = readFileSync(path, 'utf8').split('\r\n')
        const cells = (text[1] ?? '').split(';')
        cells[4] = String(Number(cells[4]) + 5)
        text[1] = cells.join(';')
        writeFileSync(path, text.join('\r\n'))
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'corrige.csv' },
            { source: 'facility-report', allowPartial: false, lang: 'en' }
        )
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        expect(result.receipt.changes).toEqual({
            added: 0,
            changed: 1,
            removed: 0,
            unchanged: longLines(path).length - 1,
        })
        await waitFor(async () => {
            const v = await world.service.submission(clinic, result.receipt.reference, 'en')
            return v !== null && v !== 'forbidden' && v.state === 'delivered'
        })
        expectExactly(await dhis2Values(ouId(CLINIC_FACILITY), '202401'), longLines(path))
    })

    it('one bad cell without allowPartial: refused with row and column, nothing stored', async () => {
        const path = facilityMonthFile(files, CLINIC_FACILITY, 'fevrier.csv')
        const text = readFileSync(path, 'utf8').replaceAll('janvier 2024', 'février 2024').split('\r\n')
        const cells = (text[3] ?? '').split(';')
        cells[4] = 'douze'
        text[3] = cells.join(';')
        writeFileSync(path, text.join('\r\n'))
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'fevrier.csv' },
            { source: 'facility-report', allowPartial: false, lang: 'fr' }
        )
        expect(result.status).toBe('refused')
        if (result.status !== 'refused') return
        const error = result.issues.find((i) => i.severity === 'error')
        expect(error).toMatchObject({ file: 'fevrier.csv', row: 4, column: 'valeur' })
        expect(error?.message).toMatch(/nombre/i)
        const reports = await world.service.myReports(clinic, 'fr')
        expect(reports.submissions).toHaveLength(2)

        // with allowPartial the good values are stored and go to DHIS2; the bad one does not
        const partial = await world.service.submitFile(
            clinic,
            { path, originalName: 'fevrier.csv' },
            { source: 'facility-report', allowPartial: true, lang: 'fr' }
        )
        expect(partial.status).toBe('accepted')
        if (partial.status !== 'accepted') return
        const good = longLines(path).filter((l) => l[4] !== 'douze')
        expect(partial.receipt.values).toBe(good.length)
        expect(partial.issues.some((i) => i.severity === 'error' && i.row === 4)).toBe(true)
        await waitFor(async () => {
            const v = await world.service.submission(clinic, partial.receipt.reference, 'fr')
            return v !== null && v !== 'forbidden' && v.state === 'delivered'
        })
        expectExactly(await dhis2Values(ouId(CLINIC_FACILITY), '202402'), good)
    })

    it('a cell given two values: the rest is delivered, the report is not marked complete', async () => {
        const path = facilityMonthFile(files, CLINIC_FACILITY, 'mai.csv')
        const text = readFileSync(path, 'utf8').replaceAll('janvier 2024', 'mai 2024').split('\r\n')
        const twin = (text[1] ?? '').split(';')
        twin[4] = String(Number(twin[4]) + 7)
        text.splice(2, 0, twin.join(';'))
        writeFileSync(path, text.join('\r\n'))
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'mai.csv' },
            { source: 'facility-report', allowPartial: true, lang: 'fr' }
        )
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        expect(result.issues.some((i) => i.severity === 'error' && /deux|vaut/i.test(i.message))).toBe(true)
        await waitFor(async () => {
            const v = await world.service.submission(clinic, result.receipt.reference, 'fr')
            return v !== null && v !== 'forbidden' && v.state === 'delivered'
        })
        // neither value of the blocked cell, every other value; and no completeness registration (as the CLI)
        const blocked = (text[1] ?? '').split(';')
        const others = longLines(path).filter((l) => !(l[2] === blocked[2] && l[3] === blocked[3]))
        expectExactly(await dhis2Values(ouId(CLINIC_FACILITY), '202405'), others)
        expect(await completed(ouId(CLINIC_FACILITY), '202405')).toBe(false)
    })

    it('« Mes rapports » gives back the facility’s own figures in DHIS2 for its last months', async () => {
        const lastMonth = expectedMonths(null, new Date(), 1)[0] ?? ''
        const dashed = `${lastMonth.slice(0, 4)}-${lastMonth.slice(4, 6)}`
        const path = facilityMonthFile(files, CLINIC_FACILITY, 'dernier-mois.csv')
        writeFileSync(path, readFileSync(path, 'utf8').replaceAll('janvier 2024', dashed))
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'dernier-mois.csv' },
            { source: 'facility-report', allowPartial: false, lang: 'fr' }
        )
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        await waitFor(async () => {
            const v = await world.service.submission(clinic, result.receipt.reference, 'fr')
            return v !== null && v !== 'forbidden' && v.state === 'delivered'
        })
        const reports = await world.service.myReports(clinic, 'fr')
        const figures = reports.facilities.find((f) => f.orgUnit.id === ouId(CLINIC_FACILITY))?.figures
        if (!figures) throw new Error('no figures for the clinic')
        const column = figures.months.findIndex((m) => m.period === lastMonth)
        expect(column).toBe(figures.months.length - 1)
        // consultations: the file's two disaggregations summed, as DHIS2 holds them
        const consultations = longLines(path)
            .filter((l) => l[2] === 'CONSULT_CURATIVE')
            .reduce((n, l) => n + Number(l[4]), 0)
        const row = figures.rows.find((r) => /consultation/i.test(r.label))
        expect(row?.values[column]).toBe(consultations)
        expect(row?.values.slice(0, column).every((v) => v === null)).toBe(true)
    })

    it('a file of more rows than one submission may hold: refused, nothing stored', async () => {
        const path = join(files, 'trop-long.csv')
        const line = `${CLINIC_FACILITY};juin 2024;CONSULT_CURATIVE;< 5 ans;1`
        writeFileSync(
            path,
            ['code_structure;periode;indicateur;ventilation;valeur', ...Array(MAX_ROWS + 1).fill(line)].join(
                '\r\n'
            )
        )
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'trop-long.csv' },
            { source: 'facility-report', allowPartial: true, lang: 'fr' }
        )
        expect(result.status).toBe('refused')
        if (result.status !== 'refused') return
        expect(result.issues).toHaveLength(1)
        expect(result.issues[0]?.message).toContain(`${MAX_ROWS + 2} lignes`) // the title line counts too
        expect(await dhis2Values(ouId(CLINIC_FACILITY), '202406')).toEqual([])
    })

    it('another facility’s file: forbidden, nothing stored or sent, audited', async () => {
        const path = facilityMonthFile(files, OTHER_FACILITY)
        const result = await world.service.submitFile(
            clinic,
            { path, originalName: 'autre.csv' },
            { source: 'facility-report', allowPartial: true, lang: 'fr' }
        )
        expect(result).toEqual({ status: 'forbidden', orgUnits: [ouId(OTHER_FACILITY)] })
        await new Promise((r) => setTimeout(r, 500))
        expect(await dhis2Values(ouId(OTHER_FACILITY), '202401')).toEqual([])
        const db = await openSqlite(join(world.stateDir, 'bridge.sqlite'))
        try {
            const rows = await db.query<{ n: number }>(
                'SELECT COUNT(*) AS n FROM submission_values WHERE org_unit = ?',
                [ouId(OTHER_FACILITY)]
            )
            expect(Number(rows[0]?.n)).toBe(0)
            const refused = (await listAudit(db)).filter((a) => a.action === 'access.refused')
            expect(refused).toHaveLength(1)
            expect(refused[0]).toMatchObject({ actor: CLINIC[0], orgUnit: ouId(OTHER_FACILITY) })
            expect(refused[0]?.details.orgUnits).toEqual([ouId(OTHER_FACILITY)])
        } finally {
            await db.close()
        }
        // a reference of theirs is not readable either
        const mine = await world.service.myReports(clinic, 'fr')
        expect(mine.submissions.every((s) => s.values > 0)).toBe(true)
    })

    it('DHIS2 down: accepted and receipted, waiting, then delivered when DHIS2 answers again', async () => {
        sim.setFaults({ rate: 1, kinds: ['503'] })
        const refs: string[] = []
        for (const month of ['mars', 'avril']) {
            const path = facilityMonthFile(files, CLINIC_FACILITY, `${month}.csv`)
            writeFileSync(path, readFileSync(path, 'utf8').replaceAll('janvier 2024', `${month} 2024`))
            const started = Date.now()
            const result = await world.service.submitFile(
                clinic,
                { path, originalName: `${month}.csv` },
                { source: 'facility-report', allowPartial: false, lang: 'fr' }
            )
            expect(Date.now() - started).toBeLessThan(5000)
            expect(result.status).toBe('accepted')
            if (result.status === 'accepted') refs.push(result.receipt.reference)
        }
        const waiting = await waitFor(async () => {
            const v = await world.service.submission(clinic, refs[0] ?? '', 'fr')
            return v !== null && v !== 'forbidden' && v.state === 'waiting' ? v : null
        })
        expect(waiting.stateDetail).toMatch(/DHIS2 ne répond pas/)
        sim.setFaults(null)
        for (const ref of refs)
            await waitFor(async () => {
                const v = await world.service.submission(clinic, ref, 'fr')
                return v !== null && v !== 'forbidden' && v.state === 'delivered'
            })
        expect(await dhis2Values(ouId(CLINIC_FACILITY), '202403')).not.toEqual([])
        expect(await completed(ouId(CLINIC_FACILITY), '202404')).toBe(true)
    })

    it('a lab line list: only counts stored, no patient value in the database file', async () => {
        const lab = await world.service.authenticate(...LAB)
        if (!lab) throw new Error('lab user refused')
        const result = await world.service.submitFile(
            lab,
            { path: join(LABS, `registre-${LAB_FACILITY}-2025S1.csv`), originalName: 'registre.csv' },
            { source: 'lab', allowPartial: true, lang: 'fr' }
        )
        expect(result.status).toBe('accepted')
        if (result.status !== 'accepted') return
        await waitFor(async () => {
            const v = await world.service.submission(lab, result.receipt.reference, 'fr')
            return v !== null && v !== 'forbidden' && v.state !== 'received' && v.state !== 'waiting'
        })
        const patients = JSON.parse(readFileSync(join(LABS, 'patient-values.json'), 'utf8')) as string[]
        const bytes = await sqliteBytes()
        const leaked = patients.filter((p) => p.length >= 6 && bytes.includes(p))
        expect(leaked).toEqual([])
        const shown = JSON.stringify(result)
        expect(patients.filter((p) => p.length >= 6 && shown.includes(p))).toEqual([])
        // the clinic may not read the lab's submission
        expect(await world.service.submission(clinic, result.receipt.reference, 'fr')).toBe('forbidden')
    })
})
