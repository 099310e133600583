import { afterEach, describe, expect, it } from 'vitest'
import type { Database } from '../../src/storage/database.js'
import {
    claimNextOutbox,
    claimOutbox,
    extendLease,
    getOutboxEntry,
    markDelivered,
    markPartlyRefused,
    pendingOutboxCount,
    scheduleRetry,
    settleOutbox,
    type Lease,
} from '../../src/storage/outbox.js'
import { createSubmission, getSubmission } from '../../src/storage/submissions.js'
import { ENGINES, type TestDatabase } from './engines.js'
import { submission } from './fixtures.js'

const T0 = new Date('2024-04-03T09:00:00.000Z')
const later = (ms: number): Date => new Date(T0.getTime() + ms)

/** Claims until nothing is due, as a worker would (leases are long enough not to expire meanwhile). */
async function drain(db: Database, owner: string, limit = 1): Promise<string[]> {
    const got: string[] = []
    for (;;) {
        const leases = await claimOutbox(db, owner, { now: later(1000), leaseMs: 600_000, limit })
        if (leases.length === 0) return got
        got.push(...leases.map((l) => l.submissionId))
    }
}

describe.each(ENGINES)('outbox on $name', (engine) => {
    let t: TestDatabase
    afterEach(() => t?.dispose())

    it('never gives one submission to two claimers', async () => {
        t = await engine.fresh()
        const ids: string[] = []
        for (let i = 0; i < 40; i++) ids.push((await createSubmission(t.db, submission(), later(i))).id)
        const second = await t.openAgain()
        // four workers on each connection (or pool), all claiming at once: one at a time on one,
        const claimed = await Promise.all([
            ...Array.from({ length: 4 }, (_, i) => drain(t.db, `a${i}`)),
            // batches of three on the other
            ...Array.from({ length: 4 }, (_, i) => drain(second, `b${i}`, 3)),
        ])
        const all = claimed.flat()
        expect(all).toHaveLength(ids.length)
        expect(new Set(all)).toEqual(new Set(ids))
        expect(await claimNextOutbox(t.db, 'late', { now: later(2000) })).toBeUndefined()
    })

    it('claims a batch in one statement: the oldest due first, each with its own lease', async () => {
        t = await engine.fresh()
        const ids: string[] = []
        for (let i = 0; i < 7; i++) ids.push((await createSubmission(t.db, submission(), later(i))).id)
        const first = await claimOutbox(t.db, 'w', { now: later(100), limit: 5 })
        expect(first.map((l) => l.submissionId)).toEqual(ids.slice(0, 5))
        expect(new Set(first.map((l) => l.token)).size).toBe(5)
        expect(first.every((l) => l.attempts === 1 && l.owner === 'w')).toBe(true)
        // another claimer gets only what is left
        const rest = await claimOutbox(t.db, 'v', { now: later(101), limit: 5 })
        expect(rest.map((l) => l.submissionId)).toEqual(ids.slice(5))
        expect(await claimOutbox(t.db, 'u', { now: later(102), limit: 5 })).toEqual([])

        // settled together in one transaction, each with its own token only
        const [a, b] = first as [Lease, Lease]
        const forged: Lease = { ...b, token: a.token }
        const kept = await t.db.transaction(async (tx) => [
            await settleOutbox(tx, a, { kind: 'delivered', deliveredCount: 3 }, later(200)),
            await settleOutbox(tx, forged, { kind: 'delivered', deliveredCount: 3 }, later(200)),
            await settleOutbox(
                tx,
                first[2]!,
                { kind: 'retry', retryAt: later(10_000), error: 'unavailable: ECONNREFUSED' },
                later(200)
            ),
        ])
        expect(kept).toEqual([true, false, true])
        expect((await getSubmission(t.db, a.submissionId))!.state).toBe('in_dhis2')
        expect((await getSubmission(t.db, b.submissionId))!.state).toBe('received')
        expect((await getSubmission(t.db, first[2]!.submissionId))!.state).toBe('waiting')
        expect(await getOutboxEntry(t.db, first[2]!.submissionId)).toMatchObject({
            state: 'pending',
            nextAttemptAt: later(10_000).toISOString(),
            leaseOwner: null,
        })
    })

    it('hands out the oldest due submission first, and none before it is due', async () => {
        t = await engine.fresh()
        const first = await createSubmission(t.db, submission(), later(0))
        await createSubmission(t.db, submission(), later(10))
        expect(await claimNextOutbox(t.db, 'w', { now: later(-1) })).toBeUndefined()
        const lease = await claimNextOutbox(t.db, 'w', { now: later(5) })
        expect(lease).toMatchObject({ submissionId: first.id, owner: 'w', attempts: 1 })
        expect(await claimNextOutbox(t.db, 'w', { now: later(6) })).toBeUndefined()
    })

    it('gives an expired lease to another worker, and the first can no longer finish it', async () => {
        t = await engine.fresh()
        const s = await createSubmission(t.db, submission(), T0)
        const stalled = (await claimNextOutbox(t.db, 'instance-1', { now: later(1), leaseMs: 60_000 }))!
        expect(await claimNextOutbox(t.db, 'instance-2', { now: later(59_000) })).toBeUndefined()
        const taken = (await claimNextOutbox(t.db, 'instance-2', { now: later(61_001), leaseMs: 60_000 }))!
        expect(taken).toMatchObject({ submissionId: s.id, owner: 'instance-2', attempts: 2 })
        expect(await getOutboxEntry(t.db, s.id)).toMatchObject({ leaseOwner: 'instance-2', attempts: 2 })

        expect(await markDelivered(t.db, stalled, { deliveredCount: 3 }, later(62_000))).toBe(false)
        expect(await extendLease(t.db, stalled, 60_000, later(62_000))).toBe(false)
        expect((await getSubmission(t.db, s.id))!.state).toBe('received')

        expect(await extendLease(t.db, taken, 120_000, later(100_000))).toBe(true)
        expect(await claimNextOutbox(t.db, 'instance-3', { now: later(130_000) })).toBeUndefined()
        expect(await markDelivered(t.db, taken, { deliveredCount: 3 }, later(130_000))).toBe(true)
        expect(await getSubmission(t.db, s.id)).toMatchObject({
            state: 'in_dhis2',
            deliveredCount: 3,
            refusedCount: 0,
            deliveredAt: later(130_000).toISOString(),
        })
        expect(await getOutboxEntry(t.db, s.id)).toMatchObject({ state: 'done', leaseOwner: null })
        expect(await claimNextOutbox(t.db, 'instance-3', { now: later(10_000_000) })).toBeUndefined()
        // a delivered submission cannot be finished a second time
        expect(await markDelivered(t.db, taken, { deliveredCount: 3 }, later(140_000))).toBe(false)
    })

    it('waits for DHIS2, then is tried again at the time set', async () => {
        t = await engine.fresh()
        const s = await createSubmission(t.db, submission(), T0)
        const lease = (await claimNextOutbox(t.db, 'w', { now: later(1) })) as Lease
        const retryAt = later(30_000)
        expect(
            await scheduleRetry(
                t.db,
                lease,
                { retryAt, error: 'DHIS2 ne répond pas (ECONNREFUSED)' },
                later(2)
            )
        ).toBe(true)
        expect((await getSubmission(t.db, s.id))!.state).toBe('waiting')
        expect(await getOutboxEntry(t.db, s.id)).toMatchObject({
            state: 'pending',
            attempts: 1,
            nextAttemptAt: retryAt.toISOString(),
            lastError: 'DHIS2 ne répond pas (ECONNREFUSED)',
            leaseOwner: null,
        })
        expect(await pendingOutboxCount(t.db)).toBe(1)
        expect(await claimNextOutbox(t.db, 'w', { now: later(29_999) })).toBeUndefined()
        const again = (await claimNextOutbox(t.db, 'w', { now: later(30_000) }))!
        expect(again.attempts).toBe(2)
        const refusals = [
            {
                valueKey: 'DeConsult00|202403|FsC5Badala1|Coc5EtPlus|HllvX50cXC0',
                code: 'E7641',
                message: 'période fermée',
            },
        ]
        expect(await markPartlyRefused(t.db, again, { deliveredCount: 2, refusals }, later(31_000))).toBe(
            true
        )
        expect(await getSubmission(t.db, s.id)).toMatchObject({
            state: 'partly_refused',
            deliveredCount: 2,
            refusedCount: 1,
            refusals,
        })
        expect(await pendingOutboxCount(t.db)).toBe(0)
    })
})
