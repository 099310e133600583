// What the bridge has already delivered to one DHIS2, so a second push sends only what changed.
// Stored as an append-only JSON-lines file (last line for a key wins): no native build, readable
// with `tail`. Each chunk's outcome is appended and fsynced as it arrives, so a `kill -9` at any
// moment loses at most the chunk in flight (whose values the next run finds in DHIS2); a torn last
// line is cut off on load.
import { createHash } from 'node:crypto'
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs'
import { readFile, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE, makePrivate } from '../record/private-files.js'

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
 * durable when their promise resolves, so an implementation over a database fits the same shape.
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
    /** Releases the file (every resolved write is already durable). */
    close(): Promise<void>
}

function isCompletion(e: LedgerEntry | CompletionEntry): e is CompletionEntry {
    return 'kind' in e && e.kind === 'complete'
}

/** One ledger per DHIS2 instance: the file name is derived from its address. */
export function ledgerFileFor(stateDir: string, baseUrl: string): string {
    // credentials written inside the address never reach a file name
    const address = baseUrl.replace(/^(https?:\/\/)[^@/]*@/, '$1')
    const clean = address
        .replace(/^https?:\/\//, '')
        .replace(/[^A-Za-z0-9.-]+/g, '_')
        .slice(0, 60)
    const h = createHash('sha256').update(address).digest('hex').slice(0, 8)
    return join(stateDir, `ledger-${clean}-${h}.jsonl`)
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

export class JsonlLedger implements Ledger {
    private readonly byKey = new Map<string, LedgerEntry>()
    private readonly byScope = new Map<string, Set<string>>()
    private readonly completions = new Map<string, CompletionEntry>()
    private readonly tallies = new Tallies()
    private fd: number | null = null
    private dirReady: Promise<void> | null = null

    private constructor(readonly path: string) {}

    static async open(path: string): Promise<JsonlLedger> {
        const l = new JsonlLedger(path)
        let text: string
        try {
            text = await readFile(path, 'utf8')
        } catch {
            return l
        }
        const lastNewline = text.lastIndexOf('\n')
        if (lastNewline < text.length - 1) {
            // a line torn by a crash: cut it off, or the next append would be glued to it and lost too
            await truncate(path, Buffer.byteLength(text.slice(0, lastNewline + 1), 'utf8'))
            text = text.slice(0, lastNewline + 1)
        }
        for (const line of text.split('\n')) {
            if (!line) continue
            try {
                const entry = JSON.parse(line) as LedgerEntry | CompletionEntry
                if (isCompletion(entry)) {
                    l.completions.set(entry.key, entry)
                    l.tallies.add(entry.runId, 'completions', entry.file)
                } else {
                    l.remember(entry)
                    l.tallies.add(entry.runId, entry.via === 'found' ? 'found' : 'values', entry.file)
                }
            } catch {
                // an unreadable line: that value is compared with DHIS2 again on the next push
            }
        }
        return l
    }

    private remember(e: LedgerEntry): void {
        this.byKey.set(e.key, e)
        let s = this.byScope.get(e.scope)
        if (!s) this.byScope.set(e.scope, (s = new Set()))
        s.add(e.key)
    }

    get(key: string): LedgerEntry | undefined {
        return this.byKey.get(key)
    }

    keysInScope(scope: string): string[] {
        return [...(this.byScope.get(scope) ?? [])]
    }

    get size(): number {
        return this.byKey.size
    }

    runTally(runId: string): RunTally {
        return this.tallies.get(runId)
    }

    /**
     * Written and synced in one synchronous step: no other code (a signal handler counting what was
     * delivered, another chunk) can run between the write and the in-memory update, and concurrent
     * chunks never interleave inside a line. A chunk's lines cost one fdatasync, a few milliseconds.
     */
    private async append(lines: readonly object[], remember: () => void): Promise<void> {
        if (this.fd === null) {
            this.dirReady ??= ensurePrivateDir(join(this.path, '..'))
            await this.dirReady
            if (this.fd === null) {
                this.fd = openSync(this.path, 'a', PRIVATE_FILE_MODE)
                await makePrivate(this.path)
            }
        }
        writeSync(this.fd, lines.map((e) => JSON.stringify(e)).join('\n') + '\n')
        fdatasyncSync(this.fd)
        remember()
    }

    async record(entries: readonly LedgerEntry[]): Promise<void> {
        if (entries.length === 0) return
        await this.append(entries, () => {
            for (const e of entries) {
                this.remember(e)
                this.tallies.add(e.runId, e.via === 'found' ? 'found' : 'values', e.file)
            }
        })
    }

    completion(key: string): CompletionEntry | undefined {
        return this.completions.get(key)
    }

    async recordCompletions(entries: readonly CompletionEntry[]): Promise<void> {
        if (entries.length === 0) return
        await this.append(entries, () => {
            for (const e of entries) {
                this.completions.set(e.key, e)
                this.tallies.add(e.runId, 'completions', e.file)
            }
        })
    }

    async close(): Promise<void> {
        const fd = this.fd
        this.fd = null
        if (fd !== null) closeSync(fd)
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
