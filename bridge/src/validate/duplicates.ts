// Duplicate detection that stays small and fast on national-scale files. A value's identity is two
// small integers: scope (org unit × month) and op (data element × COC, numbered from 0 in the order
// first seen). Each scope gets a block of 32 op slots (value as float32, row as int32) in fixed-size
// pages: ~10 bytes per value for a 28-value monthly report, no hashing per value (rows of one scope
// come together, so its block is remembered), and no copy or rehash as the file grows.
// Ops beyond 32 (rare wide mappings) go to a Map.

export interface SeenValue {
    row: number
    value: number
}

const BLOCK = 32
const PAGE_SCOPES = 2048
const PAGE = BLOCK * PAGE_SCOPES

export class DuplicateTable {
    private readonly blocks = new Map<number, number>()
    private readonly rowPages: Int32Array[] = []
    private readonly valuePages: Float32Array[] = []
    private used = 0
    private lastScope = -1
    private lastRows: Int32Array = new Int32Array(0)
    private lastValues: Float32Array = new Float32Array(0)
    private lastOffset = 0
    private readonly overflow = new Map<string, SeenValue>()
    private count = 0

    private select(scope: number): void {
        let b = this.blocks.get(scope)
        if (b === undefined) {
            b = this.used
            this.used += BLOCK
            if (b % PAGE === 0) {
                // a zero row means "not seen": fresh pages are all zeros
                this.rowPages.push(new Int32Array(PAGE))
                this.valuePages.push(new Float32Array(PAGE))
            }
            this.blocks.set(scope, b)
        }
        const page = Math.floor(b / PAGE)
        this.lastScope = scope
        this.lastRows = this.rowPages[page] ?? this.lastRows
        this.lastValues = this.valuePages[page] ?? this.lastValues
        this.lastOffset = b % PAGE
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
        if (scope !== this.lastScope) this.select(scope)
        const i = this.lastOffset + op
        const prevRow = this.lastRows[i] ?? 0
        if (prevRow !== 0) return { row: prevRow, value: this.lastValues[i] ?? 0 }
        this.lastRows[i] = row
        this.lastValues[i] = value
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
