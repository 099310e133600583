// The completeness report of a push: each monthly report delivered is registered complete in DHIS2
// (completeDataSetRegistrations), after its values, through the same queue.
import type PQueue from 'p-queue'
import type { ValidationIssue } from '../core/types.js'
import { registerCompletions } from '../complete/register.js'
import { selectReportsToComplete } from '../complete/select.js'
import type { Dhis2Client } from '../dhis2/client.js'
import type { ProgressEvent } from '../pipeline/prepare.js'
import type { ProcessResult } from '../pipeline/process.js'
import type { CompletionReport } from '../pipeline/run-report.js'
import type { Ledger } from '../plan/ledger.js'
import type { PlannedValue } from '../plan/plan.js'
import { recordCompletions } from '../record/record.js'
import { PushAbortedError, retryRules, type PushOptions, type ValueOutcome } from '../send/push.js'
import type { StopSignal } from '../send/send.js'

export function emptyCompletion(skipped: boolean, dryRun: boolean): CompletionReport {
    return {
        skipped,
        registered: 0,
        partly: 0,
        alreadyComplete: 0,
        refused: 0,
        failed: 0,
        dryRun,
        byFile: {},
        dhis2Counts: { imported: 0, updated: 0, ignored: 0 },
        retries: 0,
    }
}

export interface CompletenessInput {
    client: Dhis2Client
    planned: readonly PlannedValue[]
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>
    ledger: Ledger
    result: ProcessResult
    queue: PQueue
    retry: PushOptions
    force: boolean
    dryRun: boolean
    /** Record what was registered in the ledger under this run (null: a run that records nothing). */
    recordAs: string | null
    onProgress?: ((event: ProgressEvent) => void) | undefined
}

/** Registers the reports this run completed; stops the run if DHIS2 became unavailable meanwhile. */
export async function completeReports(
    input: CompletenessInput
): Promise<{ complete: CompletionReport; issues: ValidationIssue[] }> {
    const selection = selectReportsToComplete(input.planned, input.outcomes, input.ledger, {
        force: input.force,
        exclude: input.result.incompleteReports,
    })
    const stop: StopSignal = { error: null }
    const total = selection.reports.length
    input.onProgress?.({ stage: 'complete', done: 0, total })
    const done = await registerCompletions(input.client, selection.reports, {
        queue: input.queue,
        rules: retryRules(input.retry),
        stop,
        dryRun: input.dryRun,
    })
    input.onProgress?.({ stage: 'complete', done: total, total })
    if (input.recordAs !== null) await recordCompletions(input.ledger, done.registered, input.recordAs)
    if (stop.error) throw new PushAbortedError(stop.error.message, { cause: stop.error })
    const complete = emptyCompletion(false, input.dryRun)
    complete.registered = done.registered.length
    complete.partly = done.registered.filter((r) => r.partly).length
    complete.alreadyComplete = selection.alreadyComplete
    complete.refused = done.refused.length
    complete.failed = done.failed.length
    complete.dhis2Counts = done.dhis2Counts
    complete.retries = done.retries
    for (const r of done.registered) complete.byFile[r.file] = (complete.byFile[r.file] ?? 0) + 1
    return { complete, issues: done.issues }
}
