// The ledger in the database: what the bridge delivered to each DHIS2, for the CLI and the intake
// service alike, so they never disagree about what DHIS2 already has. Same entries as the JSON-lines
// ledger the CLI kept before (`ledger-<server>.jsonl`, imported once), plus where they came from: a CLI
// run or an intake submission.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { CompletionEntry, LedgerEntry } from '../plan/ledger.js'
import type { Database, Param, Queryable } from './database.js'

/** Which DHIS2 a ledger row is about: its address without credentials (see `ledgerInstance`). */
export type Instance = string

/** Lines one run wrote, including those a later run superseded (the JSON-lines ledger's `runTally`). */
export interface StoredRunTally {
    /** Values DHIS2 accepted from the run. */
    values: number
    /** Values the run found already in DHIS2 (`via: 'found'`). */
    found: number
    completions: number
    files: string[]
}

/** A CLI run is identified by its `runId`; an intake delivery also names its submission. */
export interface LedgerSource {
    submissionId?: string
}

/** The DHIS2 address as a ledger key: no user or password, no trailing slash, host in lower case. */
export function ledgerInstance(baseUrl: string): Instance {
    try {
        const u = new URL(baseUrl)
        u.username = ''
        u.password = ''
        return u.toString().replace(/\/+$/, '')
    } catch {
        return baseUrl.replace(/^(https?:\/\/)[^@/]*@/, '$1').replace(/\/+$/, '')
    }
}

const ROWS_PER_INSERT = 50

interface ValueRow {
    value_key: string
    scope: string
    value: string
    comment: string | null
    file: string
    source_row: number
    run_id: string
    via: string | null
    recorded_at: string
}

function toEntry(r: ValueRow): LedgerEntry {
    const e: LedgerEntry = {
        key: r.value_key,
        scope: r.scope,
        value: r.value,
        file: r.file,
        row: Number(r.source_row),
        runId: r.run_id,
        at: r.recorded_at,
    }
    if (r.comment !== null) e.comment = r.comment
    if (r.via === 'sent' || r.via === 'found') e.via = r.via
    return e
}

export async function ledgerGet(
    db: Queryable,
    instance: Instance,
    key: string
): Promise<LedgerEntry | undefined> {
    const rows = await db.query<ValueRow>(
        'SELECT * FROM ledger_values WHERE instance = ? AND value_key = ?',
        [instance, key]
    )
    return rows[0] ? toEntry(rows[0]) : undefined
}

/** Every entry of one DHIS2, to load a ledger's in-memory view at once. */
export async function ledgerEntries(db: Queryable, instance: Instance): Promise<LedgerEntry[]> {
    const rows = await db.query<ValueRow>(
        'SELECT * FROM ledger_values WHERE instance = ? ORDER BY value_key',
        [instance]
    )
    return rows.map(toEntry)
}

/** Keys recorded for a chunk scope (dataSet|orgUnit|period). */
export async function ledgerKeysInScope(db: Queryable, instance: Instance, scope: string): Promise<string[]> {
    const rows = await db.query<{ value_key: string }>(
        'SELECT value_key FROM ledger_values WHERE instance = ? AND scope = ? ORDER BY value_key',
        [instance, scope]
    )
    return rows.map((r) => r.value_key)
}

export async function ledgerSize(db: Queryable, instance: Instance): Promise<number> {
    const rows = await db.query<{ n: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ledger_values WHERE instance = ?',
        [instance]
    )
    return Number(rows[0]?.n ?? 0)
}

/** Last entry per key wins, as in the JSON-lines file (one statement cannot update a row twice). */
function lastPerKey<T extends { key: string }>(entries: readonly T[]): T[] {
    return [...new Map(entries.map((e) => [e.key, e])).values()]
}

type Conflict = 'replace' | 'newer'

async function upsertValues(
    tx: Queryable,
    instance: Instance,
    entries: readonly LedgerEntry[],
    submissionId: string | null,
    conflict: Conflict
): Promise<void> {
    // an import must not replace what the database learned later than the file
    const unlessOlder = conflict === 'newer' ? ' WHERE excluded.recorded_at >= ledger_values.recorded_at' : ''
    const unique = lastPerKey(entries)
    for (let i = 0; i < unique.length; i += ROWS_PER_INSERT) {
        const batch = unique.slice(i, i + ROWS_PER_INSERT)
        const params: Param[] = batch.flatMap((e) => [
            instance,
            e.key,
            e.scope,
            e.value,
            e.comment ?? null,
            e.file,
            e.row,
            e.runId,
            e.via ?? null,
            submissionId,
            e.at,
        ])
        await tx.run(
            `INSERT INTO ledger_values (instance, value_key, scope, value, comment, file, source_row, run_id, via,
                 submission_id, recorded_at)
             VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
             ON CONFLICT (instance, value_key) DO UPDATE SET scope = excluded.scope, value = excluded.value,
                 comment = excluded.comment, file = excluded.file, source_row = excluded.source_row,
                 run_id = excluded.run_id, via = excluded.via, submission_id = excluded.submission_id,
                 recorded_at = excluded.recorded_at${unlessOlder}`,
            params
        )
    }
}

async function upsertCompletions(
    tx: Queryable,
    instance: Instance,
    entries: readonly CompletionEntry[],
    submissionId: string | null,
    conflict: Conflict
): Promise<void> {
    const unlessOlder =
        conflict === 'newer' ? ' WHERE excluded.recorded_at >= ledger_completions.recorded_at' : ''
    const unique = lastPerKey(entries)
    for (let i = 0; i < unique.length; i += ROWS_PER_INSERT) {
        const batch = unique.slice(i, i + ROWS_PER_INSERT)
        const params: Param[] = batch.flatMap((e) => [
            instance,
            e.key,
            e.file,
            e.row,
            e.runId,
            submissionId,
            e.at,
        ])
        await tx.run(
            `INSERT INTO ledger_completions (instance, report_key, file, source_row, run_id, submission_id, recorded_at)
             VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
             ON CONFLICT (instance, report_key) DO UPDATE SET file = excluded.file,
                 source_row = excluded.source_row, run_id = excluded.run_id,
                 submission_id = excluded.submission_id, recorded_at = excluded.recorded_at${unlessOlder}`,
            params
        )
    }
}

interface Tally {
    values: number
    found: number
    completions: number
    files: Set<string>
}

function tallyByRun(
    values: readonly LedgerEntry[],
    completions: readonly CompletionEntry[]
): Map<string, Tally> {
    const byRun = new Map<string, Tally>()
    const get = (runId: string): Tally => {
        let t = byRun.get(runId)
        if (!t) byRun.set(runId, (t = { values: 0, found: 0, completions: 0, files: new Set() }))
        return t
    }
    for (const e of values) {
        const t = get(e.runId)
        if (e.via === 'found') t.found++
        else t.values++
        t.files.add(e.file)
    }
    for (const e of completions) {
        const t = get(e.runId)
        t.completions++
        t.files.add(e.file)
    }
    return byRun
}

/** `add`: lines recorded now are added; `set`: an import states the whole of each run it holds. */
async function writeTallies(
    tx: Queryable,
    instance: Instance,
    byRun: Map<string, Tally>,
    mode: 'add' | 'set'
): Promise<void> {
    const update =
        mode === 'add'
            ? ['value_lines', 'found_lines', 'completion_lines'].map(
                  (c) => `${c} = ledger_runs.${c} + excluded.${c}`
              )
            : ['value_lines', 'found_lines', 'completion_lines'].map((c) => `${c} = excluded.${c}`)
    for (const [runId, t] of byRun) {
        await tx.run(
            `INSERT INTO ledger_runs (instance, run_id, value_lines, found_lines, completion_lines)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (instance, run_id) DO UPDATE SET ${update.join(', ')}`,
            [instance, runId, t.values, t.found, t.completions]
        )
        for (const file of t.files)
            await tx.run(
                `INSERT INTO ledger_run_files (instance, run_id, file) VALUES (?, ?, ?)
                 ON CONFLICT (instance, run_id, file) DO NOTHING`,
                [instance, runId, file]
            )
    }
}

/** Durable when it resolves: one transaction for the entries and their run's tally. */
export async function recordLedger(
    db: Database,
    instance: Instance,
    entries: readonly LedgerEntry[],
    source: LedgerSource = {}
): Promise<void> {
    if (entries.length === 0) return
    await db.transaction(async (tx) => {
        await upsertValues(tx, instance, entries, source.submissionId ?? null, 'replace')
        await writeTallies(tx, instance, tallyByRun(entries, []), 'add')
    })
}

export async function recordCompletions(
    db: Database,
    instance: Instance,
    entries: readonly CompletionEntry[],
    source: LedgerSource = {}
): Promise<void> {
    if (entries.length === 0) return
    await db.transaction(async (tx) => {
        await upsertCompletions(tx, instance, entries, source.submissionId ?? null, 'replace')
        await writeTallies(tx, instance, tallyByRun([], entries), 'add')
    })
}

/** What one intake delivery learnt: the values and reports DHIS2 now holds, and the submission they came from. */
export interface DeliveryRecord {
    submissionId: string
    values: readonly LedgerEntry[]
    completions: readonly CompletionEntry[]
}

/**
 * The ledger lines of several deliveries (the outbox worker's batch), inside the caller's transaction:
 * the one that also settles their outbox entries, so a submission is never done without its lines.
 */
export async function recordDeliveries(
    tx: Queryable,
    instance: Instance,
    deliveries: readonly DeliveryRecord[]
): Promise<void> {
    for (const d of deliveries) {
        if (d.values.length > 0) await upsertValues(tx, instance, d.values, d.submissionId, 'replace')
        if (d.completions.length > 0)
            await upsertCompletions(tx, instance, d.completions, d.submissionId, 'replace')
    }
    const values = deliveries.flatMap((d) => d.values)
    const completions = deliveries.flatMap((d) => d.completions)
    if (values.length + completions.length > 0)
        await writeTallies(tx, instance, tallyByRun(values, completions), 'add')
}

interface CompletionRow {
    report_key: string
    file: string
    source_row: number
    run_id: string
    recorded_at: string
}

function toCompletion(r: CompletionRow): CompletionEntry {
    return {
        kind: 'complete',
        key: r.report_key,
        file: r.file,
        row: Number(r.source_row),
        runId: r.run_id,
        at: r.recorded_at,
    }
}

/** The registration of a report (dataSet|orgUnit|period|aoc) as complete, if the bridge made one. */
export async function ledgerCompletion(
    db: Queryable,
    instance: Instance,
    key: string
): Promise<CompletionEntry | undefined> {
    const rows = await db.query<CompletionRow>(
        'SELECT * FROM ledger_completions WHERE instance = ? AND report_key = ?',
        [instance, key]
    )
    return rows[0] ? toCompletion(rows[0]) : undefined
}

export async function ledgerCompletions(db: Queryable, instance: Instance): Promise<CompletionEntry[]> {
    const rows = await db.query<CompletionRow>(
        'SELECT * FROM ledger_completions WHERE instance = ? ORDER BY report_key',
        [instance]
    )
    return rows.map(toCompletion)
}

export async function ledgerRunTally(
    db: Queryable,
    instance: Instance,
    runId: string
): Promise<StoredRunTally> {
    const runs = await db.query<{ value_lines: number; found_lines: number; completion_lines: number }>(
        'SELECT value_lines, found_lines, completion_lines FROM ledger_runs WHERE instance = ? AND run_id = ?',
        [instance, runId]
    )
    const files = await db.query<{ file: string }>(
        'SELECT file FROM ledger_run_files WHERE instance = ? AND run_id = ? ORDER BY file',
        [instance, runId]
    )
    return {
        values: Number(runs[0]?.value_lines ?? 0),
        found: Number(runs[0]?.found_lines ?? 0),
        completions: Number(runs[0]?.completion_lines ?? 0),
        files: files.map((f) => f.file),
    }
}

export interface LedgerImport {
    /** True when this very content was imported before: nothing was changed. */
    alreadyImported: boolean
    values: number
    completions: number
    /** Torn or unreadable lines, skipped as the JSON-lines ledger skips them. */
    skipped: number
}

function isValueEntry(x: Record<string, unknown>): boolean {
    return (
        typeof x.key === 'string' &&
        typeof x.scope === 'string' &&
        typeof x.value === 'string' &&
        typeof x.file === 'string' &&
        typeof x.row === 'number' &&
        typeof x.runId === 'string' &&
        typeof x.at === 'string'
    )
}

function isCompletionEntry(x: Record<string, unknown>): boolean {
    return (
        x.kind === 'complete' &&
        typeof x.key === 'string' &&
        typeof x.file === 'string' &&
        typeof x.row === 'number' &&
        typeof x.runId === 'string' &&
        typeof x.at === 'string'
    )
}

/** A ledger line's fields only: anything else a line may carry is not copied. */
function valueEntry(x: Record<string, unknown>): LedgerEntry {
    const e: LedgerEntry = {
        key: x.key as string,
        scope: x.scope as string,
        value: x.value as string,
        file: x.file as string,
        row: x.row as number,
        runId: x.runId as string,
        at: x.at as string,
    }
    if (typeof x.comment === 'string') e.comment = x.comment
    if (x.via === 'sent' || x.via === 'found') e.via = x.via
    return e
}

/** A JSON-lines ledger file as read: its entries in file order, and its fingerprint. */
export interface JsonlLedgerContent {
    sha256: string
    values: LedgerEntry[]
    completions: CompletionEntry[]
    /** Torn or unreadable lines. */
    skipped: number
}

/** Reads a JSON-lines ledger file (the CLI's ledger before it moved into the database). */
export async function readJsonlLedger(path: string): Promise<JsonlLedgerContent> {
    const bytes = await readFile(path)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const values: LedgerEntry[] = []
    const completions: CompletionEntry[] = []
    let skipped = 0
    for (const line of bytes.toString('utf8').split('\n')) {
        if (!line.trim()) continue
        let parsed: unknown
        try {
            parsed = JSON.parse(line)
        } catch {
            skipped++
            continue
        }
        const x = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
        if (isCompletionEntry(x))
            completions.push({
                kind: 'complete',
                key: x.key as string,
                file: x.file as string,
                row: x.row as number,
                runId: x.runId as string,
                at: x.at as string,
            })
        else if (isValueEntry(x)) values.push(valueEntry(x))
        else skipped++
    }
    return { sha256, values, completions, skipped }
}

/** Whether this very content of a JSON-lines ledger was imported for this DHIS2. */
export async function jsonlLedgerImported(
    db: Queryable,
    instance: Instance,
    sha256: string
): Promise<boolean> {
    const rows = await db.query<{ n: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ledger_imports WHERE instance = ? AND sha256 = ?',
        [instance, sha256]
    )
    return Number(rows[0]?.n ?? 0) > 0
}

/**
 * Moves a JSON-lines ledger file (the CLI's ledger before it moved here) into the database, once: the
 * same content imported again changes nothing, and a file that grew since is merged again without
 * undoing newer database entries (per key, the entry with the later time wins; in the file, the later
 * line).
 */
export async function importJsonlLedger(
    db: Database,
    instance: Instance,
    path: string
): Promise<LedgerImport> {
    const { sha256, values, completions, skipped } = await readJsonlLedger(path)
    return db.transaction(async (tx) => {
        const counts = { values: values.length, completions: completions.length, skipped }
        if (await jsonlLedgerImported(tx, instance, sha256)) return { alreadyImported: true, ...counts }
        await upsertValues(tx, instance, values, null, 'newer')
        await upsertCompletions(tx, instance, completions, null, 'newer')
        await writeTallies(tx, instance, tallyByRun(values, completions), 'set')
        await tx.run(
            `INSERT INTO ledger_imports (instance, sha256, path, value_lines, completion_lines, skipped_lines, imported_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [instance, sha256, path, values.length, completions.length, skipped, new Date().toISOString()]
        )
        return { alreadyImported: false, ...counts }
    })
}

/** The entries of these chunk scopes (dataSet|orgUnit|period): what one delivery plans against. */
export async function ledgerEntriesInScopes(
    db: Queryable,
    instance: Instance,
    scopes: readonly string[]
): Promise<LedgerEntry[]> {
    const out: LedgerEntry[] = []
    for (let i = 0; i < scopes.length; i += ROWS_PER_INSERT) {
        const batch = scopes.slice(i, i + ROWS_PER_INSERT)
        const rows = await db.query<ValueRow>(
            // the (instance, scope, value_key) index's order: with ORDER BY value_key alone, SQLite walked
            // the primary key, every entry of this DHIS2, rather than sort the scopes' few
            `SELECT * FROM ledger_values WHERE instance = ? AND scope IN (${batch.map(() => '?').join(', ')})
             ORDER BY scope, value_key`,
            [instance, ...batch]
        )
        out.push(...rows.map(toEntry))
    }
    return out
}

/** The completions recorded for these report keys (dataSet|orgUnit|period|aoc). */
export async function ledgerCompletionsByKeys(
    db: Queryable,
    instance: Instance,
    keys: readonly string[]
): Promise<CompletionEntry[]> {
    const out: CompletionEntry[] = []
    for (let i = 0; i < keys.length; i += ROWS_PER_INSERT) {
        const batch = keys.slice(i, i + ROWS_PER_INSERT)
        const rows = await db.query<CompletionRow>(
            `SELECT * FROM ledger_completions WHERE instance = ? AND report_key IN (${batch.map(() => '?').join(', ')})`,
            [instance, ...batch]
        )
        out.push(...rows.map(toCompletion))
    }
    return out
}
