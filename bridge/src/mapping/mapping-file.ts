// The one way the bridge reads a mapping file (layouts, rules, mutuelle and facility mappings): JSON
// then a zod schema, and one error type that names the file and each faulty field, so a mistake in
// `mappings/` reads the same whatever kind of file it is in.
import { readFile } from 'node:fs/promises'
import type { z } from 'zod'

export class MappingFileError extends Error {
    constructor(
        readonly file: string,
        readonly details: string[]
    ) {
        super(`${file}: ${details.join('; ')}`)
        this.name = 'MappingFileError'
    }
}

/** Readable paths for zod errors: `entries[3].orgUnit: …`. */
export function zodDetails(error: z.ZodError): string[] {
    return error.issues.map(
        (i) =>
            `${
                i.path
                    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
                    .join('')
                    .replace(/^\./, '') || '(racine)'
            }: ${i.message}`
    )
}

/**
 * The file's content checked against `schema`. `readText` lets a caller track what it read (the
 * layout cache compares the texts on the next call).
 */
export async function readMappingFile<T>(
    schema: z.ZodType<T>,
    file: string,
    readText: (file: string) => Promise<string> = (f) => readFile(f, 'utf8')
): Promise<T> {
    let raw: unknown
    try {
        raw = JSON.parse(await readText(file))
    } catch (e) {
        throw new MappingFileError(file, [e instanceof Error ? e.message : String(e)])
    }
    const parsed = schema.safeParse(raw)
    if (!parsed.success) throw new MappingFileError(file, zodDetails(parsed.error))
    return parsed.data
}
