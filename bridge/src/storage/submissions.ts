// A clinic's submission: the aggregated values it sent for one facility-month, kept until DHIS2 has
// them. Patient rows never reach this table: a lab line list is aggregated before it is stored.
import { randomBytes, randomUUID } from 'node:crypto'
import type { Database, Param, Queryable } from './database.js'

export type SubmissionState = 'received' | 'in_dhis2' | 'partly_refused' | 'waiting'

export type SourceKind = 'facility-report' | 'lab' | 'mutuelle' | 'form'

/** One aggregated value as DHIS2 will receive it, with where it came from in the file. */
export interface SubmittedValue {
    dataSet: string
    dataElement: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    orgUnit: string
    period: string
    value: string
    comment?: string
    dataElementCode?: string
    categoryOptionComboCode?: string
    orgUnitCode?: string
    /** Absent for the online form. */
    file?: string
    sheet?: string
    row?: number
    column?: string
    /** The rows an aggregated (lab, mutuelle) value was counted from. */
    rows?: number[]
    sourceColumns?: Record<string, string>
}

export interface NewSubmission {
    /** The DHIS2 username of the person who submitted. */
    submittedBy: string
    orgUnit: string
    period: string
    dataSet: string
    sourceKind: SourceKind
    fileName?: string
    fileSha256?: string
    /** Values the validation refused (not stored): the receipt counts them. */
    invalidCount?: number
    /** `reportKey`s whose good values are sent but which must not be registered complete. */
    incompleteReports?: readonly string[]
    values: readonly SubmittedValue[]
}

/** A refusal by DHIS2, explained without quoting the file's cells. */
export interface Refusal {
    valueKey?: string
    code: string
    /** In French (the default language). */
    message: string
    /** The same in English, for a person who chose English. */
    messageEn?: string
    hint?: { fr: string; en: string }
    /** Where the refused value came from in the file (or the form field), when known. */
    file?: string
    sheet?: string
    row?: number
    column?: string
}

export interface Submission {
    id: string
    reference: string
    submittedBy: string
    orgUnit: string
    period: string
    dataSet: string
    sourceKind: SourceKind
    fileName: string | null
    fileSha256: string | null
    valueCount: number
    invalidCount: number
    deliveredCount: number | null
    refusedCount: number | null
    refusals: Refusal[]
    /** `reportKey`s not to register complete (a dropped template column, a blocked cell). */
    incompleteReports: string[]
    state: SubmissionState
    receivedAt: string
    updatedAt: string
    deliveredAt: string | null
}

interface SubmissionRow {
    id: string
    reference: string
    submitted_by: string
    org_unit: string
    period: string
    data_set: string
    source_kind: SourceKind
    file_name: string | null
    file_sha256: string | null
    value_count: number
    invalid_count: number
    delivered_count: number | null
    refused_count: number | null
    refusals: string | null
    incomplete_reports: string | null
    state: SubmissionState
    received_at: string
    updated_at: string
    delivered_at: string | null
}

function toSubmission(r: SubmissionRow): Submission {
    return {
        id: r.id,
        reference: r.reference,
        submittedBy: r.submitted_by,
        orgUnit: r.org_unit,
        period: r.period,
        dataSet: r.data_set,
        sourceKind: r.source_kind,
        fileName: r.file_name,
        fileSha256: r.file_sha256,
        valueCount: Number(r.value_count),
        invalidCount: Number(r.invalid_count),
        deliveredCount: r.delivered_count === null ? null : Number(r.delivered_count),
        refusedCount: r.refused_count === null ? null : Number(r.refused_count),
        refusals: r.refusals ? (JSON.parse(r.refusals) as Refusal[]) : [],
        incompleteReports: r.incomplete_reports ? (JSON.parse(r.incomplete_reports) as string[]) : [],
        state: r.state,
        receivedAt: r.received_at,
        updatedAt: r.updated_at,
        deliveredAt: r.delivered_at,
    }
}

// No 0/O or 1/I/L: a reference is read aloud on the phone and typed again
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** `AR-20240315-7KQ4MZ`: the day it was received and six random characters (about 10⁹ per day). */
export function newReference(at: Date): string {
    const day = at.toISOString().slice(0, 10).replaceAll('-', '')
    const bytes = randomBytes(6)
    let code = ''
    for (const b of bytes) code += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]
    return `AR-${day}-${code}`
}

const VALUE_COLUMNS = [
    'submission_id',
    'position',
    'data_set',
    'data_element',
    'category_option_combo',
    'attribute_option_combo',
    'org_unit',
    'period',
    'value',
    'comment',
    'data_element_code',
    'category_option_combo_code',
    'org_unit_code',
    'source_file',
    'source_sheet',
    'source_row',
    'source_column',
    'source_rows',
    'source_columns',
] as const
/** Rows per INSERT: 19 columns × 40 stays under SQLite's and PostgreSQL's parameter limits. */
const VALUES_PER_INSERT = 40

function valueParams(submissionId: string, position: number, v: SubmittedValue): Param[] {
    return [
        submissionId,
        position,
        v.dataSet,
        v.dataElement,
        v.categoryOptionCombo,
        v.attributeOptionCombo,
        v.orgUnit,
        v.period,
        v.value,
        v.comment ?? null,
        v.dataElementCode ?? null,
        v.categoryOptionComboCode ?? null,
        v.orgUnitCode ?? null,
        v.file ?? null,
        v.sheet ?? null,
        v.row ?? null,
        v.column ?? null,
        v.rows ? JSON.stringify(v.rows) : null,
        v.sourceColumns ? JSON.stringify(v.sourceColumns) : null,
    ]
}

async function insertValues(
    tx: Queryable,
    submissionId: string,
    values: readonly SubmittedValue[]
): Promise<void> {
    const row = `(${VALUE_COLUMNS.map(() => '?').join(', ')})`
    for (let start = 0; start < values.length; start += VALUES_PER_INSERT) {
        const batch = values.slice(start, start + VALUES_PER_INSERT)
        const params = batch.flatMap((v, i) => valueParams(submissionId, start + i, v))
        await tx.run(
            `INSERT INTO submission_values (${VALUE_COLUMNS.join(', ')}) VALUES ${batch.map(() => row).join(', ')}`,
            params
        )
    }
}

/**
 * Stores a submission, its values and its outbox entry in one transaction: when this resolves, the
 * receipt can be shown, and the worker will deliver it even if the service stops right after.
 */
export async function createSubmission(
    db: Database,
    input: NewSubmission,
    now: Date = new Date(),
    /** Runs inside the same transaction once the rows are written (the audit of who submitted). */
    inTransaction?: (tx: Queryable, created: { id: string; reference: string }) => Promise<void>
): Promise<Submission> {
    const at = now.toISOString()
    const id = randomUUID()
    await db.transaction(async (tx) => {
        // about 500 submissions a day: two equal references are unlikely, not impossible over years
        let reference = newReference(now)
        while (
            (await tx.query('SELECT 1 AS taken FROM submissions WHERE reference = ?', [reference])).length > 0
        )
            reference = newReference(now)
        await tx.run(
            `INSERT INTO submissions (id, reference, submitted_by, org_unit, period, data_set, source_kind,
                file_name, file_sha256, value_count, invalid_count, incomplete_reports, state, received_at,
                updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
            [
                id,
                reference,
                input.submittedBy,
                input.orgUnit,
                input.period,
                input.dataSet,
                input.sourceKind,
                input.fileName ?? null,
                input.fileSha256 ?? null,
                input.values.length,
                input.invalidCount ?? 0,
                input.incompleteReports?.length ? JSON.stringify([...input.incompleteReports]) : null,
                at,
                at,
            ]
        )
        await insertValues(tx, id, input.values)
        await tx.run(
            `INSERT INTO outbox (submission_id, state, attempts, next_attempt_at, created_at, updated_at)
             VALUES (?, 'pending', 0, ?, ?, ?)`,
            [id, at, at, at]
        )
        await inTransaction?.(tx, { id, reference })
    })
    const created = await getSubmission(db, id)
    if (!created) throw new Error(`submission ${id} not found right after it was stored`)
    return created
}

export async function getSubmission(db: Queryable, id: string): Promise<Submission | undefined> {
    const rows = await db.query<SubmissionRow>('SELECT * FROM submissions WHERE id = ?', [id])
    return rows[0] ? toSubmission(rows[0]) : undefined
}

export async function getSubmissionByReference(
    db: Queryable,
    reference: string
): Promise<Submission | undefined> {
    const rows = await db.query<SubmissionRow>('SELECT * FROM submissions WHERE reference = ?', [reference])
    return rows[0] ? toSubmission(rows[0]) : undefined
}

export interface SubmissionFilter {
    /** Only these facilities (a user's org-unit scope): required, so no caller lists everything by mistake. */
    orgUnits: readonly string[]
    period?: string
    limit?: number
}

/** Newest first. */
export async function listSubmissions(db: Queryable, filter: SubmissionFilter): Promise<Submission[]> {
    if (filter.orgUnits.length === 0) return []
    const params: Param[] = [...filter.orgUnits]
    let sql = `SELECT * FROM submissions WHERE org_unit IN (${filter.orgUnits.map(() => '?').join(', ')})`
    if (filter.period !== undefined) {
        sql += ' AND period = ?'
        params.push(filter.period)
    }
    sql += ' ORDER BY received_at DESC, id DESC LIMIT ?'
    params.push(Math.max(1, Math.trunc(filter.limit ?? 200)))
    return (await db.query<SubmissionRow>(sql, params)).map(toSubmission)
}

interface ValueRow {
    data_set: string
    data_element: string
    category_option_combo: string
    attribute_option_combo: string
    org_unit: string
    period: string
    value: string
    comment: string | null
    data_element_code: string | null
    category_option_combo_code: string | null
    org_unit_code: string | null
    source_file: string | null
    source_sheet: string | null
    source_row: number | null
    source_column: string | null
    source_rows: string | null
    source_columns: string | null
}

function toValue(r: ValueRow): SubmittedValue {
    const v: SubmittedValue = {
        dataSet: r.data_set,
        dataElement: r.data_element,
        categoryOptionCombo: r.category_option_combo,
        attributeOptionCombo: r.attribute_option_combo,
        orgUnit: r.org_unit,
        period: r.period,
        value: r.value,
    }
    if (r.comment !== null) v.comment = r.comment
    if (r.data_element_code !== null) v.dataElementCode = r.data_element_code
    if (r.category_option_combo_code !== null) v.categoryOptionComboCode = r.category_option_combo_code
    if (r.org_unit_code !== null) v.orgUnitCode = r.org_unit_code
    if (r.source_file !== null) v.file = r.source_file
    if (r.source_sheet !== null) v.sheet = r.source_sheet
    if (r.source_row !== null) v.row = Number(r.source_row)
    if (r.source_column !== null) v.column = r.source_column
    if (r.source_rows !== null) v.rows = JSON.parse(r.source_rows) as number[]
    if (r.source_columns !== null) v.sourceColumns = JSON.parse(r.source_columns) as Record<string, string>
    return v
}

/** The values in the order they were submitted. */
export async function submissionValues(db: Queryable, submissionId: string): Promise<SubmittedValue[]> {
    const rows = await db.query<ValueRow>(
        'SELECT * FROM submission_values WHERE submission_id = ? ORDER BY position',
        [submissionId]
    )
    return rows.map(toValue)
}

/** A facility-month: the unit a monthly report covers. */
export interface FacilityMonth {
    orgUnit: string
    period: string
}

/** What a submission holds for one facility-month, with the submission's state. */
export interface SubmittedFacilityMonth extends FacilityMonth {
    submissionId: string
    reference: string
    state: SubmissionState
    receivedAt: string
}

function inList(n: number): string {
    return Array.from({ length: n }, () => '?').join(', ')
}

/**
 * The facility-months the submissions of these org units cover (a file may hold several), newest
 * submission first: what "Mes rapports" shows month by month.
 */
export async function submittedFacilityMonths(
    db: Queryable,
    orgUnits: readonly string[],
    periods?: readonly string[]
): Promise<SubmittedFacilityMonth[]> {
    if (orgUnits.length === 0 || periods?.length === 0) return []
    const params: Param[] = [...orgUnits]
    let sql = `SELECT DISTINCT v.submission_id, v.org_unit, v.period, s.reference, s.state, s.received_at
        FROM submission_values v JOIN submissions s ON s.id = v.submission_id
        WHERE v.org_unit IN (${inList(orgUnits.length)})`
    if (periods) {
        sql += ` AND v.period IN (${inList(periods.length)})`
        params.push(...periods)
    }
    sql += ' ORDER BY s.received_at DESC, v.submission_id DESC'
    const rows = await db.query<{
        submission_id: string
        org_unit: string
        period: string
        reference: string
        state: SubmissionState
        received_at: string
    }>(sql, params)
    return rows.map((r) => ({
        submissionId: r.submission_id,
        orgUnit: r.org_unit,
        period: r.period,
        reference: r.reference,
        state: r.state,
        receivedAt: r.received_at,
    }))
}

/** Submissions holding a value of one of these org units, newest first (a file may span several). */
export async function listSubmissionsTouching(
    db: Queryable,
    orgUnits: readonly string[],
    limit = 200
): Promise<Submission[]> {
    if (orgUnits.length === 0) return []
    const rows = await db.query<SubmissionRow>(
        `SELECT * FROM submissions WHERE id IN (
            SELECT DISTINCT submission_id FROM submission_values WHERE org_unit IN (${inList(orgUnits.length)})
         ) ORDER BY received_at DESC, id DESC LIMIT ?`,
        [...orgUnits, Math.max(1, Math.trunc(limit))]
    )
    return rows.map(toSubmission)
}

/** The org units a submission's values are about. */
export async function submissionOrgUnits(db: Queryable, submissionId: string): Promise<string[]> {
    const rows = await db.query<{ org_unit: string }>(
        'SELECT DISTINCT org_unit FROM submission_values WHERE submission_id = ? ORDER BY org_unit',
        [submissionId]
    )
    return rows.map((r) => r.org_unit)
}

/** One value a person submitted earlier, with when. */
export interface EarlierValue {
    submissionId: string
    receivedAt: string
    dataElement: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    orgUnit: string
    period: string
    value: string
}

/**
 * The values `submittedBy` submitted for these facility-months before `before` (oldest first; a
 * submission `excludeId` left out): what a new submission is compared with on its receipt.
 */
export async function earlierSubmittedValues(
    db: Queryable,
    submittedBy: string,
    facilityMonths: readonly FacilityMonth[],
    before: { receivedAt: string; excludeId?: string }
): Promise<EarlierValue[]> {
    if (facilityMonths.length === 0) return []
    const orgUnits = [...new Set(facilityMonths.map((f) => f.orgUnit))]
    const periods = [...new Set(facilityMonths.map((f) => f.period))]
    const wanted = new Set(facilityMonths.map((f) => `${f.orgUnit}|${f.period}`))
    const rows = await db.query<{
        submission_id: string
        received_at: string
        data_element: string
        category_option_combo: string
        attribute_option_combo: string
        org_unit: string
        period: string
        value: string
    }>(
        `SELECT v.submission_id, s.received_at, v.data_element, v.category_option_combo,
                v.attribute_option_combo, v.org_unit, v.period, v.value
         FROM submission_values v JOIN submissions s ON s.id = v.submission_id
         WHERE s.submitted_by = ? AND s.received_at <= ? AND s.id <> ?
           AND v.org_unit IN (${inList(orgUnits.length)}) AND v.period IN (${inList(periods.length)})
         ORDER BY s.received_at, s.id, v.position`,
        [submittedBy, before.receivedAt, before.excludeId ?? '', ...orgUnits, ...periods]
    )
    return rows
        .filter((r) => wanted.has(`${r.org_unit}|${r.period}`))
        .map((r) => ({
            submissionId: r.submission_id,
            receivedAt: r.received_at,
            dataElement: r.data_element,
            categoryOptionCombo: r.category_option_combo,
            attributeOptionCombo: r.attribute_option_combo,
            orgUnit: r.org_unit,
            period: r.period,
            value: r.value,
        }))
}

/** Ids per statement when reading several submissions at once (the outbox worker's batch). */
const IDS_PER_QUERY = 100

/** Several submissions at once, by id (those not found are absent). */
export async function getSubmissions(
    db: Queryable,
    ids: readonly string[]
): Promise<Map<string, Submission>> {
    const out = new Map<string, Submission>()
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const batch = ids.slice(i, i + IDS_PER_QUERY)
        const rows = await db.query<SubmissionRow>(
            `SELECT * FROM submissions WHERE id IN (${inList(batch.length)})`,
            batch
        )
        for (const r of rows) out.set(r.id, toSubmission(r))
    }
    return out
}

/** The values of several submissions, each in the order it was submitted. */
export async function valuesOfSubmissions(
    db: Queryable,
    ids: readonly string[]
): Promise<Map<string, SubmittedValue[]>> {
    const out = new Map<string, SubmittedValue[]>(ids.map((id) => [id, []]))
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const batch = ids.slice(i, i + IDS_PER_QUERY)
        const rows = await db.query<ValueRow & { submission_id: string }>(
            `SELECT * FROM submission_values WHERE submission_id IN (${inList(batch.length)})
             ORDER BY submission_id, position`,
            batch
        )
        for (const r of rows) out.get(r.submission_id)?.push(toValue(r))
    }
    return out
}
