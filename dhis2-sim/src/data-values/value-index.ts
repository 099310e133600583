// Data values grouped by org unit, for exports. Built lazily from the store and dropped after any
// write, so an import of hundreds of thousands of values pays nothing per value.
import type { Database, DataValueStore, StoredDataValue } from '../core/types.js'

interface IndexState {
    size: number
    byOrgUnit: Map<string, StoredDataValue[]> | null
}

const states = new WeakMap<DataValueStore, IndexState>()

function stateOf(store: DataValueStore): IndexState {
    let state = states.get(store)
    if (!state) {
        state = { size: -1, byOrgUnit: null }
        states.set(store, state)
    }
    return state
}

/** Called for every write the importer makes. */
export function recordWrite(db: Database, _value: StoredDataValue): void {
    stateOf(db.dataValues).byOrgUnit = null
}

/** Every stored row (soft-deleted ones included), grouped by org unit UID. */
export function valuesByOrgUnit(db: Database): Map<string, StoredDataValue[]> {
    const state = stateOf(db.dataValues)
    if (state.byOrgUnit && state.size === db.dataValues.size) return state.byOrgUnit
    const byOrgUnit = new Map<string, StoredDataValue[]>()
    for (const value of db.dataValues.all()) {
        let list = byOrgUnit.get(value.orgUnit)
        if (!list) byOrgUnit.set(value.orgUnit, (list = []))
        list.push(value)
    }
    state.byOrgUnit = byOrgUnit
    state.size = db.dataValues.size
    return byOrgUnit
}
