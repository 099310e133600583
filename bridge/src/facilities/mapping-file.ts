// Two files come out of matching: the review file (every registry line with its score, alternatives
// and why it was not matched), and the facility mapping the pipeline reads
// (`bridge/src/mapping/facility-mapping.ts` format), holding only the matched lines.
import { z } from 'zod'
import { UID_PATTERN } from '@odd3/mappings/uid'
import {
    FACILITY_MAPPING_FORMAT,
    type FacilityMappingFile as PipelineMappingFile,
} from '../mapping/facility-mapping.js'
import type { FacilityMatch } from './match.js'

export const FACILITY_STATUSES = ['confirmed', 'proposed', 'to-review', 'unmatched', 'rejected'] as const

const candidateSchema = z.object({
    orgUnit: z.string(),
    orgUnitCode: z.string().optional(),
    orgUnitName: z.string(),
    score: z.number(),
})

export const facilityMappingEntrySchema = z.object({
    ref: z.string().min(1),
    name: z.string(),
    district: z.string(),
    commune: z.string().optional(),
    sector: z.string().optional(),
    type: z.string().optional(),
    status: z.enum(FACILITY_STATUSES),
    orgUnit: z.string().regex(UID_PATTERN).nullable(),
    orgUnitCode: z.string().optional(),
    orgUnitName: z.string().optional(),
    districtOrgUnit: z.string().nullable(),
    score: z.number().nullable(),
    reason: z.string().optional(),
    alternatives: z.array(candidateSchema).default([]),
})

export const facilityMappingFileSchema = z.object({
    kind: z.literal('facility-match-review'),
    version: z.literal(1),
    generated: z.string(),
    registry: z.string(),
    facilities: z.array(facilityMappingEntrySchema),
})

export type FacilityMappingEntry = z.infer<typeof facilityMappingEntrySchema>
export type FacilityMappingFile = z.infer<typeof facilityMappingFileSchema>

export function toMappingFile(
    matches: readonly FacilityMatch[],
    registry: string,
    now: Date
): FacilityMappingFile {
    return {
        kind: 'facility-match-review',
        version: 1,
        generated: now.toISOString(),
        registry,
        facilities: matches.map((m) => {
            const entry: FacilityMappingEntry = {
                ref: m.facility.ref,
                name: m.facility.name,
                district: m.facility.district,
                status: m.status,
                orgUnit: m.best?.orgUnit ?? null,
                districtOrgUnit: m.district?.id ?? null,
                score: m.best?.score ?? null,
                alternatives: m.alternatives,
            }
            if (m.facility.commune !== undefined) entry.commune = m.facility.commune
            if (m.facility.sector !== undefined) entry.sector = m.facility.sector
            if (m.facility.type !== undefined) entry.type = m.facility.type
            if (m.best?.orgUnitCode !== undefined) entry.orgUnitCode = m.best.orgUnitCode
            if (m.best !== undefined && m.best !== null) entry.orgUnitName = m.best.orgUnitName
            if (m.reason !== undefined) entry.reason = m.reason
            return entry
        }),
    }
}

/**
 * The mapping the pipeline reads. Proposed lines get `confidence` = score (< 1 means "matched
 * automatically, check it"); lines to review carry a French note; unmatched lines are left out.
 */
export function toPipelineMapping(matches: readonly FacilityMatch[], registry: string): PipelineMappingFile {
    return {
        format: FACILITY_MAPPING_FORMAT,
        kind: 'facility-mapping',
        appliesTo: ['all'],
        description: `Correspondances proposées par « bridge facilities match » depuis ${registry} ; à vérifier avant usage.`,
        entries: matches.flatMap((m) => {
            if (m.best === null || m.status === 'unmatched') return []
            const entry: PipelineMappingFile['entries'][number] = {
                source: m.facility.ref,
                orgUnit: m.best.orgUnitCode ?? m.best.orgUnit,
                name: m.facility.name,
                matchedBy: 'fuzzy',
                confidence: Math.min(1, m.best.score),
            }
            if (m.district !== null) entry.district = m.district.name
            if (m.status === 'to-review') {
                entry.note = `À vérifier : « ${m.best.orgUnitName} » (score ${m.best.score})`
            }
            return [entry]
        }),
    }
}

/** Lines the bridge may use: confirmed by a person, or proposed with a clear score when allowed. */
export function usableEntries(file: FacilityMappingFile, acceptProposed: boolean): FacilityMappingEntry[] {
    return file.facilities.filter(
        (f) => f.orgUnit !== null && (f.status === 'confirmed' || (acceptProposed && f.status === 'proposed'))
    )
}
