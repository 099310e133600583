// In-memory stores behind the Database interfaces of types.ts. Every write goes through a change bus
// so that persistence can journal it; derived metadata (org unit paths, reverse references) is
// recomputed lazily after a change, the way DHIS2 serves the inverse side of its associations.
import type {
    CompleteRegistration,
    CompleteRegistrationStore,
    Database,
    DatabaseSeed,
    DataStoreEntry,
    DataValueKey,
    DataValueStore,
    KeyValueStore,
    MetadataCollection,
    MetadataObject,
    MetadataStore,
    StoredDataValue,
    SystemSettings,
} from './types.js'
import { METADATA_COLLECTIONS } from './types.js'

/** Every write a client can make, as persistence journals it. */
export type DatabaseChange =
    | { kind: 'metadata.upsert'; collection: MetadataCollection; object: MetadataObject }
    | { kind: 'metadata.remove'; collection: MetadataCollection; id: string }
    | { kind: 'dataValue.put'; value: StoredDataValue }
    | { kind: 'completeRegistration.put'; registration: CompleteRegistration }
    | {
          kind: 'completeRegistration.remove'
          dataSet: string
          period: string
          orgUnit: string
          attributeOptionCombo: string
      }
    | { kind: 'dataStore.put'; user: string | null; entry: DataStoreEntry }
    | { kind: 'dataStore.remove'; user: string | null; namespace: string; key: string }
    | { kind: 'dataStore.removeNamespace'; user: string | null; namespace: string }
    | { kind: 'systemSetting.set'; key: string; value: SystemSettings[string] | undefined }
    | { kind: 'analytics.lastRun'; lastRun: string | null }

export type ChangeListener = (change: DatabaseChange) => void

/** The built-in default category model, present in every DHIS2 database with these fixed UIDs. */
export const DEFAULT_CATEGORY_OPTION = 'xYerKDKCefk'
export const DEFAULT_CATEGORY = 'GLevLNI9wkl'
export const DEFAULT_CATEGORY_COMBO = 'bjDvmb4bfuf'
export const DEFAULT_CATEGORY_OPTION_COMBO = 'HllvX50cXC0'

const DEFAULT_CREATED = '2016-01-01T00:00:00.000'

function defaultCategoryObjects(): Partial<Record<MetadataCollection, MetadataObject[]>> {
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

// ---------------------------------------------------------------------------------------------
// Change bus, attached to a database without widening the shared Database interface.

interface Bus {
    listeners: Set<ChangeListener>
    muted: number
}

const buses = new WeakMap<object, Bus>()

function emit(bus: Bus, change: DatabaseChange): void {
    if (bus.muted > 0) return
    for (const listener of bus.listeners) listener(change)
}

/** Whether a change would reach anyone: lets hot paths skip copying values for nobody. */
function listening(bus: Bus): boolean {
    return bus.muted === 0 && bus.listeners.size > 0
}

/** Subscribes to every write on `db`; returns the unsubscribe function. */
export function onDatabaseChange(db: Database, listener: ChangeListener): () => void {
    const bus = buses.get(db)
    if (!bus) throw new Error('Not a database created by createDatabase')
    bus.listeners.add(listener)
    return () => bus.listeners.delete(listener)
}

/** Runs `work` without notifying listeners (used to replay the journal). */
export function withoutChangeEvents<T>(db: Database, work: () => T): T {
    const bus = buses.get(db)
    if (!bus) throw new Error('Not a database created by createDatabase')
    bus.muted += 1
    try {
        return work()
    } finally {
        bus.muted -= 1
    }
}

// ---------------------------------------------------------------------------------------------
// Metadata

type Ref = { id: string }

function refId(value: unknown): string | undefined {
    if (value && typeof value === 'object' && 'id' in value) {
        const id = (value as { id: unknown }).id
        return typeof id === 'string' ? id : undefined
    }
    return undefined
}

function refIds(value: unknown): string[] {
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

class InMemoryMetadataStore implements SimMetadataStore {
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
function foldInverseSide(store: InMemoryMetadataStore): void {
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

// ---------------------------------------------------------------------------------------------
// Data values and complete registrations

export function dataValueKeyString(key: DataValueKey): string {
    return `${key.dataElement}|${key.period}|${key.orgUnit}|${key.categoryOptionCombo}|${key.attributeOptionCombo}`
}

/** A number per distinct string, handed out in order of first use. */
type Interned = Map<string, number>

/**
 * Data values in insertion order (what `all()` yields, as a Map would), located through small integers
 * instead of a composite string key per value: the seed loads 700k values, and building, hashing and
 * keeping a 60-character key for each cost most of the start-up time and half of the heap. Each
 * (org unit, period) pair has an array of positions in `rows`, indexed by a column number interned per
 * (data element, option combo, attribute option combo) triple.
 */
class InMemoryDataValueStore implements DataValueStore {
    private readonly rows: StoredDataValue[] = []
    /** Org unit → period → position in `rows` of each column's value (holes where there is none). */
    private readonly cells = new Map<string, Map<string, number[]>>()
    private readonly columnIds = new Map<string, Map<string, Interned>>()
    private columnCount = 0

    constructor(private readonly bus: Bus) {}

    get(key: DataValueKey): StoredDataValue | undefined {
        const slots = this.cells.get(key.orgUnit)?.get(key.period)
        if (slots === undefined) return undefined
        const column = this.columnIds
            .get(key.dataElement)
            ?.get(key.categoryOptionCombo)
            ?.get(key.attributeOptionCombo)
        if (column === undefined) return undefined
        const position = slots[column]
        return position === undefined ? undefined : this.rows[position]
    }

    put(value: StoredDataValue): void {
        if (listening(this.bus)) emit(this.bus, { kind: 'dataValue.put', value: { ...value } })
        this.rawPut(value)
    }

    rawPut(value: StoredDataValue): void {
        const slots = this.slots(value)
        const column = this.column(value)
        const position = slots[column]
        if (position === undefined) {
            slots[column] = this.rows.length
            this.rows.push(value)
        } else this.rows[position] = value
    }

    private slots(key: DataValueKey): number[] {
        let periods = this.cells.get(key.orgUnit)
        if (!periods) this.cells.set(key.orgUnit, (periods = new Map()))
        let slots = periods.get(key.period)
        if (!slots) periods.set(key.period, (slots = []))
        return slots
    }

    private column(key: DataValueKey): number {
        let combos = this.columnIds.get(key.dataElement)
        if (!combos) this.columnIds.set(key.dataElement, (combos = new Map()))
        let attributes = combos.get(key.categoryOptionCombo)
        if (!attributes) combos.set(key.categoryOptionCombo, (attributes = new Map()))
        let column = attributes.get(key.attributeOptionCombo)
        if (column === undefined) {
            column = this.columnCount++
            attributes.set(key.attributeOptionCombo, column)
        }
        return column
    }

    all(): Iterable<StoredDataValue> {
        return this.rows.values()
    }

    get size(): number {
        return this.rows.length
    }
}

function registrationKey(dataSet: string, period: string, orgUnit: string, aoc: string): string {
    return `${dataSet}|${period}|${orgUnit}|${aoc}`
}

class InMemoryCompleteRegistrationStore implements CompleteRegistrationStore {
    private readonly registrations = new Map<string, CompleteRegistration>()

    constructor(private readonly bus: Bus) {}

    get(dataSet: string, period: string, orgUnit: string, aoc: string): CompleteRegistration | undefined {
        return this.registrations.get(registrationKey(dataSet, period, orgUnit, aoc))
    }

    put(registration: CompleteRegistration): void {
        emit(this.bus, { kind: 'completeRegistration.put', registration: { ...registration } })
        this.rawPut(registration)
    }

    rawPut(registration: CompleteRegistration): void {
        const key = registrationKey(
            registration.dataSet,
            registration.period,
            registration.organisationUnit,
            registration.attributeOptionCombo
        )
        this.registrations.set(key, registration)
    }

    remove(dataSet: string, period: string, orgUnit: string, aoc: string): boolean {
        const key = registrationKey(dataSet, period, orgUnit, aoc)
        if (!this.registrations.has(key)) return false
        emit(this.bus, {
            kind: 'completeRegistration.remove',
            dataSet,
            period,
            orgUnit,
            attributeOptionCombo: aoc,
        })
        return this.registrations.delete(key)
    }

    all(): Iterable<CompleteRegistration> {
        return this.registrations.values()
    }
}

// ---------------------------------------------------------------------------------------------
// Key-value stores (dataStore and userDataStore)

class InMemoryKeyValueStore implements KeyValueStore {
    private readonly data = new Map<string, Map<string, DataStoreEntry>>()

    constructor(
        private readonly bus: Bus,
        private readonly user: string | null
    ) {}

    namespaces(): string[] {
        return [...this.data.keys()].sort()
    }

    keys(namespace: string): string[] | undefined {
        const entries = this.data.get(namespace)
        return entries ? [...entries.keys()].sort() : undefined
    }

    get(namespace: string, key: string): DataStoreEntry | undefined {
        return this.data.get(namespace)?.get(key)
    }

    put(entry: DataStoreEntry): void {
        emit(this.bus, { kind: 'dataStore.put', user: this.user, entry: structuredClone(entry) })
        let entries = this.data.get(entry.namespace)
        if (!entries) this.data.set(entry.namespace, (entries = new Map()))
        entries.set(entry.key, entry)
    }

    remove(namespace: string, key: string): boolean {
        const entries = this.data.get(namespace)
        if (!entries?.has(key)) return false
        emit(this.bus, { kind: 'dataStore.remove', user: this.user, namespace, key })
        entries.delete(key)
        if (entries.size === 0) this.data.delete(namespace)
        return true
    }

    removeNamespace(namespace: string): boolean {
        if (!this.data.has(namespace)) return false
        emit(this.bus, { kind: 'dataStore.removeNamespace', user: this.user, namespace })
        return this.data.delete(namespace)
    }
}

/** The user data store of `username`, created on first use. */
export function userKeyValueStore(db: Database, username: string): KeyValueStore {
    let store = db.userDataStore.get(username)
    if (!store) {
        const bus = buses.get(db)
        if (!bus) throw new Error('Not a database created by createDatabase')
        store = new InMemoryKeyValueStore(bus, username)
        db.userDataStore.set(username, store)
    }
    return store
}

// ---------------------------------------------------------------------------------------------

function observedSettings(bus: Bus, initial: SystemSettings): SystemSettings {
    const target: SystemSettings = { ...initial }
    return new Proxy(target, {
        set(object, key, value: SystemSettings[string]) {
            if (typeof key !== 'string') return false
            object[key] = value
            emit(bus, { kind: 'systemSetting.set', key, value })
            return true
        },
        deleteProperty(object, key) {
            if (typeof key !== 'string') return false
            delete object[key]
            emit(bus, { kind: 'systemSetting.set', key, value: undefined })
            return true
        },
    })
}

function observedAnalytics(bus: Bus): { lastRun: string | null } {
    let lastRun: string | null = null
    return {
        get lastRun() {
            return lastRun
        },
        set lastRun(value: string | null) {
            lastRun = value
            emit(bus, { kind: 'analytics.lastRun', lastRun: value })
        },
    }
}

export interface SimDatabase extends Database {
    metadata: SimMetadataStore
}

/** The simulator's metadata store (with `lookup`) if `db` was built by createDatabase. */
export function simMetadata(db: Database): SimMetadataStore {
    const store = db.metadata
    if ('lookup' in store && typeof store.lookup === 'function') return store as SimMetadataStore
    throw new Error('Not a database created by createDatabase')
}

/** Builds the in-memory database from a seed; the default category objects are always present. */
export function createDatabase(seed: DatabaseSeed): SimDatabase {
    const bus: Bus = { listeners: new Set(), muted: 0 }
    const metadata = new InMemoryMetadataStore(bus)
    const defaults = defaultCategoryObjects()
    for (const collection of METADATA_COLLECTIONS) {
        for (const object of defaults[collection] ?? [])
            metadata.rawUpsert(collection, structuredClone(object))
        for (const object of seed.metadata[collection] ?? []) {
            // DHIS2 stamps every object; seeds usually omit it.
            object.created ??= DEFAULT_CREATED
            object.lastUpdated ??= DEFAULT_CREATED
            metadata.rawUpsert(collection, object)
        }
    }
    foldInverseSide(metadata)
    const dataValues = new InMemoryDataValueStore(bus)
    for (const value of seed.dataValues) dataValues.rawPut(value)
    const completeRegistrations = new InMemoryCompleteRegistrationStore(bus)
    for (const registration of seed.completeRegistrations) completeRegistrations.rawPut(registration)
    const db: SimDatabase = {
        metadata,
        dataValues,
        completeRegistrations,
        dataStore: new InMemoryKeyValueStore(bus, null),
        userDataStore: new Map(),
        systemSettings: observedSettings(bus, seed.systemSettings),
        analytics: observedAnalytics(bus),
    }
    buses.set(db, bus)
    return db
}

/** An empty seed (default category model only); handy for tests. */
export function emptySeed(): DatabaseSeed {
    return { metadata: {}, users: [], dataValues: [], completeRegistrations: [], systemSettings: {} }
}
