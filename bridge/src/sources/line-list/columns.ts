// Column titles matched the way people write them (case, accents, punctuation ignored).
// Shared by the lab and mutuelle kinds.
import { z } from 'zod'
import { normalizeLabel } from '../../metadata-snapshot/index.js'

export const columnSchema = z.object({
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
})
export type Column = z.infer<typeof columnSchema>

/** Index of the column in a header, or -1. */
export function findColumn(header: readonly string[], column: Column): number {
    const wanted = new Set([column.name, ...column.aliases].map(normalizeLabel))
    return header.findIndex((h) => wanted.has(normalizeLabel(h)))
}

/** Label → code lookups from `{ CODE: [labels…] }`, labels compared as normalised text. */
export function synonymIndex(table: Record<string, readonly string[]>): Map<string, string> {
    const index = new Map<string, string>()
    const put = (key: string, code: string): void => {
        if (key.length > 0) index.set(key, code)
    }
    for (const [code, labels] of Object.entries(table)) {
        put(normalizeLabel(code), code)
        for (const label of labels) put(normalizeLabel(label), code)
        // "-" vanishes in normalised text: keep labels as they are too.
        for (const label of labels) put(label.trim().toLowerCase(), code)
    }
    return index
}

export function lookup(index: Map<string, string>, text: string): string | undefined {
    const raw = text.trim().toLowerCase()
    if (raw.length === 0) return undefined
    return index.get(raw) ?? index.get(normalizeLabel(text))
}
