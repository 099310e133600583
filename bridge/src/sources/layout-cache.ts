// A kind's layout files are parsed and validated (JSON, zod) once, then again only when their text or
// their folder's listing changes: the intake service reads a clinic's upload with every call of
// `processFiles`, and rebuilding the layouts (and the header matchers built on them, see
// facility-report/columns.ts) cost more than reading the upload itself. Checking is reading the folder
// and the files again and comparing the text, so an edited mapping file is used by the next call, as
// before, whatever its timestamps say.
import { readdir, readFile } from 'node:fs/promises'

/** What a loader read: folder listings and file texts, compared on the next call. */
interface Reads {
    dirs: Map<string, string[]>
    files: Map<string, string>
}

/** How a loader reads, so that what it read can be checked later. */
export interface TrackedReader {
    readdir(dir: string): Promise<string[]>
    readText(file: string): Promise<string>
}

const cache = new Map<string, { reads: Reads; value: unknown }>()

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
    a.length === b.length && a.every((x, i) => x === b[i])

async function unchanged(reads: Reads): Promise<boolean> {
    try {
        const dirs = [...reads.dirs].map(async ([dir, names]) => sameList(await readdir(dir), names))
        const files = [...reads.files].map(async ([file, text]) => (await readFile(file, 'utf8')) === text)
        return (await Promise.all([...dirs, ...files])).every(Boolean)
    } catch {
        // gone or unreadable: load again, which reports it as it always did
        return false
    }
}

/**
 * `load`'s result for `key` (a kind and its mappings folder), computed again only when a folder it
 * listed or a file it read through `reader` is not what it was. A load that throws is not kept. The
 * value is shared between calls: callers must not modify it.
 */
export async function loadWhenChanged<T>(
    key: string,
    load: (reader: TrackedReader) => Promise<T>
): Promise<T> {
    const kept = cache.get(key)
    if (kept && (await unchanged(kept.reads))) return kept.value as T
    const reads: Reads = { dirs: new Map(), files: new Map() }
    const reader: TrackedReader = {
        async readdir(dir) {
            const names = await readdir(dir)
            reads.dirs.set(dir, names)
            return [...names]
        },
        async readText(file) {
            const text = await readFile(file, 'utf8')
            reads.files.set(file, text)
            return text
        },
    }
    const value = await load(reader)
    cache.set(key, { reads, value })
    return value
}
