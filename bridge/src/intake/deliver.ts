// One submission into DHIS2, with the CLI's own stages: read what DHIS2 holds, plan against it and
// the ledger, push, register the reports complete, record each answer in the ledger as it arrives.
// A value is never counted twice: DHIS2 replaces rather than adds, the plan sends only what DHIS2
// does not already hold as submitted, and the ledger is written before a chunk counts as done.
import PQueue from 'p-queue'
import { registerCompletions } from '../complete/register.js'
import { reportKey, selectReportsToComplete } from '../complete/select.js'
import { chunkKey, type MappedValue, type ValidationIssue } from '../core/types.js'
import { Dhis2Error } from '../dhis2/client.js'
import { differenceIssue, readWhatDhis2Holds, zeroNotStoredBy } from '../plan/against-dhis2.js'
import { buildPlan } from '../plan/plan.js'
import { pushPlan, retryRules, type ValueOutcome } from '../push/push.js'
import type { StopSignal } from '../push/send.js'
import { recordCompletions, recordFound, recordOutcomes } from '../record/record.js'
import type { Refusal, Submission, SubmittedValue } from '../storage/submissions.js'
import type { IntakeContext } from './context.js'
import { DatabaseLedger } from '../storage/db-ledger.js'

export type DeliveryOutcome =
    | { kind: 'delivered'; delivered: number; sent: number; completed: number }
    | { kind: 'partly-refused'; delivered: number; sent: number; completed: number; refusals: Refusal[] }
    | { kind: 'retry'; reason: 'unavailable' | 'account'; detail: string }

export interface DeliveryOptions {
    /** Attempts per request before the submission waits for the outbox's next try (default 3). */
    maxAttempts?: number
    backoffMs?: number
    concurrency?: number
}

/** The form has no file: its values name the form, row 0. */
function toMapped(submission: Submission, v: SubmittedValue): MappedValue {
    const m: MappedValue = {
        dataSet: v.dataSet,
        dataElement: v.dataElement,
        categoryOptionCombo: v.categoryOptionCombo,
        attributeOptionCombo: v.attributeOptionCombo,
        orgUnit: v.orgUnit,
        period: v.period,
        value: v.value,
        dataElementCode: v.dataElementCode ?? v.dataElement,
        categoryOptionComboCode: v.categoryOptionComboCode ?? v.categoryOptionCombo,
        orgUnitCode: v.orgUnitCode ?? v.orgUnit,
        file: v.file ?? submission.fileName ?? submission.reference,
        row: v.row ?? 0,
        column: v.column ?? '',
    }
    if (v.comment) m.comment = v.comment
    if (v.sheet !== undefined) m.sheet = v.sheet
    if (v.rows) m.rows = v.rows
    if (v.sourceColumns) m.sourceColumns = v.sourceColumns
    return m
}

export function toRefusal(issue: ValidationIssue, valueKey?: string): Refusal {
    const r: Refusal = { code: String(issue.code), message: issue.message.fr, messageEn: issue.message.en }
    if (valueKey) r.valueKey = valueKey
    if (issue.hint) r.hint = issue.hint
    if (issue.file) r.file = issue.file
    if (issue.sheet !== undefined) r.sheet = issue.sheet
    if (issue.row !== undefined) r.row = issue.row
    if (issue.column !== undefined) r.column = issue.column
    return r
}

/** DHIS2 said no to the read itself for a reason sending again will not change (an org unit outside its view). */
function permanent(detail: string): boolean {
    return /^HTTP 4(?!29)\d\d/.test(detail)
}

function accountRefused(e: unknown): e is Dhis2Error {
    return e instanceof Dhis2Error && (e.kind === 'unauthorized' || e.kind === 'forbidden')
}

export async function deliverSubmission(
    ctx: IntakeContext,
    submission: Submission,
    stored: readonly SubmittedValue[],
    runId: string,
    options: DeliveryOptions = {}
): Promise<DeliveryOutcome> {
    const values = stored.map((v) => toMapped(submission, v))
    const retry = { maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 500 }
    try {
        const metadata = await ctx.metadata()
        const read = await readWhatDhis2Holds(ctx.client, values, retry)
        const transient = [...read.holdings.unread.values()].find((detail) => !permanent(detail))
        // without DHIS2's answer the plan could not tell a value already there: wait for DHIS2
        if (transient !== undefined) return { kind: 'retry', reason: 'unavailable', detail: transient }
        const scopes = [...new Set(values.map(chunkKey))]
        const reports = [...new Set(values.map(reportKey))]
        const ledger = await DatabaseLedger.open(ctx.db, ctx.instance, {
            scopes,
            reportKeys: reports,
            submissionId: submission.id,
        })
        const isZero = zeroNotStoredBy(metadata)
        const plan = buildPlan(values, ledger, {
            // the form started from what DHIS2 held: a changed field is the person's decision
            overwriteDhis2Edits: submission.sourceKind === 'form',
            isZeroNotStored: isZero,
            dhis2: read.holdings,
        })
        await recordFound(ledger, plan.found, runId)
        const refusals: Refusal[] = []
        for (const pv of plan.values) {
            const d = differenceIssue(pv)
            if (d && d.severity === 'error') refusals.push(toRefusal(d, pv.key))
        }
        const queue = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) })
        let outcomes: ReadonlyMap<(typeof plan.values)[number], ValueOutcome> = new Map()
        let sent = 0
        if (plan.chunks.size > 0) {
            const pushed = await pushPlan(ctx.client, plan.chunks, {
                queue,
                ...retry,
                stopAfterFailedChunks: 1,
                onChunkResult: async (_values, chunkOutcomes) =>
                    void (await recordOutcomes(ledger, chunkOutcomes, runId)),
            })
            if (pushed.stopped)
                return { kind: 'retry', reason: pushed.stopped.reason, detail: pushed.stopped.detail }
            const failed = [...pushed.outcomes.values()].some((o) => o === 'failed')
            if (failed) {
                const detail = pushed.chunks.find((c) => c.error)?.error ?? 'chunk failed'
                return { kind: 'retry', reason: 'unavailable', detail }
            }
            outcomes = pushed.outcomes
            sent = [...pushed.outcomes.values()].filter((o) => o === 'saved').length
            for (const issue of pushed.issues) refusals.push(toRefusal(issue))
        }
        // the same rule as the CLI: a report that lost a template column or a cell is sent, not completed
        const selection = selectReportsToComplete(plan.values, outcomes, ledger, {
            exclude: new Set(submission.incompleteReports),
        })
        const stop: StopSignal = { error: null }
        const done = await registerCompletions(ctx.client, selection.reports, {
            queue,
            rules: retryRules(retry),
            stop,
        })
        await recordCompletions(ledger, done.registered, runId)
        if (stop.error) return { kind: 'retry', reason: 'account', detail: stop.error.message }
        if (done.failed.length > 0)
            return {
                kind: 'retry',
                reason: 'unavailable',
                detail: done.failed.length + ' completion(s) failed',
            }
        // the values are in DHIS2 but the report is not marked complete: the clinic is told why
        for (const issue of done.issues)
            if (issue.code === 'COMPLETE_REFUSED') refusals.push(toRefusal(issue))
        const rejected = [...outcomes.values()].filter((o) => o === 'rejected').length
        const held = plan.values.filter((p) => p.status === 'held').length
        const delivered = values.length - rejected - held
        const completed = done.registered.length
        return refusals.length > 0
            ? { kind: 'partly-refused', delivered, sent, completed, refusals }
            : { kind: 'delivered', delivered, sent, completed }
    } catch (e) {
        if (accountRefused(e)) return { kind: 'retry', reason: 'account', detail: e.message }
        if (e instanceof Dhis2Error) return { kind: 'retry', reason: 'unavailable', detail: e.message }
        throw e
    }
}
