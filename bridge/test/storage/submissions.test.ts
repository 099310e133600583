import { afterEach, describe, expect, it } from 'vitest'
import { getOutboxEntry } from '../../src/storage/outbox.js'
import {
    createSubmission,
    getSubmission,
    getSubmissionByReference,
    listSubmissions,
    submissionValues,
    type SubmittedValue,
} from '../../src/storage/submissions.js'
import { ENGINES, type TestDatabase } from './engines.js'
import { CLINIC, OTHER_CLINIC, submission, values } from './fixtures.js'

async function count(t: TestDatabase, table: string): Promise<number> {
    const rows = await t.db.query<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}`)
    return Number(rows[0]!.n)
}

describe.each(ENGINES)('submissions on $name', (engine) => {
    let t: TestDatabase
    afterEach(() => t?.dispose())

    it('stores a submission, its values in order and its outbox entry', async () => {
        t = await engine.fresh()
        const lab: SubmittedValue = {
            ...values(1)[0]!,
            rows: [4, 9, 12],
            sourceColumns: { orgUnit: 'Laboratoire', period: 'Date du prélèvement' },
            comment: 'corrigé',
        }
        const input = submission({ values: [...values(45), lab] })
        const s = await createSubmission(t.db, input, new Date('2024-04-03T09:15:00.000Z'))
        expect(s).toMatchObject({
            submittedBy: 'clinique.badala',
            orgUnit: CLINIC,
            period: '202403',
            sourceKind: 'facility-report',
            fileName: 'rapport-mars.xlsx',
            fileSha256: 'a'.repeat(64),
            valueCount: 46,
            invalidCount: 1,
            state: 'received',
            receivedAt: '2024-04-03T09:15:00.000Z',
            deliveredAt: null,
            refusals: [],
        })
        expect(s.reference).toMatch(/^AR-20240403-[2-9A-Z]{6}$/)
        expect(await getSubmissionByReference(t.db, s.reference)).toEqual(s)
        expect(await submissionValues(t.db, s.id)).toEqual(input.values)
        expect(await getOutboxEntry(t.db, s.id)).toMatchObject({
            state: 'pending',
            attempts: 0,
            nextAttemptAt: '2024-04-03T09:15:00.000Z',
            leaseOwner: null,
        })
    })

    it('leaves nothing behind when one value cannot be stored', async () => {
        t = await engine.fresh()
        const good = values(45)
        // the 43rd value breaks a NOT NULL constraint: the first 40 were already inserted by then
        const broken = [
            ...good.slice(0, 42),
            { ...good[42]!, value: null as unknown as string },
            ...good.slice(43),
        ]
        await expect(createSubmission(t.db, submission({ values: broken }))).rejects.toThrow()
        expect(await count(t, 'submissions')).toBe(0)
        expect(await count(t, 'submission_values')).toBe(0)
        expect(await count(t, 'outbox')).toBe(0)
        // and the database is still usable
        await createSubmission(t.db, submission())
        expect(await count(t, 'submissions')).toBe(1)
    })

    it('lists only the facilities asked for, newest first', async () => {
        t = await engine.fresh()
        const first = await createSubmission(
            t.db,
            submission({ period: '202402' }),
            new Date('2024-03-02T08:00:00Z')
        )
        const second = await createSubmission(t.db, submission(), new Date('2024-04-02T08:00:00Z'))
        await createSubmission(
            t.db,
            submission({ orgUnit: OTHER_CLINIC, values: values(2, OTHER_CLINIC) }),
            new Date('2024-04-02T09:00:00Z')
        )
        expect((await listSubmissions(t.db, { orgUnits: [CLINIC] })).map((s) => s.id)).toEqual([
            second.id,
            first.id,
        ])
        expect(
            (await listSubmissions(t.db, { orgUnits: [CLINIC], period: '202402' })).map((s) => s.id)
        ).toEqual([first.id])
        expect(await listSubmissions(t.db, { orgUnits: [] })).toEqual([])
        expect(await listSubmissions(t.db, { orgUnits: [CLINIC, OTHER_CLINIC] })).toHaveLength(3)
        expect(await getSubmission(t.db, 'no-such-id')).toBeUndefined()
    })
})
