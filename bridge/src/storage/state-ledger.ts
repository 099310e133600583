// The ledger of a state folder, for `bridge push`: the same database as `bridge serve` (the same
// `BRIDGE_DATABASE_URL` setting, else `<stateDir>/bridge.sqlite`), so the CLI and the intake service
// never disagree about what DHIS2 already has. The JSON-lines ledger the CLI kept before
// (`ledger-<server>.jsonl`) is imported on the first push, then left on disk and never written again.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
    ledgerFileFor,
    MemoryLedger,
    type CompletionEntry,
    type Ledger,
    type LedgerEntry,
    type RunTally,
} from '../plan/ledger.js'
import type { Database } from './database.js'
import { DatabaseLedger } from './db-ledger.js'
import {
    importJsonlLedger,
    jsonlLedgerImported,
    ledgerCompletionsByKeys,
    ledgerEntriesInScopes,
    ledgerInstance,
    ledgerRunTally,
    readJsonlLedger,
    type JsonlLedgerContent,
    type LedgerImport,
} from './ledger.js'
import { migrate } from './migrations.js'
import { databaseTarget, openDatabase, type DatabaseTarget } from './setting.js'

export interface StateLedgerOptions {
    stateDir: string
    /** The DHIS2 address, without credentials (`Dhis2Client.baseUrl`). */
    baseUrl: string
    /** `--database` or `BRIDGE_DATABASE_URL`; absent: `<stateDir>/bridge.sqlite`. */
    databaseUrl?: string
    /** The chunk keys (dataSet|orgUnit|period) of the values to plan. */
    scopes: readonly string[]
    /** Their reports (dataSet|orgUnit|period|aoc). */
    reportKeys: readonly string[]
    /**
     * A dry run: the ledger is read to plan, nothing is written (no import, no database created when
     * the SQLite file does not exist yet; an old JSON-lines ledger not imported yet is read as it is).
     */
    readOnly?: boolean
}

export interface StateLedger {
    readonly ledger: Ledger
    /** What the first push imported from the old JSON-lines ledger (null: no such file, or read-only). */
    readonly imported: LedgerImport | null
    /** What an earlier run wrote, from the database: `target` is the DHIS2 it pushed to. */
    runTally(runId: string, target?: string): Promise<RunTally>
    /** Closes the database (every resolved write is already durable). */
    close(): Promise<void>
}

/**
 * Imports the state folder's JSON-lines ledger for this DHIS2, if there is one: once (the same content
 * again changes nothing; a file an older bridge has written to since is merged, newer entries winning).
 * The file is left where it is.
 */
export async function importLegacyLedger(
    db: Database,
    stateDir: string,
    baseUrl: string
): Promise<LedgerImport | null> {
    const file = resolve(ledgerFileFor(stateDir, baseUrl))
    if (!existsSync(file)) return null
    return importJsonlLedger(db, ledgerInstance(baseUrl), file)
}

export async function openStateLedger(options: StateLedgerOptions): Promise<StateLedger> {
    const target = databaseTarget(options.databaseUrl, options.stateDir)
    if (options.readOnly) return readOnlyLedger(target, options)
    const instance = ledgerInstance(options.baseUrl)
    const db = await openDatabase(target)
    try {
        await migrate(db)
        const imported = await importLegacyLedger(db, options.stateDir, options.baseUrl)
        const ledger = await DatabaseLedger.open(db, instance, {
            scopes: options.scopes,
            reportKeys: options.reportKeys,
        })
        return {
            ledger,
            imported,
            runTally: (runId, t) => ledgerRunTally(db, t ? ledgerInstance(t) : instance, runId),
            async close() {
                await ledger.close()
                await db.close()
            },
        }
    } catch (e) {
        await db.close()
        throw e
    }
}

/** Per key, the last line of the file; then kept only where it is not older than the database's. */
function overlay<T extends { key: string; at: string }>(
    lines: readonly T[],
    inScope: (e: T) => boolean,
    current: (key: string) => { at: string } | undefined
): T[] {
    const last = new Map(lines.filter(inScope).map((e) => [e.key, e]))
    return [...last.values()].filter((e) => {
        const c = current(e.key)
        return !c || e.at >= c.at
    })
}

async function readOnlyLedger(target: DatabaseTarget, options: StateLedgerOptions): Promise<StateLedger> {
    const instance = ledgerInstance(options.baseUrl)
    const ledger = new MemoryLedger()
    const legacyFile = ledgerFileFor(options.stateDir, options.baseUrl)
    let legacy: JsonlLedgerContent | null = existsSync(legacyFile) ? await readJsonlLedger(legacyFile) : null
    if (target.engine === 'postgres' || existsSync(target.file)) {
        const db = await openDatabase(target)
        try {
            await migrate(db)
            await ledger.record(await ledgerEntriesInScopes(db, instance, options.scopes))
            await ledger.recordCompletions(await ledgerCompletionsByKeys(db, instance, options.reportKeys))
            if (legacy && (await jsonlLedgerImported(db, instance, legacy.sha256))) legacy = null
        } finally {
            await db.close()
        }
    }
    if (legacy) {
        // what the next real push will import, read as it would be merged
        const scopes = new Set(options.scopes)
        const reports = new Set(options.reportKeys)
        await ledger.record(
            overlay<LedgerEntry>(
                legacy.values,
                (e) => scopes.has(e.scope),
                (k) => ledger.get(k)
            )
        )
        await ledger.recordCompletions(
            overlay<CompletionEntry>(
                legacy.completions,
                (e) => reports.has(e.key),
                (k) => ledger.completion(k)
            )
        )
    }
    return {
        ledger,
        imported: null,
        runTally: async () => ({ values: 0, found: 0, completions: 0, files: [] }),
        close: () => ledger.close(),
    }
}
