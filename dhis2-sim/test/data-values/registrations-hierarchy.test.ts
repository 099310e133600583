// What a district-scoped user (the demo's mcd.commune5, Bamako commune V) can do to another region's complete
// registrations on DHIS2 2.41.3, from the code of the three paths (no web-test covers them):
// - reads: DefaultCompleteDataSetRegistrationExchangeService#decideAccess refuses with E2012;
// - `completeDate` in a data value import: DefaultDataValueSetService#handleComplete and
//   DataValueSetImportValidator's data-set checks look at no hierarchy, so the registration is made;
// - DELETE: CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration checks the lock status only.
// docs/dhis2-api.md §11 (the products must not count on DHIS2 to stop the last two).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'

const NOW = new Date('2024-06-15T10:00:00.000Z')
const ADMIN = 'admin:district'
const OFFICER = 'mcd.commune5:Commune5@2024'

let sim: RunningSimulator
let dataSet = ''
let sikassoUnit = ''

function auth(credentials: string): Record<string, string> {
    return { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
}

async function call(who: string, method: string, path: string, body?: unknown) {
    const response = await fetch(sim.url + path, {
        method,
        headers: { ...auth(who), 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return {
        status: response.status,
        body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>),
    }
}

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo', now: () => NOW })
    const me = await call(OFFICER, 'GET', '/api/me?fields=organisationUnits[id,path]')
    const officer = (me.body as { organisationUnits: Array<{ id: string; path: string }> })
        .organisationUnits[0]!
    const officerUnit = officer.id
    // `/Mali/<region>/…`: the officer's region.
    const officerRegion = officer.path.split('/')[2]!
    // A data set the officer reports on, and one of its org units in another region.
    const sets = await call(
        ADMIN,
        'GET',
        '/api/dataSets?fields=id,periodType,organisationUnits[id,path]&paging=false&filter=periodType:eq:Monthly'
    )
    for (const candidate of (sets.body as { dataSets: Array<Record<string, unknown>> }).dataSets) {
        const units = candidate.organisationUnits as Array<{ id: string; path: string }>
        const mine = units.some((unit) => unit.path.includes(officerUnit))
        const other = units.find((unit) => !unit.path.includes(officerRegion))
        if (mine && other) {
            dataSet = candidate.id as string
            sikassoUnit = other.id
            break
        }
    }
    expect(dataSet).not.toBe('')
}, 120_000)
afterAll(async () => sim.close())

describe("a district officer and another region's complete registrations (docs/dhis2-api.md §11)", () => {
    it('registers completion through completeDate in a data value import, as DHIS2 does (DefaultDataValueSetService#handleComplete)', async () => {
        const imported = await call(OFFICER, 'POST', '/api/dataValueSets', {
            dataSet,
            period: '202405',
            orgUnit: sikassoUnit,
            completeDate: '2024-06-01',
            dataValues: [],
        })
        expect(imported.status).toBe(200)
        const response = (imported.body as { response?: Record<string, unknown> }).response ?? imported.body
        expect(response).toMatchObject({ dataSetComplete: '2024-06-01' })
        const read = await call(
            ADMIN,
            'GET',
            `/api/completeDataSetRegistrations?dataSet=${dataSet}&period=202405&orgUnit=${sikassoUnit}`
        )
        expect(read.body).toMatchObject({
            completeDataSetRegistrations: [{ dataSet, period: '202405', organisationUnit: sikassoUnit }],
        })
    })

    it('may not read them: 409 E2012 (DefaultCompleteDataSetRegistrationExchangeService#decideAccess)', async () => {
        const read = await call(
            OFFICER,
            'GET',
            `/api/completeDataSetRegistrations?dataSet=${dataSet}&period=202405&orgUnit=${sikassoUnit}`
        )
        expect(read).toEqual({
            status: 409,
            body: {
                httpStatus: 'Conflict',
                httpStatusCode: 409,
                status: 'ERROR',
                message: `User is not allowed to view org unit: \`${sikassoUnit}\``,
                errorCode: 'E2012',
            },
        })
    })

    it('may not register them with a direct POST (DefaultCompleteDataSetRegistrationExchangeService#validateOrgUnitInUserHierarchy)', async () => {
        const posted = await call(OFFICER, 'POST', '/api/completeDataSetRegistrations', {
            completeDataSetRegistrations: [{ dataSet, period: '202404', organisationUnit: sikassoUnit }],
        })
        expect(JSON.stringify(posted.body)).toContain(
            'Organisation unit is not in hierarchy of user: mcd.commune5'
        )
    })

    it('deletes them, as DHIS2 does: the DELETE checks locks, not the hierarchy (CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration)', async () => {
        const removed = await call(
            OFFICER,
            'DELETE',
            `/api/completeDataSetRegistrations?ds=${dataSet}&pe=202405&ou=${sikassoUnit}`
        )
        expect(removed.status).toBe(204)
        const read = await call(
            ADMIN,
            'GET',
            `/api/completeDataSetRegistrations?dataSet=${dataSet}&period=202405&orgUnit=${sikassoUnit}`
        )
        expect(read).toEqual({ status: 200, body: {} })
    })
})
