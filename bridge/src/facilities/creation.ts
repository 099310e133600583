// A DHIS2 metadata file creating the facilities nobody could match: each under its district, in its
// sector and type groups. Group membership is written as DHIS2's list plus the new units, because an
// imported group replaces its member list: sending only the new ones would drop the existing members.
import { uidFromCode } from '@odd3/mappings/uid'
import type { FacilityMatch, OrgUnitRef } from './match.js'

export interface GroupRef {
    id: string
    code?: string
    name: string
    shortName?: string
    organisationUnits: string[]
}

export interface CreationFile {
    organisationUnits: Array<{
        id: string
        code: string
        name: string
        shortName: string
        openingDate: string
        parent: { id: string }
    }>
    organisationUnitGroups: Array<{
        id: string
        code?: string
        name: string
        shortName: string
        organisationUnits: Array<{ id: string }>
    }>
}

export interface CreationOptions {
    openingDate?: string
    /** Sector group code when the registry gives none. */
    defaultSector?: string
}

function districtShort(district: OrgUnitRef): string {
    const fromCode = district.code?.split('-').pop()
    if (fromCode !== undefined && fromCode.length > 0) return fromCode
    return district.name
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 4)
        .toUpperCase()
}

export function buildCreationFile(
    unmatched: readonly FacilityMatch[],
    orgUnits: readonly OrgUnitRef[],
    groups: readonly GroupRef[],
    options: CreationOptions = {}
): CreationFile {
    const openingDate = options.openingDate ?? '2000-01-01'
    const byId = new Map(orgUnits.map((ou) => [ou.id, ou]))
    const usedCodes = new Set(orgUnits.map((ou) => ou.code).filter((c): c is string => c !== undefined))
    const groupByCode = new Map(groups.filter((g) => g.code !== undefined).map((g) => [g.code, g]))
    const newMembers = new Map<string, string[]>()
    const units: CreationFile['organisationUnits'] = []

    for (const match of unmatched) {
        if (match.district === null) continue
        const district = byId.get(match.district.id)
        if (district === undefined) continue
        const short = districtShort(district)
        // Private facilities created by the bridge take numbers from 900 up, clear of the district's own.
        let n = 900
        while (usedCodes.has(`FS-${short}-${n}`)) n++
        const code = `FS-${short}-${n}`
        usedCodes.add(code)
        const id = uidFromCode('organisationUnit', code)
        units.push({
            id,
            code,
            name: match.facility.name,
            shortName: match.facility.name.slice(0, 50),
            openingDate,
            parent: { id: district.id },
        })
        for (const groupCode of [match.facility.sector ?? options.defaultSector, match.facility.type]) {
            if (groupCode === undefined) continue
            const list = newMembers.get(groupCode) ?? []
            list.push(id)
            newMembers.set(groupCode, list)
        }
    }

    const groupOut: CreationFile['organisationUnitGroups'] = []
    for (const [code, added] of newMembers) {
        const group = groupByCode.get(code)
        if (group === undefined) continue
        const members = [...new Set([...group.organisationUnits, ...added])]
        const entry: CreationFile['organisationUnitGroups'][number] = {
            id: group.id,
            name: group.name,
            shortName: group.shortName ?? group.name.slice(0, 50),
            organisationUnits: members.map((id) => ({ id })),
        }
        if (group.code !== undefined) entry.code = group.code
        groupOut.push(entry)
    }
    return { organisationUnits: units, organisationUnitGroups: groupOut }
}
