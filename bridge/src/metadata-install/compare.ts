// Decides what an import would really change. DHIS2 reports every existing object as "updated", even
// when nothing differs, so the install compares the package with what the server holds instead of
// trusting the import stats.
import { isRecord } from '../core/is-record.js'

/** Properties the server owns or that we never set from the package. */
const IGNORED = new Set([
    'href',
    'access',
    'favorites',
    'favorite',
    'displayName',
    'displayShortName',
    'displayDescription',
    'displayFormName',
    'created',
    'lastUpdated',
    'createdBy',
    'lastUpdatedBy',
    'user',
    // Sharing is set by the server on create and adjusted by administrators: not ours to reset.
    'sharing',
    'publicAccess',
    'userAccesses',
    'userGroupAccesses',
])

function isEmptyish(value: unknown): boolean {
    return (
        value === undefined ||
        value === null ||
        value === false ||
        value === '' ||
        (Array.isArray(value) && value.length === 0)
    )
}

/** Stable text for an array element, so arrays compare as sets. References compare by id. */
function elementKey(value: unknown): string {
    if (isRecord(value)) {
        if (typeof value.id === 'string') return `id:${value.id}`
        const keys = Object.keys(value)
            .filter((k) => !IGNORED.has(k))
            .sort()
        return `{${keys.map((k) => `${k}=${elementKey(value[k])}`).join(',')}}`
    }
    if (Array.isArray(value)) return `[${value.map(elementKey).sort().join(',')}]`
    return JSON.stringify(value) ?? 'undefined'
}

function scalarEqual(wanted: unknown, actual: unknown): boolean {
    if (wanted === actual) return true
    if (typeof wanted === 'string' && typeof actual === 'string') {
        // Dates come back with a time part: "2000-01-01" vs "2000-01-01T00:00:00.000".
        return /^\d{4}-\d{2}-\d{2}$/.test(wanted) && actual.startsWith(`${wanted}T`)
    }
    if (typeof wanted === 'number' && typeof actual === 'string') return String(wanted) === actual
    return false
}

/**
 * True when `actual` already holds everything `wanted` says. Arrays are containment: elements the
 * server has beyond the package (an org unit an administrator added to a data set) are not a change.
 */
export function covers(wanted: unknown, actual: unknown): boolean {
    if (isEmptyish(wanted) && isEmptyish(actual)) return true
    if (Array.isArray(wanted)) {
        if (!Array.isArray(actual)) return false
        return containsAll(wanted, actual)
    }
    if (isRecord(wanted)) {
        if (!isRecord(actual)) return false
        if (typeof wanted.id === 'string') return wanted.id === actual.id
        return Object.keys(wanted)
            .filter((k) => !IGNORED.has(k))
            .every((k) => covers(wanted[k], actual[k]))
    }
    return scalarEqual(wanted, actual)
}

function isRef(value: unknown): value is { id: string } {
    return isRecord(value) && typeof value.id === 'string'
}

function containsAll(wanted: readonly unknown[], actual: readonly unknown[]): boolean {
    const have = new Set(actual.map(elementKey))
    return wanted.every((w) => have.has(elementKey(w)) || (!isRef(w) && actual.some((a) => covers(w, a))))
}

/** The package's properties that the server object does not already match. */
export function changedProperties(
    wanted: Record<string, unknown>,
    actual: Record<string, unknown>
): string[] {
    return Object.keys(wanted)
        .filter((k) => k !== 'id' && !IGNORED.has(k))
        .filter((k) => !covers(wanted[k], actual[k]))
}

/**
 * The object to send for an update: the server's object with the package's properties laid over it,
 * and arrays merged (server elements kept, package elements added), because an import replaces
 * collections and would otherwise drop what others added.
 */
export function mergeForUpdate(
    wanted: Record<string, unknown>,
    actual: Record<string, unknown>
): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(actual)) if (!IGNORED.has(k) || k === 'sharing') out[k] = v
    for (const [k, v] of Object.entries(wanted)) {
        // The server's sharing stays as administrators set it.
        if (IGNORED.has(k) && k in actual) continue
        const existing = actual[k]
        if (Array.isArray(v) && Array.isArray(existing)) {
            out[k] = [...existing, ...v.filter((item) => !containsAll([item], existing))]
        } else {
            out[k] = v
        }
    }
    return out
}
