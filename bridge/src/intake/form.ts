// The online form: generated from the DHIS2 data set (form-model.ts), starting from what DHIS2 holds
// for the facility-month, and submitted through the same pipeline as a file (the fields become rows of
// the clinic's long layout), so a field is judged in the same words as a cell.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Lang } from '../core/types.js'
import { readDhis2Values } from '../plan/dhis2-values.js'
import { appendAudit } from '../storage/audit.js'
import { submissionValues, submittedFacilityMonths } from '../storage/submissions.js'
import type { IntakeContext } from './context.js'
import { buildFormModel, formRowsToCsv, formValuesToRows, type IntakeFormModel } from './form-model.js'
import { catalogueIssue, type IntakeIssueShape } from './issues.js'
import { pathInScope, type ScopedUser } from './scope.js'
import { stageText } from './staging.js'
import { submitThroughPipeline, type SubmitOutcome, type Submitter } from './submit.js'

const DEFAULT_DATA_SET = 'DS_PRIVE_MENSUEL'

/** The clinics' monthly data set, as the long layout (the form's way into the pipeline) names it. */
async function formDataSet(ctx: IntakeContext): Promise<string> {
    try {
        const layout = JSON.parse(
            await readFile(join(ctx.mappingsRoot, 'facility-report', 'long.json'), 'utf8')
        ) as { dataSet?: unknown }
        return typeof layout.dataSet === 'string' ? layout.dataSet : DEFAULT_DATA_SET
    } catch {
        return DEFAULT_DATA_SET
    }
}

async function refuseAccess(
    ctx: IntakeContext,
    user: Submitter,
    orgUnitId: string,
    operation: string,
    period: string
): Promise<'forbidden'> {
    await appendAudit(ctx.db, {
        actor: user.username,
        action: 'access.refused',
        orgUnit: orgUnitId.slice(0, 50),
        details: { operation, orgUnits: [orgUnitId.slice(0, 50)], period: period.slice(0, 20) },
    })
    return 'forbidden'
}

/** The org unit if it is the user's (their own or below it), else null. */
async function scopedOrgUnit(ctx: IntakeContext, user: ScopedUser, orgUnitId: string) {
    const ou = (await ctx.metadata()).orgUnit(orgUnitId)
    if (!ou || ou.id !== orgUnitId || !pathInScope(ou.path, user)) return null
    return { id: ou.id, name: ou.name ?? ou.code ?? ou.id, path: ou.path }
}

/**
 * What the form starts from: DHIS2's values for the facility-month, then those of the intake's own
 * submissions not yet delivered (newer than DHIS2). Without DHIS2, the intake's submissions alone.
 */
async function currentValues(
    ctx: IntakeContext,
    dataSetId: string,
    orgUnit: string,
    period: string
): Promise<Map<string, string>> {
    const current = new Map<string, string>()
    try {
        const held = await readDhis2Values(ctx.client, [{ dataSet: dataSetId, orgUnit, period }], {
            maxAttempts: 1,
        })
        for (const [key, v] of held.values) {
            const [de, , , coc] = key.split('|')
            if (de && coc) current.set(`${de}|${coc}`, v.value)
        }
    } catch {
        // DHIS2 down or refusing the service account: the intake's own record below
    }
    const months = await submittedFacilityMonths(ctx.db, [orgUnit], [period])
    const pending = months.filter((m) => m.state === 'received' || m.state === 'waiting').reverse()
    for (const m of pending)
        for (const v of await submissionValues(ctx.db, m.submissionId))
            if (v.orgUnit === orgUnit && v.period === period)
                current.set(`${v.dataElement}|${v.categoryOptionCombo}`, v.value)
    return current
}

async function model(
    ctx: IntakeContext,
    orgUnit: { id: string; name: string; path: string },
    period: string,
    lang: Lang
): Promise<IntakeFormModel> {
    const metadata = await ctx.metadata()
    const code = await formDataSet(ctx)
    const ds = metadata.dataSet(code)
    const current = ds ? await currentValues(ctx, ds.id, orgUnit.id, period) : new Map<string, string>()
    return buildFormModel(metadata, code, orgUnit, period, current, lang)
}

export async function formForUser(
    ctx: IntakeContext,
    user: Submitter,
    orgUnitId: string,
    period: string,
    lang: Lang
): Promise<IntakeFormModel | 'forbidden'> {
    const orgUnit = await scopedOrgUnit(ctx, user, orgUnitId)
    if (!orgUnit) return refuseAccess(ctx, user, orgUnitId, 'form', period)
    if (!/^\d{6}$/.test(period)) throw new Error(`not a monthly period: ${period.slice(0, 20)}`)
    return model(ctx, orgUnit, period, lang)
}

export async function submitFormValues(
    ctx: IntakeContext,
    user: Submitter,
    orgUnitId: string,
    period: string,
    fields: Record<string, string>,
    options: { allowPartial: boolean; lang: Lang },
    onStored: () => void
): Promise<SubmitOutcome> {
    const orgUnit = await scopedOrgUnit(ctx, user, orgUnitId)
    if (!orgUnit) {
        await refuseAccess(ctx, user, orgUnitId, 'submit-form', period)
        return { status: 'forbidden', orgUnits: [orgUnitId.slice(0, 50)] }
    }
    if (!/^\d{6}$/.test(period))
        return { status: 'refused', issues: [catalogueIssue('BAD_PERIOD', options.lang, { value: period })] }
    const form = await model(ctx, orgUnit, period, options.lang)
    const rows = formValuesToRows(form, fields)
    if (rows.unknownKeys.length > 0)
        return {
            status: 'refused',
            issues: rows.unknownKeys.slice(0, 20).map((k) => ({
                ...catalogueIssue('INTAKE_UNKNOWN_FIELD', options.lang, { field: k.slice(0, 60) }),
                field: k.slice(0, 60),
            })),
        }
    const labels = new Map<string, string>()
    for (const s of form.sections) for (const f of s.fields) labels.set(f.key, f.label)
    const staged = await stageText(`formulaire-${form.facility}-${period}.csv`, formRowsToCsv(rows))
    // a row's problem belongs to the field it was typed in; the form's own file is nobody's business
    const present = (issue: IntakeIssueShape): IntakeIssueShape => {
        const out: IntakeIssueShape = { severity: issue.severity, message: issue.message }
        if (issue.hint) out.hint = issue.hint
        const field = issue.row !== undefined ? rows.rowFields[issue.row - 2] : undefined
        if (field) out.field = field
        return out
    }
    try {
        return await submitThroughPipeline(
            ctx,
            {
                user,
                kind: 'facility-report',
                recordedAs: 'form',
                staged,
                fileName: null,
                sha256: null,
                allowPartial: options.allowPartial,
                lang: options.lang,
                operation: 'submit-form',
                present,
                // the rows name the facility-month of the form; nothing else may come in through it
                orgUnitsAllowed: (orgUnits) => orgUnits.filter((id) => id !== orgUnit.id),
            },
            onStored
        )
    } finally {
        await staged.remove()
    }
}
