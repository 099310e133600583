// The intake's grouped push: several facility-months of one data set in one request, DHIS2's answer cut
// back by each conflict's index so that every refusal reaches its own file and row, and a request whose
// answer cannot be cut (no indexes, aborted import) sent again one facility-month at a time.
import PQueue from 'p-queue'
import { describe, expect, it } from 'vitest'
import type { MappedValue } from '../../src/core/types.js'
import { Dhis2Error, type Dhis2Client } from '../../src/dhis2/client.js'
import type { PlannedValue } from '../../src/plan/plan.js'
import type { ImportSummary } from '../../src/send/import-summary.js'
import { pushGrouped, splitSummary } from '../../src/send/push.js'

function planned(orgUnit: string, row: number, dataSet = 'DsPrive0001', file = 'rapport.csv'): PlannedValue {
    const value: MappedValue = {
        dataSet,
        dataElement: `De${row}`,
        categoryOptionCombo: 'HllvX50cXC0',
        attributeOptionCombo: 'HllvX50cXC0',
        orgUnit,
        period: '202404',
        value: String(row),
        dataElementCode: `DE_${row}`,
        categoryOptionComboCode: 'default',
        orgUnitCode: `FS-${orgUnit}`,
        file,
        row,
        column: 'valeur',
    }
    return { value, key: `${orgUnit}|${row}`, status: 'new' }
}

const chunk = (orgUnit: string, rows: number[], dataSet?: string) =>
    rows.map((r) => planned(orgUnit, r, dataSet, `${orgUnit}.csv`))

const conflict = (indexes: number[] | undefined) => ({
    object: 'De',
    value: 'Value must be a number',
    errorCode: 'E7619',
    property: 'value',
    ...(indexes ? { indexes } : {}),
})

/** A DHIS2 that answers each POST with `answer(body)`, and keeps the bodies. */
function stub(answer: (body: { dataValues: unknown[]; orgUnit?: string; period?: string }) => unknown) {
    const bodies: Array<{ dataSet?: string; orgUnit?: string; period?: string; dataValues: unknown[] }> = []
    const client = {
        async request(config: { data?: unknown }) {
            const body = config.data as (typeof bodies)[number]
            bodies.push(body)
            const data = answer(body)
            if (data instanceof Error) throw data
            return { status: 200, data, headers: {} }
        },
        httpError: (status: number) => new Dhis2Error('http', `HTTP ${status}`, status),
    } as unknown as Dhis2Client
    return { client, bodies }
}

const ok = (extra: Partial<ImportSummary> = {}) => ({
    responseType: 'ImportSummary',
    status: 'SUCCESS',
    importCount: { imported: 1, updated: 0, ignored: 0, deleted: 0 },
    conflicts: [],
    ...extra,
})

describe('splitSummary', () => {
    it('cuts conflicts and rejected indexes back to each chunk, counted from its own first value', () => {
        const parts = splitSummary(
            {
                status: 'WARNING',
                importCount: {},
                conflicts: [conflict([1, 3, 4])],
                rejectedIndexes: [1, 3, 4],
            },
            [2, 1, 2]
        )
        expect(parts?.map((p) => p.conflicts.map((c) => c.indexes))).toEqual([[[1]], [], [[0, 1]]])
        expect(parts?.map((p) => p.rejectedIndexes)).toEqual([[1], [], [0, 1]])
        expect(parts?.map((p) => p.status)).toEqual(['WARNING', 'SUCCESS', 'WARNING'])
    })

    it('cannot cut an aborted import, a conflict without indexes, or an index out of the request', () => {
        expect(splitSummary({ status: 'ERROR', importCount: {}, conflicts: [] }, [1, 1])).toBeNull()
        expect(
            splitSummary({ status: 'WARNING', importCount: {}, conflicts: [conflict(undefined)] }, [1, 1])
        ).toBeNull()
        expect(
            splitSummary({ status: 'WARNING', importCount: {}, conflicts: [conflict([2])] }, [1, 1])
        ).toBeNull()
    })
})

describe('pushGrouped', () => {
    it('sends the facility-months of a data set together, without a set-level org unit or period', async () => {
        const a = chunk('OuA', [1, 2])
        const b = chunk('OuB', [1, 2])
        const other = chunk('OuA', [7], 'DsLabo00001')
        // the value at index 3 of the grouped request is the second of OuB
        const { client, bodies } = stub((body) =>
            body.dataValues.length === 4
                ? ok({ status: 'WARNING', conflicts: [conflict([3])], rejectedIndexes: [3] })
                : ok()
        )
        const result = await pushGrouped(client, [a, b, other], { queue: new PQueue({ concurrency: 2 }) })
        expect(result.requests).toBe(2)
        const grouped = bodies.find((x) => x.dataValues.length === 4)
        expect(grouped).toMatchObject({ dataSet: 'DsPrive0001' })
        expect(grouped?.orgUnit).toBeUndefined()
        expect(grouped?.period).toBeUndefined()
        expect([...result.answers.get(a)!.outcomes.values()]).toEqual(['saved', 'saved'])
        expect(result.answers.get(a)!.issues).toEqual([])
        expect([...result.answers.get(b)!.outcomes.values()]).toEqual(['saved', 'rejected'])
        const issues = result.answers.get(b)!.issues
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'DHIS2_CONFLICT', file: 'OuB.csv', row: 2 })
        expect([...result.answers.get(other)!.outcomes.values()]).toEqual(['saved'])
        expect(result.stopped).toBeUndefined()
    })

    it('sends each facility-month alone again when the answer names no index', async () => {
        const a = chunk('OuA', [1])
        const b = chunk('OuB', [1, 2])
        const { client, bodies } = stub((body) => {
            if (body.dataValues.length === 3)
                return ok({ status: 'WARNING', conflicts: [conflict(undefined)] })
            // alone, DHIS2 says which (the old servers' way: the conflict names the org unit)
            return body.orgUnit === 'OuB'
                ? ok({
                      status: 'WARNING',
                      conflicts: [{ ...conflict(undefined), object: 'OuB', property: 'orgUnit' }],
                  })
                : ok()
        })
        const result = await pushGrouped(client, [a, b], { queue: new PQueue({ concurrency: 1 }) })
        expect(result.requests).toBe(3)
        expect(
            bodies
                .slice(1)
                .map((x) => x.orgUnit)
                .sort()
        ).toEqual(['OuA', 'OuB'])
        expect([...result.answers.get(a)!.outcomes.values()]).toEqual(['saved'])
        expect([...result.answers.get(b)!.outcomes.values()]).toEqual(['rejected', 'rejected'])
    })

    it('a request that fails after its retries leaves the rest unsent, said as DHIS2 unavailable', async () => {
        const chunks = [chunk('OuA', [1]), chunk('OuB', [1], 'DsLabo00001'), chunk('OuC', [1], 'DsMutu00001')]
        const { client, bodies } = stub(() => new Dhis2Error('network', 'ECONNREFUSED'))
        const result = await pushGrouped(client, chunks, {
            queue: new PQueue({ concurrency: 1 }),
            maxAttempts: 2,
            backoffMs: 1,
        })
        expect(bodies).toHaveLength(2)
        expect(result.stopped).toMatchObject({ reason: 'unavailable', detail: 'ECONNREFUSED' })
        for (const c of chunks) {
            expect(result.answers.get(c)?.error).toBe('ECONNREFUSED')
            expect([...result.answers.get(c)!.outcomes.values()]).toEqual(['failed'])
        }
    })

    it('puts chunks together up to maxValues, never cutting one', async () => {
        const chunks = [chunk('OuA', [1, 2, 3]), chunk('OuB', [1, 2]), chunk('OuC', [1, 2])]
        const { client, bodies } = stub(() => ok())
        await pushGrouped(client, chunks, { queue: new PQueue({ concurrency: 1 }), maxValues: 5 })
        expect(bodies.map((b) => b.dataValues.length)).toEqual([5, 2])
    })
})
