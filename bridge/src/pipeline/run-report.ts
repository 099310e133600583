// The report of the data commands (validate, convert, push): what was read, planned, sent and
// completed, with the exit code. The CLI renders it (cli/render.ts) or prints it as JSON.
import type { CommandReport } from '../core/report.js'
import type { ValidationIssue } from '../core/types.js'
import type { MetadataSnapshot } from '../metadata-snapshot/types.js'
import type { FileReport } from './process.js'

export interface RunReport extends CommandReport {
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
