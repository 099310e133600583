// What every command shares: where mappings and state live, metadata from DHIS2 (cached) or a
// file, the facility mappings, and the run report with its exit code.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LocalizedError } from '../i18n/localized-error.js'
import { packageRoot } from '../core/package-root.js'
import type { Lang, ValidationIssue } from '../core/types.js'
import { Dhis2Client, type Dhis2Config } from '../dhis2/client.js'
import { FacilityResolver, loadFacilityMappings } from '../mapping/facility-mapping.js'
import { cachedMetadata, readSnapshot } from '../metadata-snapshot/fetch.js'
import { MetadataIndex } from '../metadata-snapshot/index.js'
import type { MetadataSnapshot } from '../metadata-snapshot/types.js'
import type { FileReport, ProcessResult } from '../pipeline/process.js'
import type { KindContext } from '../sources/types.js'

export const EXIT = { success: 0, failure: 1, partial: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The repository's `mappings/` folder, beside the bridge package. */
export function defaultMappingsRoot(): string {
    const candidates = [join(packageRoot(), '..', 'mappings'), resolve('mappings')]
    return candidates.find((c) => existsSync(c)) ?? candidates[0] ?? 'mappings'
}

export interface CommonOptions {
    files: string[]
    /** Source kind id (default facility-report). */
    source?: string
    layout?: string
    lang?: Lang
    /** A metadata snapshot file (from `bridge refresh-metadata --out`) instead of asking DHIS2. */
    metadataFile?: string
    refreshMetadata?: boolean
    mappingsRoot?: string
    facilitiesDir?: string
    stateDir?: string
    /** DHIS2 connection; required unless metadataFile is given. */
    dhis2?: Dhis2Config | null
    strict?: boolean
    /** "Today" for the future-period check (default: the server's date, else now). */
    today?: Date
    onProgress?: (event: ProgressEvent) => void
}

/**
 * Where a command is, for the progress display: reading (one event per file read), checking against
 * DHIS2 (metadata, plan), sending (chunks), then marking the reports complete.
 */
export type ProgressEvent =
    | { stage: 'read'; file: string; rows: number }
    | { stage: 'metadata'; fromCache: boolean }
    | { stage: 'check' }
    | { stage: 'push'; done: number; total: number }
    | { stage: 'complete'; done: number; total: number }

export interface RunReport {
    command: 'validate' | 'convert' | 'push'
    runId?: string
    target?: string
    metadata?: { source: 'dhis2' | 'cache' | 'file'; stamp: MetadataSnapshot['stamp'] }
    files: FileReport[]
    values: number
    errors: number
    warnings: number
    issues: ValidationIssue[]
    droppedIssues: number
    plan?: {
        new: number
        changed: number
        unchanged: number
        removed: number
        /** Values DHIS2 holds differently, set there by someone else (push: held back or overwritten). */
        dhis2Edits?: number
        /** Zeros DHIS2 does not store (zeroIsSignificant false): not sent, not « déjà dans DHIS2 ». */
        zerosNotStored?: number
    }
    push?: {
        sent: number
        /** Values DHIS2 holds now as sent (zeros it does not store excluded). */
        saved: number
        /** Zeros sent that DHIS2 does not store (an older value there was deleted). */
        zerosNotStored?: number
        rejected: number
        failed: number
        /** Values left unsent because the run stopped early (DHIS2 unavailable, account refused). */
        notSent?: number
        chunks: number
        failedChunks: number
        retries: number
        dryRun: boolean
        dhis2Counts: { imported: number; updated: number; ignored: number; deleted: number }
    }
    /** Monthly reports registered as complete in DHIS2 (completeDataSetRegistrations). */
    complete?: CompletionReport
    output?: string
    /** One sentence for people: "nothing new to send", "strict mode: nothing sent"… */
    note?: { fr: string; en: string }
    /**
     * Time spent in the handler, for scripts and the benchmark (in `--json` only, not in the table).
     * `convertMs`: from the start of `convert`'s handler (metadata and mappings loaded, files read, validated
     * and mapped, duplicates detected) to the dataValueSet written and closed; excludes Node's start-up, module
     * loading and printing the report.
     */
    timings?: { convertMs: number }
    exitCode: ExitCode
}

export interface CompletionReport {
    /** `--no-complete`: nothing was registered. */
    skipped: boolean
    /** Reports newly marked complete by this run. */
    registered: number
    /** Of those, reports DHIS2 accepted only some values of (completed all the same). */
    partly: number
    /** Already marked complete by an earlier run (ledger): not sent again. */
    alreadyComplete: number
    refused: number
    failed: number
    dryRun: boolean
    /** Newly completed reports per file (the file of each report's first row). */
    byFile: Record<string, number>
    dhis2Counts: { imported: number; updated: number; ignored: number }
    retries: number
}

export interface Prepared {
    ctx: KindContext
    client: Dhis2Client | null
    metadataInfo: NonNullable<RunReport['metadata']>
    stateDir: string
    mappingsRoot: string
}

export async function prepare(options: CommonOptions): Promise<Prepared> {
    const mappingsRoot = options.mappingsRoot ?? defaultMappingsRoot()
    const stateDir = options.stateDir ?? resolve('.bridge')
    const client = options.dhis2 ? new Dhis2Client(options.dhis2) : null
    let snapshot: MetadataSnapshot
    let source: 'dhis2' | 'cache' | 'file'
    if (options.metadataFile) {
        snapshot = await readSnapshot(options.metadataFile)
        source = 'file'
    } else if (client && options.dhis2) {
        const username = options.dhis2.auth.kind === 'basic' ? options.dhis2.auth.username : 'token'
        const r = await cachedMetadata(client, {
            stateDir,
            username,
            refresh: options.refreshMetadata ?? false,
        })
        snapshot = r.snapshot
        source = r.fromCache ? 'cache' : 'dhis2'
        options.onProgress?.({ stage: 'metadata', fromCache: r.fromCache })
    } else {
        throw LocalizedError.of('METADATA_NEEDED')
    }
    const facilities = new FacilityResolver(
        await loadFacilityMappings(
            options.facilitiesDir ?? join(mappingsRoot, 'facilities'),
            options.source ?? 'facility-report'
        )
    )
    const serverToday = snapshot.stamp.serverDate ? new Date(snapshot.stamp.serverDate) : undefined
    const today =
        options.today ??
        (serverToday && !Number.isNaN(serverToday.getTime()) && source !== 'file' ? serverToday : new Date())
    return {
        ctx: { metadata: new MetadataIndex(snapshot), facilities, lang: options.lang ?? 'fr', today },
        client,
        metadataInfo: { source, stamp: snapshot.stamp },
        stateDir,
        mappingsRoot,
    }
}

/** 0 when every row was good, 2 when some values went through and some did not, 1 when none did. */
/** What every command reports of the files it read: per file, counts, issues, and the metadata it used. */
export function processedPart(
    metadata: RunReport['metadata'],
    result: ProcessResult
): Pick<RunReport, 'metadata' | 'files' | 'values' | 'errors' | 'warnings' | 'issues' | 'droppedIssues'> {
    return {
        metadata,
        files: result.files,
        values: result.valueCount,
        errors: result.errorCount,
        warnings: result.warningCount,
        issues: result.issues,
        droppedIssues: result.droppedIssues,
    }
}

export function exitCodeFor(goodValues: number, errors: number): ExitCode {
    if (errors === 0) return goodValues > 0 ? EXIT.success : EXIT.failure
    return goodValues > 0 ? EXIT.partial : EXIT.failure
}
