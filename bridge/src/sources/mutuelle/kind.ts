// The `mutuelle` source kind: membership and claims of health mutuals (mutuelles de santé).
import { join } from 'node:path'
import { readMappingFile } from '../../mapping/mapping-file.js'
import { loadWhenChanged, type TrackedReader } from '../layout-cache.js'
import { registerSourceKind } from '../registry.js'
import type { LayoutInfo, SourceKind } from '../types.js'
import {
    mutuelleLayoutFileSchema,
    mutuelleLayoutSchema,
    mutuelleMappingSchema,
    type MutuelleLayout,
} from './mapping.js'
import { withoutCellText } from '../line-list/guard.js'
import { MutuelleProcessor, mutuelleExpectedTitles, mutuelleLayoutScore } from './processor.js'

export const MUTUELLE_MAPPING_DIR = 'mutuelles'

/** The layouts and their mappings, parsed again only when a file they come from changed. */
export async function loadMutuelleLayouts(
    mappingsRoot: string
): Promise<Array<LayoutInfo & { layout: MutuelleLayout }>> {
    const dir = join(mappingsRoot, MUTUELLE_MAPPING_DIR)
    return [
        ...(await loadWhenChanged(`${MUTUELLE_MAPPING_DIR}\u0000${dir}`, (reader) =>
            readLayouts(dir, reader)
        )),
    ]
}

async function readLayouts(
    dir: string,
    reader: TrackedReader
): Promise<Array<LayoutInfo & { layout: MutuelleLayout }>> {
    const names = (await reader.readdir(dir))
        .filter((n) => n.startsWith('layout-') && n.endsWith('.json'))
        .sort()
    const out: Array<LayoutInfo & { layout: MutuelleLayout }> = []
    for (const name of names) {
        const path = join(dir, name)
        const file = await readMappingFile(mutuelleLayoutFileSchema, path, (f) => reader.readText(f))
        const mapping = await readMappingFile(mutuelleMappingSchema, join(dir, file.mapping), (f) =>
            reader.readText(f)
        )
        const info: LayoutInfo & { layout: MutuelleLayout } = {
            name: file.name,
            file: path,
            layout: { file, mapping },
        }
        if (file.description !== undefined) info.description = file.description
        out.push(info)
    }
    const expected = out.map((l) => mutuelleExpectedTitles(l.layout.file))
    for (const l of out) l.layout.expected = expected
    return out
}

export const mutuelleSourceKind: SourceKind<MutuelleLayout> = {
    id: 'mutuelle',
    label: { fr: 'Mutuelle de santé', en: 'Health mutual' },
    mappingDir: MUTUELLE_MAPPING_DIR,
    layoutSchema: mutuelleLayoutSchema,
    loadLayouts: loadMutuelleLayouts,
    matches: mutuelleLayoutScore,
    // mutuelle files may name members: every issue passes the cell-text gate
    createProcessor: (layout, ctx) => withoutCellText(new MutuelleProcessor(layout, ctx)),
}

// Importing this module registers the kind (as the facility-report kind does).
registerSourceKind(mutuelleSourceKind)

/** Explicit form of the registration, for callers that prefer it to the import side effect. */
export function registerMutuelleKind(): void {
    registerSourceKind(mutuelleSourceKind)
}
