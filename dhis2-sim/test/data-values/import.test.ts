import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { COC, call, DE, DS, envelope, fixture, OU, summary, USERS } from './fixture.js'

const value = (dataElement: string, period: string, orgUnit: string, v: string | null, extra = {}) => ({
    dataElement,
    period,
    orgUnit,
    value: v,
    ...extra,
})

describe('POST /api/dataValueSets: the must-show cases', () => {
    it('answers one good and one non-numeric value with 409 WARNING, imported 1, one E7619 at index 1', async () => {
        const f = fixture()
        const payload = {
            dataValues: [
                value(DE.number, '202401', OU.facilityA, '12'),
                value(DE.number, '202402', OU.facilityA, 'douze'),
            ],
        }
        const response = await call(f, 'POST', 'dataValueSets', { body: payload })
        expect(response.status).toBe(409)
        const body = envelope(response)
        expect(body).toMatchObject({
            httpStatus: 'Conflict',
            httpStatusCode: 409,
            status: 'WARNING',
            message: 'One more conflicts encountered, please check import summary.',
        })
        const s = summary(response)
        expect(s.responseType).toBe('ImportSummary')
        expect(s.status).toBe('WARNING')
        expect(s.description).toBe('Import process completed successfully')
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 })
        expect(s.conflicts).toEqual([
            {
                object: DE.number,
                objects: { dataElement: DE.number, value: 'value_not_numeric' },
                value: `Value must match value type of data element \`${DE.number}\`: \`Data value is not numeric\``,
                errorCode: 'E7619',
                property: 'value',
                indexes: [1],
            },
        ])
        expect(s.rejectedIndexes).toEqual([1])
        expect(s.dataSetComplete).toBe('false')
        const stored = f.db.dataValues.get({
            dataElement: DE.number,
            period: '202401',
            orgUnit: OU.facilityA,
            categoryOptionCombo: COC.default,
            attributeOptionCombo: COC.default,
        })
        expect(stored?.value).toBe('12')
        expect(stored?.storedBy).toBe('admin')

        // The same payload again: the unchanged value is ignored without being rejected.
        const again = summary(await call(f, 'POST', 'dataValueSets', { body: payload }))
        expect(again.importCount).toEqual({ imported: 0, updated: 0, ignored: 2, deleted: 0 })
        expect(again.rejectedIndexes).toEqual([1])
        expect(again.conflicts).toHaveLength(1)
        expect(again.conflicts[0]?.indexes).toEqual([1])
    })

    it('rejects non-integers for INTEGER and keeps the raw key when no translation exists', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.integer, '202401', OU.facilityA, '3'),
                        value(DE.integer, '202401', OU.facilityB, '3.5'),
                        value(DE.zeroPos, '202401', OU.facilityA, '-1'),
                    ],
                },
            })
        )
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts.map((c) => [c.errorCode, c.value, c.indexes])).toEqual([
            [
                'E7619',
                `Value must match value type of data element \`${DE.integer}\`: \`Data value is not an integer\``,
                [1],
            ],
            [
                'E7619',
                `Value must match value type of data element \`${DE.zeroPos}\`: \`value_not_zero_or_positive_integer\``,
                [2],
            ],
        ])
    })

    it('translates the error key for a French user', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                user: 'francais',
                body: { dataValues: [value(DE.number, '202401', OU.facilityA, '12,5')] },
            })
        )
        expect(s.conflicts[0]?.value).toBe(
            `Value must match value type of data element \`${DE.number}\`: \`La valeur est non numérique\``
        )
        expect(s.conflicts[0]?.objects).toEqual({ dataElement: DE.number, value: 'value_not_numeric' })
    })

    it('refuses the running month with E7641 (openFuturePeriods 0) and accepts the previous one', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202406', OU.facilityA, '5'),
                        value(DE.number, '202405', OU.facilityA, '5'),
                    ],
                },
            })
        )
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts).toEqual([
            {
                object: '202406',
                objects: { period: '202406', dataElement: DE.number, dataSet: DS.monthly },
                value: `Period: \`202406\` is after latest open future period: \`202405\` for data element: \`${DE.number}\` and data set: \`${DS.monthly}\``,
                errorCode: 'E7641',
                property: 'period',
                indexes: [0],
            },
        ])
    })

    it('checks the future period against the payload data set even for an unassigned org unit', async () => {
        const f = fixture()
        const withoutDataSet = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202406', OU.facilityA2, '5')] },
            })
        )
        // No target data set (unit not assigned, no payload data set): DHIS2 lets it through.
        expect(withoutDataSet.status).toBe('SUCCESS')
        const withDataSet = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataSet: DS.monthly, dataValues: [value(DE.number, '202407', OU.facilityA2, '5')] },
            })
        )
        expect(withDataSet.conflicts[0]?.errorCode).toBe('E7641')
    })

    it('refuses a district-scoped user writing to another district with E7617', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'dataValueSets', {
            user: 'district.a',
            body: {
                dataValues: [
                    value(DE.number, '202401', OU.facilityA, '1'),
                    value(DE.number, '202401', OU.facilityB, '2'),
                ],
            },
        })
        expect(response.status).toBe(409)
        const s = summary(response)
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts).toEqual([
            {
                object: OU.facilityB,
                objects: { organisationUnit: OU.facilityB, user: USERS.district },
                value: `Organisation unit: \`${OU.facilityB}\` not in hierarchy of current user: \`${USERS.district}\``,
                errorCode: 'E7617',
                property: 'orgUnit',
                indexes: [1],
            },
        ])
    })

    it('checks the hierarchy of superusers too (ALL gives no bypass in the importer)', async () => {
        const f = fixture()
        const admin = f.seed.users.find((u) => u.username === 'admin')
        if (!admin) throw new Error('no admin')
        admin.organisationUnits = [OU.districtA]
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202401', OU.facilityB, '2')] },
            })
        )
        expect(s.conflicts[0]?.errorCode).toBe('E7617')
    })

    it('accepts an org unit outside the data set by default and refuses it with strictOrganisationUnits', async () => {
        const f = fixture()
        const payload = { dataValues: [value(DE.number, '202401', OU.facilityA2, '7')] }
        const lenient = await call(f, 'POST', 'dataValueSets', { body: payload })
        expect(lenient.status).toBe(200)
        expect(envelope(lenient)).toMatchObject({ status: 'OK', message: 'Import was successful.' })
        expect(summary(lenient).importCount.imported).toBe(1)

        const strict = await call(f, 'POST', 'dataValueSets', {
            body: { dataValues: [value(DE.number, '202402', OU.facilityA2, '7')] },
            query: { strictOrganisationUnits: 'true' },
        })
        expect(strict.status).toBe(409)
        const s = summary(strict)
        expect(s.conflicts).toEqual([
            {
                object: OU.facilityA2,
                objects: { organisationUnit: OU.facilityA2, dataElement: DE.number },
                value: `Data element: \`${DE.number}\` must be assigned through data sets to organisation unit: \`${OU.facilityA2}\``,
                errorCode: 'E7636',
                property: 'orgUnit',
                indexes: [0],
            },
        ])
        expect(s.importOptions.strictOrganisationUnits).toBe(true)

        // The system setting turns it on too.
        f.db.systemSettings.keyDataImportStrictOrganisationUnits = true
        const bySetting = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202403', OU.facilityA2, '7')] },
            })
        )
        expect(bySetting.conflicts[0]?.errorCode).toBe('E7636')
        expect(bySetting.importOptions.strictOrganisationUnits).toBe(false)
    })

    it('groups the conflicts of many rows with one unknown org unit into one entry', async () => {
        const f = fixture()
        const dataValues = []
        for (let i = 0; i < 500; i++)
            dataValues.push(value(DE.number, '202401', 'OuUnknown01', String(i + 1)))
        dataValues.splice(3, 0, value(DE.number, '202401', OU.facilityA, '1'))
        const s = summary(await call(f, 'POST', 'dataValueSets', { body: { dataValues } }))
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 500, deleted: 0 })
        expect(s.conflicts).toHaveLength(1)
        const c = s.conflicts[0]
        expect(c).toMatchObject({
            object: 'OuUnknown01',
            objects: { organisationUnit: 'OuUnknown01' },
            value: 'Organisation unit not found or not accessible: `OuUnknown01`',
            errorCode: 'E7612',
            property: 'orgUnit',
        })
        expect(c?.indexes).toHaveLength(500)
        expect(c?.indexes?.slice(0, 4)).toEqual([0, 1, 2, 4])
        expect(s.rejectedIndexes).toHaveLength(500)
    })
})

describe('POST /api/dataValueSets: counting rules', () => {
    const key = (orgUnit: string, dataElement = DE.number, period = '202401') => ({
        dataElement,
        period,
        orgUnit,
        categoryOptionCombo: COC.default,
        attributeOptionCombo: COC.default,
    })

    it('drops new zeros silently, soft-deletes existing values with a zero, keeps significant zeros', async () => {
        const f = fixture()
        await call(f, 'POST', 'dataValueSets', {
            body: { dataValues: [value(DE.number, '202401', OU.facilityB, '4')] },
        })
        const response = await call(f, 'POST', 'dataValueSets', {
            body: {
                dataValues: [
                    value(DE.number, '202401', OU.facilityA, '0'),
                    value(DE.number, '202401', OU.facilityB, '0.0'),
                    value(DE.significant, '202401', OU.facilityA, '0'),
                ],
            },
        })
        expect(response.status).toBe(200)
        const s = summary(response)
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 0, deleted: 1 })
        expect(s.rejectedIndexes).toEqual([])
        expect(f.db.dataValues.get(key(OU.facilityA))).toBeUndefined()
        expect(f.db.dataValues.get(key(OU.facilityB))?.deleted).toBe(true)
        expect(f.db.dataValues.get(key(OU.facilityA, DE.significant))?.value).toBe('0')

        // A soft-deleted row comes back as an import.
        const revived = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202401', OU.facilityB, '9')] },
            })
        )
        expect(revived.importCount).toEqual({ imported: 1, updated: 0, ignored: 0, deleted: 0 })
        expect(f.db.dataValues.get(key(OU.facilityB))).toMatchObject({ value: '9', deleted: false })
    })

    it('counts an unchanged value as updated on 2.40, and skips zeros before the strategy check', async () => {
        const f = fixture()
        const payload = { dataValues: [value(DE.number, '202401', OU.facilityA, '6')] }
        await call(f, 'POST', 'dataValueSets', { body: payload })
        const v40 = summary(
            await call(f, 'POST', 'dataValueSets', { body: payload, serverVersion: '2.40.2' })
        )
        expect(v40.importCount).toEqual({ imported: 0, updated: 1, ignored: 0, deleted: 0 })
        const zeroCreate = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202401', OU.facilityA, '0')] },
                query: { importStrategy: 'CREATE' },
            })
        )
        expect(zeroCreate.importCount).toEqual({ imported: 0, updated: 0, ignored: 0, deleted: 0 })
        expect(zeroCreate.rejectedIndexes).toEqual([])
        expect(f.db.dataValues.get(key(OU.facilityA))?.value).toBe('6')
    })

    it('applies the CREATE, UPDATE and DELETE strategies', async () => {
        const f = fixture()
        await call(f, 'POST', 'dataValueSets', {
            body: { dataValues: [value(DE.number, '202401', OU.facilityA, '1')] },
        })
        const payload = {
            dataValues: [
                value(DE.number, '202401', OU.facilityA, '2'),
                value(DE.number, '202401', OU.facilityB, '3'),
            ],
        }
        const create = summary(
            await call(f, 'POST', 'dataValueSets', { body: payload, query: { importStrategy: 'CREATE' } })
        )
        expect(create.importCount).toEqual({ imported: 1, updated: 0, ignored: 1, deleted: 0 })
        expect(create.rejectedIndexes).toEqual([0])
        expect(create.status).toBe('SUCCESS')
        expect(create.conflicts).toEqual([])

        const update = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202401', OU.facilityA, '5'),
                        value(DE.number, '202402', OU.facilityB, '3'),
                    ],
                },
                query: { importStrategy: 'UPDATE' },
            })
        )
        expect(update.importCount).toEqual({ imported: 0, updated: 1, ignored: 1, deleted: 0 })
        expect(update.rejectedIndexes).toEqual([1])

        const del = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202401', OU.facilityA, null),
                        value(DE.number, '202403', OU.facilityA, '1'),
                    ],
                },
                query: { importStrategy: 'DELETE' },
            })
        )
        expect(del.importCount).toEqual({ imported: 0, updated: 0, ignored: 1, deleted: 1 })
        expect(f.db.dataValues.get(key(OU.facilityA))?.deleted).toBe(true)

        const invalid = await call(f, 'POST', 'dataValueSets', {
            body: payload,
            query: { importStrategy: 'MERGE' },
        })
        expect(invalid.status).toBe(400)
    })

    it('raises E7618 for an empty value without comment and stores comment-only values', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202401', OU.facilityA, ''),
                        value(DE.number, '202401', OU.facilityB, null, { comment: 'rupture de stock' }),
                        value(DE.number, '202402', OU.facilityB, null, { deleted: true }),
                    ],
                },
            })
        )
        expect(s.conflicts.map((c) => [c.errorCode, c.indexes])).toEqual([['E7618', [0]]])
        expect(s.importCount).toEqual({ imported: 1, updated: 0, ignored: 2, deleted: 0 })
        expect(f.db.dataValues.get(key(OU.facilityB))).toMatchObject({
            value: null,
            comment: 'rupture de stock',
        })
    })

    it('writes nothing on dryRun but counts what would happen', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'dataValueSets', {
            body: {
                dataSet: DS.monthly,
                period: '202401',
                orgUnit: OU.facilityA,
                completeDate: '2024-02-02',
                dataValues: [{ dataElement: DE.number, value: '3' }],
            },
            query: { dryRun: 'true' },
        })
        const s = summary(response)
        expect(s.importCount.imported).toBe(1)
        expect(s.importOptions.dryRun).toBe(true)
        expect(s.dataSetComplete).toBe('2024-02-02')
        expect(f.db.dataValues.size).toBe(0)
        expect([...f.db.completeRegistrations.all()]).toHaveLength(0)
    })

    it('normalises booleans and stores values trimmed', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.bool, '202401', OU.facilityA, 'T'),
                        value(DE.bool, '202401', OU.facilityB, 'oui'),
                    ],
                },
            })
        )
        expect(s.conflicts.map((c) => c.errorCode)).toEqual(['E7619'])
        expect(f.db.dataValues.get(key(OU.facilityA, DE.bool))?.value).toBe('true')
    })
})

describe('POST /api/dataValueSets: outer context, id schemes, aborts', () => {
    it('uses the outer period, org unit and data set, and registers completeness', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataSet: DS.monthly,
                    period: '202401',
                    orgUnit: OU.facilityA,
                    completeDate: '2024-02-03',
                    dataValues: [
                        { dataElement: DE.number, value: '1', period: '202312', orgUnit: OU.facilityB },
                        { dataElement: DE.sex, categoryOptionCombo: COC.female, value: '4' },
                    ],
                },
            })
        )
        expect(s.status).toBe('SUCCESS')
        expect(s.importCount.imported).toBe(2)
        expect(s.dataSetComplete).toBe('2024-02-03')
        const registration = f.db.completeRegistrations.get(DS.monthly, '202401', OU.facilityA, COC.default)
        expect(registration?.date.slice(0, 10)).toBe('2024-02-03')
        expect(
            f.db.dataValues.get({
                dataElement: DE.number,
                period: '202401',
                orgUnit: OU.facilityA,
                categoryOptionCombo: COC.default,
                attributeOptionCombo: COC.default,
            })?.value
        ).toBe('1')
    })

    it('needs the outer org unit and period to complete a data set', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'dataValueSets', {
            body: {
                dataSet: DS.monthly,
                completeDate: 'true',
                dataValues: [value(DE.number, '202401', OU.facilityA, '1')],
            },
        })
        expect(response.status).toBe(409)
        const s = summary(response)
        expect(s.conflicts).toEqual([
            { object: 'OrganisationUnit', objects: {}, value: 'Must be provided to complete data set' },
        ])
        expect(s.dataSetComplete).toBeUndefined()
        expect(s.importCount.imported).toBe(1)
    })

    it('resolves codes with the id schemes, payload schemes winning over the query', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    orgUnitIdScheme: 'code',
                    dataValues: [
                        {
                            dataElement: 'DE_SEX',
                            period: '2024-01',
                            orgUnit: 'FS-A-001',
                            categoryOptionCombo: 'CC_SEXE_SEXE_M',
                            value: '2',
                        },
                    ],
                },
                query: { idScheme: 'CODE', orgUnitIdScheme: 'UID' },
            })
        )
        expect(s.status).toBe('SUCCESS')
        expect(
            f.db.dataValues.get({
                dataElement: DE.sex,
                period: '202401',
                orgUnit: OU.facilityA,
                categoryOptionCombo: COC.male,
                attributeOptionCombo: COC.default,
            })?.value
        ).toBe('2')
    })

    it('aborts on an unknown data set, org unit or attribute option combo', async () => {
        const f = fixture()
        const unknownDs = await call(f, 'POST', 'dataValueSets', {
            body: { dataSet: 'DsUnknown01', dataValues: [] },
        })
        expect(unknownDs.status).toBe(409)
        expect(envelope(unknownDs)).toMatchObject({
            status: 'ERROR',
            message: 'An error occurred, please check import summary.',
        })
        expect(summary(unknownDs)).toMatchObject({
            status: 'ERROR',
            description: 'Import process was aborted',
            importCount: { imported: 0, updated: 0, ignored: 0, deleted: 0 },
            conflicts: [
                {
                    object: 'DsUnknown01',
                    objects: { dataSet: 'DsUnknown01' },
                    value: 'Data set not found or not accessible: `DsUnknown01`',
                    errorCode: 'E7600',
                    property: 'dataSet',
                },
            ],
        })
        expect(summary(unknownDs).dataSetComplete).toBeUndefined()
        const ou = summary(
            await call(f, 'POST', 'dataValueSets', { body: { orgUnit: 'OuNowhere01', dataValues: [] } })
        )
        expect(ou.conflicts[0]?.errorCode).toBe('E7603')
        const aoc = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { attributeOptionCombo: 'CocNowhere1', dataValues: [] },
            })
        )
        expect(aoc.conflicts[0]?.errorCode).toBe('E7604')
        const noWrite = summary(
            await call(f, 'POST', 'dataValueSets', {
                user: 'district.a',
                body: { dataSet: DS.expiring, dataValues: [] },
            })
        )
        expect(noWrite.conflicts[0]).toMatchObject({
            errorCode: 'E7601',
            value: `User does not have write access for DataSet: \`${DS.expiring}\``,
        })
    })

    it('answers an unreadable body with 409 ERROR', async () => {
        const f = fixture()
        const response = await call(f, 'POST', 'dataValueSets', { body: '{"dataValues": [' })
        expect(response.status).toBe(409)
        const s = summary(response)
        expect(s.status).toBe('ERROR')
        expect(s.description).toMatch(/^The import process failed: /)
        expect(s.conflicts).toEqual([])
    })

    it('checks attribute option combos: sharing, dates, org units, unknown ids', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                user: 'francais',
                body: {
                    dataValues: [
                        value(DE.mutuelle, '202401', OU.districtA, '1', { attributeOptionCombo: COC.mutA }),
                        value(DE.mutuelle, '202401', OU.districtA, '1', { attributeOptionCombo: COC.mutB }),
                        value(DE.mutuelle, '202401', OU.districtA, '1', { attributeOptionCombo: COC.mutOld }),
                        value(DE.mutuelle, '202401', OU.districtA, '1', { attributeOptionCombo: COC.mutB2 }),
                        value(DE.mutuelle, '202401', OU.districtA, '1', {
                            attributeOptionCombo: 'CocNowhere1',
                        }),
                    ],
                },
            })
        )
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts.map((c) => [c.errorCode, c.indexes])).toEqual([
            ['E7616', [1]],
            ['E7638', [2]],
            ['E7639', [3]],
            ['E7615', [4]],
        ])
        expect(s.conflicts[0]?.objects).toEqual({
            categoryOptionCombo: COC.mutB,
            categoryOption: 'CoMutB00001',
        })
    })

    it('refuses periods past the expiry days with E7640', async () => {
        const f = fixture()
        const s = summary(
            await call(f, 'POST', 'dataValueSets', {
                user: 'francais',
                now: new Date('2024-06-05T08:00:00Z'),
                body: {
                    dataValues: [
                        value(DE.expiring, '202404', OU.facilityA, '1'),
                        value(DE.expiring, '202405', OU.facilityA, '1'),
                    ],
                },
            })
        )
        expect(s.conflicts).toHaveLength(1)
        expect(s.conflicts[0]).toMatchObject({
            errorCode: 'E7640',
            value: `Current date is past expiry days for period: \`202404\`  and data set: \`${DS.expiring}\``,
            indexes: [0],
        })
    })

    it('applies the strict flags and require flags', async () => {
        const f = fixture()
        const coc = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202401', OU.facilityA, '1', { categoryOptionCombo: COC.male }),
                    ],
                },
                query: { strictCategoryOptionCombos: 'true' },
            })
        )
        expect(coc.conflicts[0]?.errorCode).toBe('E7634')
        const lenientCoc = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: {
                    dataValues: [
                        value(DE.number, '202401', OU.facilityA, '1', { categoryOptionCombo: COC.male }),
                    ],
                },
            })
        )
        expect(lenientCoc.status).toBe('SUCCESS')
        const required = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202402', OU.facilityA, '1')] },
                query: { requireCategoryOptionCombo: 'true' },
            })
        )
        expect(required.conflicts[0]).toMatchObject({
            errorCode: 'E7630',
            value: 'Category option combo is required but is not specified',
            objects: {},
        })
        const periods = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '2024Q1', OU.facilityA, '1')] },
                query: { strictPeriods: 'true' },
            })
        )
        expect(periods.conflicts[0]?.errorCode).toBe('E7632')
        expect(periods.conflicts[0]?.property).toBeUndefined()
        const elements = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataSet: DS.monthly, dataValues: [value(DE.expiring, '202401', OU.facilityA, '1')] },
                query: { strictDataElements: 'true' },
            })
        )
        expect(elements.conflicts[0]).toMatchObject({
            errorCode: 'E7633',
            value: `Data element: \`${DE.expiring}\` is not part of dataset(s): \`${DS.monthly}\``,
        })
    })

    it('without a data set, strictDataElements checks every data set of the element and never aborts (DataValueSetImportValidator#checkDataValueStrictDataElement; E7602 is not raised in 2.39-2.42)', async () => {
        const f = fixture()
        const result = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: { dataValues: [value(DE.number, '202401', OU.facilityA2, '1')] },
                query: { strictDataElements: 'true' },
            })
        )
        // The element belongs to a data set (not assigned to this facility): no E7633, the value goes on.
        expect(result.conflicts.map((c) => c.errorCode)).not.toContain('E7633')
        expect(result.conflicts.map((c) => c.errorCode)).not.toContain('E7602')
        expect(result.status).not.toBe('ERROR')
    })
})

describe('POST /api/dataValueSets: formats, versions, authority', () => {
    it('reads positional CSV with a header row, and gzip bodies', async () => {
        const f = fixture()
        const csv = [
            'de,pe,ou,coc,aoc,value,storedby,lastupdated,comment,followup',
            `${DE.number},202401,${OU.facilityA},,,"12",bridge,,"ligne 1, avec virgule",false`,
            `${DE.number},202401,${OU.facilityB},,,abc,bridge,,,`,
        ].join('\r\n')
        const response = await call(f, 'POST', 'dataValueSets', {
            body: gzipSync(Buffer.from(csv)),
            contentType: 'application/csv',
        })
        const s = summary(response)
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts[0]?.indexes).toEqual([1])
        const stored = f.db.dataValues.get({
            dataElement: DE.number,
            period: '202401',
            orgUnit: OU.facilityA,
            categoryOptionCombo: COC.default,
            attributeOptionCombo: COC.default,
        })
        expect(stored).toMatchObject({ value: '12', storedBy: 'bridge', comment: 'ligne 1, avec virgule' })

        const noHeader = summary(
            await call(f, 'POST', 'dataValueSets', {
                body: `${DE.number},202402,${OU.facilityA},,,5`,
                contentType: 'application/csv',
                query: { firstRowIsHeader: 'false' },
            })
        )
        expect(noHeader.importCount.imported).toBe(1)
    })

    it('reads DXF2 XML', async () => {
        const f = fixture()
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" period="202401" orgUnit="${OU.facilityA}">
  <dataValue dataElement="${DE.number}" value="8" comment="R&amp;D" />
  <dataValue dataElement="${DE.integer}" value="x"></dataValue>
</dataValueSet>`
        const s = summary(
            await call(f, 'POST', 'dataValueSets', { body: xml, contentType: 'application/xml' })
        )
        expect(s.importCount.imported).toBe(1)
        expect(s.conflicts.map((c) => [c.errorCode, c.indexes])).toEqual([['E7619', [1]]])
        expect(
            f.db.dataValues.get({
                dataElement: DE.number,
                period: '202401',
                orgUnit: OU.facilityA,
                categoryOptionCombo: COC.default,
                attributeOptionCombo: COC.default,
            })?.comment
        ).toBe('R&D')
    })

    it('answers 415 for text/csv and other types, 403 without the authority', async () => {
        const f = fixture()
        expect((await call(f, 'POST', 'dataValueSets', { body: 'x', contentType: 'text/csv' })).status).toBe(
            415
        )
        expect(
            (await call(f, 'POST', 'dataValueSets', { body: 'x', contentType: 'text/plain' })).status
        ).toBe(415)
        const forbidden = await call(f, 'POST', 'dataValueSets', {
            user: 'lecteur',
            body: { dataValues: [] },
        })
        expect(forbidden.status).toBe(403)
    })

    it('follows the version matrix: plain summary on /api/37, 200 WARNING on 2.43', async () => {
        const f = fixture()
        const payload = { dataValues: [value(DE.number, '202401', OU.facilityA, 'x')] }
        const plain = await call(f, 'POST', 'dataValueSets', { body: payload, apiVersion: 37 })
        expect(plain.status).toBe(200)
        expect(plain.body).toMatchObject({ responseType: 'ImportSummary', status: 'WARNING' })
        const v43 = await call(f, 'POST', 'dataValueSets', { body: payload, serverVersion: '2.43.0' })
        expect(v43.status).toBe(200)
        expect(envelope(v43)).toMatchObject({
            status: 'WARNING',
            message: 'Import completed with warnings, please check import summary.',
        })
        const v38 = await call(f, 'POST', 'dataValueSets', { body: payload, serverVersion: '2.38.4' })
        expect(v38.status).toBe(409)
        expect(summary(v38).rejectedIndexes).toBeUndefined()
        expect(summary(v38).conflicts[0]?.value).toBe(
            `Value must match data element's \`${DE.number}\` type constraints: Data value is not numeric`
        )
    })

    it('echoes the import options block', async () => {
        const f = fixture()
        const s = summary(await call(f, 'POST', 'dataValueSets', { body: { dataValues: [] } }))
        expect(s.importOptions).toEqual({
            idSchemes: {},
            dryRun: false,
            async: false,
            importStrategy: 'CREATE_AND_UPDATE',
            mergeMode: 'REPLACE',
            reportMode: 'FULL',
            skipExistingCheck: false,
            sharing: false,
            skipNotifications: false,
            skipAudit: false,
            datasetAllowsPeriods: false,
            strictPeriods: false,
            strictDataElements: false,
            strictCategoryOptionCombos: false,
            strictAttributeOptionCombos: false,
            strictOrganisationUnits: false,
            strictDataSetApproval: false,
            strictDataSetLocking: false,
            strictDataSetInputPeriods: false,
            requireCategoryOptionCombo: false,
            requireAttributeOptionCombo: false,
            skipPatternValidation: false,
            ignoreEmptyCollection: false,
            force: false,
            firstRowIsHeader: true,
            skipLastUpdated: false,
            mergeDataValues: false,
            skipCache: false,
        })
    })
})
