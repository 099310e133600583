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

async function call(method: string, path: string, body?: string, headers: Record<string, string> = ADMIN) {
    const response = await fetch(sim.url + path, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body,
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

describe('/api/dataStore (docs/dhis2-api.md §9.1)', () => {
    it('creates, reads, updates and deletes keys with DHIS2 texts', async () => {
        expect(await call('GET', '/api/dataStore/odd3-targets')).toEqual({
            status: 404,
            body: {
                httpStatus: 'Not Found',
                httpStatusCode: 404,
                status: 'ERROR',
                message: "Namespace not found: 'odd3-targets'",
                errorCode: 'E1005',
            },
        })
        const value = { indicateur: 'ODD-3.1.1', cible2030: 234 }
        expect(await call('POST', '/api/dataStore/odd3-targets/ML-3', JSON.stringify(value))).toEqual({
            status: 201,
            body: {
                httpStatus: 'Created',
                httpStatusCode: 201,
                status: 'OK',
                message: "Key created: 'ML-3'",
            },
        })
        const duplicate = await call('POST', '/api/dataStore/odd3-targets/ML-3', '{}')
        expect(duplicate.status).toBe(409)
        expect(duplicate.body).toMatchObject({
            status: 'ERROR',
            message: "Key 'ML-3' already exists in namespace 'odd3-targets'",
        })
        expect(await call('GET', '/api/dataStore/odd3-targets/ML-3')).toEqual({ status: 200, body: value })
        expect(await call('GET', '/api/dataStore/odd3-targets')).toEqual({ status: 200, body: ['ML-3'] })
        expect((await call('GET', '/api/dataStore')).body).toEqual(['odd3-targets'])

        const update = await call(
            'PUT',
            '/api/dataStore/odd3-targets/ML-3',
            JSON.stringify({ ...value, cible2030: 230 })
        )
        expect(update).toEqual({
            status: 200,
            body: { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', message: "Key updated: 'ML-3'" },
        })
        const upsert = await call('PUT', '/api/dataStore/odd3-targets/ML-BKO', '"texte"')
        expect(upsert.status).toBe(201)
        expect(await call('GET', '/api/dataStore/odd3-targets/ML-BKO')).toEqual({
            status: 200,
            body: 'texte',
        })

        const invalid = await call('PUT', '/api/dataStore/odd3-targets/bad', '{nope')
        expect(invalid.status).toBe(400)
        expect((invalid.body as { message: string }).message).toBe("Invalid JSON value for key 'bad'")

        const meta = await call('GET', '/api/dataStore/odd3-targets/ML-3/metaData')
        expect(meta.body).toMatchObject({ namespace: 'odd3-targets', key: 'ML-3' })
        expect((meta.body as { value?: unknown }).value).toBeUndefined()

        const missing = await call('DELETE', '/api/dataStore/odd3-targets/nothing')
        expect(missing.status).toBe(404)
        expect((missing.body as { message: string }).message).toBe(
            "Key 'nothing' not found in namespace 'odd3-targets'"
        )
        expect((await call('DELETE', '/api/dataStore/odd3-targets/ML-BKO')).body).toMatchObject({
            message: "Key 'ML-BKO' deleted from namespace 'odd3-targets'",
        })
    })

    it('pages entries with ?fields=', async () => {
        for (let i = 0; i < 3; i++)
            await call('PUT', `/api/dataStore/paged/k${i}`, JSON.stringify({ n: i, x: 'y' }))
        expect((await call('GET', '/api/dataStore/paged?fields=n&pageSize=2')).body).toEqual({
            pager: { page: 1, pageSize: 2 },
            entries: [
                { key: 'k0', n: 0 },
                { key: 'k1', n: 1 },
            ],
        })
        expect((await call('GET', '/api/dataStore/paged?fields=.&headless=true')).body).toEqual([
            { key: 'k0', value: { n: 0, x: 'y' } },
            { key: 'k1', value: { n: 1, x: 'y' } },
            { key: 'k2', value: { n: 2, x: 'y' } },
        ])
        expect(await call('DELETE', '/api/dataStore/paged')).toMatchObject({
            status: 200,
            body: { message: "Namespace deleted: 'paged'" },
        })
        expect((await call('DELETE', '/api/dataStore/paged')).status).toBe(404)
    })
})

describe('/api/userDataStore (docs/dhis2-api.md §9.2)', () => {
    it('keeps keys per user with its own texts', async () => {
        expect(await call('POST', '/api/userDataStore/prefs/vue', '{"onglet":"carte"}', OFFICER)).toEqual({
            status: 201,
            body: {
                httpStatus: 'Created',
                httpStatusCode: 201,
                status: 'OK',
                message: "Key 'vue' in namespace 'prefs' created.",
            },
        })
        expect((await call('GET', '/api/userDataStore/prefs/vue', undefined, OFFICER)).body).toEqual({
            onglet: 'carte',
        })
        expect((await call('GET', '/api/userDataStore/prefs/vue')).status).toBe(404)
        expect((await call('GET', '/api/userDataStore/prefs/vue?username=mcd.kadiolo')).status).toBe(200)
        expect((await call('DELETE', '/api/userDataStore/prefs/vue', undefined, OFFICER)).body).toMatchObject(
            {
                message: "Key 'vue' deleted from the namespace 'prefs'.",
            }
        )
    })
})
