// runServe, the work of `bridge serve` without the process around it: which database it opens (the
// option, else BRIDGE_DATABASE_URL, else SQLite in the state folder), what it says once listening, and
// that stopping it closes the port. The command itself (signals, exit codes) is web/serve-command.test.ts.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { runServe, type ServeOptions } from '../../src/intake/handler.js'
import { as, startDemo, tempState } from '../helpers/sim.js'
import { BRIDGE } from './helpers.js'

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startDemo()
}, 60_000)

afterAll(async () => {
    await sim?.close()
})

function options(stateDir: string, more: Partial<ServeOptions> = {}): ServeOptions {
    return {
        dhis2: as(sim, ...BRIDGE),
        port: 0,
        host: '127.0.0.1',
        stateDir,
        trustProxy: false,
        idleMinutes: 30,
        env: {},
        ...more,
    }
}

describe('runServe', () => {
    it('serves the login page, says where, and stops listening when stopped', async () => {
        const stateDir = tempState()
        const running = await runServe(options(stateDir))
        try {
            expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
            expect(running.message).toEqual({
                fr: `Service de dépôt prêt : ${running.url} (Ctrl+C pour arrêter)`,
                en: `Intake service ready: ${running.url} (Ctrl+C to stop)`,
            })
            const page = await fetch(`${running.url}/connexion`)
            expect(page.status).toBe(200)
            expect(await page.text()).toContain('Connectez-vous avec votre compte DHIS2')
            // no setting: the SQLite file of the state folder
            expect(existsSync(join(stateDir, 'bridge.sqlite'))).toBe(true)
        } finally {
            await running.stop()
        }
        await expect(fetch(`${running.url}/connexion`)).rejects.toThrow()
    })

    it('opens the database BRIDGE_DATABASE_URL names', async () => {
        const stateDir = tempState()
        const chosen = join(tempState(), 'from-env.sqlite')
        const running = await runServe(options(stateDir, { env: { BRIDGE_DATABASE_URL: chosen } }))
        await running.stop()
        expect(existsSync(chosen)).toBe(true)
        expect(existsSync(join(stateDir, 'bridge.sqlite'))).toBe(false)
    })

    it('prefers --database to BRIDGE_DATABASE_URL', async () => {
        const stateDir = tempState()
        const fromEnv = join(tempState(), 'from-env.sqlite')
        const fromOption = join(tempState(), 'from-option.sqlite')
        const running = await runServe(
            options(stateDir, { database: fromOption, env: { BRIDGE_DATABASE_URL: fromEnv } })
        )
        await running.stop()
        expect(existsSync(fromOption)).toBe(true)
        expect(existsSync(fromEnv)).toBe(false)
        expect(existsSync(join(stateDir, 'bridge.sqlite'))).toBe(false)
    })

    it('fails, and leaves nothing running, when the port is taken', async () => {
        const first = await runServe(options(tempState()))
        try {
            const port = Number(new URL(first.url).port)
            await expect(runServe(options(tempState(), { port }))).rejects.toThrow(
                /EADDRINUSE|address already in use/i
            )
        } finally {
            await first.stop()
        }
    })
})
