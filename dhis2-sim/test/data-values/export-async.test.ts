import { describe, expect, it } from 'vitest'
import { COC, call, DE, DS, fixture, OU, type Fixture, type Summary } from './fixture.js'

async function load(f: Fixture): Promise<void> {
    await call(f, 'POST', 'dataValueSets', {
        body: {
            dataValues: [
                {
                    dataElement: DE.number,
                    period: '202401',
                    orgUnit: OU.facilityA,
                    value: '10',
                    comment: 'ok',
                },
                {
                    dataElement: DE.sex,
                    period: '202401',
                    orgUnit: OU.facilityA,
                    categoryOptionCombo: COC.male,
                    value: '3',
                },
                { dataElement: DE.number, period: '202402', orgUnit: OU.facilityA, value: '11' },
                { dataElement: DE.number, period: '202401', orgUnit: OU.facilityB, value: '20' },
                {
                    dataElement: DE.mutuelle,
                    period: '202401',
                    orgUnit: OU.districtA,
                    attributeOptionCombo: COC.mutA,
                    value: '7',
                },
            ],
        },
    })
}

interface ExportBody {
    dataSet?: string
    completeDate?: string | null
    period?: string
    orgUnit?: string
    dataValues: Array<Record<string, unknown>>
}

describe('GET /api/dataValueSets', () => {
    it('uses the header form for one data set, period and org unit', async () => {
        const f = fixture()
        await load(f)
        await call(f, 'POST', 'completeDataSetRegistrations', {
            body: {
                completeDataSetRegistrations: [
                    {
                        dataSet: DS.monthly,
                        period: '202401',
                        organisationUnit: OU.facilityA,
                        date: '2024-02-03',
                    },
                ],
            },
        })
        const response = await call(f, 'GET', 'dataValueSets', {
            query: { dataSet: DS.monthly, period: '202401', orgUnit: OU.facilityA },
        })
        expect(response.status).toBe(200)
        const body = JSON.parse(String(response.body)) as ExportBody
        expect(Object.keys(body)).toEqual(['dataSet', 'completeDate', 'period', 'orgUnit', 'dataValues'])
        expect(body.completeDate).toBe('2024-02-03T00:00:00.000+0000')
        expect(body.dataValues).toHaveLength(2)
        const first = body.dataValues.find((v) => v.dataElement === DE.number)
        expect(Object.keys(first ?? {})).toEqual([
            'dataElement',
            'period',
            'orgUnit',
            'categoryOptionCombo',
            'attributeOptionCombo',
            'value',
            'storedBy',
            'created',
            'lastUpdated',
            'comment',
            'followup',
        ])
        expect(first).toMatchObject({ value: '10', comment: 'ok', followup: false, storedBy: 'admin' })
        expect(first?.created).toBe('2024-06-15T10:00:00.000+0000')
        const sex = body.dataValues.find((v) => v.dataElement === DE.sex)
        expect(sex?.comment).toBeNull()
    })

    it('lists values without header for several org units, with children, deleted rows and codes', async () => {
        const f = fixture()
        await load(f)
        await call(f, 'POST', 'dataValueSets', {
            body: {
                dataValues: [{ dataElement: DE.number, period: '202402', orgUnit: OU.facilityA, value: '0' }],
            },
        })
        const children = JSON.parse(
            String(
                (
                    await call(f, 'GET', 'dataValueSets', {
                        query: new URLSearchParams([
                            ['dataSet', DS.monthly],
                            ['startDate', '2024-01-01'],
                            ['endDate', '2024-12-31'],
                            ['orgUnit', OU.region],
                            ['children', 'true'],
                        ]),
                    })
                ).body
            )
        ) as ExportBody
        expect(Object.keys(children)).toEqual(['dataValues'])
        expect(children.dataValues).toHaveLength(3)

        const withDeleted = JSON.parse(
            String(
                (
                    await call(f, 'GET', 'dataValueSets', {
                        query: {
                            dataElement: DE.number,
                            period: '202402',
                            orgUnit: OU.facilityA,
                            includeDeleted: 'true',
                            idScheme: 'CODE',
                        },
                    })
                ).body
            )
        ) as ExportBody
        expect(withDeleted.dataValues).toEqual([
            expect.objectContaining({
                dataElement: 'DE_NUMBER',
                orgUnit: 'FS-A-001',
                categoryOptionCombo: 'default',
                deleted: true,
            }),
        ])
    })

    it('validates the parameters with E2001-E2012 and 409', async () => {
        const f = fixture()
        const cases: Array<[Record<string, string>, string, string]> = [
            [
                { period: '202401', orgUnit: OU.facilityA },
                'E2001',
                'At least one data element, data set or data element group must be specified',
            ],
            [
                { dataSet: DS.monthly, orgUnit: OU.facilityA },
                'E2002',
                'At least one period, start/end dates, last updated or last updated duration must be specified',
            ],
            [
                {
                    dataSet: DS.monthly,
                    period: '202401',
                    startDate: '2024-01-01',
                    endDate: '2024-02-01',
                    orgUnit: OU.facilityA,
                },
                'E2003',
                'Both periods and start/end date cannot be specified',
            ],
            [
                {
                    dataSet: DS.monthly,
                    startDate: '2024-03-01',
                    endDate: '2024-02-01',
                    orgUnit: OU.facilityA,
                },
                'E2004',
                'Start date must be before end date',
            ],
            [
                { dataSet: DS.monthly, lastUpdatedDuration: '10x', orgUnit: OU.facilityA },
                'E2005',
                'Duration is not valid: `10x`',
            ],
            [
                { dataSet: DS.monthly, period: '202401' },
                'E2006',
                'At least one organisation unit or organisation unit group must be specified',
            ],
            [
                { dataSet: DS.monthly, period: '202401', orgUnitGroup: 'OugPublic01', children: 'true' },
                'E2007',
                'Organisation unit children cannot be included for organisation unit groups',
            ],
            [
                { dataSet: DS.monthly, period: '202401', orgUnit: OU.facilityA, limit: '-1' },
                'E2009',
                'Limit cannot be less than zero: `-1`',
            ],
        ]
        for (const [query, code, message] of cases) {
            const response = await call(f, 'GET', 'dataValueSets', { query })
            expect(response.status, code).toBe(409)
            expect(response.body).toMatchObject({
                httpStatusCode: 409,
                status: 'ERROR',
                errorCode: code,
                message,
            })
        }
        const notMine = await call(f, 'GET', 'dataValueSets', {
            user: 'district.a',
            query: { dataSet: DS.monthly, period: '202401', orgUnit: OU.facilityB },
        })
        expect(notMine.body).toMatchObject({ errorCode: 'E2012' })
        const noRead = await call(f, 'GET', 'dataValueSets', {
            user: 'district.a',
            query: { dataSet: DS.expiring, period: '202401', orgUnit: OU.facilityA },
        })
        expect(noRead.body).toMatchObject({ errorCode: 'E2010' })
    })

    it('exports CSV and filters by org unit group and last updated', async () => {
        const f = fixture()
        await load(f)
        const response = await call(f, 'GET', 'dataValueSets', {
            format: 'csv',
            query: { dataSet: DS.monthly, lastUpdatedDuration: '1d', orgUnitGroup: 'OugPublic01' },
        })
        const lines = String(response.body).trim().split('\n')
        expect(lines[0]).toBe(
            'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup,deleted'
        )
        expect(lines).toHaveLength(5)
        expect(lines).toContain(
            `${DE.number},202401,${OU.facilityB},${COC.default},${COC.default},20,admin,2024-06-15T10:00:00.000+0000,,false,`
        )
    })
})

describe('async import and the task endpoints', () => {
    it('starts a DATAVALUE_IMPORT job, then reports notifications and the summary', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'dataValueSets', {
            query: { async: 'true' },
            body: {
                dataValues: [
                    { dataElement: DE.number, period: '202401', orgUnit: OU.facilityA, value: '12' },
                    { dataElement: DE.number, period: '202401', orgUnit: OU.facilityB, value: 'x' },
                ],
            },
        })
        expect(response.status).toBe(200)
        expect(response.headers?.Location).toBe('http://localhost:8080/api/system/tasks/DATAVALUE_IMPORT')
        const body = response.body as {
            status: string
            message: string
            response: { id: string; jobType: string; relativeNotifierEndpoint: string; name: string }
        }
        expect(body.status).toBe('OK')
        expect(body.message).toMatch(/^Initiated DATAVALUE_IMPORT \(\d+\)$/)
        expect(body.response).not.toHaveProperty('responseType')
        const id = body.response.id
        expect(body.response.relativeNotifierEndpoint).toBe(`/api/system/tasks/DATAVALUE_IMPORT/${id}`)

        let notifications: Array<{ completed: boolean; message: string; category: string; level: string }> =
            []
        for (let attempt = 0; attempt < 100; attempt++) {
            const poll = await call(f, 'GET', `system/tasks/DATAVALUE_IMPORT/${id}`)
            notifications = poll.body as typeof notifications
            if (notifications[0]?.completed) break
            await new Promise((resolve) => setTimeout(resolve, 10))
        }
        expect(notifications[0]).toMatchObject({
            completed: true,
            category: 'DATAVALUE_IMPORT',
            level: 'INFO',
            message: 'Import complete with status WARNING, 1 created, 0 updated, 0 deleted, 1 ignored',
        })
        expect(notifications.map((n) => n.message).slice(1)).toEqual([
            'Importing data...',
            'Loading file content',
            'Loading file resource',
            'Data value set import',
        ])

        const taskSummary = (await call(f, 'GET', `system/taskSummaries/DATAVALUE_IMPORT/${id}`))
            .body as Summary
        expect(taskSummary.responseType).toBe('ImportSummary')
        expect(taskSummary.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 })
        expect(taskSummary.conflicts[0]?.indexes).toEqual([1])

        const byType = (await call(f, 'GET', 'system/taskSummaries/DATAVALUE_IMPORT')).body as Record<
            string,
            unknown
        >
        expect(Object.keys(byType)).toEqual([id])
        expect((await call(f, 'GET', 'system/tasks/DATAVALUE_IMPORT/NoSuchJob01')).body).toEqual([])
    })
})

describe('/api/completeDataSetRegistrations', () => {
    it('imports, updates and reports legacy conflicts with 200 SUCCESS', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'completeDataSetRegistrations', {
            body: {
                completeDataSetRegistrations: [
                    {
                        dataSet: DS.monthly,
                        period: '202401',
                        organisationUnit: OU.facilityA,
                        date: '2024-02-03',
                        storedBy: 'bridge',
                    },
                    { dataSet: 'DsUnknown01', period: '202401', organisationUnit: OU.facilityA },
                    { dataSet: DS.monthly, period: '2024-13', organisationUnit: OU.facilityA },
                ],
            },
        })
        expect(response.status).toBe(200)
        expect(response.body).toMatchObject({ status: 'OK', message: 'Import was successful.' })
        const s = (response.body as { response: Summary }).response
        expect(s.status).toBe('SUCCESS')
        expect(s.description).toBe('Import process complete.')
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 2, deleted: 0 })
        expect(s.conflicts).toEqual([
            { object: 'DsUnknown01', objects: {}, value: 'Data set not found or not accessible' },
            { object: '2024-13', objects: {}, value: 'Period not valid' },
        ])
        const again = (
            await call(f, 'POST', 'completeDataSetRegistrations', {
                body: {
                    completeDataSetRegistrations: [
                        { dataSet: DS.monthly, period: '202401', organisationUnit: OU.facilityA },
                    ],
                },
            })
        ).body as { response: Summary }
        expect(again.response.importCount.updated).toBe(1)

        const list = (
            await call(f, 'GET', 'completeDataSetRegistrations', {
                query: { dataSet: DS.monthly, period: '202401', orgUnit: OU.region, children: 'true' },
            })
        ).body as { completeDataSetRegistrations: Array<Record<string, unknown>> }
        expect(list.completeDataSetRegistrations).toEqual([
            expect.objectContaining({
                dataSet: DS.monthly,
                period: '202401',
                organisationUnit: OU.facilityA,
                completed: true,
            }),
        ])

        const deleted = await call(f, 'DELETE', 'completeDataSetRegistrations', {
            query: { ds: DS.monthly, pe: '202401', ou: OU.facilityA },
        })
        expect(deleted.status).toBe(204)
        expect(
            f.db.completeRegistrations.get(DS.monthly, '202401', OU.facilityA, COC.default)
        ).toBeUndefined()
    })

    it('answers 409 ERROR when every registration is ignored, and checks the user hierarchy', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'completeDataSetRegistrations', {
            user: 'district.a',
            body: {
                completeDataSetRegistrations: [
                    { dataSet: DS.monthly, period: '202401', organisationUnit: OU.facilityB },
                ],
            },
        })
        expect(response.status).toBe(409)
        const s = (response.body as { response: Summary }).response
        expect(s.status).toBe('ERROR')
        expect(s.conflicts).toEqual([
            {
                object: OU.facilityB,
                objects: {},
                value: 'Organisation unit is not in hierarchy of user: district.a',
            },
        ])
    })
})
