// Which monthly reports to register as complete after a push: every (data set, org unit, period,
// attribute option combo) of which DHIS2 holds at least one of this run's values, whether saved now
// or already there unchanged. DHIS2's completeness means "the report arrived", so a report only
// partly accepted is completed too (and flagged as such). Reports the ledger says the bridge has
// already completed are not registered again.
import type { MappedValue } from '../core/types.js'
import type { Ledger } from '../plan/ledger.js'
import type { PlannedValue } from '../plan/plan.js'
import type { ValueOutcome } from '../send/push.js'

export interface ReportToComplete {
    /** `reportKey()`. */
    key: string
    dataSet: string
    orgUnit: string
    period: string
    attributeOptionCombo: string
    /** For messages: the facility (or, for mutuelles, the district) code. */
    orgUnitCode: string
    /** The first row of the report in its file, where a refusal is reported. */
    file: string
    sheet?: string
    row: number
    column: string
    /** Some of the report's values were refused or not sent. */
    partly: boolean
}

export interface CompletionSelection {
    reports: ReportToComplete[]
    /** Reports DHIS2 holds values of, already completed by an earlier run. */
    alreadyComplete: number
    /**
     * Reports left out because the bridge itself dropped some of their values: a column that looks like a
     * template column was not recognised, or a cell was blocked by a conflict (`ProcessResult.incompleteReports`).
     */
    heldBack: number
}

export function reportKey(
    v: Pick<MappedValue, 'dataSet' | 'orgUnit' | 'period' | 'attributeOptionCombo'>
): string {
    return `${v.dataSet}|${v.orgUnit}|${v.period}|${v.attributeOptionCombo}`
}

interface Tally {
    first: MappedValue
    accepted: number
    refused: number
}

export function selectReportsToComplete(
    values: readonly PlannedValue[],
    outcomes: ReadonlyMap<PlannedValue, ValueOutcome>,
    ledger: Ledger,
    options: {
        force?: boolean
        /** `reportKey`s never to register complete this run (`ProcessResult.incompleteReports`). */
        exclude?: ReadonlySet<string>
    } = {}
): CompletionSelection {
    const tallies = new Map<string, Tally>()
    for (const pv of values) {
        const key = reportKey(pv.value)
        let t = tallies.get(key)
        if (!t) tallies.set(key, (t = { first: pv.value, accepted: 0, refused: 0 }))
        const outcome = outcomes.get(pv)
        // a value not sent this run is in DHIS2 only if the ledger says so (unchanged)
        if (outcome === 'saved' || (outcome === undefined && pv.status === 'unchanged')) t.accepted++
        else t.refused++
    }
    const out: CompletionSelection = { reports: [], alreadyComplete: 0, heldBack: 0 }
    for (const [key, t] of tallies) {
        if (t.accepted === 0) continue
        if (options.exclude?.has(key)) {
            out.heldBack++
            continue
        }
        if (!options.force && ledger.completion(key)) {
            out.alreadyComplete++
            continue
        }
        const v = t.first
        const r: ReportToComplete = {
            key,
            dataSet: v.dataSet,
            orgUnit: v.orgUnit,
            period: v.period,
            attributeOptionCombo: v.attributeOptionCombo,
            orgUnitCode: v.orgUnitCode,
            file: v.file,
            row: v.row,
            column: v.sourceColumns?.orgUnit ?? v.column,
            partly: t.refused > 0,
        }
        if (v.sheet !== undefined) r.sheet = v.sheet
        out.reports.push(r)
    }
    return out
}
