// Decides, for each value of this run, whether to send it. DHIS2 is the truth about what it holds;
// the ledger is the record of what this bridge sent, which tells a value edited in DHIS2 since (or
// entered by someone else) from a value the file changed. Values a corrected file no longer has are
// reported, never deleted silently.
import { chunkKey, valueKey, type MappedValue } from '../core/types.js'
import type { Dhis2Holdings, Dhis2Value } from './dhis2-values.js'
import type { Ledger, LedgerEntry } from './ledger.js'

/** `held`: DHIS2 holds another value than the file, set there by someone else; not sent. */
export type PlanStatus = 'new' | 'changed' | 'unchanged' | 'held'

/**
 * Why DHIS2 differs from the file in a way the user must decide on:
 * `edited`: DHIS2's value is not what the bridge sent (changed in DHIS2 since);
 * `deleted`: the bridge sent a value and DHIS2 no longer has it;
 * `foreign`: DHIS2 has a value the bridge never sent, and the file says otherwise.
 */
export interface Dhis2Difference {
    kind: 'edited' | 'deleted' | 'foreign'
    dhis2?: Dhis2Value
    sent?: LedgerEntry
    /** With `overwriteDhis2Edits`: the file's value is sent anyway. */
    overwritten: boolean
}

export interface PlannedValue {
    value: MappedValue
    key: string
    status: PlanStatus
    /** The value DHIS2 had before (changed values). */
    previous?: string
    difference?: Dhis2Difference
    /** The value was first sent from another file, which this one now replaces. */
    replaces?: LedgerEntry
    /** A zero DHIS2 does not store (zeroIsSignificant false): nothing to send, nothing to count. */
    zeroNotStored?: boolean
}

export interface PlanCounts {
    new: number
    changed: number
    unchanged: number
    removed: number
    /** Values DHIS2 holds differently, set there by someone else (held back or overwritten). */
    dhis2Edits: number
    /** Zeros DHIS2 does not store: neither sent nor « déjà dans DHIS2 ». */
    zerosNotStored: number
}

export interface Plan {
    values: PlannedValue[]
    /** Values to send, grouped by data set × org unit × period. */
    chunks: Map<string, PlannedValue[]>
    counts: PlanCounts
    /** In the ledger for a scope this run covers, but absent from the files now. */
    removed: LedgerEntry[]
    /** Values DHIS2 holds as the file says but the ledger lacked (a run killed before writing). */
    found: PlannedValue[]
    /** Whether the plan was checked against DHIS2 (false: ledger only, e.g. a metadata-file run). */
    checkedAgainstDhis2: boolean
}

export interface PlanOptions {
    force?: boolean
    /** Send the file's value over a value edited in DHIS2 since (reported either way). */
    overwriteDhis2Edits?: boolean
    /** What DHIS2 holds for the run's scopes; without it the plan trusts the ledger alone. */
    dhis2?: Dhis2Holdings
    /** Whether DHIS2 would skip this value as an insignificant zero. */
    isZeroNotStored?: (v: { dataElement: string; value: string }) => boolean
}

function sameNumberOrText(a: string, b: string): boolean {
    if (a === b) return true
    const x = Number(a)
    const y = Number(b)
    return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x === y
}

/** A value as DHIS2 would hold it: null when DHIS2 keeps nothing (an insignificant zero). */
function asHeld(
    value: string,
    comment: string | undefined,
    dataElement: string,
    isZeroNotStored: NonNullable<PlanOptions['isZeroNotStored']>
): { value: string; comment: string } | null {
    if (isZeroNotStored({ dataElement, value })) return null
    return { value, comment: comment ?? '' }
}

function sameHeld(
    a: { value: string; comment: string } | null,
    b: { value: string; comment: string } | null,
    withComment: boolean
): boolean {
    if (a === null || b === null) return a === b
    return sameNumberOrText(a.value, b.value) && (!withComment || a.comment === b.comment)
}

export function buildPlan(values: readonly MappedValue[], ledger: Ledger, options: PlanOptions = {}): Plan {
    const isZero = options.isZeroNotStored ?? (() => false)
    const plan: Plan = {
        values: [],
        chunks: new Map(),
        counts: { new: 0, changed: 0, unchanged: 0, removed: 0, dhis2Edits: 0, zerosNotStored: 0 },
        removed: [],
        found: [],
        checkedAgainstDhis2: options.dhis2 !== undefined,
    }
    const present = new Set<string>()
    const scopes = new Set<string>()
    for (const v of values) {
        const key = valueKey(v)
        present.add(key)
        const scope = chunkKey(v)
        scopes.add(scope)
        const prev = ledger.get(key)
        const pv: PlannedValue = { value: v, key, status: 'new' }
        if (options.dhis2?.read.has(scope))
            planAgainstDhis2(pv, prev, options.dhis2.values.get(key), options, isZero)
        else planAgainstLedger(pv, prev)
        if (pv.zeroNotStored) {
            plan.counts.zerosNotStored++
        } else if (pv.status === 'held') plan.counts.dhis2Edits++
        else {
            if (pv.difference) plan.counts.dhis2Edits++
            plan.counts[pv.status]++
        }
        if (pv.status === 'unchanged' && options.dhis2?.read.has(scope) && needsFilling(pv, prev))
            plan.found.push(pv)
        plan.values.push(pv)
        const send =
            pv.status === 'new' ||
            pv.status === 'changed' ||
            (pv.status === 'unchanged' && options.force === true && !pv.zeroNotStored)
        if (send) {
            let list = plan.chunks.get(scope)
            if (!list) plan.chunks.set(scope, (list = []))
            list.push(pv)
        }
    }
    for (const scope of scopes)
        for (const key of ledger.keysInScope(scope))
            if (!present.has(key)) {
                const e = ledger.get(key)
                if (e) plan.removed.push(e)
            }
    plan.counts.removed = plan.removed.length
    return plan
}

function needsFilling(pv: PlannedValue, prev: LedgerEntry | undefined): boolean {
    const v = pv.value
    return (
        !prev ||
        prev.value !== v.value ||
        (prev.comment ?? '') !== (v.comment ?? '') ||
        prev.file !== v.file ||
        prev.row !== v.row
    )
}

/** Without DHIS2's answer for this facility-month: the ledger alone. */
function planAgainstLedger(pv: PlannedValue, prev: LedgerEntry | undefined): void {
    const v = pv.value
    if (!prev) pv.status = 'new'
    else if (prev.value !== v.value || (prev.comment ?? '') !== (v.comment ?? '')) {
        pv.status = 'changed'
        pv.previous = prev.value
        if (prev.file !== v.file) pv.replaces = prev
    } else pv.status = 'unchanged'
}

function planAgainstDhis2(
    pv: PlannedValue,
    prev: LedgerEntry | undefined,
    held: Dhis2Value | undefined,
    options: PlanOptions,
    isZero: NonNullable<PlanOptions['isZeroNotStored']>
): void {
    const v = pv.value
    const file = asHeld(v.value, v.comment, v.dataElement, isZero)
    const dhis2 = held ? { value: held.value, comment: held.comment ?? '' } : null
    // a zero DHIS2 kept after all (AVERAGE aggregation) is the file's value too
    const sameAsStored =
        held !== undefined &&
        sameNumberOrText(held.value, v.value) &&
        (held.comment ?? '') === (v.comment ?? '')
    if (sameAsStored || sameHeld(file, dhis2, true)) {
        pv.status = 'unchanged'
        if (!held) pv.zeroNotStored = true
        return
    }
    // DHIS2 differs from the file: was it the bridge that put DHIS2's value there?
    const sent = prev ? asHeld(prev.value, prev.comment, v.dataElement, isZero) : undefined
    const ours = sent !== undefined && sameHeld(sent, dhis2, false)
    if (ours || (!prev && dhis2 === null)) {
        // DHIS2 holds what the bridge sent (or nothing at all): the file's change goes through
        pv.status = dhis2 === null && !prev ? 'new' : 'changed'
        if (dhis2) pv.previous = dhis2.value
        if (prev && prev.file !== v.file) pv.replaces = prev
        return
    }
    const difference: Dhis2Difference = {
        kind: !prev ? 'foreign' : dhis2 === null ? 'deleted' : 'edited',
        overwritten: options.overwriteDhis2Edits === true,
    }
    if (held) difference.dhis2 = held
    if (prev) difference.sent = prev
    pv.difference = difference
    if (difference.overwritten) {
        pv.status = 'changed'
        if (dhis2) pv.previous = dhis2.value
    } else pv.status = 'held'
}
