// The Mali hierarchy of the demo database, read from fixtures/demo-db/org-units.json (the human-readable
// source) and turned into DHIS2 organisation units with deterministic UIDs.
import rawOrgUnits from '../../../fixtures/demo-db/org-units.json' with { type: 'json' }
import { uidFromCode } from '@odd3/mappings/uid'
import type { MetadataObject } from '../core/types.js'

export type FacilityType = 'CSREF' | 'CSCOM' | 'HOPITAL' | 'CLINIQUE' | 'CABINET' | 'LABO'
export type Sector = 'PUBLIC' | 'COMMUNAUTAIRE' | 'PRIVE_LUCRATIF' | 'PRIVE_NON_LUCRATIF'

interface FacilityJson {
    code: string
    name: string
    type: string
    sector: string
    openingDate: string
}
interface DistrictJson {
    code: string
    short: string
    name: string
    openingDate: string
    facilities: FacilityJson[]
}
interface RegionJson {
    code: string
    name: string
    openingDate: string
    districts: DistrictJson[]
}
interface HierarchyJson {
    country: { code: string; name: string; shortName: string; openingDate: string }
    regions: RegionJson[]
}

/** One org unit of the demo hierarchy, flattened, with what the data generator needs. */
export interface DemoOrgUnit {
    id: string
    code: string
    name: string
    shortName: string
    level: 1 | 2 | 3 | 4
    path: string
    parentId: string | null
    openingDate: string
    regionCode: string | null
    districtCode: string | null
    type: FacilityType | null
    sector: Sector | null
}

const FACILITY_TYPES: readonly string[] = ['CSREF', 'CSCOM', 'HOPITAL', 'CLINIQUE', 'CABINET', 'LABO']
const SECTORS: readonly string[] = ['PUBLIC', 'COMMUNAUTAIRE', 'PRIVE_LUCRATIF', 'PRIVE_NON_LUCRATIF']

function isFacilityType(value: string): value is FacilityType {
    return FACILITY_TYPES.includes(value)
}
function isSector(value: string): value is Sector {
    return SECTORS.includes(value)
}

export const LEVEL_NAMES: Record<number, { fr: string; en: string }> = {
    1: { fr: 'Pays', en: 'Country' },
    2: { fr: 'Région', en: 'Region' },
    3: { fr: 'District sanitaire', en: 'Health district' },
    4: { fr: 'Structure de santé', en: 'Health facility' },
}

/** DHIS2 limits shortName to 50 characters; long facility names get the usual Malian abbreviations. */
export function shortNameOf(name: string): string {
    if (name.length <= 50) return name
    const abbreviated = name
        .replace("Laboratoire d'Analyses Médicales", 'LAM')
        .replace('Centre de Santé', 'CS')
        .replace('Clinique Médico-Chirurgicale', 'CMC')
        .replace('de la Mission Catholique', 'Mission cath.')
    return abbreviated.length <= 50 ? abbreviated : abbreviated.slice(0, 50)
}

let cached: DemoOrgUnit[] | null = null

/** Every org unit, parents before children (country, regions, districts, facilities). */
export function demoOrgUnits(): DemoOrgUnit[] {
    if (cached) return cached
    const raw: HierarchyJson = rawOrgUnits
    const out: DemoOrgUnit[] = []
    const countryId = uidFromCode('organisationUnit', raw.country.code)
    out.push({
        id: countryId,
        code: raw.country.code,
        name: raw.country.name,
        shortName: raw.country.shortName,
        level: 1,
        path: `/${countryId}`,
        parentId: null,
        openingDate: raw.country.openingDate,
        regionCode: null,
        districtCode: null,
        type: null,
        sector: null,
    })
    for (const region of raw.regions) {
        const regionId = uidFromCode('organisationUnit', region.code)
        const regionPath = `/${countryId}/${regionId}`
        out.push({
            id: regionId,
            code: region.code,
            name: region.name,
            shortName: shortNameOf(region.name),
            level: 2,
            path: regionPath,
            parentId: countryId,
            openingDate: region.openingDate,
            regionCode: region.code,
            districtCode: null,
            type: null,
            sector: null,
        })
        for (const district of region.districts) {
            const districtId = uidFromCode('organisationUnit', district.code)
            const districtPath = `${regionPath}/${districtId}`
            out.push({
                id: districtId,
                code: district.code,
                name: district.name,
                shortName: shortNameOf(district.name),
                level: 3,
                path: districtPath,
                parentId: regionId,
                openingDate: district.openingDate,
                regionCode: region.code,
                districtCode: district.code,
                type: null,
                sector: null,
            })
            for (const facility of district.facilities) {
                if (!isFacilityType(facility.type) || !isSector(facility.sector)) {
                    throw new Error(`org-units.json: type or sector inconnu pour ${facility.code}`)
                }
                const id = uidFromCode('organisationUnit', facility.code)
                out.push({
                    id,
                    code: facility.code,
                    name: facility.name,
                    shortName: shortNameOf(facility.name),
                    level: 4,
                    path: `${districtPath}/${id}`,
                    parentId: districtId,
                    openingDate: facility.openingDate,
                    regionCode: region.code,
                    districtCode: district.code,
                    type: facility.type,
                    sector: facility.sector,
                })
            }
        }
    }
    cached = out
    return out
}

export function orgUnitMetadata(units: DemoOrgUnit[]): MetadataObject[] {
    return units.map((unit) => {
        const object: MetadataObject = {
            id: unit.id,
            code: unit.code,
            name: unit.name,
            shortName: unit.shortName,
            openingDate: `${unit.openingDate}T00:00:00.000`,
            level: unit.level,
            path: unit.path,
        }
        if (unit.parentId) object.parent = { id: unit.parentId }
        return object
    })
}

export function orgUnitLevelMetadata(): MetadataObject[] {
    return [1, 2, 3, 4].map((level) => {
        const names = LEVEL_NAMES[level] ?? { fr: `Niveau ${level}`, en: `Level ${level}` }
        return {
            id: uidFromCode('organisationUnitLevel', String(level)),
            code: `NIVEAU_${level}`,
            name: names.fr,
            level,
            translations: [
                { property: 'NAME', locale: 'fr', value: names.fr },
                { property: 'NAME', locale: 'en', value: names.en },
            ],
        }
    })
}
