// The intake service: private clinics, labs and mutuelles submit their monthly reports, get a
// receipt, and follow them into DHIS2. A thin shell over the CLI's own stages (see submit.ts and
// deliver.ts); the web layer (web/) codes against this interface. The form's shapes are in
// form-types.ts, which the form builder (form-model.ts) imports without importing this module.
import type { Dhis2Config } from '../dhis2/client.js'
import { appendAudit } from '../storage/audit.js'
import { authenticateWithDhis2 } from './authenticate.js'
import { IntakeContext } from './context.js'
import { formForUser, submitFormValues } from './form.js'
import { submitUpload } from './submit.js'
import type { FacilityFigures } from './figures.js'
import type { FormModel, IntakeOrgUnit } from './form-types.js'
import { myReportsFor, submissionFor } from './views.js'
import { startOutboxWorker, type WorkerOptions } from './worker.js'

// the web layer and the tests take every shape of the service's interface from here
export type { FormField, FormModel, IntakeOrgUnit } from './form-types.js'

/** A DHIS2 user of the intake, as /api/me gives it: never the password. */
export interface IntakeUser {
    username: string
    displayName: string
    orgUnits: IntakeOrgUnit[]
}
/** A problem shown to the person, already in their language. */
export interface IntakeIssue {
    severity: 'error' | 'warning'
    file?: string
    sheet?: string
    row?: number
    column?: string
    field?: string
    message: string
    hint?: string
}
export interface Receipt {
    reference: string
    receivedAt: string
    submittedBy: string
    fileName: string | null
    sha256: string | null
    values: number
    facilities: Array<{ id: string; name: string }>
    periods: string[]
    changes: { added: number; changed: number; removed: number; unchanged: number }
}
export type SubmitResult =
    | { status: 'refused'; issues: IntakeIssue[] } // nothing stored
    | { status: 'forbidden'; orgUnits: string[] } // outside the user's scope: nothing stored, audited
    | { status: 'accepted'; receipt: Receipt; issues: IntakeIssue[] }
export type SubmissionState = 'received' | 'waiting' | 'delivered' | 'partly-refused'
export interface SubmissionView {
    receipt: Receipt
    state: SubmissionState
    stateDetail: string | null
    refusals: IntakeIssue[]
    updatedAt: string
}
export interface MonthStatus {
    period: string
    label: string
    status: 'missing' | 'received' | 'in-dhis2' | 'partly-refused' | 'waiting'
    reference: string | null
}
export interface MyReports {
    facilities: Array<{
        orgUnit: IntakeOrgUnit
        months: MonthStatus[]
        /** Its own figures in DHIS2 over the last months (null: none, or DHIS2 unreachable just now). */
        figures?: FacilityFigures | null
    }>
    submissions: Array<{
        reference: string
        receivedAt: string
        state: SubmissionState
        fileName: string | null
        values: number
    }>
}
export interface IntakeService {
    /** Checks the credentials against DHIS2's /api/me (user's own basic auth); null when DHIS2 refuses them. */
    authenticate(username: string, password: string): Promise<IntakeUser | null>
    submitFile(
        user: IntakeUser,
        upload: { path: string; originalName: string },
        options: { source: 'facility-report' | 'lab' | 'mutuelle'; allowPartial: boolean; lang: 'fr' | 'en' }
    ): Promise<SubmitResult>
    formFor(
        user: IntakeUser,
        orgUnitId: string,
        period: string,
        lang: 'fr' | 'en'
    ): Promise<FormModel | 'forbidden'>
    submitForm(
        user: IntakeUser,
        orgUnitId: string,
        period: string,
        fields: Record<string, string>,
        options: { allowPartial: boolean; lang: 'fr' | 'en' }
    ): Promise<SubmitResult>
    myReports(user: IntakeUser, lang: 'fr' | 'en'): Promise<MyReports>
    submission(
        user: IntakeUser,
        reference: string,
        lang: 'fr' | 'en'
    ): Promise<SubmissionView | 'forbidden' | null>
    /** Starts the outbox worker (delivers to DHIS2 with the service account). */
    startWorker(options?: WorkerOptions): { stop(): Promise<void> }
    close(): Promise<void>
}

export async function openIntakeService(config: {
    dhis2: Dhis2Config /* the bridge's service account */
    databaseUrl?: string
    stateDir: string
    mappingsRoot?: string
}): Promise<IntakeService> {
    const ctx = await IntakeContext.open(config)
    const workers = new Set<{ stop(): Promise<void>; wake(): void }>()
    const wake = () => {
        for (const w of workers) w.wake()
    }
    return {
        async authenticate(username, password) {
            const user = await authenticateWithDhis2(config.dhis2, username, password)
            // who logged in, never with what
            await appendAudit(ctx.db, {
                actor: username.slice(0, 100),
                action: user ? 'login' : 'login.refused',
                ...(user ? { details: { orgUnits: user.orgUnits.map((o) => o.id) } } : {}),
            })
            return user
        },
        submitFile: (user, upload, options) => submitUpload(ctx, user, upload, options, wake),
        formFor: (user, orgUnitId, period, lang) => formForUser(ctx, user, orgUnitId, period, lang),
        submitForm: (user, orgUnitId, period, fields, options) =>
            submitFormValues(ctx, user, orgUnitId, period, fields, options, wake),
        myReports: (user, lang) => myReportsFor(ctx, user, lang),
        submission: (user, reference, lang) => submissionFor(ctx, user, reference, lang),
        startWorker(options) {
            const worker = startOutboxWorker(ctx, options)
            const handle = {
                wake: () => worker.wake(),
                stop: async () => {
                    workers.delete(handle)
                    await worker.stop()
                },
            }
            workers.add(handle)
            return { stop: handle.stop }
        },
        async close() {
            await Promise.all([...workers].map((w) => w.stop()))
            await ctx.close()
        },
    }
}
