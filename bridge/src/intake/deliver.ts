// Submissions into DHIS2, a batch at a time, with the CLI's own stages: read what DHIS2 holds for all
// their facility-months (one request per 40 org units), plan each against it and the ledger, push
// each facility-month, register the batch's reports complete (one request), and hand back each
// submission's outcome with the ledger lines DHIS2's answers justify, which the worker writes in the
// transaction that settles the batch. A value is never counted twice: DHIS2 replaces rather than adds,
// and the plan sends only what DHIS2 does not already hold; a batch cut short before its transaction
// (kill -9) is read from DHIS2 again by the next attempt, which records what it finds there.
import type PQueue from 'p-queue'
import { registerCompletions } from '../complete/register.js'
import { reportKey, selectReportsToComplete } from '../complete/select.js'
import { chunkKey, type MappedValue, type ValidationIssue } from '../core/types.js'
import { Dhis2Error } from '../dhis2/client.js'
import { differenceIssue, readWhatDhis2Holds, zeroNotStoredBy } from '../plan/against-dhis2.js'
import { buildPlan, type PlannedValue } from '../plan/plan.js'
import { pushGrouped, retryRules, type ValueOutcome } from '../send/push.js'
import type { StopSignal } from '../send/send.js'
import { completionEntries, foundEntries, savedEntries } from '../record/record.js'
import type { LedgerEntry } from '../plan/ledger.js'
import type { ReportToComplete } from '../complete/select.js'
import type { DeliveryRecord } from '../storage/ledger.js'
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
    /** Most values in one POST of data values: a batch's facility-months go together up to it (default 1000). */
    valuesPerRequest?: number
}

/** One submission of a batch, with its run id (ledger lines and tallies are per run). */
export interface BatchItem {
    submission: Submission
    values: readonly SubmittedValue[]
    runId: string
}

export interface BatchDelivery {
    /** By submission id: one for each item. */
    outcomes: Map<string, DeliveryOutcome>
    /** What DHIS2 was found or made to hold, per submission: to be written with the outcomes. */
    records: DeliveryRecord[]
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

/** A batch's submission on its way: its values, then its plan and what DHIS2 answered. */
interface Going {
    item: BatchItem
    values: MappedValue[]
    record: { submissionId: string; values: LedgerEntry[]; completions: ReportToComplete[] }
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>
    planned: PlannedValue[]
    sent: number
    refusals: Refusal[]
    reports: ReportToComplete[]
}

/**
 * Delivers a batch of submissions whose facility-months do not overlap (the worker puts a later
 * submission of the same facility-month in a later batch). Every item gets an outcome; the requests go
 * through `queue`, shared with the worker's other batches.
 */
export async function deliverBatch(
    ctx: IntakeContext,
    items: readonly BatchItem[],
    queue: PQueue,
    options: DeliveryOptions = {}
): Promise<BatchDelivery> {
    const retry = { maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 500 }
    const outcomes = new Map<string, DeliveryOutcome>()
    const all: Going[] = items.map((item) => ({
        item,
        values: item.values.map((v) => toMapped(item.submission, v)),
        record: { submissionId: item.submission.id, values: [], completions: [] },
        outcomes: new Map(),
        planned: [],
        sent: 0,
        refusals: [],
        reports: [],
    }))
    const records = (): DeliveryRecord[] =>
        all
            .map((g) => ({
                submissionId: g.record.submissionId,
                values: g.record.values,
                completions: completionEntries(g.record.completions, g.item.runId),
            }))
            .filter((r) => r.values.length + r.completions.length > 0)
    const settle = (g: Going, outcome: DeliveryOutcome) => outcomes.set(g.item.submission.id, outcome)
    try {
        const metadata = await ctx.metadata()
        // one read of DHIS2 for the whole batch (a request per 40 org units), in the queue's bound too
        const read = await queue.add(() =>
            readWhatDhis2Holds(
                ctx.client,
                all.flatMap((g) => g.values),
                retry
            )
        )
        const going: Going[] = []
        for (const g of all) {
            const transient = [...new Set(g.values.map(chunkKey))]
                .map((scope) => read.holdings.unread.get(scope))
                .find((detail) => detail !== undefined && !permanent(detail))
            // without DHIS2's answer the plan could not tell a value already there: wait for DHIS2
            if (transient !== undefined)
                settle(g, { kind: 'retry', reason: 'unavailable', detail: transient })
            else going.push(g)
        }
        const ledger = await DatabaseLedger.open(ctx.db, ctx.instance, {
            scopes: [...new Set(going.flatMap((g) => g.values.map(chunkKey)))],
            reportKeys: [...new Set(going.flatMap((g) => g.values.map(reportKey)))],
        })
        const isZero = zeroNotStoredBy(metadata)
        // each submission planned on its own (its refusals are its own), every facility-month pushed together
        const chunks: Array<{ g: Going; chunk: readonly PlannedValue[] }> = []
        for (const g of going) {
            const plan = buildPlan(g.values, ledger, {
                // the form started from what DHIS2 held: a changed field is the person's decision
                overwriteDhis2Edits: g.item.submission.sourceKind === 'form',
                isZeroNotStored: isZero,
                dhis2: read.holdings,
            })
            g.planned = plan.values
            g.record.values.push(...foundEntries(plan.found, g.item.runId))
            for (const pv of plan.values) {
                const d = differenceIssue(pv)
                if (d && d.severity === 'error') g.refusals.push(toRefusal(d, pv.key))
            }
            for (const chunk of plan.chunks.values()) chunks.push({ g, chunk })
        }
        const pushed = await pushGrouped(
            ctx.client,
            chunks.map((c) => c.chunk),
            { queue, ...retry, maxValues: options.valuesPerRequest ?? 1000 }
        )
        const failed = new Map<Going, string>()
        const outcomesOf = new Map<Going, Map<PlannedValue, ValueOutcome>>()
        for (const { g, chunk } of chunks) {
            const answer = pushed.answers.get(chunk)
            if (!answer || answer.error !== undefined) {
                if (!failed.has(g)) failed.set(g, answer?.error || 'chunk failed')
                continue
            }
            // what DHIS2 saved is its truth, whatever becomes of the rest of the submission
            g.record.values.push(...savedEntries(answer.outcomes, g.item.runId))
            let mine = outcomesOf.get(g)
            if (!mine) outcomesOf.set(g, (mine = new Map()))
            for (const [pv, o] of answer.outcomes) mine.set(pv, o)
            for (const issue of answer.issues) g.refusals.push(toRefusal(issue))
        }
        const pushedAll: Going[] = []
        for (const g of going) {
            const detail = failed.get(g)
            if (detail !== undefined) {
                const reason = pushed.stopped?.reason === 'account' ? 'account' : 'unavailable'
                settle(g, { kind: 'retry', reason, detail: pushed.stopped?.detail || detail })
                continue
            }
            g.outcomes = outcomesOf.get(g) ?? new Map()
            g.sent = [...g.outcomes.values()].filter((o) => o === 'saved').length
            // the same rule as the CLI: a report that lost a template column or a cell is sent, not completed
            g.reports = selectReportsToComplete(g.planned, g.outcomes, ledger, {
                exclude: new Set(g.item.submission.incompleteReports),
            }).reports
            pushedAll.push(g)
        }
        // the batch's reports in one request (DHIS2 names each refused one)
        const stop: StopSignal = { error: null }
        const done = await registerCompletions(
            ctx.client,
            pushedAll.flatMap((g) => g.reports),
            { queue, rules: retryRules(retry), stop }
        )
        const registered = new Set(done.registered)
        const refused = new Set(done.refused)
        for (const g of pushedAll) {
            g.record.completions.push(...g.reports.filter((r) => registered.has(r)))
            const unsettled = g.reports.filter((r) => !registered.has(r) && !refused.has(r))
            if (stop.error && unsettled.length > 0) {
                settle(g, { kind: 'retry', reason: 'account', detail: stop.error.message })
                continue
            }
            if (unsettled.length > 0) {
                settle(g, {
                    kind: 'retry',
                    reason: 'unavailable',
                    detail: unsettled.length + ' completion(s) failed',
                })
                continue
            }
            // the values are in DHIS2 but the report is not marked complete: the clinic is told why
            for (const r of g.reports) {
                const issue = refused.has(r) ? done.issueOf.get(r) : undefined
                if (issue?.code === 'COMPLETE_REFUSED') g.refusals.push(toRefusal(issue))
            }
            const rejected = [...g.outcomes.values()].filter((o) => o === 'rejected').length
            const held = g.planned.filter((p) => p.status === 'held').length
            const delivered = g.values.length - rejected - held
            const completed = g.reports.filter((r) => registered.has(r)).length
            settle(
                g,
                g.refusals.length > 0
                    ? { kind: 'partly-refused', delivered, sent: g.sent, completed, refusals: g.refusals }
                    : { kind: 'delivered', delivered, sent: g.sent, completed }
            )
        }
    } catch (e) {
        // what DHIS2 answered before is kept (records); the rest of the batch waits for DHIS2
        const wait: DeliveryOutcome | null = accountRefused(e)
            ? { kind: 'retry', reason: 'account', detail: e.message }
            : e instanceof Dhis2Error
              ? { kind: 'retry', reason: 'unavailable', detail: e.message }
              : null
        if (!wait) throw e
        for (const g of all) if (!outcomes.has(g.item.submission.id)) settle(g, wait)
    }
    return { outcomes, records: records() }
}
