// Key-value stores in memory: the dataStore (user null) and each user's userDataStore.
import { busOf, emit, type Bus } from './change-bus.js'
import type { Database, DataStoreEntry, KeyValueStore } from './types.js'

export class InMemoryKeyValueStore implements KeyValueStore {
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
        store = new InMemoryKeyValueStore(busOf(db), username)
        db.userDataStore.set(username, store)
    }
    return store
}
