import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, OFFICER, smallSeed } from './seed.js'

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed() })
})
afterAll(async () => {
    await sim.close()
})

describe('injected faults', () => {
    it('answers 5xx and 429 with DHIS2/proxy-like bodies', async () => {
        sim.setFaults({ rate: 1, kinds: ['503'] })
        const unavailable = await fetch(sim.url + '/api/system/info', { headers: ADMIN })
        expect(unavailable.status).toBe(503)
        expect(await unavailable.text()).toContain('503 Service Temporarily Unavailable')
        sim.setFaults({ rate: 1, kinds: ['500'] })
        const error = await fetch(sim.url + '/api/system/info', {
            headers: { ...ADMIN, Accept: 'application/json' },
        })
        expect(error.status).toBe(500)
        expect(await error.json()).toMatchObject({ httpStatusCode: 500, status: 'ERROR' })
        sim.setFaults({ rate: 1, kinds: ['429'] })
        const limited = await fetch(sim.url + '/api/system/info', { headers: ADMIN })
        expect(limited.status).toBe(429)
        expect(limited.headers.get('retry-after')).toBe('1')
        // Only /api is affected.
        const page = await fetch(sim.url + '/dhis-web-login/')
        expect(page.status).toBe(200)
        sim.setFaults(null)
    })

    it('drops connections before or after processing', async () => {
        sim.setFaults({ rate: 1, kinds: ['drop'] })
        await expect(fetch(sim.url + '/api/system/info', { headers: ADMIN })).rejects.toThrow()
        sim.setFaults({ rate: 1, kinds: ['drop'], dropAfterProcessing: true })
        await expect(
            fetch(sim.url + '/api/dataStore/faults/after', {
                method: 'PUT',
                headers: { ...ADMIN, 'Content-Type': 'application/json' },
                body: '"applied"',
            })
        ).rejects.toThrow()
        sim.setFaults(null)
        const stored = await fetch(sim.url + '/api/dataStore/faults/after', { headers: ADMIN })
        expect(await stored.json()).toBe('applied')
    })

    it('never answers a timed-out request', async () => {
        sim.setFaults({ rate: 1, kinds: ['timeout'] })
        await expect(
            fetch(sim.url + '/api/system/info', { headers: ADMIN, signal: AbortSignal.timeout(300) })
        ).rejects.toThrow()
        sim.setFaults(null)
    })

    it('draws deterministically from the seed and honours path prefixes', async () => {
        const statuses = async () => {
            sim.setFaults({ rate: 0.5, kinds: ['503'], seed: 42, paths: ['system'] })
            const out: number[] = []
            for (let i = 0; i < 8; i++) out.push((await fetch(sim.url + '/api/system/ping')).status)
            out.push((await fetch(sim.url + '/api/me', { headers: ADMIN })).status)
            return out
        }
        const first = await statuses()
        expect(first).toEqual(await statuses())
        expect(first).toContain(503)
        expect(first).toContain(200)
        expect(first[8]).toBe(200)
        sim.setFaults(null)
    })

    it('is controlled at run time through /__sim/faults by administrators only', async () => {
        const body = JSON.stringify({ faults: { rate: 1, kinds: ['502'] }, latencyMs: 0 })
        const denied = await fetch(sim.url + '/__sim/faults', { method: 'POST', headers: OFFICER, body })
        expect(denied.status).toBe(403)
        const set = await fetch(sim.url + '/__sim/faults', { method: 'POST', headers: ADMIN, body })
        expect(set.status).toBe(200)
        expect((await fetch(sim.url + '/api/system/info', { headers: ADMIN })).status).toBe(502)
        await fetch(sim.url + '/__sim/faults', { method: 'POST', headers: ADMIN, body: '{"faults":null}' })
        expect((await fetch(sim.url + '/api/system/info', { headers: ADMIN })).status).toBe(200)
    })

    it('releases hanging requests on close()', async () => {
        const other = await startSimulator({
            port: 0,
            dataDir: null,
            seed: smallSeed(),
            faults: { rate: 1, kinds: ['timeout'] },
        })
        const pending = fetch(other.url + '/api/system/info', { headers: ADMIN })
        await new Promise((resolve) => setTimeout(resolve, 100))
        await other.close()
        await expect(pending).rejects.toThrow()
    })
})
