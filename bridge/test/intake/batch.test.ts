// The worker delivers a batch: facility-months of several submissions read and sent together, each
// submission still told its own outcome. A value DHIS2 refuses is explained to its submission only,
// and a correction in the same batch as the month it corrects is sent after it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { listAudit } from '../../src/storage/audit.js'
import { ledgerEntries, ledgerInstance } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { getSubmissionByReference, submissionValues } from '../../src/storage/submissions.js'
import { tempState } from '../helpers/sim.js'
import {
    facilityMonthFile,
    longLines,
    openWorld,
    ouId,
    startIntakeSim,
    waitFor,
    type World,
} from './helpers.js'

const DISTRICT = ['mcd.commune5', 'Commune5@2024'] as const
const FACILITIES = ['FS-C5-011', 'FS-C5-012', 'FS-C5-013', 'FS-C5-014']

let sim: RunningSimulator
let world: World

beforeAll(async () => {
    sim = await startIntakeSim()
    world = await openWorld(sim)
}, 120_000)
afterAll(async () => {
    await world?.service.close()
    await sim?.close()
})

interface DV {
    dataElement: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    orgUnit: string
    period: string
    value: string
}

describe('a batch of submissions', () => {
    it('tells each submission its own outcome, and sends a correction after the month it corrects', async () => {
        const user = await world.service.authenticate(...DISTRICT)
        if (!user) throw new Error('district user refused')
        const dir = tempState()
        const submit = async (facility: string, name: string, edit?: (text: string) => string) => {
            const path = facilityMonthFile(dir, facility, name)
            const text = readFileSync(path, 'utf8').replaceAll('janvier 2024', 'mars 2024')
            writeFileSync(path, edit ? edit(text) : text)
            const r = await world.service.submitFile(
                user,
                { path, originalName: name },
                { source: 'facility-report', allowPartial: false, lang: 'fr' }
            )
            if (r.status !== 'accepted') throw new Error(`${facility}: ${r.status}`)
            return { reference: r.receipt.reference, lines: longLines(path) }
        }
        const first = new Map<string, { reference: string; lines: string[][] }>()
        for (const f of FACILITIES) first.set(f, await submit(f, `${f}.csv`))
        // the first facility corrects its month before the worker runs: the first non-zero value + 7
        const correction = await submit(FACILITIES[0]!, 'corrige.csv', (text) => {
            const lines = text.split('\r\n')
            const i = lines.findIndex((l, n) => n > 0 && Number(l.split(';')[4]) > 0)
            const cells = lines[i]!.split(';')
            cells[4] = String(Number(cells[4]) + 7)
            lines[i] = cells.join(';')
            return lines.join('\r\n')
        })

        const db = await openSqlite(join(world.stateDir, 'bridge.sqlite'))
        try {
            // a value DHIS2 will refuse (not a number), stored as if it had passed the checks
            const bad = await getSubmissionByReference(db, first.get(FACILITIES[1]!)!.reference)
            const badValue = (await submissionValues(db, bad!.id)).find((v) => Number(v.value) > 0)!
            await db.run(
                `UPDATE submission_values SET value = 'beaucoup' WHERE submission_id = ? AND data_element = ?
                 AND category_option_combo = ?`,
                [bad!.id, badValue.dataElement, badValue.categoryOptionCombo]
            )

            const settled: Array<{ submissionId: string; outcome: string }> = []
            const worker = world.service.startWorker({
                pollMs: 50,
                concurrency: 2,
                batchSize: 10,
                onSettled: (e) => settled.push(e),
            })
            await waitFor(async () => settled.length >= FACILITIES.length + 1, 60_000)
            await worker.stop()
            expect(settled.map((s) => s.outcome).sort()).toEqual([
                'delivered',
                'delivered',
                'delivered',
                'delivered',
                'partly-refused',
            ])

            // the refused value is told to its own submission, at its own row; the others are in DHIS2
            const refused = await getSubmissionByReference(db, bad!.reference)
            expect(refused).toMatchObject({ state: 'partly_refused', refusedCount: 1 })
            expect(refused!.refusals[0]).toMatchObject({ code: 'DHIS2_CONFLICT', row: badValue.row })
            for (const ref of [...[...first.values()].map((s) => s.reference), correction.reference])
                if (ref !== bad!.reference)
                    expect((await getSubmissionByReference(db, ref))?.state).toBe('in_dhis2')

            // the correction was delivered after the month it corrects, and DHIS2 holds its values
            const audit = await listAudit(db, { limit: 1000 })
            const deliveredAt = (ref: string) =>
                audit.findIndex((a) => a.action === 'outbox.delivered' && a.details.reference === ref)
            expect(deliveredAt(correction.reference)).toBeGreaterThan(
                deliveredAt(first.get(FACILITIES[0]!)!.reference)
            )
            // planned against what DHIS2 held once the month was in: only the corrected value was sent
            expect(audit[deliveredAt(correction.reference)]?.details).toMatchObject({ sent: 1 })
            const ds = await world.admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
                filter: 'code:eq:DS_PRIVE_MENSUEL',
                fields: 'id',
            })
            const ledger = new Map(
                (await ledgerEntries(db, ledgerInstance(sim.url))).map((e) => [e.key, e.value])
            )
            for (const [facility, lines] of [
                [FACILITIES[0]!, correction.lines],
                [FACILITIES[2]!, first.get(FACILITIES[2]!)!.lines],
            ] as const) {
                const body = await world.admin.get<{ dataValues?: DV[] }>('dataValueSets', {
                    dataSet: ds.dataSets[0]?.id ?? '',
                    period: '202403',
                    orgUnit: ouId(facility),
                })
                const values = body.dataValues ?? []
                const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
                expect(sum(values.map((v) => Number(v.value)))).toBe(sum(lines.map((l) => Number(l[4]))))
                for (const v of values) {
                    const key = `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}`
                    expect(Number(ledger.get(key)), key).toBe(Number(v.value))
                }
            }
        } finally {
            await db.close()
        }
    })
})
