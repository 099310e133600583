// Contract tests for reading complete registrations (GET /api/completeDataSetRegistrations), written from the
// assertions of web-test CompleteDataSetRegistrationControllerTest (tag 2.41.3) and, where no test asserts the
// behaviour, from DefaultCompleteDataSetRegistrationExchangeService#validate / #decideAccess (named in the test).
// docs/dhis2-api.md §11.
import { describe, expect, it } from 'vitest'
import { call, COC, DS, fixture, NOW, OU, type Fixture } from './fixture.js'

async function read(f: Fixture, query: Record<string, string>, user = 'admin') {
    const response = await call(f, 'GET', 'completeDataSetRegistrations', { query, user })
    return { status: response.status, body: response.body as Record<string, unknown> }
}

function refusal(errorCode: string, message: string) {
    return {
        status: 409,
        body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message, errorCode },
    }
}

const NO_ORG_UNIT = 'At least one organisation unit or organisation unit group must be specified'

describe('GET /api/completeDataSetRegistrations (docs/dhis2-api.md §11)', () => {
    it('needs an org unit first (CompleteDataSetRegistrationControllerTest#testGetCompleteRegistrationsJsonNoQueryParams, #testGetCompleteRegistrationsJsonWithDataSetOnly)', async () => {
        const f = fixture()
        expect(await read(f, {})).toEqual(refusal('E2006', NO_ORG_UNIT))
        expect(await read(f, { dataSet: DS.monthly })).toEqual(refusal('E2006', NO_ORG_UNIT))
    })

    it('then a period (CompleteDataSetRegistrationControllerTest#testGetCompleteRegistrationsJsonWithDataSetAndOrgUnitOnly)', async () => {
        const f = fixture()
        expect(await read(f, { dataSet: DS.monthly, orgUnit: OU.facilityA })).toEqual(
            refusal(
                'E2002',
                'At least one period, start/end dates, last updated or last updated duration must be specified'
            )
        )
    })

    it('then a data set (CompleteDataSetRegistrationControllerTest#testGetCompleteRegistrationsJsonWithOrgUnitAndPeriodOnly)', async () => {
        const f = fixture()
        expect(await read(f, { orgUnit: OU.facilityA, period: '202309' })).toEqual(
            refusal('E2013', 'At least one data set must be specified')
        )
        // Unknown data sets are dropped before validation (paramsFromUrl), so they count as none.
        expect(await read(f, { dataSet: 'DsUnknown01', orgUnit: OU.facilityA, period: '202309' })).toEqual(
            refusal('E2013', 'At least one data set must be specified')
        )
    })

    it('answers {} when nothing is registered (CompleteDataSetRegistrationControllerTest#testGetEmptyCompleteRegistrationsJsonWithDataSetOrgUnitAndPeriod)', async () => {
        const f = fixture()
        expect(await read(f, { dataSet: DS.monthly, orgUnit: OU.facilityA, period: '202309' })).toEqual({
            status: 200,
            body: {},
        })
    })

    it('lists registrations under completeDataSetRegistrations once there are some (StreamingJsonCompleteDataSetRegistrations)', async () => {
        const f = fixture()
        await call(f, 'POST', 'completeDataSetRegistrations', {
            body: {
                completeDataSetRegistrations: [
                    {
                        dataSet: DS.monthly,
                        period: '202309',
                        organisationUnit: OU.facilityA,
                        date: '2023-10-02',
                    },
                ],
            },
        })
        const { status, body } = await read(f, {
            dataSet: DS.monthly,
            orgUnit: OU.facilityA,
            period: '202309',
        })
        expect(status).toBe(200)
        expect(Object.keys(body)).toEqual(['completeDataSetRegistrations'])
        expect(body.completeDataSetRegistrations).toEqual([
            expect.objectContaining({
                dataSet: DS.monthly,
                period: '202309',
                organisationUnit: OU.facilityA,
            }),
        ])
    })

    it('answers the last failing check of validate (DefaultCompleteDataSetRegistrationExchangeService#validate)', async () => {
        const f = fixture()
        // Nothing given but children: E2013, E2002, E2006 then E2008 fail; E2008 is answered.
        expect(await read(f, { children: 'true' })).toEqual(
            refusal('E2008', 'At least one organisation unit must be specified when children are included')
        )
        expect(await read(f, { dataSet: DS.monthly, orgUnitGroup: 'OugUnknown1', period: '202309' })).toEqual(
            refusal('E2006', NO_ORG_UNIT)
        )
        expect(
            await read(f, {
                dataSet: DS.monthly,
                orgUnit: OU.facilityA,
                startDate: '2024-02-01',
                endDate: '2024-01-01',
            })
        ).toEqual(refusal('E2004', 'Start date must be before end date'))
        expect(
            await read(f, { dataSet: DS.monthly, orgUnit: OU.facilityA, period: '202309', limit: '-1' })
        ).toEqual(refusal('E2009', 'Limit cannot be less than zero: `-1`'))
    })

    it("refuses an org unit outside the user's hierarchy (DefaultCompleteDataSetRegistrationExchangeService#decideAccess)", async () => {
        const f = fixture()
        expect(
            await read(f, { dataSet: DS.monthly, orgUnit: OU.districtB, period: '202309' }, 'district.a')
        ).toEqual(refusal('E2012', `User is not allowed to view org unit: \`${OU.districtB}\``))
        expect(
            await read(f, { dataSet: DS.monthly, orgUnit: OU.facilityA, period: '202309' }, 'district.a')
        ).toEqual({ status: 200, body: {} })
    })
})

// DELETE, from CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration and InputUtils
// (2.41.3): no web-test asserts these texts, the controller method is named in each test.
describe('DELETE /api/completeDataSetRegistrations (docs/dhis2-api.md §11)', () => {
    async function register(f: Fixture, dataSet: string, orgUnit: string, period = '202405') {
        const response = await call(f, 'POST', 'completeDataSetRegistrations', {
            body: { completeDataSetRegistrations: [{ dataSet, period, organisationUnit: orgUnit }] },
        })
        expect(response.status).toBe(200)
    }
    async function remove(f: Fixture, query: Record<string, string>, user = 'admin') {
        const response = await call(f, 'DELETE', 'completeDataSetRegistrations', { query, user })
        return { status: response.status, body: response.body as Record<string, unknown> | undefined }
    }
    function legacy(message: string) {
        return {
            status: 409,
            body: { httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message },
        }
    }
    const registered = (f: Fixture, dataSet: string, orgUnit: string, period = '202405') =>
        read(f, { dataSet, orgUnit, period }).then((answer) => answer.body)

    it('names the identifier it cannot find (CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration)', async () => {
        const f = fixture()
        expect(await remove(f, { ds: 'DsUnknown01', pe: '202405', ou: OU.facilityA })).toEqual(
            legacy('Illegal data set identifier in this list: [DsUnknown01]')
        )
        expect(await remove(f, { ds: DS.monthly, pe: '2024-5', ou: OU.facilityA })).toEqual(
            legacy('Illegal period identifier: 2024-5')
        )
        expect(await remove(f, { ds: DS.monthly, pe: '202405', ou: 'OuUnknown01' })).toEqual(
            legacy('Illegal organisation unit identifier: OuUnknown01')
        )
    })

    it('checks cc and cp together (InputUtils#getAttributeOptionCombo: E2040, E1110)', async () => {
        const f = fixture()
        expect(
            await remove(f, { ds: DS.monthly, pe: '202405', ou: OU.facilityA, cc: 'bjDvmb4bfuf' })
        ).toEqual(refusal('E2040', 'Both category combination and category options must be specified'))
        expect(
            await remove(f, { ds: DS.monthly, pe: '202405', ou: OU.facilityA, cc: 'CcUnknown01', cp: 'x' })
        ).toEqual(refusal('E1110', 'Category combo not found or not accessible: `CcUnknown01`'))
    })

    it('removes only registrations of data sets assigned to the org unit (CompleteDataSetRegistrationController#unRegisterCompleteDataSet)', async () => {
        const f = fixture()
        await register(f, DS.monthly, OU.facilityA)
        expect(await remove(f, { ds: DS.monthly, pe: '202405', ou: OU.facilityA })).toEqual({
            status: 204,
            body: undefined,
        })
        expect(await registered(f, DS.monthly, OU.facilityA)).toEqual({})
        // A registration that exists for an unassigned pair stays (here written straight into the store).
        f.db.completeRegistrations.put({
            dataSet: DS.mutuelle,
            period: '202405',
            organisationUnit: OU.facilityA,
            attributeOptionCombo: COC.default,
            completed: true,
            date: NOW.toISOString(),
            storedBy: 'admin',
            lastUpdated: NOW.toISOString(),
        })
        expect((await remove(f, { ds: DS.mutuelle, pe: '202405', ou: OU.facilityA })).status).toBe(204)
        expect(f.db.completeRegistrations.get(DS.mutuelle, '202405', OU.facilityA, COC.default)).toBeDefined()
    })

    it('refuses a locked data set to a user without F_EDIT_EXPIRED (DefaultDataSetService#getLockStatus)', async () => {
        const f = fixture()
        // 202401 ended more than expiryDays (10) before NOW.
        await register(f, DS.expiring, OU.facilityA, '202401')
        expect(await remove(f, { ds: DS.expiring, pe: '202401', ou: OU.facilityA }, 'francais')).toEqual(
            legacy(`Locked Data set(s) : ${DS.expiring}`)
        )
        expect((await remove(f, { ds: DS.expiring, pe: '202401', ou: OU.facilityA })).status).toBe(204)
    })

    it("does not apply the user's hierarchy: DHIS2 has no such check on DELETE (CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration)", async () => {
        const f = fixture()
        await register(f, DS.monthly, OU.facilityB)
        expect(
            (await remove(f, { ds: DS.monthly, pe: '202405', ou: OU.facilityB }, 'district.a')).status
        ).toBe(204)
        expect(await registered(f, DS.monthly, OU.facilityB)).toEqual({})
    })
})
