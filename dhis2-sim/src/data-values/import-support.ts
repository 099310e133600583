// Small helpers of the data value set import: conflicts as DataValueImportConflict builds them, and lookups.
import type { ImportConflict, ImportCount } from './summary.js'

export const EMPTY_COUNT = (): ImportCount => ({ imported: 0, updated: 0, ignored: 0, deleted: 0 })

export function trimToNull(value: string | null): string | null {
    if (value === null) return null
    const trimmed = value.trim()
    return trimmed === '' ? null : trimmed
}

/** Memoised id lookups: an import repeats the same few ids many thousand times. */
export function memo<T>(compute: (key: string) => T): (key: string) => T {
    const cache = new Map<string, T>()
    return (key) => {
        if (cache.has(key)) return cache.get(key) as T
        const value = compute(key)
        cache.set(key, value)
        return value
    }
}

function message(template: string, args: Array<string | null>): string {
    return template.replace(/\{(\d)\}/g, (_, n: string) => args[Number(n)] ?? 'null')
}

function objectsOf(pairs: Array<[string, string | null]>): Record<string, string> {
    const objects: Record<string, string> = {}
    for (const [key, value] of pairs) if (value !== null) objects[key] = value
    return objects
}

/** Builds a conflict the way DataValueImportConflict descriptors do: first id = `object`. */
export function conflict(
    errorCode: string,
    property: string | null,
    template: string,
    objects: Array<[string, string | null]>,
    args: Array<string | null> = objects.map(([, value]) => value)
): ImportConflict {
    const result: ImportConflict = { objects: objectsOf(objects), value: message(template, args), errorCode }
    const first = objects[0]?.[1]
    if (first !== undefined && first !== null) result.object = first
    if (property !== null) result.property = property
    return result
}
