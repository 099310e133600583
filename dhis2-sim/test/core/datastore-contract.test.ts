// Contract tests for /api/dataStore key lists, written from the assertions of web-test DatastoreControllerTest
// and DatastoreFieldsControllerTest (tag 2.41.3), or from the DatastoreController method they exercise.
// docs/dhis2-api.md §9.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, smallSeed } from './seed.js'

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed() })
    for (const [key, value] of [
        ['cat', { name: 'Miao', age: 9 }],
        ['dog', { name: 'Wuff', age: 3 }],
        ['pig', { name: 'Oink', age: 2 }],
    ] as const) {
        await call('POST', `/api/dataStore/pets/${key}`, JSON.stringify(value))
    }
})
afterAll(async () => {
    await sim.close()
})

async function call(method: string, path: string, body?: string) {
    const response = await fetch(sim.url + path, {
        method,
        headers: { ...ADMIN, 'Content-Type': 'application/json' },
        body,
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

describe('dataStore key lists (docs/dhis2-api.md §9.1)', () => {
    it('lists keys at /{ns} and /{ns}/keys (DatastoreControllerTest#testGetKeysInNamespace, DatastoreController#getKeysInNamespace)', async () => {
        expect(await call('GET', '/api/dataStore/pets')).toEqual({ status: 200, body: ['cat', 'dog', 'pig'] })
        expect(await call('GET', '/api/dataStore/pets/keys')).toEqual({
            status: 200,
            body: ['cat', 'dog', 'pig'],
        })
        // `fields` belongs to /{ns} only; /keys stays a plain list.
        expect(await call('GET', '/api/dataStore/pets/keys?fields=name')).toEqual({
            status: 200,
            body: ['cat', 'dog', 'pig'],
        })
    })

    it('answers 404 for a missing namespace on both paths (DatastoreControllerTest#testGetKeysInNamespace_MustExist)', async () => {
        for (const path of ['/api/dataStore/missing', '/api/dataStore/missing/keys']) {
            const { status, body } = await call('GET', path)
            expect(status).toBe(404)
            expect(body).toMatchObject({ message: "Namespace not found: 'missing'" })
        }
    })

    it('filters keys by lastUpdated (DatastoreControllerTest#testGetKeysInNamespace_LastUpdatedFilter)', async () => {
        const nextYear = new Date().getUTCFullYear() + 1
        expect(await call('GET', `/api/dataStore/pets?lastUpdated=${nextYear}`)).toEqual({
            status: 200,
            body: [],
        })
        expect(await call('GET', `/api/dataStore/pets/keys?lastUpdated=${nextYear}`)).toEqual({
            status: 200,
            body: [],
        })
        expect(await call('GET', '/api/dataStore/pets?lastUpdated=2000-01-01')).toEqual({
            status: 200,
            body: ['cat', 'dog', 'pig'],
        })
    })

    it('deletes an existing key on a PUT without body in 2.41 (DatastoreController#putEntry: optional body, HibernateDatastoreStore#updateEntry sets the root to null = delete)', async () => {
        expect((await call('POST', '/api/dataStore/scratch/tmp', '{"a":1}')).status).toBe(201)
        expect(await call('PUT', '/api/dataStore/scratch/tmp')).toMatchObject({
            status: 200,
            body: { message: "Key updated: 'tmp'" },
        })
        expect((await call('GET', '/api/dataStore/scratch/tmp')).status).toBe(404)
    })

    it('keeps the object with paging=false and gives a bare list with headless=true (DatastoreFieldsControllerTest#testFields_Paging; the pager AbstractDatastoreController#writeEntries always writes)', async () => {
        const list = await call('GET', '/api/dataStore/pets?fields=age&paging=false')
        expect(list).toEqual({
            status: 200,
            body: {
                pager: { page: 1, pageSize: 50 },
                entries: [
                    { key: 'cat', age: 9 },
                    { key: 'dog', age: 3 },
                    { key: 'pig', age: 2 },
                ],
            },
        })
        const headless = await call('GET', '/api/dataStore/pets?fields=age&paging=false&headless=true')
        expect(headless.body).toEqual([
            { key: 'cat', age: 9 },
            { key: 'dog', age: 3 },
            { key: 'pig', age: 2 },
        ])
    })
})
