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

/**
 * Called after the importer inserted a new row. Updates need no call: the importer changes stored
 * objects in place, so the references held here stay current.
 */
export function recordInsert(db: Database, value: StoredDataValue): void {
    const state = stateOf(db.dataValues)
    if (!state.byOrgUnit) return
    // Someone else wrote since the index was built: rebuild on the next read.
    if (db.dataValues.size !== state.size + 1) {
        state.byOrgUnit = null
        return
    }
    state.size += 1
    let list = state.byOrgUnit.get(value.orgUnit)
    if (!list) state.byOrgUnit.set(value.orgUnit, (list = []))
    list.push(value)
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
