// What the bridge has already delivered to one DHIS2, so a second push sends only what changed.
// Stored as an append-only JSON-lines file (last line for a key wins): no native build, readable
// with `tail`, safe against a crash mid-write (a torn last line is skipped on load).
import { createHash } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

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

export interface Ledger {
    readonly path: string
    get(key: string): LedgerEntry | undefined
    /** Keys recorded for a chunk scope. */
    keysInScope(scope: string): string[]
    record(entries: readonly LedgerEntry[]): Promise<void>
    readonly size: number
    /** The registration of a report as complete, if the bridge made one. */
    completion(key: string): CompletionEntry | undefined
    recordCompletions(entries: readonly CompletionEntry[]): Promise<void>
}

function isCompletion(e: LedgerEntry | CompletionEntry): e is CompletionEntry {
    return 'kind' in e && e.kind === 'complete'
}

/** One ledger per DHIS2 instance: the file name is derived from its address. */
export function ledgerFileFor(stateDir: string, baseUrl: string): string {
    const clean = baseUrl
        .replace(/^https?:\/\//, '')
        .replace(/[^A-Za-z0-9.-]+/g, '_')
        .slice(0, 60)
    const h = createHash('sha256').update(baseUrl).digest('hex').slice(0, 8)
    return join(stateDir, `ledger-${clean}-${h}.jsonl`)
}

export class JsonlLedger implements Ledger {
    private readonly byKey = new Map<string, LedgerEntry>()
    private readonly byScope = new Map<string, Set<string>>()
    private readonly completions = new Map<string, CompletionEntry>()

    private constructor(readonly path: string) {}

    static async open(path: string): Promise<JsonlLedger> {
        const l = new JsonlLedger(path)
        let text: string
        try {
            text = await readFile(path, 'utf8')
        } catch {
            return l
        }
        for (const line of text.split('\n')) {
            if (!line) continue
            try {
                const entry = JSON.parse(line) as LedgerEntry | CompletionEntry
                if (isCompletion(entry)) l.completions.set(entry.key, entry)
                else l.remember(entry)
            } catch {
                // a torn line from an interrupted write: the next push re-sends that value
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

    async record(entries: readonly LedgerEntry[]): Promise<void> {
        if (entries.length === 0) return
        await mkdir(join(this.path, '..'), { recursive: true })
        await appendFile(this.path, entries.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8')
        for (const e of entries) this.remember(e)
    }

    completion(key: string): CompletionEntry | undefined {
        return this.completions.get(key)
    }

    async recordCompletions(entries: readonly CompletionEntry[]): Promise<void> {
        if (entries.length === 0) return
        await mkdir(join(this.path, '..'), { recursive: true })
        await appendFile(this.path, entries.map((e) => JSON.stringify(e)).join('\n') + '\n', 'utf8')
        for (const e of entries) this.completions.set(e.key, e)
    }
}

/** For dry runs and tests: the same interface, nothing on disk. */
export class MemoryLedger implements Ledger {
    readonly path = ':memory:'
    private readonly byKey = new Map<string, LedgerEntry>()
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
        for (const e of entries) this.byKey.set(e.key, e)
    }
    private readonly completions = new Map<string, CompletionEntry>()
    completion(key: string): CompletionEntry | undefined {
        return this.completions.get(key)
    }
    async recordCompletions(entries: readonly CompletionEntry[]): Promise<void> {
        for (const e of entries) this.completions.set(e.key, e)
    }
}
