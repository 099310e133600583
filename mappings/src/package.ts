// Typed access to the committed metadata package (mappings/metadata/dhis2-metadata-package.json), for the bridge, the
// simulator's demo database and the tests. Everything is looked up by code, never by a hard-coded UID.
import rawPackage from '../metadata/dhis2-metadata-package.json' with { type: 'json' }
import {
    PACKAGE_COLLECTIONS,
    type MetadataPackage,
    type PackageCollection,
    type PackageObject,
    type Ref,
} from './package-types.js'
import { DEFAULT_UIDS } from './uid.js'

export type { MetadataPackage, PackageCollection, PackageObject, Ref, Translation } from './package-types.js'
export { PACKAGE_COLLECTIONS } from './package-types.js'

export interface MetadataIndex {
    pkg: MetadataPackage
    /** code → object, per collection. */
    byCode(collection: PackageCollection, code: string): PackageObject | undefined
    /** uid → object, per collection. */
    byId(collection: PackageCollection, id: string): PackageObject | undefined
    /** code → uid; throws on an unknown code so a typo fails loudly. */
    uid(collection: PackageCollection, code: string): string
    dataElementUid(code: string): string
    dataSetUid(code: string): string
    indicatorUid(code: string): string
    indicatorTypeUid(code: string): string
    categoryComboUid(code: string): string
    orgUnitGroupUid(code: string): string
    orgUnitGroupSetUid(code: string): string
    categoryOptionUid(code: string): string
    /**
     * The option combo of a category combo with exactly these options (any order), e.g.
     * `cocUid('CC_RESULTAT_AGE', ['AGE_LT5', 'RES_POS'])`; `cocUid('default', [])` is the default COC.
     */
    cocUid(comboCode: string, optionCodes: string[]): string
    /** Option combos of a data element's combo: code and the option codes of each. */
    cocsOfDataElement(dataElementCode: string): Array<{ id: string; code: string; options: string[] }>
    /** Codes of the data elements of a data set, in package order. */
    dataSetElementCodes(dataSetCode: string): string[]
}

function isRef(value: unknown): value is Ref {
    return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
}

function refs(value: unknown): Ref[] {
    return Array.isArray(value) ? value.filter(isRef) : []
}

export function indexPackage(pkg: MetadataPackage): MetadataIndex {
    const codeMaps = new Map<PackageCollection, Map<string, PackageObject>>()
    const idMaps = new Map<PackageCollection, Map<string, PackageObject>>()
    for (const collection of PACKAGE_COLLECTIONS) {
        const objects = pkg[collection]
        codeMaps.set(collection, new Map(objects.map((o) => [o.code, o])))
        idMaps.set(collection, new Map(objects.map((o) => [o.id, o])))
    }
    const byCode = (collection: PackageCollection, code: string): PackageObject | undefined =>
        codeMaps.get(collection)?.get(code)
    const byId = (collection: PackageCollection, id: string): PackageObject | undefined =>
        idMaps.get(collection)?.get(id)
    const uid = (collection: PackageCollection, code: string): string => {
        if (code === 'default') {
            if (collection === 'categoryCombos') return DEFAULT_UIDS.categoryCombo
            if (collection === 'categoryOptionCombos') return DEFAULT_UIDS.categoryOptionCombo
            if (collection === 'categories') return DEFAULT_UIDS.category
            if (collection === 'categoryOptions') return DEFAULT_UIDS.categoryOption
        }
        const found = byCode(collection, code)
        if (!found) throw new Error(`Code inconnu / unknown code in ${collection}: ${code}`)
        return found.id
    }
    const optionCodeById = (id: string): string => {
        const option = byId('categoryOptions', id)
        if (!option) throw new Error(`Option de catégorie inconnue / unknown category option: ${id}`)
        return option.code
    }
    const cocsOfCombo = (comboUid: string): Array<{ id: string; code: string; options: string[] }> => {
        if (comboUid === DEFAULT_UIDS.categoryCombo) {
            return [{ id: DEFAULT_UIDS.categoryOptionCombo, code: 'default', options: [] }]
        }
        return pkg.categoryOptionCombos
            .filter((coc) => isRef(coc.categoryCombo) && coc.categoryCombo.id === comboUid)
            .map((coc) => ({
                id: coc.id,
                code: coc.code,
                options: refs(coc.categoryOptions).map((r) => optionCodeById(r.id)),
            }))
    }
    return {
        pkg,
        byCode,
        byId,
        uid,
        dataElementUid: (code) => uid('dataElements', code),
        dataSetUid: (code) => uid('dataSets', code),
        indicatorUid: (code) => uid('indicators', code),
        indicatorTypeUid: (code) => uid('indicatorTypes', code),
        categoryComboUid: (code) => uid('categoryCombos', code),
        orgUnitGroupUid: (code) => uid('organisationUnitGroups', code),
        orgUnitGroupSetUid: (code) => uid('organisationUnitGroupSets', code),
        categoryOptionUid: (code) => uid('categoryOptions', code),
        cocUid(comboCode, optionCodes) {
            const comboUid = uid('categoryCombos', comboCode)
            const wanted = [...optionCodes].sort().join('|')
            const match = cocsOfCombo(comboUid).find((coc) => [...coc.options].sort().join('|') === wanted)
            if (!match) {
                throw new Error(
                    `Aucune combinaison / no option combo in ${comboCode} for [${optionCodes.join(', ')}]`
                )
            }
            return match.id
        },
        cocsOfDataElement(dataElementCode) {
            const element = byCode('dataElements', dataElementCode)
            if (!element)
                throw new Error(`Élément de données inconnu / unknown data element: ${dataElementCode}`)
            const combo = isRef(element.categoryCombo) ? element.categoryCombo.id : DEFAULT_UIDS.categoryCombo
            return cocsOfCombo(combo)
        },
        dataSetElementCodes(dataSetCode) {
            const dataSet = byCode('dataSets', dataSetCode)
            if (!dataSet) throw new Error(`Ensemble de données inconnu / unknown data set: ${dataSetCode}`)
            const elements = Array.isArray(dataSet.dataSetElements) ? dataSet.dataSetElements : []
            return elements.flatMap((dse: unknown) => {
                const de =
                    typeof dse === 'object' && dse !== null
                        ? (dse as { dataElement?: unknown }).dataElement
                        : null
                const found = isRef(de) ? byId('dataElements', de.id) : undefined
                return found ? [found.code] : []
            })
        },
    }
}

function isPackageObject(value: unknown): value is PackageObject {
    if (typeof value !== 'object' || value === null) return false
    const o = value as { id?: unknown; code?: unknown; name?: unknown }
    return typeof o.id === 'string' && typeof o.code === 'string' && typeof o.name === 'string'
}

/** Checks the shape DHIS2 needs before anything relies on it (a hand-edited file fails here, not later). */
export function parseMetadataPackage(value: unknown): MetadataPackage {
    if (typeof value !== 'object' || value === null)
        throw new Error('Paquet de métadonnées invalide / invalid package')
    const record = value as Record<string, unknown>
    const descriptor = record.package
    if (typeof descriptor !== 'object' || descriptor === null) throw new Error('package descriptor missing')
    const out: Partial<Record<PackageCollection, PackageObject[]>> = {}
    for (const collection of PACKAGE_COLLECTIONS) {
        const list = record[collection]
        if (!Array.isArray(list) || !list.every(isPackageObject)) {
            throw new Error(`Collection invalide / invalid collection: ${collection}`)
        }
        out[collection] = list
    }
    const d = descriptor as Record<string, unknown>
    const text = (key: string): string => (typeof d[key] === 'string' ? d[key] : '')
    return {
        package: {
            code: text('code'),
            name: text('name'),
            version: text('version'),
            DHIS2Version: text('DHIS2Version'),
            locale: text('locale'),
            description: text('description'),
        },
        categoryOptions: out.categoryOptions ?? [],
        categories: out.categories ?? [],
        categoryCombos: out.categoryCombos ?? [],
        categoryOptionCombos: out.categoryOptionCombos ?? [],
        dataElements: out.dataElements ?? [],
        dataSets: out.dataSets ?? [],
        indicatorTypes: out.indicatorTypes ?? [],
        indicators: out.indicators ?? [],
        organisationUnitGroups: out.organisationUnitGroups ?? [],
        organisationUnitGroupSets: out.organisationUnitGroupSets ?? [],
        userGroups: out.userGroups ?? [],
    }
}

let cached: MetadataIndex | null = null

/** The committed package, parsed. Returns a deep copy each time so callers may mutate freely. */
export function loadMetadataPackage(): MetadataPackage {
    const raw: unknown = rawPackage
    return parseMetadataPackage(structuredClone(raw))
}

/** Shared read-only index over the committed package. */
export function metadataIndex(): MetadataIndex {
    cached ??= indexPackage(loadMetadataPackage())
    return cached
}
