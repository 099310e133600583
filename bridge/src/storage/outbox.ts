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
 * One statement picks the oldest due row and leases it. On SQLite a statement runs under the database's
 * write lock, so two claimers never get one row. On PostgreSQL `SKIP LOCKED` lets concurrent claimers
 * pass over a row another is taking; the claim conditions are repeated outside the subquery because
 * PostgreSQL re-checks only those when a concurrent update changed the row, and then leases nothing.
 */
function claimSql(db: Queryable): string {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''
    return `UPDATE outbox
        SET lease_owner = ?, lease_token = ?, lease_expires_at = ?, attempts = attempts + 1, updated_at = ?
        WHERE submission_id = (
            SELECT submission_id FROM outbox WHERE ${claimable}
            ORDER BY next_attempt_at, created_at, submission_id LIMIT 1${lock}
        ) AND ${claimable}
        RETURNING submission_id, attempts, lease_expires_at`
}

/** The next submission due for delivery, leased to `owner`; undefined when none is due. */
export async function claimNextOutbox(
    db: Database,
    owner: string,
    options: ClaimOptions = {}
): Promise<Lease | undefined> {
    const now = options.now ?? new Date()
    const at = now.toISOString()
    const expiresAt = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString()
    const token = randomUUID()
    const rows = await db.query<{ submission_id: string; attempts: number; lease_expires_at: string }>(
        claimSql(db),
        [owner, token, expiresAt, at, at, at, at, at]
    )
    const row = rows[0]
    if (!row) return undefined
    return {
        submissionId: row.submission_id,
        token,
        owner,
        expiresAt: row.lease_expires_at,
        attempts: Number(row.attempts),
    }
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

/** DHIS2 holds every value: the submission is "in DHIS2". */
export async function markDelivered(
    db: Database,
    lease: Lease,
    result: { deliveredCount: number },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    const at = now.toISOString()
    return db.transaction(async (tx) => {
        if (!(await finish(tx, lease, at, { state: 'done' }))) return false
        await tx.run(
            `UPDATE submissions SET state = 'in_dhis2', delivered_count = ?, refused_count = 0, refusals = NULL,
                 delivered_at = ?, updated_at = ? WHERE id = ?`,
            [result.deliveredCount, at, at, lease.submissionId]
        )
        await inTransaction?.(tx)
        return true
    })
}

/**
 * DHIS2 took some values and refused others for reasons sending again will not change (a closed
 * period, a value out of range): the refusals are kept to be explained to the clinic.
 */
export async function markPartlyRefused(
    db: Database,
    lease: Lease,
    result: { deliveredCount: number; refusals: readonly Refusal[] },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    const at = now.toISOString()
    return db.transaction(async (tx) => {
        if (!(await finish(tx, lease, at, { state: 'done' }))) return false
        await tx.run(
            `UPDATE submissions SET state = 'partly_refused', delivered_count = ?, refused_count = ?, refusals = ?,
                 delivered_at = ?, updated_at = ? WHERE id = ?`,
            [
                result.deliveredCount,
                result.refusals.length,
                JSON.stringify(result.refusals),
                at,
                at,
                lease.submissionId,
            ]
        )
        await inTransaction?.(tx)
        return true
    })
}

/**
 * DHIS2 could not be reached or refused the service account: the submission waits and is tried again
 * at `retryAt`. `error` is shown to operators: it must hold no secret.
 */
export async function scheduleRetry(
    db: Database,
    lease: Lease,
    retry: { retryAt: Date; error: string },
    now = new Date(),
    /** Runs inside the same transaction when the lease still held (the audit of the outcome). */
    inTransaction?: (tx: Queryable) => Promise<void>
): Promise<boolean> {
    const at = now.toISOString()
    return db.transaction(async (tx) => {
        const held = await finish(tx, lease, at, {
            state: 'pending',
            nextAttemptAt: retry.retryAt.toISOString(),
            error: retry.error,
        })
        if (!held) return false
        await tx.run(`UPDATE submissions SET state = 'waiting', updated_at = ? WHERE id = ?`, [
            at,
            lease.submissionId,
        ])
        await inTransaction?.(tx)
        return true
    })
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
