// The Mali demo database: the metadata package (optional), the org unit hierarchy and its groups, data
// set assignments, users, settings and deterministic routine data. Built at start-up, never stored.
import { MUTUELLES } from '@odd3/mappings/definitions'
import { indexPackage, loadMetadataPackage, type PackageObject } from '@odd3/mappings/metadata'
import type { DatabaseSeed, MetadataCollection, MetadataObject, SeedUser } from '../core/types.js'
import { demoCompleteRegistrations, demoDataValues } from './data.js'
import {
    demoOrgUnits,
    orgUnitLevelMetadata,
    orgUnitMetadata,
    type DemoOrgUnit,
    type FacilityType,
} from './org-units.js'
import { DEMO_GROUP_MEMBERS, demoUserRoles, demoUsers } from './users.js'

export { demoOrgUnits, type DemoOrgUnit } from './org-units.js'
export { demoUsers, APP_AUTHORITY } from './users.js'
export { FIRST_YEAR, LAST_YEAR, LAST_POPULATION_YEAR } from './profiles.js'

export interface DemoSeedOptions {
    includePackage: boolean
}

const SECTOR_GROUP: Record<string, string> = {
    PUBLIC: 'SECT_PUBLIC',
    COMMUNAUTAIRE: 'SECT_COMMUNAUTAIRE',
    PRIVE_LUCRATIF: 'SECT_PRIVE_LUCRATIF',
    PRIVE_NON_LUCRATIF: 'SECT_PRIVE_NON_LUCRATIF',
}

const TYPE_GROUP: Record<FacilityType, string> = {
    CSREF: 'TYPE_CSREF',
    CSCOM: 'TYPE_CSCOM',
    HOPITAL: 'TYPE_HOPITAL',
    CLINIQUE: 'TYPE_CLINIQUE',
    CABINET: 'TYPE_CABINET',
    LABO: 'TYPE_LABO',
}

/** Which org units each data set is assigned to (assignment is per installation, so not in the package). */
export function dataSetAssignment(dataSetCode: string, unit: DemoOrgUnit): boolean {
    const type = unit.type
    switch (dataSetCode) {
        case 'DS_SLIS_MENSUEL':
        case 'DS_POPULATION':
            return type === 'CSREF' || type === 'CSCOM'
        case 'DS_PRIVE_MENSUEL':
            return type === 'CLINIQUE' || type === 'CABINET' || type === 'HOPITAL'
        case 'DS_LABO_MENSUEL':
            return type === 'LABO'
        case 'DS_MUTUELLE_MENSUEL':
            // Membership on the district, claims on the care facility.
            return unit.level === 3 || (unit.level === 4 && type !== 'LABO')
        default:
            return false
    }
}

function groupMembers(units: DemoOrgUnit[]): Map<string, Array<{ id: string }>> {
    const members = new Map<string, Array<{ id: string }>>()
    const add = (group: string, id: string): void => {
        const list = members.get(group) ?? []
        list.push({ id })
        members.set(group, list)
    }
    for (const unit of units) {
        if (unit.level !== 4 || !unit.type || !unit.sector) continue
        const sector = SECTOR_GROUP[unit.sector]
        if (sector) add(sector, unit.id)
        add(TYPE_GROUP[unit.type], unit.id)
    }
    return members
}

function withMembers(groups: PackageObject[], members: Map<string, Array<{ id: string }>>): MetadataObject[] {
    return groups.map((group) => ({ ...group, organisationUnits: members.get(group.code) ?? [] }))
}

/** The package's user groups with their demo members, on both sides DHIS2 keeps (group `users`, user groups). */
function withUserMembers(groups: PackageObject[], users: SeedUser[]): MetadataObject[] {
    return groups.map((group) => {
        const usernames = DEMO_GROUP_MEMBERS[String(group.code)] ?? []
        const members = users.filter((user) => usernames.includes(user.username))
        for (const user of members) user.userGroups.push(group.id)
        return { ...group, users: members.map((user) => ({ id: user.id })) }
    })
}

export function buildDemoSeed(options: DemoSeedOptions): DatabaseSeed {
    const units = demoOrgUnits()
    const metadata: Partial<Record<MetadataCollection, MetadataObject[]>> = {
        organisationUnits: orgUnitMetadata(units),
        organisationUnitLevels: orgUnitLevelMetadata(),
        userRoles: demoUserRoles(),
    }
    const seed: DatabaseSeed = {
        metadata,
        users: demoUsers(),
        dataValues: [],
        completeRegistrations: [],
        systemSettings: {
            keyUiLocale: 'fr',
            keyDbLocale: 'fr',
            applicationTitle: 'SNIS Mali — base de démonstration',
            keyAnalysisDigitGroupSeparator: 'SPACE',
        },
    }
    if (!options.includePackage) return seed

    const pkg = loadMetadataPackage()
    const index = indexPackage(pkg)
    const members = groupMembers(units)
    metadata.categoryOptions = pkg.categoryOptions
    metadata.categories = pkg.categories
    metadata.categoryCombos = pkg.categoryCombos
    metadata.categoryOptionCombos = pkg.categoryOptionCombos
    metadata.dataElements = pkg.dataElements
    metadata.indicatorTypes = pkg.indicatorTypes
    metadata.indicators = pkg.indicators
    metadata.organisationUnitGroups = withMembers(pkg.organisationUnitGroups, members)
    metadata.userGroups = withUserMembers(pkg.userGroups, seed.users)
    metadata.organisationUnitGroupSets = pkg.organisationUnitGroupSets
    metadata.dataSets = pkg.dataSets.map((dataSet) => ({
        ...dataSet,
        organisationUnits: units
            .filter((unit) => dataSetAssignment(dataSet.code, unit))
            .map((unit) => ({ id: unit.id })),
    }))
    // Each mutuelle reports only where it operates: restrict its attribute option to its district.
    const mutuelleDistricts = new Map(MUTUELLES.map((m) => [m.code, m.district]))
    metadata.categoryOptions = pkg.categoryOptions.map((option) => {
        const district = mutuelleDistricts.get(option.code)
        if (!district) return option
        const scope = units.filter((u) => u.code === district).map((u) => ({ id: u.id }))
        return { ...option, organisationUnits: scope }
    })
    seed.dataValues = demoDataValues({ units, index })
    seed.completeRegistrations = demoCompleteRegistrations({ units, index })
    return seed
}
