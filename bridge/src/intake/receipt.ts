// The accusé de réception: what was received, when, from which file (its SHA-256), and what changed
// since the same person's earlier submissions for the same facility-months.
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import type { Queryable } from '../storage/database.js'
import {
    earlierSubmittedValues,
    type FacilityMonth,
    type Submission,
    type SubmittedValue,
} from '../storage/submissions.js'

export interface ReceiptShape {
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

type Cell = Pick<
    SubmittedValue,
    'dataElement' | 'categoryOptionCombo' | 'attributeOptionCombo' | 'orgUnit' | 'period' | 'value'
>

function cellKey(v: Cell): string {
    return `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}`
}

function sameValue(a: string, b: string): boolean {
    if (a === b) return true
    const x = Number(a)
    const y = Number(b)
    return a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x === y
}

export function facilityMonthsOf(values: readonly Cell[]): FacilityMonth[] {
    const seen = new Map<string, FacilityMonth>()
    for (const v of values) seen.set(`${v.orgUnit}|${v.period}`, { orgUnit: v.orgUnit, period: v.period })
    return [...seen.values()]
}

/**
 * Compares with what the person submitted before for the same facility-months (the latest value of
 * each cell wins): new cells, changed ones, unchanged ones, and cells they sent before that this
 * submission no longer has.
 */
export async function changesSinceEarlier(
    db: Queryable,
    submittedBy: string,
    values: readonly Cell[],
    before: { receivedAt: string; excludeId?: string }
): Promise<ReceiptShape['changes']> {
    const earlier = new Map<string, string>()
    for (const e of await earlierSubmittedValues(db, submittedBy, facilityMonthsOf(values), before))
        earlier.set(cellKey(e), e.value)
    const changes = { added: 0, changed: 0, removed: 0, unchanged: 0 }
    const now = new Set<string>()
    for (const v of values) {
        const key = cellKey(v)
        now.add(key)
        const was = earlier.get(key)
        if (was === undefined) changes.added++
        else if (sameValue(was, v.value)) changes.unchanged++
        else changes.changed++
    }
    for (const key of earlier.keys()) if (!now.has(key)) changes.removed++
    return changes
}

export function facilitiesOf(
    metadata: MetadataIndex,
    orgUnits: Iterable<string>
): Array<{ id: string; name: string }> {
    return [...new Set(orgUnits)]
        .map((id) => {
            const ou = metadata.orgUnit(id)
            return { id, name: ou?.name ?? ou?.code ?? id }
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

export function buildReceipt(
    submission: Submission,
    values: readonly Cell[],
    metadata: MetadataIndex,
    changes: ReceiptShape['changes']
): ReceiptShape {
    return {
        reference: submission.reference,
        receivedAt: submission.receivedAt,
        submittedBy: submission.submittedBy,
        fileName: submission.fileName,
        sha256: submission.fileSha256,
        values: values.length,
        facilities: facilitiesOf(
            metadata,
            values.map((v) => v.orgUnit)
        ),
        periods: [...new Set(values.map((v) => v.period))].sort(),
        changes,
    }
}
