// The outbox: one row per submission still to deliver. A worker takes a time-limited lease on a row
// before pushing it; the lease's token is required to finish it, so an instance that lost its lease
// (it stalled, or was killed and restarted) cannot overwrite the outcome of the one that took over.
import { randomUUID } from 'node:crypto'
import type { Database, Queryable } from './database.js'
import type { Refusal } from './submissions.js'

export interface Lease {
    submissionId: string
    /** Unique to this claim. */
    token: string
    owner: string
    expiresAt: string
    /** Counting this one. */
    attempts: number
}

export interface OutboxEntry {
    submissionId: string
    state: 'pending' | 'done'
    attempts: number
    nextAttemptAt: string
    leaseOwner: string | null
    leaseExpiresAt: string | null
    lastError: string | null
}

export interface ClaimOptions {
    /** How long the worker may take before another may claim the submission again. */
    leaseMs?: number
    now?: Date
}

export const DEFAULT_LEASE_MS = 5 * 60_000
const MAX_ERROR_LENGTH = 1000

const claimable = `state = 'pending' AND next_attempt_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)`

/**
 * One statement picks the oldest due rows and leases each of them. On SQLite a statement runs under the
 * database's write lock, so two claimers never get one row. On PostgreSQL `SKIP LOCKED` lets concurrent
 * claimers pass over rows another is taking; the pick is a materialized CTE, run once (a subquery in
 * `IN (…)` PostgreSQL may run again for each row, locking others each time), and the claim conditions are
 * repeated in the UPDATE because PostgreSQL re-checks only those when a concurrent update changed a row,
 * and then leaves it. Each row gets its own token: the claim's random part and the submission's id.
 */
function claimSql(db: Queryable): string {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''
    return `WITH picked AS MATERIALIZED (
            SELECT submission_id AS picked_id FROM outbox WHERE ${claimable}
            ORDER BY next_attempt_at, created_at, submission_id LIMIT ?${lock}
        )
        UPDATE outbox
        SET lease_owner = ?, lease_token = ? || submission_id, lease_expires_at = ?, attempts = attempts + 1,
            updated_at = ?
        WHERE submission_id IN (SELECT picked_id FROM picked) AND ${claimable}
        RETURNING submission_id, lease_token, attempts, lease_expires_at, next_attempt_at, created_at`
}

export interface BatchClaimOptions extends ClaimOptions {
    /** Most submissions leased at once (default 1). */
    limit?: number
}

/**
 * Up to `limit` submissions due for delivery, oldest due first, each leased to `owner` with its own
 * token, in one statement; none when nothing is due.
 */
export async function claimOutbox(
    db: Database,
    owner: string,
    options: BatchClaimOptions = {}
): Promise<Lease[]> {
    const now = options.now ?? new Date()
    const at = now.toISOString()
    const expiresAt = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString()
    const claim = `${randomUUID()}:`
    const limit = Math.max(1, Math.trunc(options.limit ?? 1))
    const rows = await db.query<{
        submission_id: string
        lease_token: string
        attempts: number
        lease_expires_at: string
        next_attempt_at: string
        created_at: string
    }>(claimSql(db), [at, at, limit, owner, claim, expiresAt, at, at, at])
    // RETURNING keeps no order
    rows.sort(
        (a, b) =>
            compare(a.next_attempt_at, b.next_attempt_at) ||
            compare(a.created_at, b.created_at) ||
            compare(a.submission_id, b.submission_id)
    )
    return rows.map((row) => ({
        submissionId: row.submission_id,
        token: row.lease_token,
        owner,
        expiresAt: row.lease_expires_at,
        attempts: Number(row.attempts),
    }))
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0
}

/** The next submission due for delivery, leased to `owner`; undefined when none is due. */
export async function claimNextOutbox(
    db: Database,
    owner: string,
    options: ClaimOptions = {}
): Promise<Lease | undefined> {
    return (await claimOutbox(db, owner, { ...options, limit: 1 }))[0]
}

/** For a long delivery: pushes the lease's end further. False when the lease was lost. */
export async function extendLease(
    db: Database,
    lease: Lease,
    leaseMs: number,
    now = new Date()
): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + leaseMs).toISOString()
    const changed = await db.run(
        `UPDATE outbox SET lease_expires_at = ?, updated_at = ?
         WHERE submission_id = ? AND lease_token = ? AND state = 'pending'`,
        [expiresAt, now.toISOString(), lease.submissionId, lease.token]
    )
    if (changed > 0) lease.expiresAt = expiresAt
    return changed > 0
}

/** Ends the lease and the outbox entry; false (and nothing changed) when the lease was lost. */
async function finish(
    tx: Queryable,
    lease: Lease,
    at: string,
    outcome: { state: 'pending' | 'done'; nextAttemptAt?: string; error?: string }
): Promise<boolean> {
    const changed = await tx.run(
        `UPDATE outbox
         SET state = ?, next_attempt_at = COALESCE(?, next_attempt_at), last_error = ?,
             lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE submission_id = ? AND lease_token = ? AND state = 'pending'`,
        [
            outcome.state,
            outcome.nextAttemptAt ?? null,
            outcome.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
            at,
            lease.submissionId,
            lease.token,
        ]
    )
    return changed > 0
}

/** How a delivery ended, for `settleOutbox`. */
export type Settlement =
    /** DHIS2 holds every value: the submission is "in DHIS2". */
    | { kind: 'delivered'; deliveredCount: number }
    /**
     * DHIS2 took some values and refused others for reasons sending again will not change (a closed
     * period, a value out of range): the refusals are kept to be explained to the clinic.
     */
    | { kind: 'partly-refused'; deliveredCount: number; refusals: readonly Refusal[] }
    /**
     * DHIS2 could not be reached or refused the service account: the submission waits and is tried
     * again at `retryAt`. `error` is shown to operators: it must hold no secret.
     */
    | { kind: 'retry'; retryAt: Date; error: string }

/**
 * Ends the lease with its outcome, inside the caller's transaction (a batch settles all its leases, and
 * writes what DHIS2 accepted, in one); false, and nothing changed, when the lease was lost.
 */
export async function settleOutbox(
    tx: Queryable,
    lease: Lease,
    settlement: Settlement,
    now = new Date()
): Promise<boolean> {
    const at = now.toISOString()
    if (settlement.kind === 'retry') {
        const held = await finish(tx, lease, at, {
            state: 'pending',
            nextAttemptAt: settlement.retryAt.toISOString(),
            error: settlement.error,
        })
        if (held)
            await tx.run(`UPDATE submissions SET state = 'waiting', updated_at = ? WHERE id = ?`, [
                at,
                lease.submissionId,
            ])
        return held
    }
    if (!(await finish(tx, lease, at, { state: 'done' }))) return false
    if (settlement.kind === 'delivered')
        await tx.run(
            `UPDATE submissions SET state = 'in_dhis2', delivered_count = ?, refused_count = 0, refusals = NULL,
                 delivered_at = ?, updated_at = ? WHERE id = ?`,
            [settlement.deliveredCount, at, at, lease.submissionId]
        )
    else
        await tx.run(
            `UPDATE submissions SET state = 'partly_refused', delivered_count = ?, refused_count = ?, refusals = ?,
                 delivered_at = ?, updated_at = ? WHERE id = ?`,
            [
                settlement.deliveredCount,
                settlement.refusals.length,
                JSON.stringify(settlement.refusals),
                at,
                at,
                lease.submissionId,
            ]
        )
    return true
}

/** One settlement in its own transaction, with `inTransaction` (the outcome's audit) when the lease held. */
function settleAlone(
    db: Database,
    lease: Lease,
    settlement: Settlement,
    now: Date,
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    return db.transaction(async (tx) => {
        if (!(await settleOutbox(tx, lease, settlement, now))) return false
        await inTransaction?.(tx)
        return true
    })
}

/** DHIS2 holds every value: the submission is "in DHIS2". */
export function markDelivered(
    db: Database,
    lease: Lease,
    result: { deliveredCount: number },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    return settleAlone(db, lease, { kind: 'delivered', ...result }, now, inTransaction)
}

/** Some values refused by DHIS2 for good: see `Settlement`. */
export function markPartlyRefused(
    db: Database,
    lease: Lease,
    result: { deliveredCount: number; refusals: readonly Refusal[] },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    return settleAlone(db, lease, { kind: 'partly-refused', ...result }, now, inTransaction)
}

/** DHIS2 unreachable or the account refused: the submission waits until `retryAt` (see `Settlement`). */
export function scheduleRetry(
    db: Database,
    lease: Lease,
    retry: { retryAt: Date; error: string },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    return settleAlone(db, lease, { kind: 'retry', ...retry }, now, inTransaction)
}

interface OutboxRow {
    submission_id: string
    state: 'pending' | 'done'
    attempts: number
    next_attempt_at: string
    lease_owner: string | null
    lease_expires_at: string | null
    last_error: string | null
}

export async function getOutboxEntry(db: Queryable, submissionId: string): Promise<OutboxEntry | undefined> {
    const rows = await db.query<OutboxRow>(
        `SELECT submission_id, state, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error
         FROM outbox WHERE submission_id = ?`,
        [submissionId]
    )
    const r = rows[0]
    if (!r) return undefined
    return {
        submissionId: r.submission_id,
        state: r.state,
        attempts: Number(r.attempts),
        nextAttemptAt: r.next_attempt_at,
        leaseOwner: r.lease_owner,
        leaseExpiresAt: r.lease_expires_at,
        lastError: r.last_error,
    }
}

/** Submissions not yet delivered, leased or not. */
export async function pendingOutboxCount(db: Queryable): Promise<number> {
    const rows = await db.query<{ n: number }>(
        `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM outbox WHERE state = 'pending'`
    )
    return Number(rows[0]?.n ?? 0)
}
