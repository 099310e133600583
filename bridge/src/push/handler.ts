// `bridge push`: read → validate → map → read DHIS2 → plan (DHIS2 + ledger) → send → complete → record.
// Short orchestration: each step is a named function of this folder or of its stage's folder.
import PQueue from 'p-queue'
import { reportKey } from '../complete/select.js'
import { chunkKey, type MappedValue } from '../core/types.js'
import type { Dhis2Client } from '../dhis2/client.js'
import { LocalizedError } from '../i18n/localized-error.js'
import { messageFor } from '../i18n/messages.js'
import {
    prepare,
    processCommandFiles,
    processedPart,
    type CommonOptions,
    type Prepared,
} from '../pipeline/prepare.js'
import { withoutConflicts, type ProcessResult } from '../pipeline/process.js'
import type { RunReport } from '../pipeline/run-report.js'
import { readWhatDhis2Holds, zeroNotStoredBy } from '../plan/against-dhis2.js'
import { MemoryLedger, type Ledger, type RunTally } from '../plan/ledger.js'
import { buildPlan, type PlannedValue } from '../plan/plan.js'
import { acquireStateLock, StateLockedError, type StateLock } from '../record/lock.js'
import {
    appendAudit,
    newRunId,
    recordFound,
    settleInterruptedRuns,
    sha256File,
    type AuditStarted,
} from '../record/record.js'
import type { PushOptions, ValueOutcome } from '../send/push.js'
import { openStateLedger, type StateLedger } from '../storage/state-ledger.js'
import { clearActiveRun, setActiveRun, type ActiveRun } from './active-run.js'
import { finishedRecord, startedRecord, type AuditedFile } from './audit.js'
import { completeReports, emptyCompletion } from './completeness.js'
import { pushExitCode } from './exit-code.js'
import { planNote, plannedValueIssues, removedIssue } from './plan-issues.js'
import { sendValues } from './send-values.js'
import { pushSummary } from './summary.js'

export interface PushHandlerOptions extends CommonOptions {
    dryRun?: boolean
    /** Send every value, even those DHIS2 already holds as the file says. */
    force?: boolean
    /**
     * Send the file's value over a value changed (or deleted) in DHIS2 since the bridge sent it, or
     * entered there by someone else. Without it such values are reported and left as DHIS2 has them.
     */
    overwriteDhis2Edits?: boolean
    concurrency?: number
    maxAttempts?: number
    backoffMs?: number
    async?: boolean
    /** Keep no ledger (tests, one-off sends). */
    noLedger?: boolean
    /**
     * The bridge's database, where the ledger is (`--database` or `BRIDGE_DATABASE_URL`, as for
     * `bridge serve`); absent: `<stateDir>/bridge.sqlite`.
     */
    databaseUrl?: string
    /** Do not register the reports as complete (the clinic completes the form in DHIS2 itself). */
    noComplete?: boolean
    /** Consecutive chunks failing after all retries before the run stops (default 3). */
    stopAfterFailedChunks?: number
    random?: PushOptions['random']
}

export async function runPush(options: PushHandlerOptions): Promise<RunReport> {
    if (!options.dhis2) throw LocalizedError.of('PUSH_NEEDS_DHIS2')
    const prep = await prepare(options)
    const client = prep.client
    if (!client) throw new Error('no DHIS2 client')
    const runId = newRunId()
    const values: MappedValue[] = []
    const result = await processCommandFiles(options, prep, (v) => values.push(v))
    const dryRun = options.dryRun ?? false
    // a dry run reads the ledger to plan, records nothing, and so needs no lock
    const durable = !options.noLedger && !dryRun
    const lock = durable ? await lockState(prep.stateDir, runId, options) : null
    let state: StateLedger | null = null
    try {
        // the facility-months of the files: what the plan reads of the ledger (the first push on a state
        // folder imports its old JSON-lines ledger here)
        if (!options.noLedger)
            state = await openStateLedger({
                stateDir: prep.stateDir,
                baseUrl: client.baseUrl,
                ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
                scopes: [...new Set(values.map(chunkKey))],
                reportKeys: [...new Set(values.map(reportKey))],
                readOnly: dryRun,
            })
    } catch (e) {
        await lock?.release()
        throw e
    }
    const ledger: Ledger = state?.ledger ?? new MemoryLedger()
    const run: ActiveRun = { stateDir: prep.stateDir, ledger, lock, started: null, interrupted: false }
    setActiveRun(run)
    try {
        // cells blocked by a conflict (two values in the files) must not be sent: drop the one already read
        const sendable = withoutConflicts(values, result)
        const tallyOf = async (started: AuditStarted): Promise<RunTally> =>
            state ? state.runTally(started.runId, started.target) : ledger.runTally(started.runId)
        return await pushWithLedger({
            options,
            prep,
            client,
            runId,
            values: sendable,
            result,
            ledger,
            tallyOf,
            run,
        })
    } finally {
        clearActiveRun(run)
        await (state ? state.close() : ledger.close())
        await lock?.release()
    }
}

async function lockState(stateDir: string, runId: string, options: PushHandlerOptions): Promise<StateLock> {
    try {
        return await acquireStateLock(stateDir, runId)
    } catch (e) {
        if (e instanceof StateLockedError) throw new StateLockedError(e.owner, e.localized, options.lang)
        throw e
    }
}

interface RunInput {
    options: PushHandlerOptions
    prep: Prepared
    client: Dhis2Client
    runId: string
    values: MappedValue[]
    result: ProcessResult
    ledger: Ledger
    tallyOf: (started: AuditStarted) => Promise<RunTally>
    run: ActiveRun
}

async function pushWithLedger(input: RunInput): Promise<RunReport & { runId: string }> {
    const { options, prep, client, runId, values, result, ledger, run } = input
    const dryRun = options.dryRun ?? false
    const force = options.force ?? false
    const durable = !options.noLedger && !dryRun
    if (durable) await settleInterruptedRuns(prep.stateDir, input.tallyOf)
    const metadata = prep.ctx.metadata
    const isZeroNotStored = zeroNotStoredBy(metadata)
    const blocked = options.strict === true && result.errorCount > 0
    if (values.length > 0 && !blocked) options.onProgress?.({ stage: 'check' })
    const read = values.length > 0 && !blocked ? await readWhatDhis2Holds(client, values, options) : null
    const plan = buildPlan(values, ledger, {
        force,
        overwriteDhis2Edits: options.overwriteDhis2Edits ?? false,
        isZeroNotStored,
        ...(read ? { dhis2: read.holdings } : {}),
    })
    const report: RunReport & { runId: string } = {
        command: 'push',
        runId,
        target: client.baseUrl,
        ...processedPart(prep.metadataInfo, result),
        plan: plan.counts,
        exitCode: 0,
    }
    if (read) {
        // what could not be read back from DHIS2 is told, never counted as an error of the files
        report.issues.push(...read.issues)
        report.warnings += read.issues.length
    }
    for (const issue of plannedValueIssues(plan)) {
        report.issues.push(issue)
        if (issue.severity === 'error') report.errors++
        else report.warnings++
    }
    const files = await auditedFiles(result)
    const toSend = [...plan.chunks.values()].reduce((n, c) => n + c.length, 0)
    if (durable && !blocked) {
        // what DHIS2 already holds as the files say enters the ledger (a run killed before writing it)
        await recordFound(ledger, plan.found, runId)
        run.started = startedRecord(runId, client, files, toSend)
        await appendAudit(prep.stateDir, run.started)
    }
    // one queue for values and completeness, so --concurrency bounds both
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) })
    const retry = retryOptions(options)
    let outcomes: ReadonlyMap<PlannedValue, ValueOutcome> = new Map()
    let stopped: 'account' | 'unavailable' | null = null
    if (blocked)
        report.note = messageFor('PUSH_NOTE_STRICT_NOTHING_SENT', { errors: result.errorCount }).message
    else if (toSend === 0) {
        const note =
            result.valueCount > 0
                ? planNote(plan, force, false)
                : messageFor('PUSH_NOTE_NO_VALID_VALUE').message
        if (note) report.note = note
    } else {
        const pushed = await sendValues(client, plan, {
            queue,
            retry,
            dryRun,
            async: options.async ?? false,
            stopAfterFailedChunks: options.stopAfterFailedChunks,
            ledger,
            recordAs: durable ? runId : null,
            onProgress: options.onProgress,
        })
        outcomes = pushed.outcomes
        stopped = pushed.stopped?.reason ?? null
        const summary = pushSummary(pushed, { toSend, dryRun, isZeroNotStored, file: values[0]?.file ?? '' })
        report.issues.push(...summary.issues)
        report.errors += summary.issues.length
        report.push = summary.push
        const note = planNote(plan, force, true)
        if (note) report.note = note
    }
    let completionIssues = 0
    if (!blocked && stopped === null && plan.values.length > 0) {
        if (options.noComplete) report.complete = emptyCompletion(true, dryRun)
        else {
            const done = await completeReports({
                client,
                planned: plan.values,
                outcomes,
                ledger,
                result,
                queue,
                retry,
                force,
                dryRun,
                recordAs: durable ? runId : null,
                onProgress: options.onProgress,
            })
            report.complete = done.complete
            report.issues.push(...done.issues)
            report.errors += done.issues.length
            completionIssues = done.issues.length
        }
    }
    report.exitCode = pushExitCode({
        blocked,
        valueCount: result.valueCount,
        errors: report.errors,
        goodWithoutSending: plan.counts.unchanged + plan.counts.zerosNotStored,
        ...(report.push
            ? {
                  sent: {
                      saved: report.push.saved,
                      zerosNotStored: report.push.zerosNotStored ?? 0,
                      accountRefused: stopped === 'account',
                  },
              }
            : {}),
        completionIssues,
        held: plan.values.filter((p) => p.status === 'held').length,
    })
    for (const e of plan.removed.slice(0, 1000)) report.issues.push(removedIssue(metadata, e))
    report.warnings += plan.removed.length
    if (!run.interrupted)
        await appendAudit(prep.stateDir, finishedRecord(report, client, plan, files, dryRun))
    return report
}

/** Each file read, with its SHA-256, for the audit. */
async function auditedFiles(result: ProcessResult): Promise<AuditedFile[]> {
    return Promise.all(
        result.files.map(async (f) => ({
            file: f.file,
            sha256: await sha256File(f.path).catch(() => ''),
            rows: f.rows,
            values: f.values,
        }))
    )
}

function retryOptions(options: PushHandlerOptions): PushOptions {
    return {
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
        ...(options.random ? { random: options.random } : {}),
    }
}
