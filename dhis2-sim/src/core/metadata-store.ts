// The simulator's metadata store: objects by collection, with the inverse side of associations derived from
// the owner side after every change, the way DHIS2 serves it; and DHIS2's built-in default category model.
import { emit, type Bus } from './change-bus.js'
import type { MetadataCollection, MetadataObject, MetadataStore } from './types.js'
import { METADATA_COLLECTIONS } from './types.js'

/** The built-in default category model, present in every DHIS2 database with these fixed UIDs. */
export const DEFAULT_CATEGORY_OPTION = 'xYerKDKCefk'
export const DEFAULT_CATEGORY = 'GLevLNI9wkl'
export const DEFAULT_CATEGORY_COMBO = 'bjDvmb4bfuf'
export const DEFAULT_CATEGORY_OPTION_COMBO = 'HllvX50cXC0'

export const DEFAULT_CREATED = '2016-01-01T00:00:00.000'

export function defaultCategoryObjects(): Partial<Record<MetadataCollection, MetadataObject[]>> {
    const stamp = { created: DEFAULT_CREATED, lastUpdated: DEFAULT_CREATED }
    return {
        categoryOptions: [
            { id: DEFAULT_CATEGORY_OPTION, code: 'default', name: 'default', shortName: 'default', ...stamp },
        ],
        categories: [
            {
                id: DEFAULT_CATEGORY,
                code: 'default',
                name: 'default',
                shortName: 'default',
                dataDimensionType: 'DISAGGREGATION',
                dataDimension: false,
                categoryOptions: [{ id: DEFAULT_CATEGORY_OPTION }],
                ...stamp,
            },
        ],
        categoryCombos: [
            {
                id: DEFAULT_CATEGORY_COMBO,
                code: 'default',
                name: 'default',
                dataDimensionType: 'DISAGGREGATION',
                skipTotal: false,
                categories: [{ id: DEFAULT_CATEGORY }],
                ...stamp,
            },
        ],
        categoryOptionCombos: [
            {
                id: DEFAULT_CATEGORY_OPTION_COMBO,
                code: 'default',
                name: 'default',
                ignoreApproval: false,
                categoryCombo: { id: DEFAULT_CATEGORY_COMBO },
                categoryOptions: [{ id: DEFAULT_CATEGORY_OPTION }],
                ...stamp,
            },
        ],
    }
}

type Ref = { id: string }

function refId(value: unknown): string | undefined {
    if (value && typeof value === 'object' && 'id' in value) {
        const id = (value as { id: unknown }).id
        return typeof id === 'string' ? id : undefined
    }
    return undefined
}

export function refIds(value: unknown): string[] {
    if (!Array.isArray(value)) return []
    const ids: string[] = []
    for (const item of value) {
        const id = refId(item)
        if (id !== undefined) ids.push(id)
    }
    return ids
}

/** Inverse (non-owner) properties: recomputed from the owner side, as DHIS2 serves them. */
const DERIVED_PROPERTIES: Partial<Record<MetadataCollection, string[]>> = {
    organisationUnits: [
        'path',
        'level',
        'ancestors',
        'children',
        'leaf',
        'dataSets',
        'organisationUnitGroups',
    ],
    dataElements: ['dataSetElements', 'dataElementGroups'],
    categoryCombos: ['categoryOptionCombos'],
    categories: ['categoryCombos'],
    categoryOptions: ['categories', 'categoryOptionCombos'],
    organisationUnitGroups: ['groupSets'],
    indicators: ['indicatorGroups'],
}

export function derivedProperties(collection: MetadataCollection): readonly string[] {
    return DERIVED_PROPERTIES[collection] ?? []
}

export interface LookupResult {
    collection: MetadataCollection
    object: MetadataObject
}

/** The metadata store with the extras the simulator's own routes use. */
export interface SimMetadataStore extends MetadataStore {
    /** Any object by UID, whatever its collection (UIDs are unique across DHIS2). */
    lookup(id: string): LookupResult | undefined
}

export class InMemoryMetadataStore implements SimMetadataStore {
    private readonly byId = new Map<MetadataCollection, Map<string, MetadataObject>>()
    private readonly lists = new Map<MetadataCollection, MetadataObject[]>()
    private codeIndex: Map<MetadataCollection, Map<string, MetadataObject>> | null = null
    private nameIndex: Map<MetadataCollection, Map<string, MetadataObject>> | null = null
    private readonly global = new Map<string, LookupResult>()
    private dirty = true
    private versionCounter = 0

    constructor(private readonly bus: Bus) {
        for (const collection of METADATA_COLLECTIONS) this.byId.set(collection, new Map())
    }

    get version(): number {
        return this.versionCounter
    }

    private map(collection: MetadataCollection): Map<string, MetadataObject> {
        const map = this.byId.get(collection)
        if (!map) throw new Error(`Unknown metadata collection ${String(collection)}`)
        return map
    }

    list(collection: MetadataCollection): readonly MetadataObject[] {
        this.ensureDerived()
        let list = this.lists.get(collection)
        if (!list) {
            list = [...this.map(collection).values()]
            this.lists.set(collection, list)
        }
        return list
    }

    get(collection: MetadataCollection, id: string): MetadataObject | undefined {
        this.ensureDerived()
        return this.map(collection).get(id)
    }

    lookup(id: string): LookupResult | undefined {
        this.ensureDerived()
        return this.global.get(id)
    }

    findBy(
        collection: MetadataCollection,
        scheme: 'UID' | 'CODE' | 'NAME',
        value: string
    ): MetadataObject | undefined {
        this.ensureDerived()
        const upper = scheme.toUpperCase()
        if (upper === 'UID' || upper === 'ID') return this.map(collection).get(value)
        if (upper === 'CODE') return this.index('code').get(collection)?.get(value)
        if (upper === 'NAME') return this.index('name').get(collection)?.get(value)
        return undefined
    }

    private index(property: 'code' | 'name'): Map<MetadataCollection, Map<string, MetadataObject>> {
        const existing = property === 'code' ? this.codeIndex : this.nameIndex
        if (existing) return existing
        const built = new Map<MetadataCollection, Map<string, MetadataObject>>()
        for (const [collection, objects] of this.byId) {
            const index = new Map<string, MetadataObject>()
            for (const object of objects.values()) {
                const key = object[property]
                if (typeof key === 'string' && !index.has(key)) index.set(key, object)
            }
            built.set(collection, index)
        }
        if (property === 'code') this.codeIndex = built
        else this.nameIndex = built
        return built
    }

    upsert(collection: MetadataCollection, object: MetadataObject): void {
        emit(this.bus, { kind: 'metadata.upsert', collection, object: structuredClone(object) })
        this.rawUpsert(collection, object)
    }

    /** Objects as stored, without deriving (seed folding). */
    rawValues(collection: MetadataCollection): Iterable<MetadataObject> {
        return this.map(collection).values()
    }

    rawGet(collection: MetadataCollection, id: string): MetadataObject | undefined {
        return this.map(collection).get(id)
    }

    /** Stores without emitting a change (seed loading). */
    rawUpsert(collection: MetadataCollection, object: MetadataObject): void {
        const map = this.map(collection)
        const previous = this.global.get(object.id)
        if (previous && previous.collection !== collection) this.map(previous.collection).delete(object.id)
        map.set(object.id, object)
        this.global.set(object.id, { collection, object })
        this.changed()
    }

    remove(collection: MetadataCollection, id: string): boolean {
        const map = this.map(collection)
        if (!map.has(id)) return false
        emit(this.bus, { kind: 'metadata.remove', collection, id })
        map.delete(id)
        this.global.delete(id)
        this.changed()
        return true
    }

    private changed(): void {
        this.versionCounter += 1
        this.lists.clear()
        this.codeIndex = null
        this.nameIndex = null
        this.dirty = true
    }

    private ensureDerived(): void {
        if (!this.dirty) return
        this.dirty = false
        this.deriveOrganisationUnits()
        this.deriveInverse()
    }

    private deriveOrganisationUnits(): void {
        const units = this.map('organisationUnits')
        const children = new Map<string, Ref[]>()
        for (const unit of units.values()) {
            const parent = refId(unit.parent)
            if (parent === undefined) continue
            let list = children.get(parent)
            if (!list) children.set(parent, (list = []))
            list.push({ id: unit.id })
        }
        const pathCache = new Map<string, string[]>()
        const chain = (id: string, seen: Set<string>): string[] => {
            const cached = pathCache.get(id)
            if (cached) return cached
            const unit = units.get(id)
            const parent = unit ? refId(unit.parent) : undefined
            let result: string[]
            if (parent === undefined || !units.has(parent) || seen.has(parent)) result = [id]
            else {
                seen.add(id)
                result = [...chain(parent, seen), id]
            }
            pathCache.set(id, result)
            return result
        }
        for (const unit of units.values()) {
            const ids = chain(unit.id, new Set())
            unit.path = '/' + ids.join('/')
            unit.level = ids.length
            unit.ancestors = ids.slice(0, -1).map((id) => ({ id }))
            const kids = children.get(unit.id) ?? []
            unit.children = kids
            unit.leaf = kids.length === 0
        }
    }

    private deriveInverse(): void {
        const inverse = (
            ownerCollection: MetadataCollection,
            ownerProperty: string,
            targetCollection: MetadataCollection,
            targetProperty: string,
            extract: (value: unknown) => string[] = refIds
        ): void => {
            const targets = this.map(targetCollection)
            const collected = new Map<string, Ref[]>()
            for (const owner of this.map(ownerCollection).values()) {
                for (const targetId of extract(owner[ownerProperty])) {
                    if (!targets.has(targetId)) continue
                    let list = collected.get(targetId)
                    if (!list) collected.set(targetId, (list = []))
                    if (!list.some((ref) => ref.id === owner.id)) list.push({ id: owner.id })
                }
            }
            for (const target of targets.values()) target[targetProperty] = collected.get(target.id) ?? []
        }
        inverse('dataSets', 'organisationUnits', 'organisationUnits', 'dataSets')
        inverse('organisationUnitGroups', 'organisationUnits', 'organisationUnits', 'organisationUnitGroups')
        inverse('dataElementGroups', 'dataElements', 'dataElements', 'dataElementGroups')
        inverse('categoryCombos', 'categories', 'categories', 'categoryCombos')
        inverse('categories', 'categoryOptions', 'categoryOptions', 'categories')
        inverse('categoryOptionCombos', 'categoryOptions', 'categoryOptions', 'categoryOptionCombos')
        inverse('organisationUnitGroupSets', 'organisationUnitGroups', 'organisationUnitGroups', 'groupSets')
        inverse('indicatorGroups', 'indicators', 'indicators', 'indicatorGroups')
        inverse(
            'categoryOptionCombos',
            'categoryCombo',
            'categoryCombos',
            'categoryOptionCombos',
            (value) => {
                const id = refId(value)
                return id === undefined ? [] : [id]
            }
        )
        // dataElements[].dataSetElements: the data set's embedded elements, as DHIS2 shares them.
        const elements = new Map<string, unknown[]>()
        for (const dataSet of this.map('dataSets').values()) {
            const list = Array.isArray(dataSet.dataSetElements) ? (dataSet.dataSetElements as unknown[]) : []
            for (const entry of list) {
                if (!entry || typeof entry !== 'object') continue
                const record = entry as Record<string, unknown>
                const de = refId(record.dataElement)
                if (de === undefined) continue
                if (refId(record.dataSet) === undefined) record.dataSet = { id: dataSet.id }
                let bucket = elements.get(de)
                if (!bucket) elements.set(de, (bucket = []))
                bucket.push(record)
            }
        }
        for (const dataElement of this.map('dataElements').values()) {
            dataElement.dataSetElements = elements.get(dataElement.id) ?? []
        }
    }
}

/**
 * Seeds may declare an association on its inverse side only (an org unit listing its groups or data
 * sets): fold that into the owner side so that the derived inverse keeps it.
 */
export function foldInverseSide(store: InMemoryMetadataStore): void {
    const fold = (
        targetCollection: MetadataCollection,
        targetProperty: string,
        ownerCollection: MetadataCollection,
        ownerProperty: string
    ): void => {
        for (const target of store.rawValues(targetCollection)) {
            for (const ownerId of refIds(target[targetProperty])) {
                const owner = store.rawGet(ownerCollection, ownerId)
                if (!owner) continue
                const refs = Array.isArray(owner[ownerProperty]) ? (owner[ownerProperty] as unknown[]) : []
                if (!refIds(refs).includes(target.id)) owner[ownerProperty] = [...refs, { id: target.id }]
            }
        }
    }
    // Raw access: reading through list()/get() would derive first and overwrite the inverse lists.
    fold('organisationUnits', 'dataSets', 'dataSets', 'organisationUnits')
    fold('organisationUnits', 'organisationUnitGroups', 'organisationUnitGroups', 'organisationUnits')
    fold('organisationUnitGroups', 'groupSets', 'organisationUnitGroupSets', 'organisationUnitGroups')
    fold('dataElements', 'dataElementGroups', 'dataElementGroups', 'dataElements')
    fold('indicators', 'indicatorGroups', 'indicatorGroups', 'indicators')
}
