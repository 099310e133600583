// Registers monthly reports as complete (POST /api/completeDataSetRegistrations, docs/dhis2-api.md §11), in
// batches, with the push's retries and queue. DHIS2 answers SUCCESS as soon as one registration went
// in, and names refused ones only through legacy conflicts (no indexes): each conflict's `object` is
// matched back to the registrations it names; when that cannot account for every ignored one, the
// rest of the batch is sent again one at a time so that each refusal reaches its own file and row.
import type PQueue from 'p-queue'
import { makeIssue } from '../i18n/issues.js'
import type { Localized, ValidationIssue } from '../core/types.js'
import type { Dhis2Client } from '../dhis2/client.js'
import type { ImportConflict, ImportSummary } from '../send/import-summary.js'
import { postImport, type RetryRules, type StopSignal } from '../send/send.js'
import type { ReportToComplete } from './select.js'

export interface CompletionOptions {
    queue: PQueue
    rules: RetryRules
    stop: StopSignal
    dryRun?: boolean
    batchSize?: number
    /** The registration date; DHIS2 keeps it as the completion date (timeliness). */
    now?: Date
}

export interface CompletionResult {
    registered: ReportToComplete[]
    refused: ReportToComplete[]
    failed: ReportToComplete[]
    issues: ValidationIssue[]
    /** The issue of each refused or failed registration (one per report): where a batch tells its owners. */
    issueOf: Map<ReportToComplete, ValidationIssue>
    dhis2Counts: { imported: number; updated: number; ignored: number }
    retries: number
    requests: number
}

// DHIS2's legacy completeness conflicts carry English text only (CDSR): what each means for people.
const LEGACY: Array<{ test: RegExp; text: Localized }> = [
    {
        test: /not in hierarchy of user/i,
        text: {
            fr: 'la structure {{orgUnit}} n’est pas dans la zone du compte qui envoie (autre district) : faites envoyer ce rapport par le district dont elle relève',
            en: 'facility {{orgUnit}} is outside the sending account’s area (another district): have this report sent by its own district',
        },
    },
    {
        test: /data set not found|not accessible.*data set/i,
        text: {
            fr: 'le compte utilisé n’a pas accès à ce formulaire : demandez l’accès à l’administrateur DHIS2',
            en: 'the account used has no access to this report: ask the DHIS2 administrator for access',
        },
    },
    {
        test: /organisation unit not found/i,
        text: {
            fr: 'structure {{orgUnit}} inconnue de DHIS2 ou inaccessible : vérifiez le code de la structure',
            en: 'facility {{orgUnit}} unknown to DHIS2 or not accessible: check the facility code',
        },
    },
    {
        test: /period not valid/i,
        text: { fr: 'période invalide', en: 'invalid period' },
    },
    {
        test: /attribute option combo/i,
        text: {
            fr: 'l’option d’attribut (la mutuelle) manque ou est inconnue de DHIS2 : vérifiez la correspondance des mutuelles',
            en: 'the attribute option (the mutuelle) is missing or unknown to DHIS2: check the mutuelle mapping',
        },
    },
    {
        test: /compulsory/i,
        text: {
            fr: 'un élément obligatoire du formulaire n’est pas rempli ({{dhis2}})',
            en: 'a compulsory field of the form is empty ({{dhis2}})',
        },
    },
]

export function explainCompletionConflict(message: string, orgUnit: string): Localized {
    const found = LEGACY.find((l) => l.test.test(message))
    if (!found) return { fr: `DHIS2 : ${message}`, en: `DHIS2: ${message}` }
    const fill = (s: string) => s.replace('{{orgUnit}}', orgUnit).replace('{{dhis2}}', message)
    return { fr: fill(found.text.fr), en: fill(found.text.en) }
}

function refusalIssue(r: ReportToComplete, conflict: ImportConflict | undefined): ValidationIssue {
    const message = conflict?.value ?? ''
    const explanation = message
        ? explainCompletionConflict(message, r.orgUnitCode)
        : {
              fr: 'DHIS2 a ignoré la demande sans donner de raison',
              en: 'DHIS2 ignored the request without giving a reason',
          }
    const issue = makeIssue(
        'COMPLETE_REFUSED',
        { file: r.file, sheet: r.sheet, row: r.row, column: r.column, value: r.orgUnitCode },
        { facility: r.orgUnitCode, period: r.period, explanation: '{{x}}' }
    )
    issue.message = {
        fr: issue.message.fr.replace('{{x}}', explanation.fr),
        en: issue.message.en.replace('{{x}}', explanation.en),
    }
    issue.dhis2 = { message }
    return issue
}

/** The registrations a legacy conflict names: its `object` is the data set, org unit, period or AOC. */
function named(conflict: ImportConflict, batch: readonly ReportToComplete[]): ReportToComplete[] {
    const ids = new Set([conflict.object, ...Object.values(conflict.objects ?? {})].filter((x) => !!x))
    return batch.filter(
        (r) =>
            ids.has(r.orgUnit) || ids.has(r.dataSet) || ids.has(r.period) || ids.has(r.attributeOptionCombo)
    )
}

export async function registerCompletions(
    client: Dhis2Client,
    reports: readonly ReportToComplete[],
    options: CompletionOptions
): Promise<CompletionResult> {
    const result: CompletionResult = {
        registered: [],
        refused: [],
        failed: [],
        issues: [],
        issueOf: new Map(),
        dhis2Counts: { imported: 0, updated: 0, ignored: 0 },
        retries: 0,
        requests: 0,
    }
    const params: Record<string, string> = { importStrategy: 'CREATE_AND_UPDATE' }
    if (options.dryRun) params.dryRun = 'true'
    // `yyyy-MM-dd`, the form DHIS2 documents for registration dates (docs/dhis2-api.md §11).
    const date = (options.now ?? new Date()).toISOString().slice(0, 10)
    const size = Math.max(1, options.batchSize ?? 100)

    const tell = (r: ReportToComplete, issue: ValidationIssue) => {
        result.issues.push(issue)
        result.issueOf.set(r, issue)
    }
    const count = (summary: ImportSummary) => {
        for (const k of ['imported', 'updated', 'ignored'] as const)
            result.dhis2Counts[k] += summary.importCount[k] ?? 0
    }

    /** Sends one batch; returns the registrations to settle again one by one. */
    const send = async (batch: readonly ReportToComplete[]): Promise<ReportToComplete[]> => {
        const body = {
            completeDataSetRegistrations: batch.map((r) => ({
                dataSet: r.dataSet,
                period: r.period,
                organisationUnit: r.orgUnit,
                attributeOptionCombo: r.attributeOptionCombo,
                completed: true,
                date,
            })),
        }
        result.requests++
        const sent = await postImport(
            client,
            'completeDataSetRegistrations',
            params,
            body,
            options.rules,
            options.stop
        )
        result.retries += sent.retries
        const summary = sent.summary
        if (!summary) {
            for (const r of batch) {
                result.failed.push(r)
                tell(
                    r,
                    makeIssue(
                        'COMPLETE_FAILED',
                        { file: r.file, sheet: r.sheet, row: r.row, column: r.column, value: r.orgUnitCode },
                        {
                            facility: r.orgUnitCode,
                            period: r.period,
                            attempts: sent.attempts,
                            detail: sent.error ?? '',
                        }
                    )
                )
            }
            return []
        }
        const refused = new Map<ReportToComplete, ImportConflict | undefined>()
        for (const c of summary.conflicts)
            for (const r of named(c, batch)) if (!refused.has(r)) refused.set(r, c)
        const ignored = summary.importCount.ignored ?? 0
        const allRefused = summary.status === 'ERROR'
        if (!allRefused && ignored > refused.size && batch.length > 1) {
            // some refusals could not be told apart: settle the unnamed ones one by one
            for (const [r, c] of refused) {
                result.refused.push(r)
                tell(r, refusalIssue(r, c))
            }
            result.dhis2Counts.ignored += refused.size
            return batch.filter((r) => !refused.has(r))
        }
        count(summary)
        const unexplained = summary.conflicts[0]
        for (const r of batch) {
            const single = batch.length === 1 && ignored > 0
            if (allRefused || single || refused.has(r)) {
                result.refused.push(r)
                tell(r, refusalIssue(r, refused.get(r) ?? unexplained))
            } else result.registered.push(r)
        }
        return []
    }
    // follow-ups are queued from outside the task: a task waiting on the queue it runs in could deadlock it
    const run = async (batch: readonly ReportToComplete[]): Promise<void> => {
        const rest = (await options.queue.add(() => send(batch))) ?? []
        await Promise.all(rest.map((r) => run([r])))
    }

    const batches: ReportToComplete[][] = []
    for (let i = 0; i < reports.length; i += size) batches.push(reports.slice(i, i + size))
    await Promise.all(batches.map((b) => run(b)))
    return result
}
