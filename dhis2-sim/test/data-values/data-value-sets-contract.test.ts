// Contract tests of /api/dataValueSets, written from the assertions of dhis2-core's web-test
// DataValueSetControllerTest (tag 2.41.3) and the code it exercises (DataValueSetController,
// DefaultDataValueSetService#validate). Sources: docs/dhis2-api.md §2.1, §4.4, §5 and §6. The dhis2-core test
// writes some paths with a trailing slash (`/38/dataValueSets/`), which DHIS2 matches and the simulator does
// not (docs/dhis2-sim.md, known differences): the paths here have none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, OFFICER, smallSeed } from '../core/seed.js'

let empty: RunningSimulator
let small: RunningSimulator

const NO_SHARING_DATA_SET = 'DsNoShare01'

beforeAll(async () => {
    empty = await startSimulator({ port: 0, dataDir: null, seed: 'empty', serverVersion: '2.41.3' })
    const seed = smallSeed()
    // a data set created without sharing: public `rw------`, no data read for a non-superuser
    seed.metadata.dataSets?.push({
        id: NO_SHARING_DATA_SET,
        name: 'My data set',
        shortName: 'MDS',
        periodType: 'Monthly',
        categoryCombo: { id: 'bjDvmb4bfuf' },
    })
    small = await startSimulator({ port: 0, dataDir: null, seed, serverVersion: '2.41.3' })
})
afterAll(async () => {
    await empty.close()
    await small.close()
})

async function call(
    sim: RunningSimulator,
    method: string,
    path: string,
    body?: string,
    type = 'application/json'
) {
    const auth = sim === small ? OFFICER : ADMIN
    const response = await fetch(`${sim.url}/api/${path}`, {
        method,
        headers: { ...auth, ...(body !== undefined ? { 'Content-Type': type } : {}) },
        body,
    })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('POST /api/dataValueSets (web-test DataValueSetControllerTest)', () => {
    it('testPostJsonDataValueSet: {} on /38/ is 200 OK "Import was successful."', async () => {
        const { status, body } = await call(empty, 'POST', '38/dataValueSets', '{}')
        expect(status).toBe(200)
        expect(body).toMatchObject({
            httpStatus: 'OK',
            httpStatusCode: 200,
            status: 'OK',
            message: 'Import was successful.',
        })
    })

    it('testPostJsonDataValueSet_Async: the job envelope, message starting "Initiated DATAVALUE_IMPORT"', async () => {
        const { status, body } = await call(empty, 'POST', 'dataValueSets?async=true', '{}')
        expect(status).toBe(200)
        expect(body.httpStatusCode).toBe(200)
        expect(String(body.message)).toMatch(/^Initiated DATAVALUE_IMPORT/)
    })

    it('testPostJsonDataValueSet_Pre38: /37/ answers the bare ImportSummary, SUCCESS', async () => {
        const { status, body } = await call(empty, 'POST', '37/dataValueSets', '{}')
        expect(status).toBe(200)
        expect(body.responseType).toBe('ImportSummary')
        expect(body.status).toBe('SUCCESS')
    })

    it('testPostCsvDataValueSet: a CSV of one header row is 200 OK "Import was successful."', async () => {
        const { status, body } = await call(empty, 'POST', '38/dataValueSets', 'abc', 'application/csv')
        expect(status).toBe(200)
        expect(body).toMatchObject({ status: 'OK', message: 'Import was successful.' })
    })

    it('testPostCsvDataValueSet_Async and _Pre38', async () => {
        const async = await call(empty, 'POST', 'dataValueSets?async=true', 'abc', 'application/csv')
        expect(async.status).toBe(200)
        expect(String(async.body.message)).toMatch(/^Initiated DATAVALUE_IMPORT/)
        const pre38 = await call(empty, 'POST', '37/dataValueSets', 'abc', 'application/csv')
        expect(pre38.status).toBe(200)
        expect(pre38.body).toMatchObject({ responseType: 'ImportSummary', status: 'SUCCESS' })
    })
})

describe('GET /api/dataValueSets (web-test DataValueSetControllerTest)', () => {
    it('testGetDataValueSetJson: a superuser outside the unit’s hierarchy gets 409 E2012', async () => {
        const created = await call(
            empty,
            'POST',
            'organisationUnits',
            JSON.stringify({ name: 'My Unit', shortName: 'OU1', openingDate: '2020-01-01', code: 'OU1' })
        )
        expect(created.status).toBe(201)
        const ouId = (created.body.response as { uid: string }).uid
        const dataSet = await call(
            empty,
            'POST',
            'dataSets',
            JSON.stringify({ name: 'My data set', shortName: 'MDS', periodType: 'Monthly' })
        )
        expect(dataSet.status).toBe(201)
        const dsId = (dataSet.body.response as { uid: string }).uid
        const { status, body } = await call(
            empty,
            'GET',
            `dataValueSets?inputOrgUnitIdScheme=code&idScheme=name&orgUnit=OU1&period=2022-01&dataSet=${dsId}`
        )
        expect(status).toBe(409)
        // DefaultDataValueSetService#validate checks the data view hierarchy of every user, superusers too
        expect(body.message).toBe(`User is not allowed to view org unit: \`${ouId}\``)
        expect(body.errorCode).toBe('E2012')
    })

    it('testGetDataValueSetJsonWithNonAccessibleDataSet: no data read on the data set is 409 E2010', async () => {
        const { status, body } = await call(
            small,
            'GET',
            `dataValueSets?orgUnit=${IDS.kadiolo}&period=2022-01&dataSet=${NO_SHARING_DATA_SET}`
        )
        expect(status).toBe(409)
        expect(body.message).toBe(`User is not allowed to read data for data set: \`${NO_SHARING_DATA_SET}\``)
        expect(body.errorCode).toBe('E2010')
    })
})
