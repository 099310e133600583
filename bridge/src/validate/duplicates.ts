// Duplicate detection that stays small on national-scale files: keys are packed into one number
// (org unit × period × data element/COC) and kept in typed arrays (~27 bytes per value), not
// a Map of strings (~130 bytes per value).

export interface SeenValue {
    row: number
    value: number
}

export class DuplicateTable {
    private keys: Float64Array
    private values: Float64Array
    private rows: Int32Array
    private count = 0

    constructor(capacity = 1 << 12) {
        this.keys = new Float64Array(capacity).fill(-1)
        this.values = new Float64Array(capacity)
        this.rows = new Int32Array(capacity)
    }

    private slot(key: number, keys: Float64Array): number {
        const mask = keys.length - 1
        let h = (Math.imul((key % 4294967296) ^ Math.floor(key / 4294967296), 0x9e3779b1) >>> 0) & mask
        while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & mask
        return h
    }

    /** Returns the earlier occurrence, or records this one and returns undefined. */
    seen(key: number, value: number, row: number): SeenValue | undefined {
        const i = this.slot(key, this.keys)
        if (this.keys[i] === key) return { row: this.rows[i] ?? 0, value: this.values[i] ?? 0 }
        this.keys[i] = key
        this.values[i] = value
        this.rows[i] = row
        if (++this.count * 4 > this.keys.length * 3) this.grow()
        return undefined
    }

    private grow(): void {
        const oldKeys = this.keys
        const oldValues = this.values
        const oldRows = this.rows
        const size = oldKeys.length * 2
        this.keys = new Float64Array(size).fill(-1)
        this.values = new Float64Array(size)
        this.rows = new Int32Array(size)
        for (let i = 0; i < oldKeys.length; i++) {
            const k = oldKeys[i] ?? -1
            if (k === -1) continue
            const j = this.slot(k, this.keys)
            this.keys[j] = k
            this.values[j] = oldValues[i] ?? 0
            this.rows[j] = oldRows[i] ?? 0
        }
    }

    get size(): number {
        return this.count
    }
}

/** A number standing for a value string: the number itself, or a hash for text. */
export function valueNumber(v: string): number {
    const n = Number(v)
    if (v !== '' && Number.isFinite(n)) return n
    let h = 0x811c9dc5
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619)
    return -1e15 - (h >>> 0)
}
