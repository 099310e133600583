// Facility code → DHIS2 org unit: the format of `mappings/facilities/*.json`.
// `bridge facilities match` (issue 3) writes files in this format; the push reads them.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { MappingFileError, readMappingFile } from './mapping-file.js'

export const FACILITY_MAPPING_FORMAT = 1

export const facilityMappingEntrySchema = z.object({
    /** The code the source uses (clinic's own code, INPS/registration number, lab code…). */
    source: z.string().trim().min(1),
    /** DHIS2 org unit code (e.g. FS-C5-012) or UID. */
    orgUnit: z.string().trim().min(1),
    /** Name as the source writes it, for people reading the file. */
    name: z.string().optional(),
    /** Org unit code of the health district, for checks and reports. */
    district: z.string().optional(),
    /** How the match was made: by hand, exact code, name similarity… */
    matchedBy: z.enum(['manual', 'code', 'name', 'fuzzy']).default('manual'),
    /** 0…1; entries under 1 were matched automatically and should be reviewed. */
    confidence: z.number().min(0).max(1).default(1),
    note: z.string().optional(),
})

export const facilityMappingFileSchema = z.object({
    format: z.literal(FACILITY_MAPPING_FORMAT),
    kind: z.literal('facility-mapping'),
    /** Which sources use these codes: 'facility-report', 'lab', 'mutuelle', or 'all'. */
    appliesTo: z.array(z.string()).default(['all']),
    description: z.string().optional(),
    entries: z.array(facilityMappingEntrySchema),
})

export type FacilityMappingEntry = z.infer<typeof facilityMappingEntrySchema>
export type FacilityMappingFile = z.infer<typeof facilityMappingFileSchema>

export async function loadFacilityMappingFile(file: string): Promise<FacilityMappingFile> {
    const mapping = await readMappingFile(facilityMappingFileSchema, file)
    const seen = new Map<string, string>()
    const dup: string[] = []
    for (const [i, e] of mapping.entries.entries()) {
        const k = e.source.toUpperCase()
        const prev = seen.get(k)
        if (prev !== undefined && prev !== e.orgUnit)
            dup.push(`entries[${i}].source: « ${e.source} » déjà associé à ${prev}`)
        seen.set(k, e.orgUnit)
    }
    if (dup.length) throw new MappingFileError(file, dup)
    return mapping
}

/** Every `*.json` of a folder (missing folder = no mapping). */
export async function loadFacilityMappings(dir: string, kind = 'all'): Promise<FacilityMappingEntry[]> {
    let names: string[]
    try {
        names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    } catch {
        return []
    }
    const out: FacilityMappingEntry[] = []
    for (const n of names) {
        const f = await loadFacilityMappingFile(join(dir, n))
        if (kind === 'all' || f.appliesTo.includes('all') || f.appliesTo.includes(kind))
            out.push(...f.entries)
    }
    return out
}

/**
 * Resolves what a source writes in its facility column to an org unit code or UID:
 * the mapping first, else the value itself (clinics that already use DHIS2 codes).
 */
export class FacilityResolver {
    private readonly bySource = new Map<string, string>()
    constructor(entries: readonly FacilityMappingEntry[]) {
        for (const e of entries) this.bySource.set(e.source.trim().toUpperCase(), e.orgUnit)
    }
    resolve(sourceCode: string): string {
        return this.bySource.get(sourceCode.trim().toUpperCase()) ?? sourceCode.trim()
    }
    get size(): number {
        return this.bySource.size
    }
}
