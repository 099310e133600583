// The CLI as a person or a script runs it: credentials from the environment (never printed),
// a summary table or --json, and exit codes 0 / 2 / 1.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
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
        expect(first.stdout).toMatch(/84 enregistrées dans DHIS2/)
        const second = await run(
            ['push', fixture('kadiolo-2024-01-long.xlsx'), '--state-dir', state, '--lang', 'en'],
            env()
        )
        expect(second.code).toBe(0)
        expect(second.stdout).toMatch(/Nothing new to send/)
        for (const out of [
            first.stdout,
            first.stderr,
            second.stdout,
            readFileSync(join(state, 'audit.jsonl'), 'utf8'),
        ])
            expect(out).not.toContain('Bridge@2024')
        expect(readFileSync(join(state, 'audit.jsonl'), 'utf8')).toContain('basic:bridge')
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
        expect(report.values).toBe(57)
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
    })
})
