// Every shape of DHIS2's answer to a data value import (docs/dhis2-api.md §4.4), and conflicts traced to rows.
import { describe, expect, it } from 'vitest'
import type { MappedValue } from '../../src/core/types.js'
import type { PlannedValue } from '../../src/plan/plan.js'
import { readImportAnswer, rejectedIndexes } from '../../src/send/import-summary.js'
import { backoffDelay, traceConflicts } from '../../src/send/push.js'

const summary = (extra: Record<string, unknown>) => ({
    responseType: 'ImportSummary',
    status: 'WARNING',
    importCount: { imported: 2, updated: 0, ignored: 1, deleted: 0 },
    conflicts: [
        {
            object: 'OuKad000008',
            objects: { organisationUnit: 'OuKad000008', user: 'UsMcd000005' },
            value: 'Organisation unit: `OuKad000008` not in hierarchy of current user: `UsMcd000005`',
            errorCode: 'E7617',
            property: 'orgUnit',
            indexes: [1],
        },
    ],
    ...extra,
})

function planned(row: number, orgUnit: string): PlannedValue {
    const value: MappedValue = {
        dataSet: 'Ds',
        dataElement: 'De',
        categoryOptionCombo: 'Coc',
        attributeOptionCombo: 'Aoc',
        orgUnit,
        period: '202404',
        value: '9',
        dataElementCode: 'CPN1',
        categoryOptionComboCode: 'default',
        orgUnitCode: orgUnit === 'OuKad000008' ? 'FS-KAD-008' : 'FS-C5-011',
        file: 'rapport.csv',
        row,
        column: 'valeur',
        sourceColumns: { orgUnit: 'code_structure' },
    }
    return { value, key: `${row}`, status: 'new' }
}

describe('reading import answers', () => {
    it('409 WARNING (2.38-2.42): a summary, valid values saved, not an error', () => {
        const r = readImportAnswer(409, {
            httpStatus: 'Conflict',
            httpStatusCode: 409,
            status: 'WARNING',
            message: 'One more conflicts encountered, please check import summary.',
            response: summary({ rejectedIndexes: [1] }),
        })
        expect(r.kind).toBe('summary')
        if (r.kind === 'summary') expect([...rejectedIndexes(r.summary)]).toEqual([1])
    })

    it('200 WARNING (2.43) reads the same', () => {
        const r = readImportAnswer(200, {
            httpStatusCode: 200,
            status: 'WARNING',
            response: summary({ rejectedIndexes: [1] }),
        })
        expect(r.kind === 'summary' && r.summary.status).toBe('WARNING')
    })

    it('2.38 has no rejectedIndexes: the conflicts’ indexes are the rejected values', () => {
        const r = readImportAnswer(409, { status: 'WARNING', response: summary({}) })
        expect(r.kind === 'summary' && [...rejectedIndexes(r.summary)]).toEqual([1])
    })

    it('a plain ImportSummary (API ≤ 37, async task summaries)', () => {
        const r = readImportAnswer(200, summary({ status: 'SUCCESS', conflicts: [] }))
        expect(r.kind === 'summary' && r.summary.status).toBe('SUCCESS')
    })

    it('an async job answer gives its task id', () => {
        const r = readImportAnswer(200, {
            status: 'OK',
            response: {
                id: 'Jb2pXq7mYt4',
                jobType: 'DATAVALUE_IMPORT',
                relativeNotifierEndpoint: '/api/system/tasks/DATAVALUE_IMPORT/Jb2pXq7mYt4',
            },
        })
        expect(r).toEqual({
            kind: 'async',
            taskId: 'Jb2pXq7mYt4',
            endpoint: '/api/system/tasks/DATAVALUE_IMPORT/Jb2pXq7mYt4',
        })
    })

    it('an HTML error page is unexpected, not a summary', () => {
        expect(readImportAnswer(502, '<html>502 Bad Gateway</html>').kind).toBe('unexpected')
    })
})

describe('tracing conflicts to source rows', () => {
    it('E7617 on index 1 points at the facility column of row 64, in French and English', () => {
        const r = readImportAnswer(409, { status: 'WARNING', response: summary({ rejectedIndexes: [1] }) })
        if (r.kind !== 'summary') throw new Error('no summary')
        const { issues, rejected } = traceConflicts(r.summary, [
            planned(63, 'OuC5000011'),
            planned(64, 'OuKad000008'),
        ])
        expect([...rejected]).toEqual([1])
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({
            file: 'rapport.csv',
            row: 64,
            column: 'code_structure',
            value: 'FS-KAD-008',
            dhis2: { errorCode: 'E7617' },
        })
        expect(issues[0]?.message.fr).toContain('FS-KAD-008')
        expect(issues[0]?.message.en).toContain('another district')
    })

    it('an aborted import (ERROR, no indexes) rejects the whole chunk', () => {
        const { rejected, issues } = traceConflicts(
            {
                status: 'ERROR',
                importCount: {},
                conflicts: [
                    {
                        object: 'Ds',
                        objects: { dataSet: 'Ds' },
                        value: 'Data set not found or not accessible: `Ds`',
                        errorCode: 'E7600',
                        property: 'dataSet',
                    },
                ],
            },
            [planned(2, 'A'), planned(3, 'B')]
        )
        expect([...rejected].sort()).toEqual([0, 1])
        expect(issues.map((i) => i.row)).toEqual([2, 3])
    })

    it('a rejected index without conflict is still reported', () => {
        const { issues } = traceConflicts(
            { status: 'SUCCESS', importCount: {}, conflicts: [], rejectedIndexes: [0] },
            [planned(5, 'A')]
        )
        expect(issues[0]).toMatchObject({ code: 'DHIS2_REJECTED', row: 5 })
    })
})

describe('back-off', () => {
    it('grows exponentially with jitter, is capped, and honours Retry-After', () => {
        expect(backoffDelay(1, 500, 30_000, () => 0)).toBe(250)
        expect(backoffDelay(1, 500, 30_000, () => 1)).toBe(500)
        expect(backoffDelay(4, 500, 30_000, () => 1)).toBe(4000)
        expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000)
        expect(backoffDelay(1, 500, 30_000, () => 0, 3)).toBe(3000)
    })
})
