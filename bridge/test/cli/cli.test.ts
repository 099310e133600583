// The CLI as a person or a script runs it: credentials from the environment (never printed),
// a summary table or --json, and exit codes 0 / 2 / 1.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { uidFromCode } from '@odd3/mappings/uid'
import { ledgerEntries, ledgerInstance } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { fixture, startDemo, tempState } from '../helpers/sim.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bridge.js')
let sim: RunningSimulator
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => sim?.close())

function run(
    args: string[],
    env: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    })
}

describe('bridge CLI', () => {
    const state = tempState()
    const env = () => ({ DHIS2_BASE_URL: sim.url, DHIS2_USERNAME: 'bridge', DHIS2_PASSWORD: 'Bridge@2024' })

    it('push prints a table, never the password, exits 0; the second push says nothing is new', async () => {
        const first = await run(['push', fixture('kadiolo-2024-01-long.xlsx'), '--state-dir', state], env())
        expect(first.stderr).toBe('')
        expect(first.code).toBe(0)
        expect(first.stdout).toMatch(/kadiolo-2024-01-long\.xlsx/)
        // 84 values in the file, 10 of them zeros DHIS2 does not store (zeroIsSignificant false): not "saved"
        expect(first.stdout).toMatch(/74 enregistrées dans DHIS2/)
        expect(first.stdout).toMatch(/10 zéro\(s\) ne sont pas enregistrés/)
        expect(first.stdout).toMatch(/Rapports marqués complets/)
        expect(first.stdout).toMatch(/3 rapport\(s\) marqué\(s\) complet\(s\) dans DHIS2/)
        const second = await run(
            ['push', fixture('kadiolo-2024-01-long.xlsx'), '--state-dir', state, '--lang', 'en'],
            env()
        )
        expect(second.code).toBe(0)
        expect(second.stdout).toMatch(/Nothing new to send/)
        expect(second.stdout).toMatch(/0 report\(s\) marked complete in DHIS2 · 3 already marked complete/)
        for (const out of [
            first.stdout,
            first.stderr,
            second.stdout,
            readFileSync(join(state, 'audit.jsonl'), 'utf8'),
        ])
            expect(out).not.toContain('Bridge@2024')
        expect(readFileSync(join(state, 'audit.jsonl'), 'utf8')).toContain('basic:bridge')
    })

    it('push --json reports the completed reports; --no-complete registers none', async () => {
        const own = tempState()
        const skipped = await run(
            ['push', fixture('sikasso-2024-01-long.json'), '--state-dir', own, '--no-complete', '--json'],
            env()
        )
        expect(skipped.code).toBe(0)
        const a = JSON.parse(skipped.stdout) as { complete: { skipped: boolean; registered: number } }
        expect(a.complete).toMatchObject({ skipped: true, registered: 0 })
        const sikasso = sim.db.metadata
            .list('organisationUnits')
            .filter((o) => typeof o.code === 'string' && o.code.startsWith('FS-SIK-'))
            .map((o) => o.id)
        const privateReport = uidFromCode('dataSet', 'DS_PRIVE_MENSUEL')
        const completedInSikasso = () =>
            [...sim.db.completeRegistrations.all()].filter(
                (r) => r.dataSet === privateReport && sikasso.includes(r.organisationUnit)
            ).length
        expect(completedInSikasso()).toBe(0)
        const later = await run(
            ['push', fixture('sikasso-2024-01-long.json'), '--state-dir', own, '--json'],
            env()
        )
        expect(later.code).toBe(0)
        const b = JSON.parse(later.stdout) as {
            push?: unknown
            complete: { skipped: boolean; registered: number; byFile: Record<string, number> }
        }
        // the values were already there: only the completeness goes
        expect(b.push).toBeUndefined()
        expect(b.complete.skipped).toBe(false)
        expect(b.complete.registered).toBeGreaterThan(0)
        expect(b.complete.byFile).toEqual({ 'sikasso-2024-01-long.json': b.complete.registered })
        expect(completedInSikasso()).toBe(b.complete.registered)
    })

    it('validate --json on bad input: exit 2 and one issue per problem with its row', async () => {
        const r = await run(
            ['validate', fixture('bad/rapport-erreurs-commune5.csv'), '--json', '--state-dir', state],
            env()
        )
        expect(r.code).toBe(2)
        const report = JSON.parse(r.stdout) as {
            issues: Array<{ code: string; row?: number }>
            values: number
        }
        // row 63 contradicts row 10 for one cell: neither value is kept (issue 8, one meaning per cell)
        expect(report.values).toBe(56)
        expect(report.issues.map((i) => `${i.code}@${i.row}`)).toEqual([
            'UNKNOWN_FACILITY@58',
            'UNKNOWN_DATA_ELEMENT@59',
            'BAD_PERIOD@60',
            'NOT_A_NUMBER@61',
            'NEGATIVE_COUNT@62',
            'DUPLICATE_CONFLICT@63',
        ])
    })

    it('convert writes a dataValueSet JSON file', async () => {
        const out = join(state, 'values.json')
        const ok = await run(
            ['convert', fixture('sikasso-2024-01-long.json'), '--out', out, '--state-dir', state],
            env()
        )
        expect(ok.code).toBe(0)
        const dvs = JSON.parse(readFileSync(out, 'utf8')) as { dataValues: Array<Record<string, string>> }
        expect(dvs.dataValues).toHaveLength(168)
        expect(Object.keys(dvs.dataValues[0] ?? {})).toEqual([
            'dataElement',
            'period',
            'orgUnit',
            'categoryOptionCombo',
            'attributeOptionCombo',
            'value',
        ])
        // the table for people carries no timings (they change from run to run)
        expect(ok.stdout).not.toMatch(/convertMs|timings/)
    })

    it("convert --json reports the handler's own duration, within the whole command's", async () => {
        const out = join(state, 'values-json.json')
        const started = performance.now()
        const r = await run(
            ['convert', fixture('sikasso-2024-01-long.json'), '--out', out, '--state-dir', state, '--json'],
            env()
        )
        const wallMs = performance.now() - started
        expect(r.code).toBe(0)
        const report = JSON.parse(r.stdout) as { values: number; timings?: { convertMs?: unknown } }
        expect(report.values).toBe(168)
        const convertMs = report.timings?.convertMs
        expect(typeof convertMs).toBe('number')
        expect(convertMs).toBeGreaterThan(0)
        expect(convertMs).toBeLessThan(wallMs)
    })

    it('push keeps a value edited in DHIS2 and says so; --overwrite-dhis2-edits puts the file’s back', async () => {
        const own = tempState()
        const file = fixture('commune5-2024-01-long.csv')
        const first = await run(['push', file, '--state-dir', own, '--json'], env())
        expect(first.code).toBe(0)
        // the ledger, in the state folder's database (the same as bridge serve's)
        const db = await openSqlite(join(own, 'bridge.sqlite'))
        const sent = (await ledgerEntries(db, ledgerInstance(sim.url))).find((l) => l.value !== '0')
        await db.close()
        if (!sent) throw new Error('nothing in the ledger')
        const [dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo] = sent.key.split('|')
        const cell = { dataElement, period, orgUnit, categoryOptionCombo, attributeOptionCombo }
        const edited = String(Number(sent.value) + 1000)
        const adminAuth = `Basic ${Buffer.from('admin:district').toString('base64')}`
        const post = await fetch(`${sim.url}/api/dataValueSets`, {
            method: 'POST',
            headers: { Authorization: adminAuth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ dataValues: [{ ...cell, value: edited }] }),
        })
        expect(post.status).toBe(200)
        const inDhis2 = async (): Promise<string | undefined> => {
            const q = new URLSearchParams({
                dataElement: dataElement ?? '',
                period: period ?? '',
                orgUnit: orgUnit ?? '',
            })
            const res = await fetch(`${sim.url}/api/dataValueSets?${q}`, {
                headers: { Authorization: adminAuth },
            })
            const body = (await res.json()) as { dataValues?: Array<Record<string, string>> }
            return body.dataValues?.find(
                (d) =>
                    d.categoryOptionCombo === categoryOptionCombo &&
                    d.attributeOptionCombo === attributeOptionCombo
            )?.value
        }

        const kept = await run(['push', file, '--state-dir', own], env())
        expect(kept.code).not.toBe(0)
        expect(kept.stdout).toMatch(/1 différentes dans DHIS2/)
        expect(await inDhis2()).toBe(edited)

        const restored = await run(['push', file, '--state-dir', own, '--overwrite-dhis2-edits'], env())
        expect(restored.code).toBe(0)
        expect(await inDhis2()).toBe(sent.value)
    })
})
