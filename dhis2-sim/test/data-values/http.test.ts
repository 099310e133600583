// The data value endpoints over HTTP, against the real simulator with the Mali demo database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoOrgUnits } from '../../src/demo/index.js'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import type { Envelope, Summary } from './fixture.js'

const NOW = new Date('2024-06-15T10:00:00.000Z')
const ADMIN = 'Basic ' + Buffer.from('admin:district').toString('base64')
const COMMUNE5 = 'Basic ' + Buffer.from('mcd.commune5:Commune5@2024').toString('base64')

const units = demoOrgUnits()
const clinicC5 = units.find((unit) => unit.districtCode === 'ML-BKO-C5' && unit.type === 'CLINIQUE')
const labC5 = units.find((unit) => unit.districtCode === 'ML-BKO-C5' && unit.type === 'LABO')
const clinicElsewhere = units.find((unit) => unit.districtCode !== 'ML-BKO-C5' && unit.type === 'CLINIQUE')

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo', now: () => NOW })
    // Building the demo database (hundreds of thousands of values) takes a while on a small machine.
}, 60_000)

afterAll(async () => {
    await sim.close()
})

async function post(
    path: string,
    body: unknown,
    auth = ADMIN,
    contentType = 'application/json'
): Promise<{ status: number; body: Envelope; headers: Headers }> {
    const response = await fetch(`${sim.url}/api/${path}`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': contentType, 'X-Requested-With': 'XMLHttpRequest' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Envelope, headers: response.headers }
}

async function get(path: string, auth = ADMIN): Promise<{ status: number; text: string }> {
    const response = await fetch(`${sim.url}/api/${path}`, {
        headers: { Authorization: auth, 'X-Requested-With': 'XMLHttpRequest' },
    })
    return { status: response.status, text: await response.text() }
}

function importSummary(envelope: Envelope): Summary {
    if (!envelope.response) throw new Error(`No summary: ${JSON.stringify(envelope)}`)
    return envelope.response
}

describe('POST /api/41/dataValueSets on the demo database', () => {
    it('finds the demo units the tests need', () => {
        expect(clinicC5 && labC5 && clinicElsewhere).toBeTruthy()
    })

    it('stores the good value and reports the non-numeric one (409 WARNING, E7619 at index 1)', async () => {
        const payload = {
            dataValues: [
                {
                    dataElement: 'MUT_PRESTATIONS_MONTANT',
                    period: '202401',
                    orgUnit: clinicC5?.code,
                    value: '150000',
                },
                {
                    dataElement: 'MUT_PRESTATIONS_MONTANT',
                    period: '202402',
                    orgUnit: clinicC5?.code,
                    value: '12,5',
                },
            ],
        }
        const first = await post('41/dataValueSets?idScheme=CODE', payload)
        expect(first.status).toBe(409)
        expect(first.body).toMatchObject({ httpStatusCode: 409, status: 'WARNING' })
        const s = importSummary(first.body)
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 })
        expect(s.conflicts).toHaveLength(1)
        expect(s.conflicts[0]).toMatchObject({
            errorCode: 'E7619',
            indexes: [1],
            // The admin's UI locale is French.
            value: 'Value must match value type of data element `MUT_PRESTATIONS_MONTANT`: `La valeur est non numérique`',
        })
        const stored = await get(
            `dataValueSets.json?dataElement=MUT_PRESTATIONS_MONTANT&period=202401&orgUnit=${clinicC5?.code}&inputIdScheme=CODE`
        )
        expect(JSON.parse(stored.text)).toMatchObject({ dataValues: [{ value: '150000', period: '202401' }] })

        const again = importSummary((await post('41/dataValueSets?idScheme=CODE', payload)).body)
        expect(again.importCount).toEqual({ imported: 0, updated: 0, ignored: 2, deleted: 0 })
        expect(again.rejectedIndexes).toEqual([1])
    })

    it('refuses the running month with E7641', async () => {
        const s = importSummary(
            (
                await post('dataValueSets?idScheme=CODE', {
                    dataValues: [
                        { dataElement: 'CPN1', period: '202406', orgUnit: clinicC5?.code, value: '4' },
                    ],
                })
            ).body
        )
        expect(s.conflicts.map((c) => c.errorCode)).toEqual(['E7641'])
        expect(s.conflicts[0]?.value).toContain('is after latest open future period: `202405`')
    })

    it('lets mcd.commune5 write in Commune V and refuses another district with E7617', async () => {
        const response = await post(
            'dataValueSets?idScheme=CODE',
            {
                dataValues: [
                    { dataElement: 'CPN1', period: '202403', orgUnit: clinicC5?.code, value: '4' },
                    { dataElement: 'CPN1', period: '202403', orgUnit: clinicElsewhere?.code, value: '4' },
                ],
            },
            COMMUNE5
        )
        expect(response.status).toBe(409)
        const s = importSummary(response.body)
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts).toEqual([
            expect.objectContaining({ errorCode: 'E7617', indexes: [1], object: clinicElsewhere?.code }),
        ])
    })

    it('accepts an org unit outside the data sets unless strictOrganisationUnits=true (E7636)', async () => {
        const payload = (period: string) => ({
            dataValues: [{ dataElement: 'CPN1', period, orgUnit: labC5?.code, value: '2' }],
        })
        const lenient = await post('dataValueSets?idScheme=CODE', payload('202401'))
        expect(lenient.status).toBe(200)
        expect(importSummary(lenient.body).importCount.imported).toBe(1)
        const strict = await post(
            'dataValueSets?idScheme=CODE&strictOrganisationUnits=true',
            payload('202402')
        )
        expect(strict.status).toBe(409)
        expect(importSummary(strict.body).conflicts.map((c) => c.errorCode)).toEqual(['E7636'])
    })

    it('imports CSV and runs async imports to completion', async () => {
        const csv = `dataelement,period,orgunit,catoptcombo,attroptcombo,value\nCPN4,202401,${clinicC5?.code},,,9\n`
        const response = await post('dataValueSets?async=true&idScheme=CODE', csv, ADMIN, 'application/csv')
        expect(response.status).toBe(200)
        expect(response.headers.get('location')).toBe(`${sim.url}/api/system/tasks/DATAVALUE_IMPORT`)
        const job = response.body.response as unknown as { id: string; relativeNotifierEndpoint: string }
        let done = false
        for (let attempt = 0; attempt < 100 && !done; attempt++) {
            const poll = await get(job.relativeNotifierEndpoint.replace(/^\/api\//, ''))
            const notifications = JSON.parse(poll.text) as Array<{ completed: boolean; message: string }>
            done = notifications[0]?.completed === true
            if (!done) await new Promise((resolve) => setTimeout(resolve, 20))
        }
        expect(done).toBe(true)
        const summary = JSON.parse(
            (await get(`system/taskSummaries/DATAVALUE_IMPORT/${job.id}`)).text
        ) as Summary
        expect(summary).toMatchObject({
            responseType: 'ImportSummary',
            status: 'SUCCESS',
            importCount: { imported: 1 },
        })
    })

    it('registers completeness and shows it in the export header', async () => {
        const ds = await get('dataSets?filter=code:eq:DS_PRIVE_MENSUEL&fields=id')
        const dataSetId = (JSON.parse(ds.text) as { dataSets: Array<{ id: string }> }).dataSets[0]?.id
        const registration = await post('completeDataSetRegistrations', {
            completeDataSetRegistrations: [
                { dataSet: dataSetId, period: '202401', organisationUnit: clinicC5?.id, date: '2024-02-03' },
            ],
        })
        expect(registration.status).toBe(200)
        const exported = await get(`dataValueSets?dataSet=${dataSetId}&period=202401&orgUnit=${clinicC5?.id}`)
        expect(exported.status).toBe(200)
        const body = JSON.parse(exported.text) as { completeDate: string; dataValues: unknown[] }
        expect(body.completeDate).toBe('2024-02-03T00:00:00.000+0000')
        expect(body.dataValues.length).toBeGreaterThan(0)
    })
})
