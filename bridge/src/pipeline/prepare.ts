// What every data command (validate, convert, push) and the intake service share before reading a
// file: where mappings and state live, metadata from DHIS2 (cached) or a file, the facility mappings.
import { join, resolve } from 'node:path'
import { defaultMappingsRoot } from '../core/package-root.js'
import type { Lang, MappedValue } from '../core/types.js'
import { Dhis2Client, type Dhis2Config } from '../dhis2/client.js'
import { LocalizedError } from '../i18n/localized-error.js'
import { FacilityResolver, loadFacilityMappings } from '../mapping/facility-mapping.js'
import { cachedMetadata, readSnapshot } from '../metadata-snapshot/fetch.js'
import { MetadataIndex } from '../metadata-snapshot/index.js'
import type { MetadataSnapshot } from '../metadata-snapshot/types.js'
import type { KindContext } from '../sources/types.js'
import { processFiles, type ProcessResult } from './process.js'
import type { RunReport } from './run-report.js'

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

/** Reads, checks and maps the command's files with what `prepare` loaded; each value goes to `onValue`. */
export function processCommandFiles(
    options: CommonOptions,
    prep: Prepared,
    onValue: (v: MappedValue) => void
): Promise<ProcessResult> {
    return processFiles(
        options.files,
        prep.ctx,
        {
            kind: options.source ?? 'facility-report',
            ...(options.layout ? { layout: options.layout } : {}),
            mappingsRoot: prep.mappingsRoot,
            onProgress: (file, rows) => options.onProgress?.({ stage: 'read', file, rows }),
        },
        onValue
    )
}
