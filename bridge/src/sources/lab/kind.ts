// The `lab` source kind: private laboratories' line lists and monthly aggregates.
// Registered in the shared SourceKind registry so `bridge validate|convert|push --source lab` work.
import { join } from 'node:path'
import { z } from 'zod'
import { readMappingFile } from '../../mapping/mapping-file.js'
import { loadWhenChanged, type TrackedReader } from '../layout-cache.js'
import { registerSourceKind } from '../registry.js'
import type { LayoutInfo, SourceKind } from '../types.js'
import { withoutCellText } from '../line-list/guard.js'
import { labLayoutSchema } from './layout.js'
import { LabProcessor, labExpectedTitles, layoutScore, type LabLayout } from './processor.js'
import { labRulesSchema } from './rules.js'

export const LAB_MAPPING_DIR = 'labs'

const labLayoutWithRulesSchema: z.ZodType<LabLayout> = z.object({
    file: labLayoutSchema,
    rules: labRulesSchema,
})

/** The layouts and their rules, parsed again only when a file they come from changed. */
export async function loadLabLayouts(
    mappingsRoot: string
): Promise<Array<LayoutInfo & { layout: LabLayout }>> {
    const dir = join(mappingsRoot, LAB_MAPPING_DIR)
    return [
        ...(await loadWhenChanged(`${LAB_MAPPING_DIR}\u0000${dir}`, (reader) => readLayouts(dir, reader))),
    ]
}

async function readLayouts(
    dir: string,
    reader: TrackedReader
): Promise<Array<LayoutInfo & { layout: LabLayout }>> {
    const names = (await reader.readdir(dir))
        .filter((n) => n.startsWith('layout-') && n.endsWith('.json'))
        .sort()
    const out: Array<LayoutInfo & { layout: LabLayout }> = []
    for (const name of names) {
        const path = join(dir, name)
        const file = await readMappingFile(labLayoutSchema, path, (f) => reader.readText(f))
        const rulesPath = join(dir, file.rules)
        const rules = await readMappingFile(labRulesSchema, rulesPath, (f) => reader.readText(f))
        const info: LayoutInfo & { layout: LabLayout } = {
            name: file.name,
            file: path,
            layout: { file, rules },
        }
        if (file.description !== undefined) info.description = file.description
        out.push(info)
    }
    const expected = out.map((l) => labExpectedTitles(l.layout.file))
    for (const l of out) l.layout.expected = expected
    return out
}

export const labSourceKind: SourceKind<LabLayout> = {
    id: 'lab',
    label: { fr: 'Laboratoire privé', en: 'Private laboratory' },
    mappingDir: LAB_MAPPING_DIR,
    layoutSchema: labLayoutWithRulesSchema,
    loadLayouts: loadLabLayouts,
    matches: (layout, header) => layoutScore(layout.file, header),
    // lab files hold patient-level data: every issue passes the cell-text gate
    createProcessor: (layout, ctx) => withoutCellText(new LabProcessor(layout, ctx)),
}

// Importing this module registers the kind (as the facility-report kind does).
registerSourceKind(labSourceKind)

/** Explicit form of the registration, for callers that prefer it to the import side effect. */
export function registerLabKind(): void {
    registerSourceKind(labSourceKind)
}
