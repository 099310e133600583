// `bridge facilities match`: registry → proposals (mapping file to review) + creation metadata file.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { isRecord } from '../core/is-record.js'
import { EXIT, type CommandReport } from '../core/report.js'
import type { Localized } from '../core/types.js'
import { messageFor } from '../i18n/messages.js'
import type { MetadataApi } from '../dhis2/metadata-api.js'
import { listAll } from '../dhis2/paginate.js'
import { buildCreationFile, type CreationFile, type GroupRef } from './creation.js'
import { toMappingFile, toPipelineMapping, type FacilityMappingFile } from './mapping-file.js'
import { matchFacilities, type FacilityMatch, type MatchOptions, type OrgUnitRef } from './match.js'
import { readRegistry } from './registry.js'

export interface MatchCommandInput {
    api: MetadataApi
    registryPath: string
    /** Where the facility mapping (pipeline format, `mappings/facilities/…json`) goes. */
    mappingOut: string
    /** Where the review file (scores, alternatives, unmatched with reasons) goes. */
    reviewOut: string
    /** Where the metadata file creating unmatched facilities goes. */
    creationOut: string
    options?: MatchOptions & { openingDate?: string; defaultSector?: string }
    now?: Date
}

export interface MatchSummary {
    total: number
    proposed: number
    toReview: number
    unmatched: number
    unknownDistrict: number
}

export interface MatchCommandResult extends CommandReport {
    /** What to tell people: the counts, then where each file went. */
    lines: Localized[]
    matches: FacilityMatch[]
    summary: MatchSummary
    review: FacilityMappingFile
    creation: CreationFile
}

const ORG_UNIT_FIELDS = 'id,code,name,shortName,level,path,closedDate'

function str(value: unknown): string | undefined {
    return typeof value === 'string' ? value : undefined
}

export async function fetchOrgUnits(api: MetadataApi): Promise<OrgUnitRef[]> {
    const rows = await listAll(api, 'organisationUnits', ORG_UNIT_FIELDS)
    const out: OrgUnitRef[] = []
    for (const r of rows) {
        const id = str(r.id)
        const name = str(r.name)
        const path = str(r.path)
        if (id === undefined || name === undefined || path === undefined || typeof r.level !== 'number')
            continue
        const ou: OrgUnitRef = { id, name, path, level: r.level }
        const code = str(r.code)
        if (code !== undefined) ou.code = code
        const shortName = str(r.shortName)
        if (shortName !== undefined) ou.shortName = shortName
        const closed = str(r.closedDate)
        if (closed !== undefined) ou.closedDate = closed
        out.push(ou)
    }
    return out
}

export async function fetchGroups(api: MetadataApi): Promise<GroupRef[]> {
    const rows = await listAll(api, 'organisationUnitGroups', 'id,code,name,shortName,organisationUnits[id]')
    return rows.flatMap((r): GroupRef[] => {
        const id = str(r.id)
        const name = str(r.name)
        if (id === undefined || name === undefined) return []
        const members = Array.isArray(r.organisationUnits)
            ? r.organisationUnits.flatMap((m) => (isRecord(m) && typeof m.id === 'string' ? [m.id] : []))
            : []
        const group: GroupRef = { id, name, organisationUnits: members }
        const code = str(r.code)
        if (code !== undefined) group.code = code
        const shortName = str(r.shortName)
        if (shortName !== undefined) group.shortName = shortName
        return [group]
    })
}

export function summarise(matches: readonly FacilityMatch[]): MatchSummary {
    return {
        total: matches.length,
        proposed: matches.filter((m) => m.status === 'proposed').length,
        toReview: matches.filter((m) => m.status === 'to-review').length,
        unmatched: matches.filter((m) => m.status === 'unmatched').length,
        unknownDistrict: matches.filter((m) => m.reason === 'unknown-district').length,
    }
}

async function writeJson(path: string, value: unknown): Promise<void> {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`, 'utf8')
}

export async function runFacilitiesMatch(input: MatchCommandInput): Promise<MatchCommandResult> {
    const [registry, orgUnits, groups] = await Promise.all([
        readRegistry(input.registryPath),
        fetchOrgUnits(input.api),
        fetchGroups(input.api),
    ])
    const matches = matchFacilities(registry, orgUnits, input.options)
    const review = toMappingFile(matches, input.registryPath, input.now ?? new Date())
    const creation = buildCreationFile(
        matches.filter((m) => m.status === 'unmatched'),
        orgUnits,
        groups,
        input.options
    )
    await writeJson(input.reviewOut, review)
    await writeJson(input.mappingOut, toPipelineMapping(matches, input.registryPath))
    await writeJson(input.creationOut, creation)
    const summary = summarise(matches)
    const lines = [
        messageFor('FACILITIES_MATCHED', { ...summary }).message,
        messageFor('FACILITIES_MATCH_FILES', {
            mapping: input.mappingOut,
            review: input.reviewOut,
            creation: input.creationOut,
            created: creation.organisationUnits.length,
        }).message,
    ]
    return { matches, summary, review, creation, lines, exitCode: EXIT.success }
}
