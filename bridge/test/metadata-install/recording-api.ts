// A MetadataApi over the real simulator that remembers every call, so tests can check what was sent.
import { Dhis2Client } from '../../src/dhis2/client.js'
import { fromClient, type MetadataApi, type QueryParams } from '../../src/dhis2/metadata-api.js'

export interface Call {
    method: 'GET' | 'POST'
    path: string
    params: QueryParams
    body?: unknown
}

export function recordingApi(
    baseUrl: string,
    username = 'admin',
    password = 'district'
): { api: MetadataApi; calls: Call[] } {
    const inner = fromClient(new Dhis2Client({ baseUrl, auth: { kind: 'basic', username, password } }))
    const calls: Call[] = []
    return {
        calls,
        api: {
            get: (path, params = {}) => {
                calls.push({ method: 'GET', path, params })
                return inner.get(path, params)
            },
            post: (path, body, params = {}) => {
                calls.push({ method: 'POST', path, params, body })
                return inner.post(path, body, params)
            },
        },
    }
}
