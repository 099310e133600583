// Writes with a Content-Type the endpoint does not consume (issue 11): Spring's HttpMediaTypeNotSupportedException
// rendered by CrudControllerAdvice.httpMediaTypeNotSupportedExceptionHandler as a 415 WebMessage. The consumed
// types are those of DataValueSetController, CompleteDataSetRegistrationController,
// MetadataImportExportController, DatastoreController and AuthenticationController (dhis2-core 2.41.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, smallSeed } from './seed.js'

let v41: RunningSimulator
let v42: RunningSimulator

beforeAll(async () => {
    ;[v41, v42] = await Promise.all([
        startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion: '2.41.3' }),
        startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion: '2.42.3' }),
    ])
})
afterAll(async () => {
    await Promise.all([v41?.close(), v42?.close()])
})

async function send(
    sim: RunningSimulator,
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>
): Promise<{ status: number; json: Record<string, unknown> | null }> {
    const response = await fetch(sim.url + path, { method, headers, body })
    const text = await response.text()
    return {
        status: response.status,
        json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : null,
    }
}

const unsupported = (message: string) => ({
    httpStatus: 'Unsupported Media Type',
    httpStatusCode: 415,
    status: 'ERROR',
    message,
})

describe('writes with a Content-Type the endpoint does not consume', () => {
    it('answers 415 for a dataStore entry sent as text/plain (DatastoreController consumes JSON)', async () => {
        // fetch labels a string body text/plain;charset=UTF-8 when no type is given.
        const plain = await send(v41, 'POST', '/api/dataStore/essai/cle', '{"a":1}', ADMIN)
        expect(plain.status).toBe(415)
        expect(plain.json).toEqual(unsupported("Content type 'text/plain;charset=UTF-8' not supported"))
        const json = await send(v41, 'POST', '/api/dataStore/essai/cle', '{"a":1}', {
            ...ADMIN,
            'Content-Type': 'application/json',
        })
        expect(json.status).toBe(201)
        const put = await send(v41, 'PUT', '/api/dataStore/essai/cle', '{"a":2}', {
            ...ADMIN,
            'Content-Type': 'text/plain',
        })
        expect(put.status).toBe(415)
        expect(put.json?.message).toBe("Content type 'text/plain' not supported")
    })

    it('answers 415 for data value sets in a type DataValueSetController has no method for', async () => {
        const csv = await send(v41, 'POST', '/api/dataValueSets', 'dataelement,period\n', {
            ...ADMIN,
            'Content-Type': 'text/csv',
        })
        expect(csv.status).toBe(415)
        expect(csv.json).toEqual(unsupported("Content type 'text/csv' not supported"))
        const json = await send(v41, 'POST', '/api/dataValueSets', '{"dataValues":[]}', {
            ...ADMIN,
            'Content-Type': 'application/json;charset=UTF-8',
        })
        expect(json.status).not.toBe(415)
    })

    it('checks the charset a consumes value names (CONTENT_TYPE_JSON of complete registrations)', async () => {
        const latin1 = await send(v41, 'POST', '/api/completeDataSetRegistrations', '{}', {
            ...ADMIN,
            'Content-Type': 'application/json;charset=ISO-8859-1',
        })
        expect(latin1.status).toBe(415)
        expect(latin1.json?.message).toBe("Content type 'application/json;charset=ISO-8859-1' not supported")
        const metadata = await send(v41, 'POST', '/api/metadata', '{}', {
            ...ADMIN,
            'Content-Type': 'text/plain',
        })
        expect(metadata.status).toBe(415)
    })

    it('refuses a login without a JSON body type, naming application/octet-stream when none is sent', async () => {
        const none = await fetch(v41.url + '/api/auth/login', {
            method: 'POST',
            body: new Uint8Array(Buffer.from('{"username":"admin","password":"district"}')),
        })
        expect(none.status).toBe(415)
        expect(((await none.json()) as { message: string }).message).toBe(
            "Content type 'application/octet-stream' not supported"
        )
        const json = await send(
            v41,
            'POST',
            '/api/auth/login',
            '{"username":"admin","password":"district"}',
            {
                'Content-Type': 'application/json',
            }
        )
        expect(json.status).toBe(200)
    })

    it('authenticates first, and words the message as Spring 6 does in 2.42', async () => {
        const anonymous = await send(v41, 'POST', '/api/dataStore/essai/autre', '{}', {
            'X-Requested-With': 'XMLHttpRequest',
            'Content-Type': 'text/plain',
        })
        expect(anonymous.status).toBe(401)
        const modern = await send(v42, 'POST', '/api/dataStore/essai/cle', '{}', {
            ...ADMIN,
            'Content-Type': 'text/plain',
        })
        expect(modern.status).toBe(415)
        expect(modern.json?.message).toBe("Content-Type 'text/plain' is not supported")
    })
})
