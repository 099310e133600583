// Connection and account errors as a clinic secretary reads them (issue 8, section 4): the real CLI,
// against the simulator, a closed port and a web server that is not DHIS2. One language per line, no
// stack, no "[object Object]"; start-up GETs are retried through short outages.
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client, Dhis2Error } from '../../src/dhis2/client.js'
import { explainDhis2Error } from '../../src/dhis2/explain.js'
import { fixture, startDemo, tempState } from '../helpers/sim.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bridge.js')

function run(
    args: string[],
    env: Record<string, string>
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

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
    const server = createServer(handler)
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () =>
            resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
        )
    )
}

function expectClean(out: string): void {
    expect(out).not.toContain('[object Object]')
    expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/)
    expect(out).not.toMatch(/ \/ [A-Z]/)
}

let sim: RunningSimulator
let html: { server: Server; url: string }
let closedUrl: string
beforeAll(async () => {
    sim = await startDemo()
    html = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html><body>Connexion au portail Wi-Fi</body></html>')
    })
    const closed = await listen(() => undefined)
    closedUrl = closed.url
    await new Promise((r) => closed.server.close(r))
}, 120_000)
afterAll(async () => {
    await sim?.close()
    await new Promise((r) => html?.server.close(r))
})

describe('DHIS2 connection errors in words', () => {
    const file = fixture('kadiolo-2024-01-long.xlsx')

    it('a refused password: « identifiant ou mot de passe DHIS2 refusé », in the chosen language', async () => {
        // not the account the other tests use: DHIS2 locks an account after repeated failed logins
        const env = {
            DHIS2_BASE_URL: sim.url,
            DHIS2_USERNAME: 'planificateur',
            DHIS2_PASSWORD: 'wrong-Pw-551',
        }
        const fr = await run(['validate', file, '--state-dir', tempState()], env)
        expect(fr.code).toBe(1)
        expect(fr.stderr).toMatch(
            /^Erreur : Identifiant ou mot de passe DHIS2 refusé par http:\/\/(127\.0\.0\.1|localhost):\d+\./
        )
        expect(fr.stderr).toMatch(/→ Vérifiez DHIS2_USERNAME et DHIS2_PASSWORD/)
        expectClean(fr.stderr)
        const en = await run(['validate', file, '--state-dir', tempState(), '--lang', 'en', '--json'], env)
        expect(en.code).toBe(1)
        const body = JSON.parse(en.stdout) as { error: string; hint: string; exitCode: number }
        expect(body.error).toMatch(/^DHIS2 username or password refused/)
        expect(body.exitCode).toBe(1)
        for (const out of [fr.stdout, fr.stderr, en.stdout, en.stderr])
            expect(out).not.toContain('wrong-Pw-551')
    }, 60_000)

    it('nothing listening: « DHIS2 injoignable à cette adresse »', async () => {
        const env = { DHIS2_BASE_URL: closedUrl, DHIS2_TOKEN: 'd2p_x' }
        const r = await run(['validate', file, '--state-dir', tempState()], env)
        expect(r.code).toBe(1)
        expect(r.stderr).toContain(`Erreur : DHIS2 injoignable à cette adresse : ${closedUrl}.`)
        expectClean(r.stderr)
    }, 60_000)

    it('a web page instead of the API: « cette adresse ne répond pas comme DHIS2 »', async () => {
        const env = { DHIS2_BASE_URL: html.url, DHIS2_TOKEN: 'd2p_x' }
        const r = await run(['validate', file, '--state-dir', tempState()], env)
        expect(r.code).toBe(1)
        expect(r.stderr).toMatch(
            /Erreur : Cette adresse ne répond pas comme DHIS2 : http:\/\/127\.0\.0\.1:\d+ \(page web/
        )
        expect(r.stderr).not.toContain('Wi-Fi')
        expectClean(r.stderr)
        const en = await run(['refresh-metadata', '--state-dir', tempState(), '--lang', 'en'], env)
        expect(en.stderr).toMatch(/Error : This address does not answer like DHIS2/)
        expectClean(en.stderr)
    }, 60_000)

    it('an account without the right: the 403 in words', () => {
        const e = new Dhis2Error('forbidden', 'HTTP 403 on dataValueSets', 403)
        e.baseUrl = 'https://dhis2.example.org'
        e.path = 'dataValueSets'
        const text = explainDhis2Error(e)
        expect(text.text.fr).toBe(
            'Le compte DHIS2 n’a pas le droit de faire cette opération sur https://dhis2.example.org (envoi des valeurs).'
        )
        expect(text.text.en).toMatch(/not allowed .* \(sending values\)/)
    })

    it('start-up GETs are tried again through a short outage', async () => {
        let calls = 0
        const flaky = await listen((_req, res) => {
            calls++
            if (calls <= 2) {
                res.writeHead(503, { 'content-type': 'text/html' })
                res.end('<html>busy</html>')
                return
            }
            res.writeHead(200, { 'content-type': 'application/json' })
            res.end(JSON.stringify({ version: '2.41.3' }))
        })
        try {
            const client = new Dhis2Client({
                baseUrl: flaky.url,
                auth: { kind: 'token', token: 't' },
                getRetry: { attempts: 4, baseDelayMs: 10 },
            })
            expect(await client.get('system/info')).toEqual({ version: '2.41.3' })
            expect(calls).toBe(3)
            // a refusal is not retried
            const once = new Dhis2Client({
                baseUrl: sim.url,
                auth: { kind: 'basic', username: 'drs.sikasso', password: 'nope' },
                getRetry: { attempts: 4, baseDelayMs: 10 },
            })
            await expect(once.get('system/info')).rejects.toMatchObject({ kind: 'unauthorized' })
        } finally {
            await new Promise((r) => flaky.server.close(r))
        }
    })
})

describe('convert --out -', () => {
    it('keeps stdout one valid JSON document; the report goes to stderr', async () => {
        const env = { DHIS2_BASE_URL: sim.url, DHIS2_USERNAME: 'bridge', DHIS2_PASSWORD: 'Bridge@2024' }
        for (const extra of [[], ['--json']]) {
            const r = await run(
                [
                    'convert',
                    fixture('sikasso-2024-01-long.json'),
                    '--out',
                    '-',
                    '--state-dir',
                    tempState(),
                    ...extra,
                ],
                env
            )
            expect(r.code, r.stderr.slice(-600)).toBe(0)
            const dvs = JSON.parse(r.stdout) as { dataValues: unknown[] }
            expect(dvs.dataValues).toHaveLength(168)
            expect(r.stderr).toMatch(extra.length ? /"command": "convert"/ : /Succès \(code 0\)/)
        }
    }, 60_000)
})
