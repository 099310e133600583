import { describe, expect, it } from 'vitest'
import { changedProperties, covers, mergeForUpdate } from '../../src/metadata-install/compare.js'
import { parseImportReport } from '../../src/metadata-install/import-report.js'

describe('what an import would change', () => {
    it('treats arrays as containment and references by id', () => {
        expect(covers([{ id: 'a' }], [{ id: 'b' }, { id: 'a' }])).toBe(true)
        expect(covers([{ id: 'a' }, { id: 'c' }], [{ id: 'a' }])).toBe(false)
        expect(covers({ id: 'x' }, { id: 'x', name: 'anything' })).toBe(true)
        expect(
            covers(
                [{ dataElement: { id: 'd' }, dataSet: { id: 's' } }],
                [{ dataElement: { id: 'd' }, dataSet: { id: 's' }, categoryCombo: null }]
            )
        ).toBe(true)
    })

    it('reads dates with and without time, and empty as absent', () => {
        expect(covers('2000-01-01', '2000-01-01T00:00:00.000')).toBe(true)
        expect(covers(false, undefined)).toBe(true)
        expect(covers([], undefined)).toBe(true)
        expect(covers(0, 1)).toBe(false)
    })

    it('names the properties that differ, ignoring server-owned ones', () => {
        const wanted = { id: 'a', name: 'Nouveau', shortName: 'N', sharing: { public: 'rw------' } }
        const actual = {
            id: 'a',
            name: 'Ancien',
            shortName: 'N',
            sharing: { public: 'r-------' },
            lastUpdated: 'x',
        }
        expect(changedProperties(wanted, actual)).toEqual(['name'])
    })

    it('keeps what the server has beyond the package when updating, sharing included', () => {
        const merged = mergeForUpdate(
            { id: 'ds', name: 'Rapport', organisationUnits: [{ id: 'a' }], sharing: { public: 'rwrw----' } },
            {
                id: 'ds',
                name: 'Ancien',
                organisationUnits: [{ id: 'z' }],
                description: 'ajoutée',
                sharing: { public: 'r-------' },
            }
        )
        expect(merged).toEqual({
            id: 'ds',
            name: 'Rapport',
            organisationUnits: [{ id: 'z' }, { id: 'a' }],
            description: 'ajoutée',
            sharing: { public: 'r-------' },
        })
    })
})

describe('metadata import report', () => {
    it('reads the 409 WARNING envelope with errors per object', () => {
        const report = parseImportReport(409, {
            httpStatus: 'Conflict',
            httpStatusCode: 409,
            status: 'WARNING',
            response: {
                responseType: 'ImportReport',
                status: 'ERROR',
                stats: { created: 0, updated: 0, deleted: 0, ignored: 2, total: 2 },
                typeReports: [
                    {
                        klass: 'org.hisp.dhis.dataelement.DataElement',
                        objectReports: [
                            {
                                klass: 'org.hisp.dhis.dataelement.DataElement',
                                uid: 'DeAccouchem',
                                errorReports: [
                                    {
                                        message: 'Missing required property `shortName`',
                                        errorCode: 'E4000',
                                        errorProperty: 'shortName',
                                    },
                                ],
                            },
                        ],
                    },
                ],
            },
        })
        expect(report.status).toBe('ERROR')
        expect(report.stats.ignored).toBe(2)
        expect(report.errors).toEqual([
            {
                klass: 'org.hisp.dhis.dataelement.DataElement',
                uid: 'DeAccouchem',
                errorCode: 'E4000',
                property: 'shortName',
                message: 'Missing required property `shortName`',
            },
        ])
    })
})
