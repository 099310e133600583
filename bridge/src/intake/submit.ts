// A submission, from the file the person sent to the stored, receipted outbox entry: the CLI's own
// pipeline (read → validate → map → aggregate, conflicts dropped), the scope rule on every value,
// then one transaction for the submission, its aggregated values, its outbox row and its audit.
import type { Lang, MappedValue } from '../core/types.js'
import { processFiles, withoutConflicts } from '../pipeline/process.js'
import { sha256File } from '../record/record.js'
import { appendAudit } from '../storage/audit.js'
import { createSubmission, type SourceKind, type SubmittedValue } from '../storage/submissions.js'
import type { IntakeContext, IntakeSource } from './context.js'
import { catalogueIssue, toIntakeIssue, type IntakeIssueShape } from './issues.js'
import { buildReceipt, changesSinceEarlier, facilityMonthsOf, type ReceiptShape } from './receipt.js'
import { outsideScope, type ScopedUser } from './scope.js'
import { stageUpload, type StagedFile } from './staging.js'

export interface Submitter extends ScopedUser {
    username: string
}

export type SubmitOutcome =
    | { status: 'refused'; issues: IntakeIssueShape[] }
    | { status: 'forbidden'; orgUnits: string[] }
    | { status: 'accepted'; receipt: ReceiptShape; issues: IntakeIssueShape[] }

export interface PipelineInput {
    user: Submitter
    /** The source kind the pipeline reads the file as. */
    kind: IntakeSource
    /** How the submission is recorded (`form` for the online form). */
    recordedAs: SourceKind
    staged: StagedFile
    /** Shown on the receipt: the person's file name, or null for the form. */
    fileName: string | null
    sha256: string | null
    allowPartial: boolean
    lang: Lang
    /** What the audit calls the operation. */
    operation: 'submit-file' | 'submit-form'
    /** Turns a pipeline issue into what the person reads (the form points at fields, not rows). */
    present?: (issue: IntakeIssueShape) => IntakeIssueShape
    /** Extra checks before storing (the form: only its own facility-month). */
    orgUnitsAllowed?: (orgUnits: string[]) => string[]
}

/** Lab and mutuelle files: a comment column could hold a patient's details; only counts are stored. */
function toStored(v: MappedValue, kind: IntakeSource): SubmittedValue {
    const s: SubmittedValue = {
        dataSet: v.dataSet,
        dataElement: v.dataElement,
        categoryOptionCombo: v.categoryOptionCombo,
        attributeOptionCombo: v.attributeOptionCombo,
        orgUnit: v.orgUnit,
        period: v.period,
        value: v.value,
        dataElementCode: v.dataElementCode,
        categoryOptionComboCode: v.categoryOptionComboCode,
        orgUnitCode: v.orgUnitCode,
        file: v.file,
        row: v.row,
        column: v.column,
    }
    if (v.comment && kind === 'facility-report') s.comment = v.comment
    if (v.sheet !== undefined) s.sheet = v.sheet
    if (v.rows) s.rows = v.rows
    if (v.sourceColumns) {
        const cols: Record<string, string> = {}
        for (const [k, c] of Object.entries(v.sourceColumns)) if (typeof c === 'string') cols[k] = c
        s.sourceColumns = cols
    }
    return s
}

/** Rows one submission may hold (the upload's byte limit comes first; this one bounds what is stored). */
export const MAX_ROWS = 20_000

export async function submitThroughPipeline(
    ctx: IntakeContext,
    input: PipelineInput,
    onStored: () => void
): Promise<SubmitOutcome> {
    const { ctx: kindCtx, mappingsRoot } = await ctx.kindContext(input.kind, input.lang)
    const collected: MappedValue[] = []
    const result = await processFiles([input.staged.path], kindCtx, { kind: input.kind, mappingsRoot }, (v) =>
        collected.push(v)
    )
    // cells blocked by a conflict (two values in the file) are never stored nor sent
    const values = withoutConflicts(collected, result)
    const present = input.present ?? ((i: IntakeIssueShape) => i)
    const issues = result.issues.map((i) => present(toIntakeIssue(i, input.lang)))

    // a facility's month is a few dozen rows, a laboratory's register a few thousand: far more is a wrong file
    const rows = result.files.reduce((n, f) => n + f.rows, 0)
    if (rows > MAX_ROWS) {
        await appendAudit(ctx.db, {
            actor: input.user.username,
            action: 'submission.refused',
            details: { operation: input.operation, reason: 'too-many-rows', rows, fileName: input.fileName },
        })
        return {
            status: 'refused',
            issues: [catalogueIssue('INTAKE_TOO_MANY_ROWS', input.lang, { rows, max: MAX_ROWS })],
        }
    }

    const orgUnits = [...new Set(values.map((v) => v.orgUnit))]
    const outside = [
        ...new Set([
            ...outsideScope(orgUnits, kindCtx.metadata, input.user),
            ...(input.orgUnitsAllowed?.(orgUnits) ?? []),
        ]),
    ].sort()
    if (outside.length > 0) {
        await appendAudit(ctx.db, {
            actor: input.user.username,
            action: 'access.refused',
            ...(outside[0] ? { orgUnit: outside[0] } : {}),
            details: {
                operation: input.operation,
                orgUnits: outside,
                fileName: input.fileName,
                sha256: input.sha256,
                values: values.length,
            },
        })
        return { status: 'forbidden', orgUnits: outside }
    }
    const refuse = async (why: string): Promise<SubmitOutcome> => {
        await appendAudit(ctx.db, {
            actor: input.user.username,
            action: 'submission.refused',
            ...(orgUnits[0] ? { orgUnit: orgUnits[0] } : {}),
            details: {
                operation: input.operation,
                reason: why,
                fileName: input.fileName,
                sha256: input.sha256,
                errors: result.errorCount,
                values: values.length,
            },
        })
        return { status: 'refused', issues }
    }
    if (values.length === 0) {
        if (!issues.some((i) => i.severity === 'error'))
            issues.unshift(catalogueIssue('INTAKE_NO_VALUE', input.lang))
        return refuse('no-value')
    }
    if (result.errorCount > 0 && !input.allowPartial) return refuse('errors')

    const stored = values.map((v) => toStored(v, input.kind))
    const now = new Date()
    const changes = await changesSinceEarlier(ctx.db, input.user.username, stored, {
        receivedAt: now.toISOString(),
    })
    const months = facilityMonthsOf(stored).sort(
        (a, b) => a.orgUnit.localeCompare(b.orgUnit) || a.period.localeCompare(b.period)
    )
    const first = months[0] ?? { orgUnit: stored[0]?.orgUnit ?? '', period: stored[0]?.period ?? '' }
    const submission = await createSubmission(
        ctx.db,
        {
            submittedBy: input.user.username,
            orgUnit: first.orgUnit,
            period: first.period,
            dataSet: stored[0]?.dataSet ?? '',
            sourceKind: input.recordedAs,
            ...(input.fileName !== null ? { fileName: input.fileName } : {}),
            ...(input.sha256 !== null ? { fileSha256: input.sha256 } : {}),
            invalidCount: result.errorCount,
            incompleteReports: [...result.incompleteReports],
            values: stored,
        },
        now,
        // who really submitted, durable with the submission itself
        (tx, created) =>
            appendAudit(tx, {
                actor: input.user.username,
                action: 'submission.created',
                submissionId: created.id,
                orgUnit: first.orgUnit,
                at: now,
                details: {
                    reference: created.reference,
                    operation: input.operation,
                    source: input.recordedAs,
                    fileName: input.fileName,
                    sha256: input.sha256,
                    values: stored.length,
                    errors: result.errorCount,
                    warnings: result.warningCount,
                    orgUnits,
                    periods: [...new Set(months.map((m) => m.period))],
                },
            })
    )
    onStored()
    return {
        status: 'accepted',
        receipt: buildReceipt(submission, stored, kindCtx.metadata, changes),
        issues,
    }
}

export async function submitUpload(
    ctx: IntakeContext,
    user: Submitter,
    upload: { path: string; originalName: string },
    options: { source: IntakeSource; allowPartial: boolean; lang: Lang },
    onStored: () => void
): Promise<SubmitOutcome> {
    const staged = await stageUpload(upload.path, upload.originalName)
    try {
        const sha256 = await sha256File(staged.path)
        return await submitThroughPipeline(
            ctx,
            {
                user,
                kind: options.source,
                recordedAs: options.source,
                staged,
                fileName: staged.name,
                sha256,
                allowPartial: options.allowPartial,
                lang: options.lang,
                operation: 'submit-file',
            },
            onStored
        )
    } finally {
        await staged.remove()
    }
}
