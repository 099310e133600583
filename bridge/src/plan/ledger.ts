// What the bridge has already delivered to one DHIS2, so a second push sends only what changed. The
// interface the plan reads and the push writes; the ledger itself is in the bridge's database
// (`storage/db-ledger.ts`), for the CLI and the intake service alike. Each chunk's outcome is one
// transaction committed as it arrives, so a `kill -9` at any moment loses at most the chunk in flight
// (whose values the next run finds in DHIS2).
import { stateFileFor } from '../core/state-file.js'

export interface LedgerEntry {
    /** `valueKey()`: dataElement|period|orgUnit|coc|aoc (UIDs). */
    key: string
    /** `chunkKey()`: dataSet|orgUnit|period, to find values a corrected file no longer has. */
    scope: string
    value: string
    comment?: string
    file: string
    row: number
    runId: string
    at: string
    /**
     * How the line came to be: `sent` (DHIS2 accepted it from this run; the default when absent) or
     * `found` (DHIS2 already held the file's value, e.g. after a run killed before it could write).
     */
    via?: 'sent' | 'found'
}

/** A monthly report DHIS2 registered as complete (`kind: 'complete'` lines of the same file). */
export interface CompletionEntry {
    kind: 'complete'
    /** `reportKey()`: dataSet|orgUnit|period|aoc (UIDs). */
    key: string
    file: string
    row: number
    runId: string
    at: string
}

/** What one run wrote to the ledger: the audit's account of an interrupted run. */
export interface RunTally {
    /** Values DHIS2 accepted from the run. */
    values: number
    /** Values the run found already in DHIS2 and added to the ledger. */
    found: number
    completions: number
    files: string[]
}

/**
 * The record of what this bridge sent. Reads are served from memory (loaded at open); writes are
 * durable when their promise resolves.
 */
export interface Ledger {
    readonly path: string
    get(key: string): LedgerEntry | undefined
    /** Keys recorded for a chunk scope. */
    keysInScope(scope: string): string[]
    /** Durable once resolved. */
    record(entries: readonly LedgerEntry[]): Promise<void>
    readonly size: number
    /** The registration of a report as complete, if the bridge made one. */
    completion(key: string): CompletionEntry | undefined
    recordCompletions(entries: readonly CompletionEntry[]): Promise<void>
    /** Lines a run wrote (every line, including those a later run superseded). */
    runTally(runId: string): RunTally
    /** Every resolved write is already durable. */
    close(): Promise<void>
}

/**
 * The JSON-lines ledger file the CLI kept per DHIS2 before the ledger moved into the database (one
 * line per value, last line wins): imported by the first push, then never written again. Its name
 * scheme also names the metadata cache.
 */
export function ledgerFileFor(stateDir: string, baseUrl: string): string {
    return stateFileFor(stateDir, 'ledger', baseUrl, '.jsonl')
}

class Tallies {
    private readonly byRun = new Map<
        string,
        { values: number; found: number; completions: number; files: Set<string> }
    >()
    add(runId: string, kind: 'values' | 'found' | 'completions', file: string): void {
        let t = this.byRun.get(runId)
        if (!t) this.byRun.set(runId, (t = { values: 0, found: 0, completions: 0, files: new Set() }))
        t[kind]++
        t.files.add(file)
    }
    get(runId: string): RunTally {
        const t = this.byRun.get(runId)
        return t
            ? { values: t.values, found: t.found, completions: t.completions, files: [...t.files] }
            : { values: 0, found: 0, completions: 0, files: [] }
    }
}

/** For dry runs and tests: the same interface, nothing on disk. */
export class MemoryLedger implements Ledger {
    readonly path = ':memory:'
    private readonly byKey = new Map<string, LedgerEntry>()
    private readonly completions = new Map<string, CompletionEntry>()
    private readonly tallies = new Tallies()
    get(key: string): LedgerEntry | undefined {
        return this.byKey.get(key)
    }
    keysInScope(scope: string): string[] {
        return [...this.byKey.values()].filter((e) => e.scope === scope).map((e) => e.key)
    }
    get size(): number {
        return this.byKey.size
    }
    async record(entries: readonly LedgerEntry[]): Promise<void> {
        for (const e of entries) {
            this.byKey.set(e.key, e)
            this.tallies.add(e.runId, e.via === 'found' ? 'found' : 'values', e.file)
        }
    }
    completion(key: string): CompletionEntry | undefined {
        return this.completions.get(key)
    }
    async recordCompletions(entries: readonly CompletionEntry[]): Promise<void> {
        for (const e of entries) {
            this.completions.set(e.key, e)
            this.tallies.add(e.runId, 'completions', e.file)
        }
    }
    runTally(runId: string): RunTally {
        return this.tallies.get(runId)
    }
    async close(): Promise<void> {}
}
