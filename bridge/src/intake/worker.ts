// The outbox worker: takes the next due submission under a lease, delivers it, and records the
// outcome with the lease's token (a worker that lost its lease changes nothing). DHIS2 down or the
// service account refused: the submission waits and is tried again later, with a growing delay.
import { hostname } from 'node:os'
import { appendAudit } from '../storage/audit.js'
import type { Queryable } from '../storage/database.js'
import {
    claimNextOutbox,
    extendLease,
    markDelivered,
    markPartlyRefused,
    scheduleRetry,
    type Lease,
} from '../storage/outbox.js'
import { getSubmission, submissionValues } from '../storage/submissions.js'
import type { IntakeContext } from './context.js'
import { deliverSubmission, type DeliveryOptions } from './deliver.js'

export interface WorkerOptions {
    /** How often an idle worker looks for due submissions (default 2 s); a new submission wakes it at once. */
    pollMs?: number
    /** Submissions delivered at the same time (default 4). */
    concurrency?: number
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

    const handle = async (lease: Lease): Promise<void> => {
        const submission = await getSubmission(ctx.db, lease.submissionId)
        if (!submission) return
        const values = await submissionValues(ctx.db, submission.id)
        // keep the claim alive while DHIS2 is slow
        const keepAlive = setInterval(
            () => {
                extendLease(ctx.db, lease, leaseMs).catch(() => undefined)
            },
            Math.max(1000, Math.floor(leaseMs / 3))
        )
        let outcome
        try {
            outcome = await deliverSubmission(
                ctx,
                submission,
                values,
                `intake-${submission.reference}-${lease.attempts}`,
                options.delivery
            )
        } finally {
            clearInterval(keepAlive)
        }
        let kept: boolean
        const base = { actor, submissionId: submission.id, orgUnit: submission.orgUnit }
        // the outcome and its audit line in one transaction: the audit never disagrees with the state
        const audit = (action: string, details: Record<string, unknown>) => (tx: Queryable) =>
            appendAudit(tx, {
                ...base,
                action,
                details: { reference: submission.reference, attempts: lease.attempts, ...details },
            })
        if (outcome.kind === 'delivered') {
            kept = await markDelivered(
                ctx.db,
                lease,
                { deliveredCount: outcome.delivered },
                new Date(),
                audit('outbox.delivered', {
                    delivered: outcome.delivered,
                    sent: outcome.sent,
                    completed: outcome.completed,
                })
            )
        } else if (outcome.kind === 'partly-refused') {
            kept = await markPartlyRefused(
                ctx.db,
                lease,
                { deliveredCount: outcome.delivered, refusals: outcome.refusals },
                new Date(),
                audit('outbox.partly-refused', {
                    delivered: outcome.delivered,
                    sent: outcome.sent,
                    completed: outcome.completed,
                    refused: outcome.refusals.length,
                    codes: [...new Set(outcome.refusals.map((r) => r.code))],
                })
            )
        } else {
            const retryAt = new Date(Date.now() + retryDelay(lease.attempts, baseMs, maxMs))
            // the reason first: the submission page tells the clinic which kind of wait it is
            const error = `${outcome.reason}: ${outcome.detail}`
            kept = await scheduleRetry(
                ctx.db,
                lease,
                { retryAt, error },
                new Date(),
                audit('outbox.retry', {
                    reason: outcome.reason,
                    detail: outcome.detail.slice(0, 300),
                    retryAt: retryAt.toISOString(),
                })
            )
        }
        options.onSettled?.({ submissionId: submission.id, outcome: kept ? outcome.kind : 'lease-lost' })
    }

    const loop = async (): Promise<void> => {
        while (!stopped) {
            let lease: Lease | undefined
            try {
                lease = await claimNextOutbox(ctx.db, owner, { leaseMs })
            } catch {
                lease = undefined
            }
            if (!lease) {
                if (stopped) break
                await nap()
                continue
            }
            try {
                await handle(lease)
            } catch (e) {
                // an unexpected failure: the lease expires and the submission is tried again
                const detail = e instanceof Error ? e.message : String(e)
                await scheduleRetry(ctx.db, lease, {
                    retryAt: new Date(Date.now() + retryDelay(lease.attempts, baseMs, maxMs)),
                    error: `error: ${detail}`,
                }).catch(() => undefined)
                options.onSettled?.({ submissionId: lease.submissionId, outcome: 'error' })
            }
        }
    }

    for (let i = 0; i < Math.max(1, options.concurrency ?? 4); i++) loops.push(loop())

    return {
        wake,
        async stop() {
            stopped = true
            wake()
            await Promise.all(loops)
        },
    }
}
