// The outbox worker: takes the oldest due submissions under a lease each (one statement), delivers them
// as a batch, and records every outcome with its lease's token, the ledger lines and the audit in one
// transaction (a worker that lost a lease changes nothing of that submission). DHIS2 down or the
// service account refused: a submission waits and is tried again later, with a growing delay.
import { hostname } from 'node:os'
import PQueue from 'p-queue'
import { chunkKey } from '../core/types.js'
import { appendAudit } from '../storage/audit.js'
import { recordDeliveries } from '../storage/ledger.js'
import {
    claimOutbox,
    extendLease,
    scheduleRetry,
    settleOutbox,
    type Lease,
    type Settlement,
} from '../storage/outbox.js'
import { getSubmissions, valuesOfSubmissions } from '../storage/submissions.js'
import type { IntakeContext } from './context.js'
import { deliverBatch, type BatchItem, type DeliveryOptions, type DeliveryOutcome } from './deliver.js'

export interface WorkerOptions {
    /** How often an idle worker looks for due submissions (default 2 s); a new submission wakes it at once. */
    pollMs?: number
    /** Requests to DHIS2 at the same time, all batches together (default 4). */
    concurrency?: number
    /** Most submissions claimed and delivered together (default 50). */
    batchSize?: number
    /** Batches in progress at once: one is read, planned or recorded while another is sent (default 2). */
    batches?: number
    /** How long a claim lasts before another worker may take the submission (default 5 min). */
    leaseMs?: number
    /** First delay before a submission that could not be delivered is tried again (default 5 s), doubling. */
    retryBaseMs?: number
    /** Longest delay between two tries (default 10 min). */
    retryMaxMs?: number
    delivery?: DeliveryOptions
    /** Called after each submission handled (tests, the benchmark). */
    onSettled?: (event: { submissionId: string; outcome: string }) => void
}

export interface RunningWorker {
    wake(): void
    stop(): Promise<void>
}

export function retryDelay(attempts: number, baseMs: number, maxMs: number): number {
    return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(20, attempts - 1)))
}

export function startOutboxWorker(ctx: IntakeContext, options: WorkerOptions = {}): RunningWorker {
    const owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`
    const actor = `worker:${owner}`
    const pollMs = options.pollMs ?? 2000
    const leaseMs = options.leaseMs ?? 5 * 60_000
    const baseMs = options.retryBaseMs ?? 5000
    const maxMs = options.retryMaxMs ?? 10 * 60_000
    let stopped = false
    const sleepers = new Set<() => void>()
    const loops: Promise<void>[] = []

    // a wake while every loop is busy is kept for the next nap, so no submission waits a whole poll
    let woken = false
    const nap = () =>
        new Promise<void>((resolve) => {
            if (woken) {
                woken = false
                resolve()
                return
            }
            const wakeUp = () => {
                clearTimeout(timer)
                sleepers.delete(wakeUp)
                resolve()
            }
            const timer = setTimeout(wakeUp, pollMs)
            sleepers.add(wakeUp)
        })
    const wake = () => {
        if (sleepers.size === 0) woken = true
        for (const s of [...sleepers]) s()
    }

    const batchSize = Math.max(1, Math.trunc(options.batchSize ?? 50))
    // every request of every batch to DHIS2 goes through this one queue
    const queue = new PQueue({ concurrency: Math.max(1, Math.trunc(options.concurrency ?? 4)) })

    const settlementOf = (lease: Lease, outcome: DeliveryOutcome): Settlement => {
        if (outcome.kind === 'delivered') return { kind: 'delivered', deliveredCount: outcome.delivered }
        if (outcome.kind === 'partly-refused')
            return { kind: 'partly-refused', deliveredCount: outcome.delivered, refusals: outcome.refusals }
        // the reason first: the submission page tells the clinic which kind of wait it is
        return {
            kind: 'retry',
            retryAt: new Date(Date.now() + retryDelay(lease.attempts, baseMs, maxMs)),
            error: `${outcome.reason}: ${outcome.detail}`,
        }
    }

    const auditDetails = (outcome: DeliveryOutcome, settlement: Settlement): Record<string, unknown> => {
        if (outcome.kind === 'retry')
            return {
                reason: outcome.reason,
                detail: outcome.detail.slice(0, 300),
                retryAt: settlement.kind === 'retry' ? settlement.retryAt.toISOString() : undefined,
            }
        const counts = { delivered: outcome.delivered, sent: outcome.sent, completed: outcome.completed }
        if (outcome.kind === 'delivered') return counts
        return {
            ...counts,
            refused: outcome.refusals.length,
            codes: [...new Set(outcome.refusals.map((r) => r.code))],
        }
    }

    /** One batch of submissions whose facility-months do not overlap: delivered, then settled in one transaction. */
    const deliverRound = async (round: Array<BatchItem & { lease: Lease }>): Promise<void> => {
        const result = await deliverBatch(ctx, round, queue, options.delivery)
        const now = new Date()
        const kept = await ctx.db.transaction(async (tx) => {
            // what DHIS2 now holds, whatever became of the leases: it is DHIS2's state, not the outcome
            await recordDeliveries(tx, ctx.instance, result.records)
            const out: boolean[] = []
            for (const { lease, submission } of round) {
                const outcome = result.outcomes.get(submission.id)
                if (!outcome) throw new Error(`no outcome for submission ${submission.id}`)
                const settlement = settlementOf(lease, outcome)
                const held = await settleOutbox(tx, lease, settlement, now)
                // the outcome and its audit line in one transaction: the audit never disagrees with the state
                if (held)
                    await appendAudit(tx, {
                        actor,
                        action: `outbox.${outcome.kind}`,
                        submissionId: submission.id,
                        orgUnit: submission.orgUnit,
                        at: now,
                        details: {
                            reference: submission.reference,
                            attempts: lease.attempts,
                            ...auditDetails(outcome, settlement),
                        },
                    })
                out.push(held)
            }
            return out
        })
        round.forEach(({ submission }, i) =>
            options.onSettled?.({
                submissionId: submission.id,
                outcome: kept[i] ? (result.outcomes.get(submission.id)?.kind ?? 'error') : 'lease-lost',
            })
        )
    }

    /** An unexpected failure: the submissions are tried again later. */
    const putOff = async (leases: readonly Lease[], e: unknown): Promise<void> => {
        const detail = e instanceof Error ? e.message : String(e)
        for (const lease of leases) {
            await scheduleRetry(ctx.db, lease, {
                retryAt: new Date(Date.now() + retryDelay(lease.attempts, baseMs, maxMs)),
                error: `error: ${detail}`,
            }).catch(() => undefined)
            options.onSettled?.({ submissionId: lease.submissionId, outcome: 'error' })
        }
    }

    const handle = async (leases: Lease[]): Promise<void> => {
        // keep the claims alive while DHIS2 is slow
        const keepAlive = setInterval(
            () => {
                for (const lease of leases) extendLease(ctx.db, lease, leaseMs).catch(() => undefined)
            },
            Math.max(1000, Math.floor(leaseMs / 3))
        )
        try {
            let items: Array<BatchItem & { lease: Lease }>
            try {
                const ids = leases.map((l) => l.submissionId)
                const submissions = await getSubmissions(ctx.db, ids)
                const values = await valuesOfSubmissions(ctx.db, ids)
                items = leases.flatMap((lease) => {
                    const submission = submissions.get(lease.submissionId)
                    if (!submission) return []
                    const runId = `intake-${submission.reference}-${lease.attempts}`
                    return [{ lease, submission, values: values.get(submission.id) ?? [], runId }]
                })
            } catch (e) {
                await putOff(leases, e)
                return
            }
            for (const round of rounds(items)) {
                try {
                    await deliverRound(round)
                } catch (e) {
                    // the lease would expire and the submission be tried again: say so now
                    await putOff(
                        round.map((r) => r.lease),
                        e
                    )
                }
            }
        } finally {
            clearInterval(keepAlive)
        }
    }

    const loop = async (): Promise<void> => {
        while (!stopped) {
            let leases: Lease[]
            try {
                leases = await claimOutbox(ctx.db, owner, { leaseMs, limit: batchSize })
            } catch {
                leases = []
            }
            if (leases.length === 0) {
                if (stopped) break
                await nap()
                continue
            }
            await handle(leases)
        }
    }

    for (let i = 0; i < Math.max(1, Math.trunc(options.batches ?? 2)); i++) loops.push(loop())

    return {
        wake,
        async stop() {
            stopped = true
            wake()
            await Promise.all(loops)
        },
    }
}

/**
 * The batch cut in rounds: a submission that shares a facility-month with one received before it in the
 * batch goes in a later round, delivered after that one's round is settled, as one at a time would.
 */
export function rounds<T extends BatchItem>(items: readonly T[]): T[][] {
    const ordered = [...items].sort(
        (a, b) =>
            compare(a.submission.receivedAt, b.submission.receivedAt) ||
            compare(a.submission.id, b.submission.id)
    )
    const out: T[][] = []
    const lastRound = new Map<string, number>()
    for (const item of ordered) {
        const scopes = new Set(item.values.map((v) => chunkKey(v)))
        let round = 0
        for (const s of scopes) round = Math.max(round, (lastRound.get(s) ?? -1) + 1)
        for (const s of scopes) lastRound.set(s, round)
        ;(out[round] ??= []).push(item)
    }
    return out
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0
}
