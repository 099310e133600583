// The last stage: what DHIS2 accepted goes into the ledger; what happened goes into the audit
// log (JSON lines). Neither ever holds a password or token.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ValidationIssue } from '../core/types.js'
import type { ReportToComplete } from '../complete/select.js'
import type { CompletionEntry, Ledger, LedgerEntry } from '../plan/ledger.js'
import type { PlannedValue } from '../plan/plan.js'
import type { ValueOutcome } from '../push/push.js'

export function newRunId(): string {
    return `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`
}

export async function sha256File(path: string): Promise<string> {
    const h = createHash('sha256')
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
    return h.digest('hex')
}

/** Saved values become the ledger's new truth; rejected and failed ones are left to be re-sent. */
export async function recordOutcomes(
    ledger: Ledger,
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>,
    runId: string
): Promise<number> {
    const at = new Date().toISOString()
    const entries: LedgerEntry[] = []
    for (const [pv, outcome] of outcomes) {
        if (outcome !== 'saved') continue
        const v = pv.value
        const e: LedgerEntry = {
            key: pv.key,
            scope: `${v.dataSet}|${v.orgUnit}|${v.period}`,
            value: v.value,
            file: v.file,
            row: v.row,
            runId,
            at,
        }
        if (v.comment) e.comment = v.comment
        entries.push(e)
    }
    await ledger.record(entries)
    return entries.length
}

/** Reports DHIS2 registered as complete, so the same push later does not register them again. */
export async function recordCompletions(
    ledger: Ledger,
    registered: readonly ReportToComplete[],
    runId: string
): Promise<number> {
    const at = new Date().toISOString()
    await ledger.recordCompletions(
        registered.map((r): CompletionEntry => ({
            kind: 'complete',
            key: r.key,
            file: r.file,
            row: r.row,
            runId,
            at,
        }))
    )
    return registered.length
}

export interface AuditRecord {
    runId: string
    at: string
    command: string
    target?: string
    /** `basic:<username>` or `token`: who, never the secret. */
    auth?: string
    dryRun?: boolean
    files: Array<{ file: string; sha256: string; rows: number; values: number }>
    counts: Record<string, number>
    issues: Array<
        Pick<ValidationIssue, 'code' | 'severity' | 'file' | 'row' | 'column'> & { errorCode?: string }
    >
    exitCode: number
}

export async function appendAudit(stateDir: string, record: AuditRecord): Promise<string> {
    await mkdir(stateDir, { recursive: true })
    const file = join(stateDir, 'audit.jsonl')
    await appendFile(file, JSON.stringify(record) + '\n', 'utf8')
    return file
}
