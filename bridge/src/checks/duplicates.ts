// Duplicate detection that stays small and fast on national-scale files. A value's identity is two
// small integers: scope (org unit × month) and op (data element × COC × AOC, numbered from 0 in the
// order first seen). Each scope gets a block of 32 op slots (value as float32, row as int32) in
// fixed-size pages: ~10 bytes per value for a 28-value monthly report, no hashing per value (rows of
// one scope come together, so its block is remembered), and no copy or rehash as the file grows.
// Ops beyond 32 (rare wide mappings) go to a Map.
// The place (file and sheet) of a value is a small number. One scope's values nearly always come from
// one table, so the place is kept once per block; a slot filled from another place than its block's
// is the exception and goes to a Map. Memory per value stays what it was.

export interface SeenValue {
    row: number
    value: number
    /** Place number of the earlier occurrence (see `RunCells.place`). */
    place: number
}

const BLOCK = 32
const PAGE_SCOPES = 2048
const PAGE = BLOCK * PAGE_SCOPES

export class DuplicateTable {
    private readonly blocks = new Map<number, number>()
    private readonly rowPages: Int32Array[] = []
    private readonly valuePages: Float32Array[] = []
    /** Place + 1 of each block (0: none yet), one entry per scope. */
    private readonly placePages: Int32Array[] = []
    /** Slot (global index) → place, for slots filled from another place than their block's. */
    private readonly otherPlaces = new Map<number, number>()
    private used = 0
    private lastScope = -1
    private lastBlock = 0
    private lastRows: Int32Array = new Int32Array(0)
    private lastValues: Float32Array = new Float32Array(0)
    private lastPlaces: Int32Array = new Int32Array(0)
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
                this.placePages.push(new Int32Array(PAGE_SCOPES))
            }
            this.blocks.set(scope, b)
        }
        const page = Math.floor(b / PAGE)
        this.lastScope = scope
        this.lastBlock = b
        this.lastRows = this.rowPages[page] ?? this.lastRows
        this.lastValues = this.valuePages[page] ?? this.lastValues
        this.lastPlaces = this.placePages[page] ?? this.lastPlaces
        this.lastOffset = b % PAGE
    }

    /** Returns the earlier occurrence, or records this one (row ≥ 1) and returns undefined. */
    seen(scope: number, op: number, value: number, row: number, place = 0): SeenValue | undefined {
        if (op >= BLOCK) {
            const k = `${scope}|${op}`
            const prev = this.overflow.get(k)
            if (prev) return prev
            this.overflow.set(k, { row, value, place })
            this.count++
            return undefined
        }
        if (scope !== this.lastScope) this.select(scope)
        const i = this.lastOffset + op
        const prevRow = this.lastRows[i] ?? 0
        const blockPlace = this.lastOffset / BLOCK
        if (prevRow !== 0) {
            const p = this.otherPlaces.get(this.lastBlock + op) ?? (this.lastPlaces[blockPlace] ?? 1) - 1
            return { row: prevRow, value: this.lastValues[i] ?? 0, place: p }
        }
        this.lastRows[i] = row
        this.lastValues[i] = value
        const bp = this.lastPlaces[blockPlace] ?? 0
        if (bp === 0) this.lastPlaces[blockPlace] = place + 1
        else if (bp !== place + 1) this.otherPlaces.set(this.lastBlock + op, place)
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
