// Duplicate detection that stays small and fast on national-scale files. A value's identity is two
// small integers: scope (org unit × month) and op (data element × COC, numbered from 0 in the order
// first seen). Each scope gets a block of 32 op slots (value as float32, row as int32) in one growing
// slab: ~10 bytes per value for a 28-value monthly report, no hashing per value (rows of one scope
// come together, so the scope's block is remembered), and growth is a plain copy, never a rehash.
// Ops beyond 32 (rare wide mappings) go to a Map.

export interface SeenValue {
    row: number
    value: number
}

const BLOCK = 32

export class DuplicateTable {
    private blocks = new Map<number, number>()
    private rows: Int32Array
    private values: Float32Array
    private used = 0
    private lastScope = -1
    private lastBase = 0
    private readonly overflow = new Map<string, SeenValue>()
    private count = 0

    constructor(initialScopes = 1024) {
        this.rows = new Int32Array(initialScopes * BLOCK)
        this.values = new Float32Array(initialScopes * BLOCK)
    }

    private base(scope: number): number {
        if (scope === this.lastScope) return this.lastBase
        let b = this.blocks.get(scope)
        if (b === undefined) {
            b = this.used
            this.used += BLOCK
            if (this.used > this.rows.length) {
                // rows are 0 in an unused slot: a plain copy keeps every block where it was
                const rows = new Int32Array(this.rows.length * 2)
                rows.set(this.rows)
                const values = new Float32Array(this.values.length * 2)
                values.set(this.values)
                this.rows = rows
                this.values = values
            }
            this.blocks.set(scope, b)
        }
        this.lastScope = scope
        this.lastBase = b
        return b
    }

    /** Returns the earlier occurrence, or records this one (row ≥ 1) and returns undefined. */
    seen(scope: number, op: number, value: number, row: number): SeenValue | undefined {
        if (op >= BLOCK) {
            const k = `${scope}|${op}`
            const prev = this.overflow.get(k)
            if (prev) return prev
            this.overflow.set(k, { row, value })
            this.count++
            return undefined
        }
        const i = this.base(scope) + op
        const prevRow = this.rows[i] ?? 0
        if (prevRow !== 0) return { row: prevRow, value: this.values[i] ?? 0 }
        this.rows[i] = row
        this.values[i] = value
        this.count++
        return undefined
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
