// `bridge push`: read → validate → map → plan (ledger) → push → complete → record.
import PQueue from 'p-queue'
import { registerCompletions } from '../complete/register.js'
import { selectReportsToComplete } from '../complete/select.js'
import { makeIssue } from '../core/issues.js'
import type { MappedValue } from '../core/types.js'
import { processFiles } from '../pipeline/process.js'
import { JsonlLedger, ledgerFileFor, MemoryLedger, type Ledger } from '../plan/ledger.js'
import { buildPlan, type PlannedValue } from '../plan/plan.js'
import { PushAbortedError, pushPlan, retryRules, type PushOptions, type ValueOutcome } from '../push/push.js'
import type { StopSignal } from '../push/send.js'
import { appendAudit, newRunId, recordCompletions, recordOutcomes, sha256File } from '../record/record.js'
import {
    EXIT,
    exitCodeFor,
    prepare,
    type CommonOptions,
    type CompletionReport,
    type RunReport,
    processedPart,
} from './common.js'

export interface PushHandlerOptions extends CommonOptions {
    dryRun?: boolean
    /** Send every value, even those the ledger says DHIS2 already has. */
    force?: boolean
    concurrency?: number
    maxAttempts?: number
    backoffMs?: number
    async?: boolean
    /** Keep no ledger (tests, one-off sends). */
    noLedger?: boolean
    /** Do not register the reports as complete (the clinic completes the form in DHIS2 itself). */
    noComplete?: boolean
    random?: PushOptions['random']
}

export async function pushHandler(options: PushHandlerOptions): Promise<RunReport> {
    if (!options.dhis2)
        throw new Error('Connexion DHIS2 nécessaire pour push. / A DHIS2 connection is needed for push.')
    const prep = await prepare(options)
    const client = prep.client
    if (!client) throw new Error('no DHIS2 client')
    const runId = newRunId()
    const values: MappedValue[] = []
    const result = await processFiles(
        options.files,
        prep.ctx,
        {
            kind: options.source ?? 'facility-report',
            ...(options.layout ? { layout: options.layout } : {}),
            mappingsRoot: prep.mappingsRoot,
            onProgress: (file, rows) => options.onProgress?.({ stage: 'read', file, rows }),
        },
        (v) => values.push(v)
    )
    // a dry run reads the ledger to plan, and records nothing
    const ledger: Ledger = options.noLedger
        ? new MemoryLedger()
        : await JsonlLedger.open(ledgerFileFor(prep.stateDir, client.baseUrl))
    const plan = buildPlan(values, ledger, { force: options.force ?? false })
    const report: RunReport = {
        command: 'push',
        runId,
        target: client.baseUrl,
        ...processedPart(prep.metadataInfo, result),
        plan: plan.counts,
        exitCode: EXIT.success,
    }
    const toSend = [...plan.chunks.values()].reduce((n, c) => n + c.length, 0)
    // one queue for values and completeness, so --concurrency bounds both
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) })
    const retry = {
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
        ...(options.random ? { random: options.random } : {}),
    }
    let outcomes: ReadonlyMap<PlannedValue, ValueOutcome> = new Map()
    if (options.strict && result.errorCount > 0) {
        report.exitCode = EXIT.failure
        report.note = {
            fr: `Mode strict : ${result.errorCount} erreur(s) dans les fichiers, rien n’a été envoyé.`,
            en: `Strict mode: ${result.errorCount} error(s) in the files, nothing was sent.`,
        }
    } else if (toSend === 0) {
        report.exitCode =
            result.errorCount > 0 ? (result.valueCount > 0 ? EXIT.partial : EXIT.failure) : EXIT.success
        report.note =
            result.valueCount > 0
                ? {
                      fr: `Rien de nouveau à envoyer : les ${plan.counts.unchanged} valeurs sont déjà dans DHIS2 telles quelles.`,
                      en: `Nothing new to send: all ${plan.counts.unchanged} values are already in DHIS2 as they are.`,
                  }
                : { fr: 'Aucune valeur valide à envoyer.', en: 'No valid value to send.' }
    } else {
        const pushed = await pushPlan(client, plan.chunks, {
            queue,
            ...retry,
            dryRun: options.dryRun ?? false,
            async: options.async ?? false,
            onChunkDone: (done, total) => options.onProgress?.({ stage: 'push', done, total }),
        })
        outcomes = pushed.outcomes
        let saved = 0
        let rejected = 0
        let failed = 0
        for (const o of pushed.outcomes.values()) {
            if (o === 'saved') saved++
            else if (o === 'rejected') rejected++
            else failed++
        }
        report.issues.push(...pushed.issues)
        report.errors += pushed.issues.length
        report.push = {
            sent: toSend,
            saved,
            rejected,
            failed,
            chunks: pushed.chunks.length,
            failedChunks: pushed.chunks.filter((c) => c.status === 'FAILED').length,
            retries: pushed.retries,
            dryRun: options.dryRun ?? false,
            dhis2Counts: pushed.dhis2Counts,
        }
        if (!options.dryRun) await recordOutcomes(ledger, pushed.outcomes, runId)
        const good = saved + plan.counts.unchanged
        report.exitCode = exitCodeFor(good, report.errors)
        if (plan.counts.unchanged > 0)
            report.note = {
                fr: `${plan.counts.unchanged} valeur(s) déjà dans DHIS2 sans changement n’ont pas été renvoyées.`,
                en: `${plan.counts.unchanged} value(s) already in DHIS2 unchanged were not sent again.`,
            }
    }
    if (!(options.strict && result.errorCount > 0) && plan.values.length > 0) {
        if (options.noComplete) report.complete = emptyCompletion(true, options.dryRun ?? false)
        else {
            const selection = selectReportsToComplete(plan.values, outcomes, ledger, {
                force: options.force ?? false,
            })
            const stop: StopSignal = { error: null }
            const done = await registerCompletions(client, selection.reports, {
                queue,
                rules: retryRules(retry),
                stop,
                dryRun: options.dryRun ?? false,
            })
            if (stop.error) throw new PushAbortedError(stop.error.message)
            const complete = emptyCompletion(false, options.dryRun ?? false)
            complete.registered = done.registered.length
            complete.partly = done.registered.filter((r) => r.partly).length
            complete.alreadyComplete = selection.alreadyComplete
            complete.refused = done.refused.length
            complete.failed = done.failed.length
            complete.dhis2Counts = done.dhis2Counts
            complete.retries = done.retries
            for (const r of done.registered) complete.byFile[r.file] = (complete.byFile[r.file] ?? 0) + 1
            report.complete = complete
            report.issues.push(...done.issues)
            report.errors += done.issues.length
            if (!options.dryRun) await recordCompletions(ledger, done.registered, runId)
            if (done.issues.length > 0) {
                const good = (report.push?.saved ?? 0) + plan.counts.unchanged
                report.exitCode = exitCodeFor(good, report.errors)
            }
        }
    }
    for (const e of plan.removed.slice(0, 1000))
        report.issues.push(
            makeIssue('REMOVED_VALUE', { file: e.file, row: e.row }, { value: e.value }, 'warning')
        )
    report.warnings += plan.removed.length
    {
        const files = await Promise.all(
            result.files.map(async (f) => ({
                file: f.file,
                sha256: await sha256File(f.path).catch(() => ''),
                rows: f.rows,
                values: f.values,
            }))
        )
        await appendAudit(prep.stateDir, {
            runId,
            at: new Date().toISOString(),
            command: 'push',
            target: client.baseUrl,
            auth: client.authLabel,
            dryRun: options.dryRun ?? false,
            files,
            counts: {
                ...plan.counts,
                ...(report.complete && !report.complete.skipped
                    ? {
                          completed: report.complete.registered,
                          completeRefused: report.complete.refused,
                          completeFailed: report.complete.failed,
                      }
                    : {}),
                ...(report.push
                    ? { saved: report.push.saved, rejected: report.push.rejected, failed: report.push.failed }
                    : {}),
            },
            issues: report.issues.slice(0, 5000).map((i) => ({
                code: i.code,
                severity: i.severity,
                file: i.file,
                ...(i.row !== undefined ? { row: i.row } : {}),
                ...(i.column !== undefined ? { column: i.column } : {}),
                ...(i.dhis2?.errorCode ? { errorCode: i.dhis2.errorCode } : {}),
            })),
            exitCode: report.exitCode,
        })
    }
    return report
}

function emptyCompletion(skipped: boolean, dryRun: boolean): CompletionReport {
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
