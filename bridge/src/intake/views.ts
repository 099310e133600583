// What a person reads about their reports: one submission with its state, and "Mes rapports" (the
// months each of their facilities owes, and their submissions). Only the user's own scope is read:
// a reference outside it is refused and audited, whoever guessed it.
import type { Lang } from '../core/types.js'
import { messageFor, pick, type MessageCode } from '../i18n/messages.js'
import { appendAudit } from '../storage/audit.js'
import { getOutboxEntry } from '../storage/outbox.js'
import {
    getSubmissionByReference,
    listSubmissionsTouching,
    submissionOrgUnits,
    submissionValues,
    submittedFacilityMonths,
    type Refusal,
    type Submission,
    type SubmissionState as StoredState,
} from '../storage/submissions.js'
import type { IntakeContext } from './context.js'
import { expectedMonths, monthLabel } from './expected-months.js'
import { facilityFigures } from './figures.js'
import type { IntakeIssueShape } from './issues.js'
import { buildReceipt, changesSinceEarlier, type ReceiptShape } from './receipt.js'
import { orgUnitsInScope, outsideScope, type ScopedUser } from './scope.js'

export type ViewState = 'received' | 'waiting' | 'delivered' | 'partly-refused'

export function viewState(state: StoredState): ViewState {
    if (state === 'in_dhis2') return 'delivered'
    if (state === 'partly_refused') return 'partly-refused'
    return state
}

function refusalIssue(r: Refusal, lang: Lang): IntakeIssueShape {
    const out: IntakeIssueShape = {
        severity: 'error',
        message: lang === 'en' ? (r.messageEn ?? r.message) : r.message,
    }
    if (r.hint) out.hint = pick(r.hint, lang)
    if (r.file) out.file = r.file
    if (r.sheet !== undefined) out.sheet = r.sheet
    if (r.row !== undefined && r.row > 0) out.row = r.row
    if (r.column) out.column = r.column
    return out
}

async function stateDetail(ctx: IntakeContext, s: Submission, lang: Lang): Promise<string | null> {
    const say = (code: MessageCode, params: Record<string, string | number> = {}) =>
        pick(messageFor(code, params).message, lang)
    if (s.state === 'in_dhis2') return say('INTAKE_STATE_DELIVERED', { values: s.deliveredCount ?? 0 })
    if (s.state === 'partly_refused')
        return say('INTAKE_STATE_PARTLY_REFUSED', {
            delivered: s.deliveredCount ?? 0,
            refused: s.refusedCount ?? s.refusals.length,
        })
    if (s.state === 'received') return say('INTAKE_STATE_RECEIVED')
    const entry = await getOutboxEntry(ctx.db, s.id)
    const params = {
        attempts: entry?.attempts ?? 0,
        next: (entry?.nextAttemptAt ?? '').replace('T', ' ').slice(0, 16),
    }
    return entry?.lastError?.startsWith('account:')
        ? say('INTAKE_STATE_WAITING_ACCOUNT', params)
        : say('INTAKE_STATE_WAITING_UNAVAILABLE', params)
}

export async function receiptOf(ctx: IntakeContext, s: Submission): Promise<ReceiptShape> {
    const values = await submissionValues(ctx.db, s.id)
    const changes = await changesSinceEarlier(ctx.db, s.submittedBy, values, {
        receivedAt: s.receivedAt,
        excludeId: s.id,
    })
    return buildReceipt(s, values, await ctx.metadata(), changes)
}

export async function submissionFor(
    ctx: IntakeContext,
    user: ScopedUser & { username: string },
    reference: string,
    lang: Lang
): Promise<
    | {
          receipt: ReceiptShape
          state: ViewState
          stateDetail: string | null
          refusals: IntakeIssueShape[]
          updatedAt: string
      }
    | 'forbidden'
    | null
> {
    const ref = reference.trim().toUpperCase()
    if (!/^AR-\d{8}-[0-9A-Z]{6}$/.test(ref)) return null
    const s = await getSubmissionByReference(ctx.db, ref)
    if (!s) return null
    const orgUnits = await submissionOrgUnits(ctx.db, s.id)
    const outside = outsideScope(orgUnits.length > 0 ? orgUnits : [s.orgUnit], await ctx.metadata(), user)
    if (outside.length > 0) {
        await appendAudit(ctx.db, {
            actor: user.username,
            action: 'access.refused',
            submissionId: s.id,
            ...(outside[0] ? { orgUnit: outside[0] } : {}),
            details: { operation: 'read-submission', reference: ref, orgUnits: outside },
        })
        return 'forbidden'
    }
    return {
        receipt: await receiptOf(ctx, s),
        state: viewState(s.state),
        stateDetail: await stateDetail(ctx, s, lang),
        refusals: s.refusals.map((r) => refusalIssue(r, lang)),
        updatedAt: s.updatedAt,
    }
}

/** Months shown per facility on "Mes rapports". */
const MONTHS_SHOWN = 12
/** A district's page lists at most this many facilities. */
const FACILITIES_SHOWN = 200
/** Months of figures given back, and for how many facilities at most (one DHIS2 read each). */
const FIGURE_MONTHS = 6
const FIGURE_FACILITIES = 5

const MONTH_STATUS: Record<StoredState, 'received' | 'in-dhis2' | 'partly-refused' | 'waiting'> = {
    received: 'received',
    in_dhis2: 'in-dhis2',
    partly_refused: 'partly-refused',
    waiting: 'waiting',
}

export async function myReportsFor(ctx: IntakeContext, user: ScopedUser, lang: Lang) {
    const metadata = await ctx.metadata()
    const today = await ctx.serverToday()
    // the facilities that owe a monthly report: in scope, and assigned a monthly data set
    const monthly = metadata.snapshot.dataSets.filter((ds) => ds.periodType === 'Monthly')
    const facilities = orgUnitsInScope(metadata, user)
        .filter((ou) => monthly.some((ds) => metadata.isAssigned(ds.id, ou.id)))
        .sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'fr'))
        .slice(0, FACILITIES_SHOWN)
    const ids = facilities.map((f) => f.id)
    // newest submission first: the first one seen for a facility-month is its status
    const latest = new Map<string, { state: StoredState; reference: string }>()
    for (const m of await submittedFacilityMonths(ctx.db, ids)) {
        const key = `${m.orgUnit}|${m.period}`
        if (!latest.has(key)) latest.set(key, { state: m.state, reference: m.reference })
    }
    const submissions = await listSubmissionsTouching(ctx.db, ids, 100)
    const figures = await Promise.all(
        facilities.map((ou, i) =>
            i < FIGURE_FACILITIES
                ? facilityFigures(
                      ctx,
                      metadata,
                      ou.id,
                      expectedMonths(ou.openingDate ?? null, today, FIGURE_MONTHS),
                      lang
                  )
                : Promise.resolve(null)
        )
    )
    return {
        facilities: facilities.map((ou, i) => ({
            orgUnit: { id: ou.id, name: ou.name ?? ou.code ?? ou.id, path: ou.path },
            figures: figures[i] ?? null,
            months: expectedMonths(ou.openingDate ?? null, today, MONTHS_SHOWN).map((period) => {
                const s = latest.get(`${ou.id}|${period}`)
                return {
                    period,
                    label: monthLabel(period, lang),
                    status: s ? MONTH_STATUS[s.state] : ('missing' as const),
                    reference: s?.reference ?? null,
                }
            }),
        })),
        submissions: submissions.map((s) => ({
            reference: s.reference,
            receivedAt: s.receivedAt,
            state: viewState(s.state),
            fileName: s.fileName,
            values: s.valueCount,
        })),
    }
}
