// The plan's `Ledger` over the database's ledger tables, for one delivery: the entries of the
// facility-months being delivered are loaded at open (the interface reads synchronously), and every
// write goes to the database, durable when its promise resolves, naming the submission it delivered.
import type { CompletionEntry, Ledger, LedgerEntry, RunTally } from '../plan/ledger.js'
import type { Database } from '../storage/database.js'
import {
    ledgerCompletionsByKeys,
    ledgerEntriesInScopes,
    recordCompletions,
    recordLedger,
    type Instance,
} from '../storage/ledger.js'

export class DatabaseLedger implements Ledger {
    private readonly byKey = new Map<string, LedgerEntry>()
    private readonly byScope = new Map<string, Set<string>>()
    private readonly completions = new Map<string, CompletionEntry>()
    private readonly tallies = new Map<string, RunTally>()

    private constructor(
        private readonly db: Database,
        private readonly instance: Instance,
        private readonly submissionId: string
    ) {}

    get path(): string {
        return `database:${this.instance}`
    }

    /**
     * `scopes`: the chunk keys (dataSet|orgUnit|period) of the values to deliver; `reportKeys`: their
     * reports (dataSet|orgUnit|period|aoc). Reads outside them answer "unknown".
     */
    static async open(
        db: Database,
        instance: Instance,
        submissionId: string,
        scopes: readonly string[],
        reportKeys: readonly string[]
    ): Promise<DatabaseLedger> {
        const l = new DatabaseLedger(db, instance, submissionId)
        for (const e of await ledgerEntriesInScopes(db, instance, scopes)) l.remember(e)
        for (const c of await ledgerCompletionsByKeys(db, instance, reportKeys)) l.completions.set(c.key, c)
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
        await recordLedger(this.db, this.instance, entries, { submissionId: this.submissionId })
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
        await recordCompletions(this.db, this.instance, entries, { submissionId: this.submissionId })
        for (const e of entries) {
            this.completions.set(e.key, e)
            const t = this.tally(e.runId)
            t.completions++
            if (!t.files.includes(e.file)) t.files.push(e.file)
        }
    }

    /** What this delivery wrote (the database keeps every run's tally too: `ledgerRunTally`). */
    runTally(runId: string): RunTally {
        const t = this.tallies.get(runId)
        return t ? { ...t, files: [...t.files] } : { values: 0, found: 0, completions: 0, files: [] }
    }

    async close(): Promise<void> {}
}
