// The last stage: what DHIS2 accepted goes into the ledger (the bridge's database); what happened goes
// into the state folder's audit log (JSON lines). Neither ever holds a password or token. The audit
// stays a file: the Ctrl-C handler must write its line synchronously before the process exits, which
// an append and an fdatasync do, and a PostgreSQL client cannot.
import { createHash, randomUUID } from 'node:crypto'
import { closeSync, createReadStream, fdatasyncSync, openSync, writeSync } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ValidationIssue } from '../core/types.js'
import type { ReportToComplete } from '../complete/select.js'
import type { CompletionEntry, Ledger, LedgerEntry, RunTally } from '../plan/ledger.js'
import type { PlannedValue } from '../plan/plan.js'
import type { ValueOutcome } from '../send/push.js'
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from './private-files.js'

export function newRunId(): string {
    return `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`
}

export async function sha256File(path: string): Promise<string> {
    const h = createHash('sha256')
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer)
    return h.digest('hex')
}

function entryOf(pv: PlannedValue, runId: string, at: string, via: LedgerEntry['via']): LedgerEntry {
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
    if (via === 'found') e.via = via
    return e
}

/** The ledger lines of the values DHIS2 saved; rejected and failed ones are left to be re-sent. */
export function savedEntries(
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>,
    runId: string,
    at = new Date().toISOString()
): LedgerEntry[] {
    const entries: LedgerEntry[] = []
    for (const [pv, outcome] of outcomes)
        if (outcome === 'saved') entries.push(entryOf(pv, runId, at, 'sent'))
    return entries
}

/** The ledger lines of values DHIS2 already holds as the file says (`Plan.found`). */
export function foundEntries(
    found: readonly PlannedValue[],
    runId: string,
    at = new Date().toISOString()
): LedgerEntry[] {
    return found.map((pv) => entryOf(pv, runId, at, 'found'))
}

/** The ledger lines of reports DHIS2 registered as complete. */
export function completionEntries(
    registered: readonly ReportToComplete[],
    runId: string,
    at = new Date().toISOString()
): CompletionEntry[] {
    return registered.map((r) => ({ kind: 'complete', key: r.key, file: r.file, row: r.row, runId, at }))
}

/** Saved values become the ledger's new truth; rejected and failed ones are left to be re-sent. */
export async function recordOutcomes(
    ledger: Ledger,
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>,
    runId: string
): Promise<number> {
    const entries = savedEntries(outcomes, runId)
    await ledger.record(entries)
    return entries.length
}

/** Values DHIS2 already holds as the file says, missing from the ledger (a run killed before writing). */
export async function recordFound(
    ledger: Ledger,
    found: readonly PlannedValue[],
    runId: string
): Promise<number> {
    await ledger.record(foundEntries(found, runId))
    return found.length
}

/** Reports DHIS2 registered as complete, so the same push later does not register them again. */
export async function recordCompletions(
    ledger: Ledger,
    registered: readonly ReportToComplete[],
    runId: string
): Promise<number> {
    await ledger.recordCompletions(completionEntries(registered, runId))
    return registered.length
}

export interface AuditRecord {
    /** Absent on lines written before runs were tracked: those are finished runs. */
    event?: 'finished'
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

/** Written when a push starts sending: a run that never writes its end was interrupted. */
export interface AuditStarted {
    event: 'started'
    runId: string
    at: string
    command: string
    target?: string
    auth?: string
    pid: number
    files: Array<{ file: string; sha256: string }>
    toSend: number
}

/** What an interrupted run had delivered, from its ledger lines. */
export interface AuditInterrupted {
    event: 'interrupted'
    runId: string
    /** When the run started. */
    startedAt: string
    /** When the interruption was recorded: at once on a signal, else by the next run. */
    at: string
    /** `SIGINT`, `SIGTERM`… or `unknown` (killed without a word: found by the next run). */
    signal: string
    target?: string
    files: Array<{ file: string; sha256: string }>
    /** Values DHIS2 accepted from that run, and reports it marked complete, as its ledger lines say. */
    delivered: { values: number; completions: number }
    toSend: number
}

export type AuditLine = AuditRecord | AuditStarted | AuditInterrupted

export function auditFileFor(stateDir: string): string {
    return join(stateDir, 'audit.jsonl')
}

export async function appendAudit(stateDir: string, record: AuditLine): Promise<string> {
    await ensurePrivateDir(stateDir)
    const file = auditFileFor(stateDir)
    const h = await open(file, 'a', PRIVATE_FILE_MODE)
    try {
        await h.write(JSON.stringify(record) + '\n')
        await h.datasync()
    } finally {
        await h.close()
    }
    await makePrivate(file)
    return file
}

/** For signal handlers, which cannot wait for a promise. */
export function appendAuditSync(stateDir: string, record: AuditLine): void {
    const fd = openSync(auditFileFor(stateDir), 'a', PRIVATE_FILE_MODE)
    try {
        writeSync(fd, JSON.stringify(record) + '\n')
        fdatasyncSync(fd)
    } finally {
        closeSync(fd)
    }
}

/** `tally`: what the run's ledger lines say it delivered (`Ledger.runTally`, or the database's). */
export function interruptedRecord(
    started: AuditStarted,
    tally: RunTally,
    signal: string,
    at = new Date().toISOString()
): AuditInterrupted {
    const r: AuditInterrupted = {
        event: 'interrupted',
        runId: started.runId,
        startedAt: started.at,
        at,
        signal,
        files: started.files,
        delivered: { values: tally.values, completions: tally.completions },
        toSend: started.toSend,
    }
    if (started.target) r.target = started.target
    return r
}

/**
 * Runs that started and never wrote their end (killed, power cut): recorded as interrupted, with
 * what their ledger lines say they delivered (`tallyOf`, read from the database). Called under the
 * state lock, so none is still running.
 */
export async function settleInterruptedRuns(
    stateDir: string,
    tallyOf: (started: AuditStarted) => Promise<RunTally>
): Promise<AuditInterrupted[]> {
    let text: string
    try {
        text = await readFile(auditFileFor(stateDir), 'utf8')
    } catch {
        return []
    }
    const unfinished = new Map<string, AuditStarted>()
    for (const line of text.split('\n')) {
        if (!line) continue
        let r: AuditLine
        try {
            r = JSON.parse(line) as AuditLine
        } catch {
            continue
        }
        if (r.event === 'started') unfinished.set(r.runId, r)
        else unfinished.delete(r.runId)
    }
    const settled: AuditInterrupted[] = []
    for (const started of unfinished.values()) {
        const r = interruptedRecord(started, await tallyOf(started), 'unknown')
        await appendAudit(stateDir, r)
        settled.push(r)
    }
    return settled
}
