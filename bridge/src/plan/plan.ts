// Compares the values of this run with the ledger: what is new, what changed, what is the same,
// and which values a corrected file no longer has (reported, never deleted silently).
import { chunkKey, valueKey, type MappedValue } from '../core/types.js'
import type { Ledger, LedgerEntry } from './ledger.js'

export type PlanStatus = 'new' | 'changed' | 'unchanged'

export interface PlannedValue {
    value: MappedValue
    key: string
    status: PlanStatus
    /** The value DHIS2 had from us before (changed values). */
    previous?: string
}

export interface Plan {
    values: PlannedValue[]
    /** Values to send, grouped by data set × org unit × period. */
    chunks: Map<string, PlannedValue[]>
    counts: { new: number; changed: number; unchanged: number; removed: number }
    /** In the ledger for a scope this run covers, but absent from the files now. */
    removed: LedgerEntry[]
}

export function buildPlan(
    values: readonly MappedValue[],
    ledger: Ledger,
    options: { force?: boolean } = {}
): Plan {
    const plan: Plan = {
        values: [],
        chunks: new Map(),
        counts: { new: 0, changed: 0, unchanged: 0, removed: 0 },
        removed: [],
    }
    const present = new Set<string>()
    const scopes = new Set<string>()
    for (const v of values) {
        const key = valueKey(v)
        present.add(key)
        const scope = chunkKey(v)
        scopes.add(scope)
        const prev = ledger.get(key)
        let status: PlanStatus
        if (!prev) status = 'new'
        else if (prev.value !== v.value || (prev.comment ?? '') !== (v.comment ?? '')) status = 'changed'
        else status = 'unchanged'
        const pv: PlannedValue = { value: v, key, status }
        if (prev && status === 'changed') pv.previous = prev.value
        plan.values.push(pv)
        plan.counts[status]++
        if (status !== 'unchanged' || options.force) {
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
