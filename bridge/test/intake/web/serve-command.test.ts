// `bridge serve` as an operator runs it: the installed command, the service account from the
// environment like every other command, a page served, and a clean stop on SIGTERM and on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../../dhis2-sim/src/index.js'
import { startDemo, tempState } from '../../helpers/sim.js'

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'bridge.js')

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startDemo()
}, 60_000)

afterAll(async () => {
    await sim?.close()
})

function serve(stateDir: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--state-dir', stateDir], {
        env: {
            ...process.env,
            DHIS2_BASE_URL: sim.url,
            DHIS2_USERNAME: 'bridge',
            DHIS2_PASSWORD: 'Bridge@2024',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
    const url = new Promise<string>((resolve, reject) => {
        child.stdout?.on('data', (d: Buffer) => {
            out += d.toString()
            const m = /Service de dépôt prêt : (http:\/\/\S+)/.exec(out)
            if (m?.[1]) resolve(m[1])
        })
        child.on('exit', (code) =>
            reject(new Error(`bridge serve exited (${code}) before listening:\n${out}`))
        )
    })
    return { child, url, output: () => out }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
}

describe('bridge serve', () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        it(`serves the login page and stops cleanly on ${signal}`, async () => {
            const stateDir = tempState()
            const { child, url, output } = serve(stateDir)
            try {
                const base = await url
                const page = await fetch(`${base}/connexion`)
                expect(page.status).toBe(200)
                expect(await page.text()).toContain('Connectez-vous avec votre compte DHIS2')
                const done = exited(child)
                child.kill(signal)
                expect(await done).toEqual({ code: 0, signal: null })
                expect(output()).toContain('Arrêt du service')
                expect(output()).not.toContain('Bridge@2024')
                await expect(fetch(`${base}/connexion`)).rejects.toThrow()
            } finally {
                if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
            }
        }, 90_000)
    }

    it('says in French what is missing when no DHIS2 is configured', async () => {
        const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--state-dir', tempState()], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
            stdio: ['ignore', 'pipe', 'pipe'],
        })
        let err = ''
        child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
        const { code } = await exited(child)
        expect(code).toBe(1)
        expect(err).toMatch(/^Erreur : Adresse DHIS2 manquante/m)
        expect(err).toContain('DHIS2_BASE_URL')
    }, 60_000)
})
