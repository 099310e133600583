// kill -9 in the middle of delivering a batch: the restarted worker takes over the expired leases,
// and every value ends in DHIS2 once, with the ledger, the audit and each submission's state agreeing.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { listAudit } from '../../src/storage/audit.js'
import { ledgerEntries, ledgerInstance } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { tempState } from '../helpers/sim.js'
import {
    BRIDGE,
    facilityMonthFile,
    longLines,
    openWorld,
    ouId,
    startIntakeSim,
    waitFor,
    type World,
} from './helpers.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const CHILD = join(import.meta.dirname, 'worker-child.ts')
const DISTRICT = ['mcd.commune5', 'Commune5@2024'] as const
const FACILITIES = ['FS-C5-011', 'FS-C5-012', 'FS-C5-013', 'FS-C5-014', 'FS-C5-015', 'FS-C5-016']
const MONTHS = ['janvier', 'février']
const PERIOD: Record<string, string> = { janvier: '202401', février: '202402' }

let sim: RunningSimulator
let world: World
const children: ChildProcess[] = []

function child(stateDir: string): ChildProcess & { output: () => string } {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, stateDir], {
        cwd: ROOT,
        env: {
            ...process.env,
            DHIS2_BASE_URL: sim.url,
            DHIS2_USERNAME: BRIDGE[0],
            DHIS2_PASSWORD: BRIDGE[1],
            LEASE_MS: '2000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    p.stdout?.on('data', (b: Buffer) => (out += b.toString()))
    p.stderr?.resume()
    children.push(p)
    return Object.assign(p, { output: () => out })
}

beforeAll(async () => {
    sim = await startIntakeSim()
    world = await openWorld(sim)
}, 120_000)
afterAll(async () => {
    for (const c of children) c.kill('SIGKILL')
    await world?.service.close()
    await sim?.close()
})

describe('kill -9 while delivering', () => {
    it('resumes after a restart; every value once; ledger, audit and states agree with DHIS2', async () => {
        const user = await world.service.authenticate(...DISTRICT)
        if (!user) throw new Error('district user refused')
        const dir = tempState()
        const expected = new Map<string, string[][]>()
        for (const month of MONTHS)
            for (const f of FACILITIES) {
                const path = facilityMonthFile(dir, f, `${f}-${month}.csv`)
                writeFileSync(path, readFileSync(path, 'utf8').replaceAll('janvier 2024', `${month} 2024`))
                const r = await world.service.submitFile(
                    user,
                    { path, originalName: `${f}-${month}.csv` },
                    { source: 'facility-report', allowPartial: false, lang: 'fr' }
                )
                if (r.status !== 'accepted') throw new Error(`${f} ${month}: ${r.status}`)
                expected.set(`${ouId(f)}|${PERIOD[month]}`, longLines(path))
            }
        // slow DHIS2 so that the kill lands in the middle of the batch
        sim.setLatency(120)
        const first = child(world.stateDir)
        await waitFor(async () => (first.output().match(/^delivered /gm)?.length ?? 0) >= 2, 60_000)
        first.kill('SIGKILL')
        const before = first.output().match(/^delivered /gm)?.length ?? 0
        expect(before).toBeLessThan(FACILITIES.length * MONTHS.length)
        sim.setLatency(0)

        const second = child(world.stateDir)
        const all = FACILITIES.length * MONTHS.length
        await waitFor(async () => {
            const mine = await world.service.myReports(user, 'fr')
            return mine.submissions.length === all && mine.submissions.every((s) => s.state === 'delivered')
        }, 90_000)
        second.kill('SIGKILL')

        const db = await openSqlite(join(world.stateDir, 'bridge.sqlite'))
        try {
            const audit = await listAudit(db, { limit: 10_000 })
            const delivered = audit.filter((a) => a.action === 'outbox.delivered')
            expect(delivered).toHaveLength(all)
            expect(new Set(delivered.map((a) => a.submissionId)).size).toBe(all)
            const ledger = new Map(
                (await ledgerEntries(db, ledgerInstance(sim.url))).map((e) => [e.key, e.value])
            )
            const ds = await world.admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
                filter: 'code:eq:DS_PRIVE_MENSUEL',
                fields: 'id',
            })
            for (const [scope, lines] of expected) {
                const [orgUnit = '', period = ''] = scope.split('|')
                const body = await world.admin.get<{
                    dataValues?: Array<{
                        dataElement: string
                        period: string
                        orgUnit: string
                        categoryOptionCombo: string
                        attributeOptionCombo: string
                        value: string
                    }>
                }>('dataValueSets', { dataSet: ds.dataSets[0]?.id ?? '', period, orgUnit })
                const values = body.dataValues ?? []
                const nonZero = lines.filter((l) => Number(l[4]) !== 0)
                expect(values).toHaveLength(nonZero.length)
                const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
                expect(sum(values.map((v) => Number(v.value)))).toBe(sum(nonZero.map((l) => Number(l[4]))))
                // the ledger holds what DHIS2 holds, value by value
                for (const v of values) {
                    const key = `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}`
                    expect(Number(ledger.get(key)), key).toBe(Number(v.value))
                }
                expect(
                    await world.admin
                        .get<{ completeDataSetRegistrations?: unknown[] }>('completeDataSetRegistrations', {
                            dataSet: ds.dataSets[0]?.id ?? '',
                            period,
                            orgUnit,
                        })
                        .then((b) => (b.completeDataSetRegistrations ?? []).length)
                ).toBe(1)
            }
        } finally {
            await db.close()
        }
    }, 180_000)
})
