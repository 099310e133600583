// A large push killed (kill -9) at random moments, interrupted with Ctrl-C, and raced by a second
// process on the same state: after a final run, DHIS2, the ledger (in the state folder's database, read
// through the storage API) and the audit agree.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { lockFileFor } from '../../src/record/lock.js'
import type { Database } from '../../src/storage/database.js'
import { ledgerEntries, ledgerInstance, ledgerRunTally, ledgerSize } from '../../src/storage/ledger.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { startDemo, tempState } from '../helpers/sim.js'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const CHILD = join(import.meta.dirname, 'push-child.ts')

let sim: RunningSimulator
/** The test's own connection to the pushes' database, read while they write (WAL: never in their way). */
let db: Database | null = null
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => {
    await db?.close()
    await sim?.close()
})

interface OrgUnitsFile {
    regions: Array<{
        districts: Array<{ facilities: Array<{ code: string; type: string; sector: string }> }>
    }>
}

const ELEMENTS: Array<[string, string[]]> = [
    ['CONSULT_CURATIVE', ['< 5 ans', '5 ans et plus']],
    ['PALU_CONFIRMES', ['< 5 ans', '5 ans et plus']],
    ['CPN1', ['']],
    ['ACCOUCH_TOTAL', ['']],
    ['ACCOUCH_ASSISTES', ['']],
    ['VAC_PENTA3', ['']],
    ['VIH_TESTES', ['M', 'F']],
]

/** Every private clinic of the demo database × 4 months, values 1-400 (no zero: DHIS2 stores them all). */
function writeLargeFile(dir: string): { file: string; values: Map<string, string> } {
    const facilities = (
        JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo-db', 'org-units.json'), 'utf8')) as OrgUnitsFile
    ).regions
        .flatMap((r) => r.districts.flatMap((d) => d.facilities))
        .filter((f) => f.sector.startsWith('PRIVE') && f.type !== 'LABO')
        .map((f) => f.code)
    const values = new Map<string, string>()
    let text = 'code_structure;periode;indicateur;ventilation;valeur\n'
    let seed = 7
    for (const period of ['2023-09', '2023-10', '2023-11', '2023-12'])
        for (const f of facilities)
            for (const [de, dis] of ELEMENTS)
                for (const d of dis) {
                    seed = (seed * 1103515245 + 12345) & 0x7fffffff
                    const v = String(1 + (seed % 400))
                    text += `${f};${period};${de};${d};${v}\n`
                    values.set(`${f}|${period}|${de}|${d}`, v)
                }
    const file = join(dir, 'national-2023-long.csv')
    writeFileSync(file, text)
    return { file, values }
}

function child(
    stateDir: string,
    file: string
): ChildProcess & { done: Promise<{ code: number | null; stderr: string }> } {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, stateDir, file], {
        cwd: ROOT,
        env: {
            ...process.env,
            DHIS2_BASE_URL: sim.url,
            DHIS2_USERNAME: 'bridge',
            DHIS2_PASSWORD: 'Bridge@2024',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    p.stdout.resume()
    const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
        p.on('exit', (code) => resolve({ code, stderr }))
    )
    return Object.assign(p, { done })
}

function lines<T>(path: string): T[] {
    if (!existsSync(path)) return []
    return readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as T)
}

interface AuditLine {
    event?: string
    runId: string
    signal?: string
    delivered?: { values: number; completions: number }
    exitCode?: number
}

const databaseFile = (stateDir: string): string => join(stateDir, 'bridge.sqlite')

/** The ledger's values for the simulator, read through the storage API (0 before the first push made it). */
async function ledgerValueCount(stateDir: string): Promise<number> {
    if (!db) {
        if (!existsSync(databaseFile(stateDir))) return 0
        db = await openSqlite(databaseFile(stateDir))
    }
    try {
        return await ledgerSize(db, ledgerInstance(sim.url))
    } catch {
        // the first push has not created the tables yet
        return 0
    }
}

/** Waits until the running push has put at least `atLeast` more values in the ledger. */
async function untilLedgerGrows(stateDir: string, before: number, atLeast: number): Promise<void> {
    for (let i = 0; i < 1200; i++) {
        if ((await ledgerValueCount(stateDir)) >= before + atLeast) return
        await sleep(25)
    }
    throw new Error('the push never wrote its ledger')
}

it('kill -9 at random moments, Ctrl-C, and a second process: DHIS2, ledger and audit agree', async () => {
    const stateDir = tempState()
    const { file, values } = writeLargeFile(stateDir)

    // Ctrl-C: the run says what it had delivered and exits non-zero
    {
        const before = await ledgerValueCount(stateDir)
        const run = child(stateDir, file)
        await untilLedgerGrows(stateDir, before, 20)
        // meanwhile (the first one frozen, so it surely still runs) a second process on the same state is
        // refused, naming the first
        run.kill('SIGSTOP')
        const second = child(stateDir, file)
        const refused = await second.done
        run.kill('SIGCONT')
        expect(refused.code).toBe(1)
        expect(refused.stderr).toMatch(/Un autre envoi du pont est en cours/)
        expect(refused.stderr).toContain(`processus ${run.pid}`)
        run.kill('SIGINT')
        const { code, stderr } = await run.done
        expect(code).toBe(130)
        expect(stderr).toMatch(/Envoi interrompu \(SIGINT\)\. Déjà livrés à DHIS2 avant l’arrêt : \d+ valeur/)
    }

    // three runs killed without warning at random moments of the push
    for (let k = 0; k < 3; k++) {
        const before = await ledgerValueCount(stateDir)
        const run = child(stateDir, file)
        await untilLedgerGrows(stateDir, before, 1 + Math.floor(Math.random() * 200))
        await sleep(Math.floor(Math.random() * 300))
        run.kill('SIGKILL')
        expect((await run.done).code).toBe(null)
    }
    // the lock of a killed run is left behind, naming a dead process: the next run takes it over
    expect(existsSync(lockFileFor(stateDir))).toBe(true)

    // the final run completes what is missing
    const last = child(stateDir, file)
    const final = await last.done
    expect(final.stderr).toBe('')
    expect(final.code).toBe(0)
    expect(existsSync(lockFileFor(stateDir))).toBe(false)

    // DHIS2 holds every value of the file, as the file says
    if (!db) throw new Error('no ledger database')
    const instance = ledgerInstance(sim.url)
    const lastByKey = new Map((await ledgerEntries(db, instance)).map((l) => [l.key, l]))
    expect(lastByKey.size).toBe(values.size)
    const stored = new Map(
        [...sim.db.dataValues.all()]
            .filter((v) => !v.deleted)
            .map((v) => [
                [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo].join('|'),
                v.value,
            ])
    )
    // the ledger is DHIS2 for the file's cells, and each value went in once: one ledger line per cell over
    // all the runs, either sent by one run or found in DHIS2 by the next after a kill between DHIS2's
    // answer and the commit
    for (const [key, l] of lastByKey) expect(stored.get(key), key).toBe(l.value)
    const audit = lines<AuditLine>(join(stateDir, 'audit.jsonl'))
    const started = audit.filter((a) => a.event === 'started').map((a) => a.runId)
    const tallies = new Map<string, Awaited<ReturnType<typeof ledgerRunTally>>>()
    for (const runId of started) tallies.set(runId, await ledgerRunTally(db, instance, runId))
    expect([...tallies.values()].reduce((n, t) => n + t.values + t.found, 0)).toBe(values.size)
    expect(new Set([...lastByKey.values()].map((l) => l.value)).size).toBeGreaterThan(1)
    const fileValues = [...values.values()].sort()
    expect([...lastByKey.values()].map((l) => l.value).sort()).toEqual(fileValues)

    // the audit records every interrupted run with what its ledger lines say it delivered
    expect(started).toHaveLength(5)
    const interrupted = audit.filter((a) => a.event === 'interrupted')
    expect(interrupted.map((a) => a.runId)).toEqual(started.slice(0, 4))
    expect(interrupted.map((a) => a.signal)).toEqual(['SIGINT', 'unknown', 'unknown', 'unknown'])
    for (const a of interrupted) expect(a.delivered?.values, a.runId).toBe(tallies.get(a.runId)?.values)
    expect(interrupted.reduce((n, a) => n + (a.delivered?.values ?? 0), 0)).toBeGreaterThan(0)
    const finished = audit.filter((a) => a.event === 'finished')
    expect(finished.map((a) => a.runId)).toEqual([started[4]])
    expect(finished[0]?.exitCode).toBe(0)

    // state files are private
    for (const f of [databaseFile(stateDir), `${databaseFile(stateDir)}-wal`, join(stateDir, 'audit.jsonl')])
        if (existsSync(f)) expect(statSync(f).mode & 0o077, f).toBe(0)
    expect(existsSync(databaseFile(stateDir))).toBe(true)
}, 600_000)
