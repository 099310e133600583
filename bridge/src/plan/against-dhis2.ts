// The plan's view of DHIS2, shared by the CLI's push and the intake's outbox worker: what DHIS2 holds
// for the facility-months about to be sent, which zeros it does not store, and how a value DHIS2 holds
// differently from the file is reported.
import { makeIssue } from '../i18n/issues.js'
import { chunkKey, type MappedValue, type ValidationIssue } from '../core/types.js'
import type { Dhis2Client } from '../dhis2/client.js'
import { messageFor } from '../i18n/messages.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import { readDhis2Values, type Dhis2Holdings } from './dhis2-values.js'
import type { PlannedValue } from './plan.js'

const NUMERIC = new Set([
    'INTEGER',
    'INTEGER_POSITIVE',
    'INTEGER_NEGATIVE',
    'INTEGER_ZERO_OR_POSITIVE',
    'NUMBER',
    'PERCENTAGE',
    'UNIT_INTERVAL',
])

/** DHIS2 skips a numeric zero of a data element whose zeroIsSignificant is false (ValidationUtils). */
export function zeroNotStoredBy(metadata: MetadataIndex) {
    return (v: { dataElement: string; value: string }): boolean => {
        if (v.value.trim() === '' || Number(v.value) !== 0) return false
        const de = metadata.dataElement(v.dataElement)
        return de !== undefined && de.zeroIsSignificant !== true && NUMERIC.has(de.valueType)
    }
}

export function shortDate(iso: string | undefined): string {
    if (!iso) return '?'
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(iso)
    return m ? `${m[1]} ${m[2]}` : iso
}

export function locationOf(v: MappedValue) {
    return { file: v.file, sheet: v.sheet, row: v.row, column: v.column, value: v.value }
}

/** The report of a value DHIS2 holds differently from what the bridge sent or the file says. */
export function differenceIssue(pv: PlannedValue): ValidationIssue | null {
    const d = pv.difference
    if (!d) return null
    const code =
        d.kind === 'edited' ? 'DHIS2_EDITED' : d.kind === 'deleted' ? 'DHIS2_DELETED' : 'DHIS2_FOREIGN_VALUE'
    const outcome = messageFor(d.overwritten ? 'DHIS2_OVERWRITTEN' : 'DHIS2_KEPT').message
    const issue = makeIssue(
        code,
        locationOf(pv.value),
        {
            dhis2Value: d.dhis2?.value,
            storedBy: d.dhis2?.storedBy ?? '?',
            when: shortDate(d.dhis2?.lastUpdated),
            sent: d.sent?.value,
            sentAt: shortDate(d.sent?.at),
            outcome: '{{outcome}}',
        },
        d.overwritten ? 'warning' : 'error'
    )
    issue.message = {
        fr: issue.message.fr.replace('{{outcome}}', outcome.fr),
        en: issue.message.en.replace('{{outcome}}', outcome.en),
    }
    return issue
}

/** What DHIS2 holds for the values' facility-months, and one warning per facility it would not let us read. */
export async function readWhatDhis2Holds(
    client: Dhis2Client,
    values: readonly MappedValue[],
    options: { maxAttempts?: number | undefined; backoffMs?: number | undefined }
): Promise<{ holdings: Dhis2Holdings; issues: ValidationIssue[] }> {
    const scopes = new Map<string, MappedValue>()
    for (const v of values) if (!scopes.has(chunkKey(v))) scopes.set(chunkKey(v), v)
    const holdings = await readDhis2Values(client, scopes.values(), {
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    })
    // one warning per facility DHIS2 would not let the account read
    const issues: ValidationIssue[] = []
    const told = new Set<string>()
    for (const [scope, detail] of holdings.unread) {
        const v = scopes.get(scope)
        if (!v || told.has(v.orgUnit)) continue
        told.add(v.orgUnit)
        issues.push(
            makeIssue(
                'DHIS2_READ_FAILED',
                { file: v.file, sheet: v.sheet, row: v.row },
                { facility: v.orgUnitCode, detail },
                'warning'
            )
        )
    }
    return { holdings, issues }
}
