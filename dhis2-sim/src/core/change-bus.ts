// The change bus of the simulator's database: every write is announced so that persistence can journal it.
// It is attached to a database without widening the shared Database interface.
import type {
    CompleteRegistration,
    Database,
    DataStoreEntry,
    MetadataCollection,
    MetadataObject,
    StoredDataValue,
    SystemSettings,
} from './types.js'

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

export interface Bus {
    listeners: Set<ChangeListener>
    muted: number
}

const buses = new WeakMap<object, Bus>()

export function createBus(): Bus {
    return { listeners: new Set(), muted: 0 }
}

/** Attaches a bus to the database it journals. */
export function attachBus(db: Database, bus: Bus): void {
    buses.set(db, bus)
}

/** The bus of a database built by createDatabase. */
export function busOf(db: Database): Bus {
    const bus = buses.get(db)
    if (!bus) throw new Error('Not a database created by createDatabase')
    return bus
}

export function emit(bus: Bus, change: DatabaseChange): void {
    if (bus.muted > 0) return
    for (const listener of bus.listeners) listener(change)
}

/** Whether a change would reach anyone: lets hot paths skip copying values for nobody. */
export function listening(bus: Bus): boolean {
    return bus.muted === 0 && bus.listeners.size > 0
}

/** Subscribes to every write on `db`; returns the unsubscribe function. */
export function onDatabaseChange(db: Database, listener: ChangeListener): () => void {
    const bus = busOf(db)
    bus.listeners.add(listener)
    return () => bus.listeners.delete(listener)
}

/** Runs `work` without notifying listeners (used to replay the journal). */
export function withoutChangeEvents<T>(db: Database, work: () => T): T {
    const bus = busOf(db)
    bus.muted += 1
    try {
        return work()
    } finally {
        bus.muted -= 1
    }
}
