// The private clinics' monthly report as a source kind: layouts in `mappings/facility-report/`.
import { join } from 'node:path'
import { readMappingFile } from '../../mapping/mapping-file.js'
import { loadWhenChanged, type TrackedReader } from '../layout-cache.js'
import { registerSourceKind } from '../registry.js'
import type { LayoutInfo, SourceKind } from '../types.js'
import { facilityReportLayoutSchema, type FacilityReportLayout } from './layout.js'
import { FacilityReportProcessor, headerScore } from './processor.js'

export const FACILITY_REPORT_DIR = 'facility-report'

/** The layouts, parsed again only when a file of the folder changed (the same objects otherwise). */
export async function loadFacilityReportLayouts(
    mappingsRoot: string
): Promise<Array<LayoutInfo & { layout: FacilityReportLayout }>> {
    const dir = join(mappingsRoot, FACILITY_REPORT_DIR)
    return [
        ...(await loadWhenChanged(`${FACILITY_REPORT_DIR}\u0000${dir}`, (reader) =>
            readLayouts(dir, reader)
        )),
    ]
}

async function readLayouts(
    dir: string,
    reader: TrackedReader
): Promise<Array<LayoutInfo & { layout: FacilityReportLayout }>> {
    const names = (await reader.readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    const out: Array<LayoutInfo & { layout: FacilityReportLayout }> = []
    for (const n of names) {
        const file = join(dir, n)
        const layout = await readMappingFile(facilityReportLayoutSchema, file, (f) => reader.readText(f))
        const info: LayoutInfo & { layout: FacilityReportLayout } = { name: layout.name, file, layout }
        if (layout.description) info.description = layout.description
        out.push(info)
    }
    // long first: on a tie the simpler layout wins
    return out.sort((a, b) => (a.layout.layout === b.layout.layout ? 0 : a.layout.layout === 'long' ? -1 : 1))
}

export const facilityReportKind: SourceKind<FacilityReportLayout> = {
    id: 'facility-report',
    label: { fr: 'Rapport mensuel de structure privée', en: 'Private facility monthly report' },
    mappingDir: FACILITY_REPORT_DIR,
    layoutSchema: facilityReportLayoutSchema,
    loadLayouts: loadFacilityReportLayouts,
    matches: (layout, names, groups) => headerScore(layout, names, groups),
    createProcessor: (layout, ctx) => new FacilityReportProcessor(layout, ctx),
}

registerSourceKind(facilityReportKind)
