// Who did what, for the district and for an inquiry. Details are JSON; keys that name a secret are
// replaced before anything is written, whatever the caller passed. Patient-level cells must never be
// passed at all: the intake audits counts, codes and references, not file contents.
import type { Queryable } from './database.js'

export interface AuditInput {
    /** DHIS2 username, or `worker:<instance>` / `cli:<runId>` for the bridge itself. */
    actor: string
    /** `submission.created`, `access.refused`, `outbox.delivered`, … */
    action: string
    submissionId?: string
    orgUnit?: string
    details?: Record<string, unknown>
    at?: Date
}

export interface AuditRecord {
    id: number
    at: string
    actor: string
    action: string
    submissionId: string | null
    orgUnit: string | null
    details: Record<string, unknown>
}

const SECRET_KEY = /pass(word|wd)?|secret|token|authori[sz]ation|cookie|session|api[-_]?key|credential/i
export const REDACTED = '[redacted]'

/** A copy of `value` where every property named like a secret holds `[redacted]`. */
export function withoutSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutSecrets)
    if (value !== null && typeof value === 'object') {
        const out: Record<string, unknown> = {}
        for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : withoutSecrets(v)
        return out
    }
    return value
}

export async function appendAudit(db: Queryable, entry: AuditInput): Promise<void> {
    await db.run(
        'INSERT INTO audit (at, actor, action, submission_id, org_unit, details) VALUES (?, ?, ?, ?, ?, ?)',
        [
            (entry.at ?? new Date()).toISOString(),
            entry.actor,
            entry.action,
            entry.submissionId ?? null,
            entry.orgUnit ?? null,
            JSON.stringify(withoutSecrets(entry.details ?? {})),
        ]
    )
}

export interface AuditFilter {
    submissionId?: string
    orgUnits?: readonly string[]
    /** Entries after this id, for paging forward. */
    afterId?: number
    limit?: number
}

interface AuditRow {
    id: number
    at: string
    actor: string
    action: string
    submission_id: string | null
    org_unit: string | null
    details: string
}

/** Oldest first, in the order written. */
export async function listAudit(db: Queryable, filter: AuditFilter = {}): Promise<AuditRecord[]> {
    const where: string[] = []
    const params: (string | number)[] = []
    if (filter.submissionId !== undefined) {
        where.push('submission_id = ?')
        params.push(filter.submissionId)
    }
    if (filter.orgUnits !== undefined) {
        if (filter.orgUnits.length === 0) return []
        where.push(`org_unit IN (${filter.orgUnits.map(() => '?').join(', ')})`)
        params.push(...filter.orgUnits)
    }
    if (filter.afterId !== undefined) {
        where.push('id > ?')
        params.push(filter.afterId)
    }
    params.push(Math.max(1, Math.trunc(filter.limit ?? 1000)))
    const rows = await db.query<AuditRow>(
        `SELECT * FROM audit${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`,
        params
    )
    return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actor: r.actor,
        action: r.action,
        submissionId: r.submission_id,
        orgUnit: r.org_unit,
        details: JSON.parse(r.details) as Record<string, unknown>,
    }))
}
