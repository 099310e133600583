// The simulator's in-memory database: one store per kind behind the Database interfaces of types.ts
// (metadata-store.ts, data-value-store.ts, registration-store.ts, key-value-store.ts), all writing through the
// change bus (change-bus.ts) so that persistence can journal them.
import { attachBus, createBus, emit, type Bus } from './change-bus.js'
import { InMemoryDataValueStore } from './data-value-store.js'
import { InMemoryKeyValueStore } from './key-value-store.js'
import {
    DEFAULT_CREATED,
    defaultCategoryObjects,
    foldInverseSide,
    InMemoryMetadataStore,
    type SimMetadataStore,
} from './metadata-store.js'
import { InMemoryCompleteRegistrationStore } from './registration-store.js'
import type { Database, DatabaseSeed, SystemSettings } from './types.js'
import { METADATA_COLLECTIONS } from './types.js'

export {
    onDatabaseChange,
    withoutChangeEvents,
    type ChangeListener,
    type DatabaseChange,
} from './change-bus.js'
export { dataValueKeyString } from './data-value-store.js'
export { userKeyValueStore } from './key-value-store.js'
export {
    DEFAULT_CATEGORY,
    DEFAULT_CATEGORY_COMBO,
    DEFAULT_CATEGORY_OPTION,
    DEFAULT_CATEGORY_OPTION_COMBO,
    derivedProperties,
    type LookupResult,
    type SimMetadataStore,
} from './metadata-store.js'

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
    const bus = createBus()
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
    attachBus(db, bus)
    return db
}

/** An empty seed (default category model only); handy for tests. */
export function emptySeed(): DatabaseSeed {
    return { metadata: {}, users: [], dataValues: [], completeRegistrations: [], systemSettings: {} }
}
