// `bridge push`: read → validate → map → read DHIS2 → plan (DHIS2 + ledger) → push → complete → record.
import { monthLabel } from '../core/month-label.js'
import PQueue from 'p-queue'
import { registerCompletions } from '../complete/register.js'
import { reportKey, selectReportsToComplete } from '../complete/select.js'
import { makeIssue } from '../i18n/issues.js'
import { chunkKey, type Lang, type Localized, type MappedValue, type ValidationIssue } from '../core/types.js'
import { messageFor } from '../i18n/messages.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import { processFiles, withoutConflicts } from '../pipeline/process.js'
import {
    differenceIssue,
    locationOf,
    readWhatDhis2Holds,
    shortDate,
    zeroNotStoredBy,
} from '../plan/against-dhis2.js'
import { MemoryLedger, type Ledger, type LedgerEntry, type RunTally } from '../plan/ledger.js'
import { buildPlan, type Plan, type PlannedValue } from '../plan/plan.js'
import { PushAbortedError, pushPlan, retryRules, type PushOptions, type ValueOutcome } from '../send/push.js'
import type { StopSignal } from '../send/send.js'
import { acquireStateLock, StateLockedError, type StateLock } from '../record/lock.js'
import {
    appendAudit,
    appendAuditSync,
    interruptedRecord,
    newRunId,
    recordCompletions,
    recordFound,
    recordOutcomes,
    settleInterruptedRuns,
    sha256File,
    type AuditStarted,
} from '../record/record.js'
import { openStateLedger, type StateLedger } from '../storage/state-ledger.js'
import { EXIT, exitCodeFor } from '../core/report.js'
import { prepare, processedPart, type CommonOptions } from '../pipeline/prepare.js'
import type { CompletionReport, RunReport } from '../pipeline/run-report.js'

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

// ------------------------------------------------------------------------------------------------
// The run in progress, so a signal handler (Ctrl-C) can say what was delivered and leave the state
// consistent. One push per process at a time.

interface ActiveRun {
    stateDir: string
    ledger: Ledger
    lock: StateLock | null
    started: AuditStarted | null
    interrupted: boolean
}

let active: ActiveRun | null = null

export interface InterruptOutcome {
    /** What was already delivered, for people: print `message[lang]`. */
    message: Localized
    exitCode: number
    delivered: { values: number; completions: number }
}

/**
 * For the CLI's SIGINT/SIGTERM handler: records the interruption in the audit (with what the ledger
 * says this run delivered), releases the state lock, and returns what to print before exiting.
 * Synchronous, so it completes inside a signal handler. Null when no push is running.
 */
export function interruptActivePush(signal: string): InterruptOutcome | null {
    const run = active
    if (!run || run.interrupted) return null
    run.interrupted = true
    const tally = run.ledger.runTally(run.started?.runId ?? '')
    if (run.started) {
        try {
            appendAuditSync(run.stateDir, interruptedRecord(run.started, tally, signal))
        } catch {
            // the next run records it from the unfinished 'started' line
        }
    }
    run.lock?.releaseSync()
    return {
        message: messageFor('PUSH_INTERRUPTED', {
            signal,
            values: tally.values,
            completions: tally.completions,
        }).message,
        exitCode: signal === 'SIGTERM' ? 143 : 130,
        delivered: { values: tally.values, completions: tally.completions },
    }
}

// ------------------------------------------------------------------------------------------------

function say(lang: Lang | undefined, text: Localized): string {
    return lang === 'en' ? text.en : text.fr
}

function monthName(period: string): Localized {
    return { fr: monthLabel(period, 'fr'), en: monthLabel(period, 'en') }
}

/** « Consultations curatives (< 5 ans) de Clinique Badala (FS-C5-011) pour janvier 2024 ». */
function describeCell(
    metadata: MetadataIndex,
    e: LedgerEntry
): { indicator: string; facility: string; period: Localized } {
    const [de = '', period = '', ou = '', coc = ''] = e.key.split('|')
    const element = metadata.dataElement(de)
    const combo = element ? metadata.combo(element.categoryCombo) : undefined
    const cocMeta = combo?.categoryOptionCombos.find((c) => c.id === coc)
    const disaggregation =
        cocMeta && combo && combo.categoryOptionCombos.length > 1
            ? ` (${cocMeta.name ?? cocMeta.code ?? coc})`
            : ''
    const unit = metadata.orgUnit(ou)
    return {
        indicator: `${element?.name ?? element?.code ?? de}${disaggregation}`,
        facility: unit ? `${unit.name ?? unit.code ?? ou}${unit.code ? ` (${unit.code})` : ''}` : ou,
        period: monthName(period),
    }
}

function removedIssue(metadata: MetadataIndex, e: LedgerEntry): ValidationIssue {
    const cell = describeCell(metadata, e)
    const issue = makeIssue(
        'REMOVED_VALUE',
        { file: e.file, row: e.row },
        { value: e.value, indicator: cell.indicator, facility: cell.facility, period: '{{period}}' },
        'warning'
    )
    issue.message = {
        fr: issue.message.fr.replace('{{period}}', cell.period.fr),
        en: issue.message.en.replace('{{period}}', cell.period.en),
    }
    return issue
}

function replacesIssue(pv: PlannedValue): ValidationIssue | null {
    const e = pv.replaces
    if (!e) return null
    return makeIssue(
        'REPLACES_OTHER_SOURCE',
        locationOf(pv.value),
        { sent: e.value, sentAt: shortDate(e.at), otherFile: e.file, otherRow: e.row },
        'warning'
    )
}

function planNote(plan: Plan, force: boolean, sent: boolean): Localized | undefined {
    const parts: Localized[] = []
    const c = plan.counts
    if (c.unchanged > 0 && !force)
        parts.push(
            sent
                ? {
                      fr: `${c.unchanged} valeur(s) déjà dans DHIS2 sans changement n’ont pas été renvoyées.`,
                      en: `${c.unchanged} value(s) already in DHIS2 unchanged were not sent again.`,
                  }
                : {
                      fr: `Rien de nouveau à envoyer : les ${c.unchanged} valeurs sont déjà dans DHIS2 telles quelles.`,
                      en: `Nothing new to send: all ${c.unchanged} values are already in DHIS2 as they are.`,
                  }
        )
    if (c.zerosNotStored > 0)
        parts.push({
            fr: `${c.zerosNotStored} zéro(s) ne sont pas enregistrés : DHIS2 ne garde pas les zéros de ces indicateurs (une case vide vaut zéro).`,
            en: `${c.zerosNotStored} zero(s) are not stored: DHIS2 does not keep zeros of these data elements (an empty cell means zero).`,
        })
    const held = plan.values.filter((p) => p.status === 'held').length
    if (held > 0)
        parts.push({
            fr: `${held} valeur(s) modifiée(s) dans DHIS2 par quelqu’un d’autre n’ont pas été remplacées (voir plus haut ; --overwrite-dhis2-edits pour remettre celles du fichier).`,
            en: `${held} value(s) changed in DHIS2 by someone else were not replaced (see above; --overwrite-dhis2-edits to put the file’s values back).`,
        })
    if (parts.length === 0) return undefined
    return { fr: parts.map((p) => p.fr).join(' '), en: parts.map((p) => p.en).join(' ') }
}

export async function runPush(options: PushHandlerOptions): Promise<RunReport> {
    if (!options.dhis2)
        throw new Error(
            say(options.lang, {
                fr: 'Connexion DHIS2 nécessaire pour push : configurez DHIS2_BASE_URL et les identifiants.',
                en: 'A DHIS2 connection is needed for push: set DHIS2_BASE_URL and the credentials.',
            })
        )
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
    const dryRun = options.dryRun ?? false
    // a dry run reads the ledger to plan, records nothing, and so needs no lock
    const durable = !options.noLedger && !dryRun
    let lock: StateLock | null = null
    if (durable) {
        try {
            lock = await acquireStateLock(prep.stateDir, runId)
        } catch (e) {
            if (e instanceof StateLockedError) throw new StateLockedError(e.owner, e.localized, options.lang)
            throw e
        }
    }
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
    active = run
    try {
        // cells blocked by a conflict (two values in the files) must not be sent: drop the one already read
        const sendable = withoutConflicts(values, result)
        const tallyOf = async (started: AuditStarted): Promise<RunTally> =>
            state ? state.runTally(started.runId, started.target) : ledger.runTally(started.runId)
        return await pushWithLedger(options, prep, client, runId, sendable, result, ledger, tallyOf, run)
    } finally {
        if (active === run) active = null
        await (state ? state.close() : ledger.close())
        await lock?.release()
    }
}

async function pushWithLedger(
    options: PushHandlerOptions,
    prep: Awaited<ReturnType<typeof prepare>>,
    client: NonNullable<Awaited<ReturnType<typeof prepare>>['client']>,
    runId: string,
    values: MappedValue[],
    result: Awaited<ReturnType<typeof processFiles>>,
    ledger: Ledger,
    tallyOf: (started: AuditStarted) => Promise<RunTally>,
    run: ActiveRun
): Promise<RunReport> {
    const dryRun = options.dryRun ?? false
    const force = options.force ?? false
    const durable = !options.noLedger && !dryRun
    if (durable) await settleInterruptedRuns(prep.stateDir, tallyOf)
    const metadata = prep.ctx.metadata
    const blocked = options.strict === true && result.errorCount > 0
    if (values.length > 0 && !blocked) options.onProgress?.({ stage: 'check' })
    const read = values.length > 0 && !blocked ? await readWhatDhis2Holds(client, values, options) : null
    const plan = buildPlan(values, ledger, {
        force,
        overwriteDhis2Edits: options.overwriteDhis2Edits ?? false,
        isZeroNotStored: zeroNotStoredBy(metadata),
        ...(read ? { dhis2: read.holdings } : {}),
    })
    const report: RunReport = {
        command: 'push',
        runId,
        target: client.baseUrl,
        ...processedPart(prep.metadataInfo, result),
        plan: plan.counts,
        exitCode: EXIT.success,
    }
    if (read) {
        report.issues.push(...read.issues)
        report.warnings += read.issues.length
    }
    for (const pv of plan.values) {
        const d = differenceIssue(pv)
        if (d) {
            report.issues.push(d)
            if (d.severity === 'error') report.errors++
            else report.warnings++
        }
        const r = replacesIssue(pv)
        if (r) {
            report.issues.push(r)
            report.warnings++
        }
    }
    const files = await Promise.all(
        result.files.map(async (f) => ({
            file: f.file,
            sha256: await sha256File(f.path).catch(() => ''),
            rows: f.rows,
            values: f.values,
        }))
    )
    const toSend = [...plan.chunks.values()].reduce((n, c) => n + c.length, 0)
    if (durable && !blocked) {
        // what DHIS2 already holds as the files say enters the ledger (a run killed before writing it)
        await recordFound(ledger, plan.found, runId)
        const started: AuditStarted = {
            event: 'started',
            runId,
            at: new Date().toISOString(),
            command: 'push',
            target: client.baseUrl,
            auth: client.authLabel,
            pid: process.pid,
            files: files.map((f) => ({ file: f.file, sha256: f.sha256 })),
            toSend,
        }
        await appendAudit(prep.stateDir, started)
        run.started = started
    }
    // one queue for values and completeness, so --concurrency bounds both
    const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) })
    const retry = {
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
        ...(options.random ? { random: options.random } : {}),
    }
    const heldErrors = plan.values.filter((p) => p.status === 'held').length
    const goodWithoutSending = plan.counts.unchanged + plan.counts.zerosNotStored
    let outcomes: ReadonlyMap<PlannedValue, ValueOutcome> = new Map()
    let stopped = false
    if (blocked) {
        report.exitCode = EXIT.failure
        report.note = {
            fr: `Mode strict : ${result.errorCount} erreur(s) dans les fichiers, rien n’a été envoyé.`,
            en: `Strict mode: ${result.errorCount} error(s) in the files, nothing was sent.`,
        }
    } else if (toSend === 0) {
        report.exitCode = exitCodeFor(goodWithoutSending, report.errors)
        if (result.valueCount === 0) report.exitCode = EXIT.failure
        report.note =
            result.valueCount > 0
                ? planNote(plan, force, false)
                : { fr: 'Aucune valeur valide à envoyer.', en: 'No valid value to send.' }
    } else {
        const pushed = await pushPlan(client, plan.chunks, {
            queue,
            ...retry,
            dryRun,
            async: options.async ?? false,
            ...(options.stopAfterFailedChunks
                ? { stopAfterFailedChunks: options.stopAfterFailedChunks }
                : {}),
            onChunkDone: (done, total) => options.onProgress?.({ stage: 'push', done, total }),
            ...(durable
                ? {
                      onChunkResult: async (_values, chunkOutcomes) =>
                          void (await recordOutcomes(ledger, chunkOutcomes, runId)),
                  }
                : {}),
        })
        outcomes = pushed.outcomes
        let saved = 0
        let zeros = 0
        let rejected = 0
        let failed = 0
        const isZero = zeroNotStoredBy(metadata)
        for (const [pv, o] of pushed.outcomes) {
            if (o === 'saved') {
                // DHIS2 keeps no insignificant zero: it is not « enregistrée » (an older value was deleted)
                if (isZero(pv.value)) zeros++
                else saved++
            } else if (o === 'rejected') rejected++
            else failed++
        }
        report.issues.push(...pushed.issues)
        report.errors += pushed.issues.length
        if (pushed.stopped) {
            stopped = true
            const s = pushed.stopped
            const issue = makeIssue(
                s.reason === 'account' ? 'PUSH_ACCOUNT_REFUSED' : 'PUSH_STOPPED',
                { file: values[0]?.file ?? '' },
                { failed: s.failedInARow, detail: s.detail, notSent: s.notSentValues }
            )
            report.issues.push(issue)
            report.errors++
        }
        report.push = {
            sent: toSend,
            saved,
            zerosNotStored: zeros,
            rejected,
            failed,
            notSent: pushed.stopped?.notSentValues ?? 0,
            chunks: pushed.chunks.length,
            failedChunks: pushed.chunks.filter((c) => c.status === 'FAILED').length,
            retries: pushed.retries,
            dryRun,
            dhis2Counts: pushed.dhis2Counts,
        }
        report.exitCode = exitCodeFor(saved + zeros + goodWithoutSending, report.errors)
        if (pushed.stopped?.reason === 'account') report.exitCode = EXIT.failure
        const note = planNote(plan, force, true)
        if (note) report.note = note
    }
    if (!blocked && !stopped && plan.values.length > 0) {
        if (options.noComplete) report.complete = emptyCompletion(true, dryRun)
        else {
            const selection = selectReportsToComplete(plan.values, outcomes, ledger, {
                force,
                exclude: result.incompleteReports,
            })
            const stop: StopSignal = { error: null }
            options.onProgress?.({ stage: 'complete', done: 0, total: selection.reports.length })
            const done = await registerCompletions(client, selection.reports, {
                queue,
                rules: retryRules(retry),
                stop,
                dryRun,
            })
            options.onProgress?.({
                stage: 'complete',
                done: selection.reports.length,
                total: selection.reports.length,
            })
            if (durable) await recordCompletions(ledger, done.registered, runId)
            if (stop.error) throw new PushAbortedError(stop.error.message, { cause: stop.error })
            const complete = emptyCompletion(false, dryRun)
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
            if (done.issues.length > 0) {
                const good = (report.push?.saved ?? 0) + goodWithoutSending
                report.exitCode = exitCodeFor(good, report.errors)
            }
        }
    }
    // values DHIS2 still holds differently than the file: never a success
    if (heldErrors > 0 && report.exitCode === EXIT.success) report.exitCode = EXIT.partial
    for (const e of plan.removed.slice(0, 1000)) report.issues.push(removedIssue(metadata, e))
    report.warnings += plan.removed.length
    if (!run.interrupted)
        await appendAudit(prep.stateDir, {
            event: 'finished',
            runId,
            at: new Date().toISOString(),
            command: 'push',
            target: client.baseUrl,
            auth: client.authLabel,
            dryRun,
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
                    ? {
                          saved: report.push.saved,
                          zerosNotStored: report.push.zerosNotStored ?? 0,
                          rejected: report.push.rejected,
                          failed: report.push.failed,
                          notSent: report.push.notSent ?? 0,
                      }
                    : {}),
                found: plan.found.length,
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
