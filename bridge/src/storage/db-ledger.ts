// The plan's `Ledger` over the database's ledger tables, for one CLI push or one intake delivery: the
// entries of the facility-months at stake are loaded at open (the interface reads synchronously), and
// every write is one transaction, durable when its promise resolves (SQLite: synchronous = FULL), and
// names the submission it delivered when the intake service writes it.
import type { CompletionEntry, Ledger, LedgerEntry, RunTally } from '../plan/ledger.js'
import type { Database } from './database.js'
import {
    ledgerCompletionsByKeys,
    ledgerEntriesInScopes,
    recordCompletions,
    recordLedger,
    type Instance,
    type LedgerSource,
} from './ledger.js'

/** What a `DatabaseLedger` loads: the facility-months of the values to plan. */
export interface DatabaseLedgerScope {
    /** Chunk keys (dataSet|orgUnit|period) of the values to deliver. */
    scopes: readonly string[]
    /** Their reports (dataSet|orgUnit|period|aoc). */
    reportKeys: readonly string[]
    /** The intake submission being delivered (absent for a CLI run). */
    submissionId?: string
}

export class DatabaseLedger implements Ledger {
    private readonly byKey = new Map<string, LedgerEntry>()
    private readonly byScope = new Map<string, Set<string>>()
    private readonly completions = new Map<string, CompletionEntry>()
    private readonly tallies = new Map<string, RunTally>()

    private constructor(
        private readonly db: Database,
        private readonly instance: Instance,
        private readonly source: LedgerSource
    ) {}

    get path(): string {
        return `database:${this.instance}`
    }

    /** Reads outside `scope`'s facility-months answer "unknown". */
    static async open(db: Database, instance: Instance, scope: DatabaseLedgerScope): Promise<DatabaseLedger> {
        const l = new DatabaseLedger(
            db,
            instance,
            scope.submissionId !== undefined ? { submissionId: scope.submissionId } : {}
        )
        for (const e of await ledgerEntriesInScopes(db, instance, scope.scopes)) l.remember(e)
        for (const c of await ledgerCompletionsByKeys(db, instance, scope.reportKeys))
            l.completions.set(c.key, c)
        return l
    }

    private remember(e: LedgerEntry): void {
        this.byKey.set(e.key, e)
        let s = this.byScope.get(e.scope)
        if (!s) this.byScope.set(e.scope, (s = new Set()))
        s.add(e.key)
    }

    private tally(runId: string): RunTally {
        let t = this.tallies.get(runId)
        if (!t) this.tallies.set(runId, (t = { values: 0, found: 0, completions: 0, files: [] }))
        return t
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
        await recordLedger(this.db, this.instance, entries, this.source)
        // only promise continuations run between the commit and this update, never an event such as a
        // signal: on SQLite (synchronous commit) a Ctrl-C handler reading `runTally` counts the chunk if
        // and only if it is committed; on PostgreSQL a signal during the COMMIT round trip leaves it out
        for (const e of entries) {
            this.remember(e)
            const t = this.tally(e.runId)
            if (e.via === 'found') t.found++
            else t.values++
            if (!t.files.includes(e.file)) t.files.push(e.file)
        }
    }

    completion(key: string): CompletionEntry | undefined {
        return this.completions.get(key)
    }

    async recordCompletions(entries: readonly CompletionEntry[]): Promise<void> {
        if (entries.length === 0) return
        await recordCompletions(this.db, this.instance, entries, this.source)
        for (const e of entries) {
            this.completions.set(e.key, e)
            const t = this.tally(e.runId)
            t.completions++
            if (!t.files.includes(e.file)) t.files.push(e.file)
        }
    }

    /** What this ledger wrote, from memory, for signal handlers (every run's tally: `ledgerRunTally`). */
    runTally(runId: string): RunTally {
        const t = this.tallies.get(runId)
        return t ? { ...t, files: [...t.files] } : { values: 0, found: 0, completions: 0, files: [] }
    }

    /** The database stays open: its owner closes it. */
    async close(): Promise<void> {}
}
