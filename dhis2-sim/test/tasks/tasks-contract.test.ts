// Contract tests of the task endpoints the bridge polls after an asynchronous import, written from dhis2-core's
// web-test SystemControllerTest (tag 2.41.3) and SystemController's task methods. Source: docs/dhis2-api.md §5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'

const ADMIN = { Authorization: 'Basic ' + Buffer.from('admin:district').toString('base64') }
let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'empty', serverVersion: '2.41.3' })
})
afterAll(async () => {
    await sim.close()
})

async function get(path: string) {
    const response = await fetch(`${sim.url}/api/${path}`, { headers: ADMIN })
    return { status: response.status, text: await response.text() }
}

describe('task notifications and summaries (web-test SystemControllerTest)', () => {
    it('testGetTasksExtendedJson: the tasks of a job type without any are an empty object', async () => {
        const { status, text } = await get('system/tasks/META_DATA_SYNC')
        expect(status).toBe(200)
        expect(JSON.parse(text)).toEqual({})
    })

    it('testGetTaskJsonByUid: the notifications of an unknown job are an empty array', async () => {
        const { status, text } = await get('system/tasks/META_DATA_SYNC/xyz')
        expect(status).toBe(200)
        expect(JSON.parse(text)).toEqual([])
    })

    it('testGetTaskSummaryExtendedJson: the summaries of a job type without any are an empty object', async () => {
        const { status, text } = await get('system/taskSummaries/META_DATA_SYNC')
        expect(status).toBe(200)
        expect(JSON.parse(text)).toEqual({})
    })

    it('testGetTaskSummaryJson: an unknown job has no summary (SystemController#getTaskSummaryJson: 200, no body)', async () => {
        // The dhis2-core test reads this answer as an empty object; the controller builds it without a body
        // (NotificationMap#getSummary is null for an unknown id), which is what a client receives.
        const { status, text } = await get('system/taskSummaries/DATAVALUE_IMPORT/xyz')
        expect(status).toBe(200)
        expect(text).toBe('')
    })
})
