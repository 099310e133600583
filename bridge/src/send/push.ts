// Sends planned values to DHIS2: one request per data set × org unit × period, a few at a time,
// retrying what is safe to retry, reading every ImportSummary and tracing each conflict back to
// the file and row that produced the value.
import PQueue from 'p-queue'
import { setTimeout as sleep } from 'node:timers/promises'
import { makeIssue } from '../i18n/issues.js'
import type { ValidationIssue } from '../core/types.js'
import { Dhis2Error, type Dhis2Client } from '../dhis2/client.js'
import type { PlannedValue } from '../plan/plan.js'
import { explainConflict, groupByRow } from './explain.js'
import {
    readImportAnswer,
    rejectedIndexes,
    type ImportConflict,
    type ImportSummary,
} from './import-summary.js'
import { postImport, type RetryRules, type StopSignal } from './send.js'

export { backoffDelay } from './send.js'

export interface PushOptions {
    concurrency?: number
    maxAttempts?: number
    /** First back-off step in ms (doubles each attempt, with jitter). */
    backoffMs?: number
    maxBackoffMs?: number
    /** DHIS2 validates and counts without writing. */
    dryRun?: boolean
    /** Use DHIS2's async import and poll the task (large chunks on slow servers). */
    async?: boolean
    onChunkDone?: (done: number, total: number) => void
    /** Injectable for tests. */
    random?: () => number
    /** Shared with the completeness registrations, so both respect one concurrency limit. */
    queue?: PQueue
    /**
     * Called with each chunk's outcome as it arrives, before the chunk counts as done: the ledger is
     * written here, so a run killed at any moment has recorded every answer it read.
     */
    onChunkResult?: (
        values: readonly PlannedValue[],
        outcomes: ReadonlyMap<PlannedValue, ValueOutcome>
    ) => Promise<void>
    /** Consecutive chunks failing after all their retries before the run stops (default 3). */
    stopAfterFailedChunks?: number
}

export function retryRules(options: PushOptions): RetryRules {
    return {
        maxAttempts: options.maxAttempts ?? 6,
        backoffMs: options.backoffMs ?? 500,
        maxBackoffMs: options.maxBackoffMs ?? 30_000,
        random: options.random ?? Math.random,
    }
}

export type ValueOutcome = 'saved' | 'rejected' | 'failed'

export interface ChunkResult {
    scope: string
    attempts: number
    /** NOT_SENT: the run stopped before this chunk (DHIS2 unavailable, account refused). */
    status: 'SUCCESS' | 'WARNING' | 'ERROR' | 'FAILED' | 'NOT_SENT'
    httpStatus?: number
    importCount?: ImportSummary['importCount']
    error?: string
    /** Failed, but DHIS2 may have applied it: the next run's read of DHIS2 settles it. */
    maybeApplied?: boolean
}

/** Why a push stopped before sending every chunk. */
export interface PushStop {
    reason: 'unavailable' | 'account'
    detail: string
    /** Chunks that failed in a row before the stop. */
    failedInARow: number
    notSentChunks: number
    notSentValues: number
}

export interface PushResult {
    chunks: ChunkResult[]
    outcomes: Map<PlannedValue, ValueOutcome>
    issues: ValidationIssue[]
    /** Sum of DHIS2's counts over the final attempt of each chunk (a retried chunk counts once). */
    dhis2Counts: { imported: number; updated: number; ignored: number; deleted: number }
    retries: number
    stopped?: PushStop
}

export class PushAbortedError extends Error {}

function dataValueOf({ value: v }: PlannedValue): Record<string, string> {
    const dv: Record<string, string> = {
        dataElement: v.dataElement,
        period: v.period,
        orgUnit: v.orgUnit,
        categoryOptionCombo: v.categoryOptionCombo,
        attributeOptionCombo: v.attributeOptionCombo,
        value: v.value,
    }
    if (v.comment) dv.comment = v.comment
    return dv
}

function payload(values: readonly PlannedValue[]) {
    const first = values[0]?.value
    return {
        dataSet: first?.dataSet,
        period: first?.period,
        orgUnit: first?.orgUnit,
        dataValues: values.map(dataValueOf),
    }
}

/**
 * Several facility-months of one data set in one request: no `period` or `orgUnit` on the set, where
 * DHIS2 would let them override every value's (docs/dhis2-api.md §2.2).
 */
function groupPayload(values: readonly PlannedValue[]) {
    return { dataSet: values[0]?.value.dataSet, dataValues: values.map(dataValueOf) }
}

async function pollTask(client: Dhis2Client, taskId: string): Promise<ImportSummary> {
    for (let i = 0; i < 600; i++) {
        const notes = await client.get<Array<{ completed?: boolean }>>(
            `system/tasks/DATAVALUE_IMPORT/${taskId}`
        )
        if (Array.isArray(notes) && notes[0]?.completed) break
        await sleep(Math.min(2000, 100 * 2 ** Math.min(i, 5)))
    }
    const res = await client.request({
        method: 'GET',
        url: `system/taskSummaries/DATAVALUE_IMPORT/${taskId}`,
    })
    const reading = readImportAnswer(res.status, res.data)
    if (reading.kind !== 'summary')
        throw new Dhis2Error('http', `no import summary for task ${taskId}`, res.status)
    return reading.summary
}

/** The source column a conflict is about: the facility column for an org unit problem, and so on. */
function conflictColumn(property: string | undefined, pv: PlannedValue): string {
    const cols = pv.value.sourceColumns ?? {}
    const byProperty: Record<string, string | undefined> = {
        orgUnit: cols.orgUnit,
        period: cols.period,
        dataElement: cols.dataElement,
        categoryOptionCombo: cols.categoryOptionCombo,
    }
    return (property ? byProperty[property] : undefined) ?? pv.value.column
}

function cellOf(property: string | undefined, pv: PlannedValue): string {
    const v = pv.value
    if (property === 'orgUnit') return v.orgUnitCode
    if (property === 'dataElement') return v.dataElementCode
    if (property === 'categoryOptionCombo') return v.categoryOptionComboCode
    if (property === 'period') return v.period
    return v.value
}

/** Issues for the values DHIS2 refused, each pointing at its source cell. */
export function traceConflicts(
    summary: ImportSummary,
    values: readonly PlannedValue[]
): { issues: ValidationIssue[]; rejected: Set<number> } {
    const issues: ValidationIssue[] = []
    const rejected = rejectedIndexes(summary)
    const explained = new Set<number>()
    const issueFor = (c: ImportConflict, pv: PlannedValue): ValidationIssue => {
        const v = pv.value
        const explanation = explainConflict(c.errorCode, { orgUnit: v.orgUnitCode }, c.value ?? '')
        const column = conflictColumn(c.property, pv)
        const issue = makeIssue(
            'DHIS2_CONFLICT',
            { file: v.file, sheet: v.sheet, row: v.row, column, value: cellOf(c.property, pv) },
            { errorCode: c.errorCode ?? '?', explanation: '{{x}}' }
        )
        issue.message = {
            fr: issue.message.fr.replace('{{x}}', explanation.fr),
            en: issue.message.en.replace('{{x}}', explanation.en),
        }
        issue.dhis2 = { message: c.value ?? '', ...(c.errorCode ? { errorCode: c.errorCode } : {}) }
        return issue
    }
    for (const c of summary.conflicts) {
        let targets: number[] = c.indexes ?? []
        if (targets.length === 0) {
            // conflicts without indexes (aborted imports, old servers): every value the object names
            const ids = new Set([c.object, ...Object.values(c.objects ?? {})].filter((x): x is string => !!x))
            targets = values
                .map((pv, i) => ({ pv, i }))
                .filter(({ pv }) => {
                    const v = pv.value
                    return (
                        ids.has(v.dataElement) ||
                        ids.has(v.orgUnit) ||
                        ids.has(v.period) ||
                        ids.has(v.categoryOptionCombo) ||
                        ids.has(v.dataSet) ||
                        ids.has(v.attributeOptionCombo)
                    )
                })
                .map(({ i }) => i)
            if (summary.status === 'ERROR' && targets.length === 0) targets = values.map((_, i) => i)
        }
        for (const i of targets) {
            const pv = values[i]
            if (!pv) continue
            rejected.add(i)
            explained.add(i)
            issues.push(issueFor(c, pv))
        }
    }
    if (summary.status === 'ERROR') for (let i = 0; i < values.length; i++) rejected.add(i)
    for (const i of rejected) {
        const pv = values[i]
        if (!pv || explained.has(i)) continue
        issues.push(
            makeIssue('DHIS2_REJECTED', {
                file: pv.value.file,
                sheet: pv.value.sheet,
                row: pv.value.row,
                column: pv.value.column,
                value: pv.value.value,
            })
        )
    }
    return { issues: groupByRow(issues), rejected }
}

export async function pushPlan(
    client: Dhis2Client,
    chunks: ReadonlyMap<string, PlannedValue[]>,
    options: PushOptions = {}
): Promise<PushResult> {
    const queue = options.queue ?? new PQueue({ concurrency: Math.max(1, options.concurrency ?? 2) })
    const rules = retryRules(options)
    const result: PushResult = {
        chunks: [],
        outcomes: new Map(),
        issues: [],
        dhis2Counts: { imported: 0, updated: 0, ignored: 0, deleted: 0 },
        retries: 0,
    }
    let done = 0
    const stop: StopSignal = { error: null }
    const stopAfter = Math.max(1, options.stopAfterFailedChunks ?? 3)
    let failedInARow = 0
    let unavailable: string | null = null
    const notSent: PlannedValue[][] = []
    const params: Record<string, string> = { importStrategy: 'CREATE_AND_UPDATE' }
    if (options.dryRun) params.dryRun = 'true'
    if (options.async) params.async = 'true'

    const sendChunk = async (scope: string, values: PlannedValue[]): Promise<void> => {
        if (stop.error || unavailable !== null) {
            for (const pv of values) result.outcomes.set(pv, 'failed')
            notSent.push(values)
            result.chunks.push({ scope, attempts: 0, status: 'NOT_SENT' })
            return
        }
        const sent = await postImport(client, 'dataValueSets', params, payload(values), rules, stop, (id) =>
            pollTask(client, id)
        )
        result.retries += sent.retries
        const chunk: ChunkResult = { scope, attempts: sent.attempts, status: 'FAILED' }
        if (sent.httpStatus !== undefined) chunk.httpStatus = sent.httpStatus
        const summary = sent.summary
        const chunkOutcomes = new Map<PlannedValue, ValueOutcome>()
        if (summary) {
            failedInARow = 0
            const { issues, rejected } = traceConflicts(summary, values)
            result.issues.push(...issues)
            values.forEach((pv, i) => chunkOutcomes.set(pv, rejected.has(i) ? 'rejected' : 'saved'))
            chunk.status = summary.status === 'OK' ? 'SUCCESS' : summary.status
            chunk.importCount = summary.importCount
            for (const k of ['imported', 'updated', 'ignored', 'deleted'] as const)
                result.dhis2Counts[k] += summary.importCount[k] ?? 0
        } else if (stop.error && sent.attempts <= 1) {
            // refused credentials: told once by the caller, not once per chunk
            for (const pv of values) chunkOutcomes.set(pv, 'failed')
            notSent.push(values)
            chunk.status = 'NOT_SENT'
        } else {
            chunk.error = sent.error ?? ''
            if (sent.maybeApplied) chunk.maybeApplied = true
            for (const pv of values) chunkOutcomes.set(pv, 'failed')
            const first = values[0]?.value
            result.issues.push(
                makeIssue(
                    sent.maybeApplied ? 'CHUNK_UNCERTAIN' : 'CHUNK_FAILED',
                    { file: first?.file ?? '', row: first?.row, sheet: first?.sheet },
                    { attempts: sent.attempts, detail: chunk.error }
                )
            )
            if (++failedInARow >= stopAfter && unavailable === null) unavailable = chunk.error
        }
        for (const [pv, o] of chunkOutcomes) result.outcomes.set(pv, o)
        await options.onChunkResult?.(values, chunkOutcomes)
        result.chunks.push(chunk)
        done++
        options.onChunkDone?.(done, chunks.size)
    }

    await Promise.all([...chunks].map(([scope, values]) => queue.add(() => sendChunk(scope, values))))
    const stoppedBy = stop.error ? 'account' : unavailable !== null ? 'unavailable' : null
    if (stoppedBy)
        result.stopped = {
            reason: stoppedBy,
            detail: stop.error?.message ?? unavailable ?? '',
            failedInARow,
            notSentChunks: notSent.length,
            notSentValues: notSent.reduce((n, c) => n + c.length, 0),
        }
    return result
}

export interface GroupedPushOptions {
    /** Shared with the reads and the completeness registrations of the same work. */
    queue: PQueue
    maxAttempts?: number
    backoffMs?: number
    maxBackoffMs?: number
    random?: () => number
    /** Most values in one request (default 1000): chunks of one data set are put together up to it, never cut. */
    maxValues?: number
}

/** What DHIS2 answered for one chunk (data set × org unit × period) of a grouped push. */
export interface ChunkAnswer {
    outcomes: Map<PlannedValue, ValueOutcome>
    /** Traced to the chunk's own values, as if it had been sent alone. */
    issues: ValidationIssue[]
    /** No summary came back (the values are `failed`): why. */
    error?: string
}

export interface GroupedPushResult {
    answers: Map<readonly PlannedValue[], ChunkAnswer>
    /** Why chunks were left unsent: DHIS2 refused the credentials, or a request failed after its retries. */
    stopped?: { reason: 'unavailable' | 'account'; detail: string }
    requests: number
}

/**
 * DHIS2's answer to a grouped request, cut back into one summary per chunk by each conflict's index;
 * null when it cannot be (an aborted import, a conflict without indexes): each chunk is then sent alone.
 */
export function splitSummary(summary: ImportSummary, sizes: readonly number[]): ImportSummary[] | null {
    if (summary.status === 'ERROR') return null
    const starts: number[] = []
    let total = 0
    for (const n of sizes) {
        starts.push(total)
        total += n
    }
    const partOf = (i: number): number => {
        if (!Number.isInteger(i) || i < 0 || i >= total) return -1
        let p = starts.length - 1
        while (p > 0 && (starts[p] ?? 0) > i) p--
        return p
    }
    const parts: ImportSummary[] = sizes.map(() => ({
        status: 'SUCCESS',
        importCount: {},
        conflicts: [],
        ...(summary.rejectedIndexes ? { rejectedIndexes: [] } : {}),
    }))
    for (const c of summary.conflicts) {
        if (!c.indexes || c.indexes.length === 0) return null
        const local = new Map<number, number[]>()
        for (const i of c.indexes) {
            const p = partOf(i)
            if (p < 0) return null
            local.set(p, [...(local.get(p) ?? []), i - (starts[p] ?? 0)])
        }
        for (const [p, indexes] of local) {
            const part = parts[p]!
            part.conflicts.push({ ...c, indexes })
            part.status = 'WARNING'
        }
    }
    for (const i of summary.rejectedIndexes ?? []) {
        const p = partOf(i)
        if (p < 0) return null
        parts[p]!.rejectedIndexes?.push(i - (starts[p] ?? 0))
        parts[p]!.status = 'WARNING'
    }
    return parts
}

/**
 * The intake's push: chunks put together in requests of up to `maxValues` values of one data set, a
 * request failing after its retries stops the rest (they are `failed`, to be sent again later), and each
 * chunk's values traced exactly as `pushPlan` traces a chunk sent alone.
 */
export async function pushGrouped(
    client: Dhis2Client,
    chunks: ReadonlyArray<readonly PlannedValue[]>,
    options: GroupedPushOptions
): Promise<GroupedPushResult> {
    const rules = retryRules(options)
    const maxValues = Math.max(1, options.maxValues ?? 1000)
    const result: GroupedPushResult = { answers: new Map(), requests: 0 }
    const stop: StopSignal = { error: null }
    let unavailable: string | null = null
    const params = { importStrategy: 'CREATE_AND_UPDATE' }

    const fail = (chunk: readonly PlannedValue[], error: string) =>
        result.answers.set(chunk, {
            outcomes: new Map(chunk.map((pv) => [pv, 'failed' as const])),
            issues: [],
            error,
        })
    const answer = (chunk: readonly PlannedValue[], summary: ImportSummary) => {
        const { issues, rejected } = traceConflicts(summary, chunk)
        result.answers.set(chunk, {
            outcomes: new Map(chunk.map((pv, i) => [pv, rejected.has(i) ? 'rejected' : 'saved'])),
            issues,
        })
    }

    /** Sends one request; returns the chunks to send again one by one. */
    const send = async (
        group: ReadonlyArray<readonly PlannedValue[]>
    ): Promise<Array<readonly PlannedValue[]>> => {
        if (stop.error || unavailable !== null) {
            for (const chunk of group) fail(chunk, stop.error?.message ?? unavailable ?? '')
            return []
        }
        const values = group.flat()
        result.requests++
        const body = group.length === 1 ? payload(values) : groupPayload(values)
        const sent = await postImport(client, 'dataValueSets', params, body, rules, stop)
        if (!sent.summary) {
            const error = sent.error ?? ''
            for (const chunk of group) fail(chunk, error)
            if (!stop.error && unavailable === null) unavailable = error
            return []
        }
        if (group.length === 1) {
            answer(group[0]!, sent.summary)
            return []
        }
        const parts = splitSummary(
            sent.summary,
            group.map((c) => c.length)
        )
        if (!parts) return [...group]
        group.forEach((chunk, i) => answer(chunk, parts[i]!))
        return []
    }
    // follow-ups are queued from outside the task: a task waiting on the queue it runs in could deadlock it
    const run = async (group: ReadonlyArray<readonly PlannedValue[]>): Promise<void> => {
        const again = (await options.queue.add(() => send(group))) ?? []
        await Promise.all(again.map((chunk) => run([chunk])))
    }

    const groups: Array<Array<readonly PlannedValue[]>> = []
    const open = new Map<string, { group: Array<readonly PlannedValue[]>; values: number }>()
    for (const chunk of chunks) {
        if (chunk.length === 0) continue
        const dataSet = chunk[0]!.value.dataSet
        let g = open.get(dataSet)
        if (!g || g.values + chunk.length > maxValues) {
            g = { group: [], values: 0 }
            open.set(dataSet, g)
            groups.push(g.group)
        }
        g.group.push(chunk)
        g.values += chunk.length
    }
    await Promise.all(groups.map((g) => run(g)))
    if (stop.error) result.stopped = { reason: 'account', detail: stop.error.message }
    else if (unavailable !== null) result.stopped = { reason: 'unavailable', detail: unavailable }
    return result
}
