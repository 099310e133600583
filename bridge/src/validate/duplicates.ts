// Duplicate detection that stays small on national-scale files: a value's identity is two small
// integers (scope = org unit × period, op = data element × COC), kept in typed arrays
// (14 bytes per slot, at most 60 % full so linear probing stays short) rather than a Map of strings (~130 bytes per value).

export interface SeenValue {
    row: number
    value: number
}

export class DuplicateTable {
    private scopes: Int32Array
    private ops: Uint16Array
    private values: Float32Array
    private rows: Int32Array
    private count = 0
    private limit: number

    constructor(capacity = 1 << 14) {
        this.scopes = new Int32Array(capacity).fill(-1)
        this.ops = new Uint16Array(capacity)
        this.values = new Float32Array(capacity)
        this.rows = new Int32Array(capacity)
        this.limit = Math.floor(capacity * 0.6)
    }

    private static slot(scope: number, op: number, scopes: Int32Array, ops: Uint16Array): number {
        const cap = scopes.length
        const h = (Math.imul(scope, 0x9e3779b1) ^ Math.imul(op + 1, 0x85ebca6b)) >>> 0
        // multiply-shift range reduction: uses the hash's high bits, works for any capacity
        let i = Math.floor((h * cap) / 4294967296)
        for (;;) {
            const s = scopes[i]
            if (s === -1 || (s === scope && ops[i] === op)) return i
            i = i + 1 === cap ? 0 : i + 1
        }
    }

    /** Returns the earlier occurrence, or records this one and returns undefined. */
    seen(scope: number, op: number, value: number, row: number): SeenValue | undefined {
        const i = DuplicateTable.slot(scope, op, this.scopes, this.ops)
        if (this.scopes[i] !== -1) return { row: this.rows[i] ?? 0, value: this.values[i] ?? 0 }
        this.scopes[i] = scope
        this.ops[i] = op
        this.values[i] = value
        this.rows[i] = row
        if (++this.count > this.limit) this.grow()
        return undefined
    }

    private grow(): void {
        const { scopes, ops, values, rows } = this
        const size = scopes.length * 2
        this.scopes = new Int32Array(size).fill(-1)
        this.ops = new Uint16Array(size)
        this.values = new Float32Array(size)
        this.rows = new Int32Array(size)
        this.limit = Math.floor(size * 0.6)
        for (let i = 0; i < scopes.length; i++) {
            const s = scopes[i] ?? -1
            if (s === -1) continue
            const op = ops[i] ?? 0
            const j = DuplicateTable.slot(s, op, this.scopes, this.ops)
            this.scopes[j] = s
            this.ops[j] = op
            this.values[j] = values[i] ?? 0
            this.rows[j] = rows[i] ?? 0
        }
    }

    get size(): number {
        return this.count
    }
}

export const TEXT_MARK = -(2 ** 23)

/**
 * A float32 standing for a value string: the number itself (counts are exact up to 16 million),
 * or a 23-bit hash below TEXT_MARK for text. Rounding could call two decimals that differ only
 * after the 7th significant digit "the same": acceptable for duplicate warnings.
 */
export function valueNumber(v: string): number {
    const n = Number(v)
    if (v !== '' && Number.isFinite(n) && n > TEXT_MARK) return Math.fround(n)
    let h = 0x811c9dc5
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619)
    return Math.fround(TEXT_MARK - ((h >>> 0) & 0x7fffff))
}
