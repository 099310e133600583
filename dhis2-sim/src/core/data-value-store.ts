// Data values in memory, indexed by org unit and period (the seed loads several hundred thousand of them).
import { emit, listening, type Bus } from './change-bus.js'
import type { DataValueKey, DataValueStore, StoredDataValue } from './types.js'

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
export class InMemoryDataValueStore implements DataValueStore {
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
