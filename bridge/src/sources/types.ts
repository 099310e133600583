// What a source kind (clinic report, lab, mutuelle…) provides to the pipeline.
import type { z } from 'zod'
import type { Lang, Localized } from '../core/types.js'
import type { FacilityResolver } from '../mapping/facility-mapping.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import type { RecordProcessor } from '../read/processor.js'
import type { RunCells } from '../checks/cells.js'

export interface KindContext {
    metadata: MetadataIndex
    facilities: FacilityResolver
    lang: Lang
    /** Server date (or now): periods after the latest open period are refused before sending. */
    today: Date
    /** The cells given by every table of the run (set by `processFiles`): conflicts across sheets and files. */
    cells?: RunCells
}

/** A layout file of a kind (long, wide, line list…), already validated. */
export interface LayoutInfo {
    name: string
    file: string
    description?: string
}

export interface SourceKind<L = unknown> {
    id: string
    label: Localized
    /** Folder under `mappings/` holding this kind's layout and field mapping files. */
    mappingDir: string
    /** zod schema of this kind's layout files: mapping files are validated at load with clear errors. */
    layoutSchema: z.ZodType<L>
    /** Loads and validates every layout of the kind from its folder. */
    loadLayouts(mappingsRoot: string): Promise<Array<LayoutInfo & { layout: L }>>
    /** Whether a table header looks like this layout (auto-detection, ties broken by order). */
    matches(layout: L, names: readonly string[], groups: readonly string[]): number
    /** A header row search: how many leading rows to scan for the header. */
    createProcessor(layout: L, ctx: KindContext): RecordProcessor
}
