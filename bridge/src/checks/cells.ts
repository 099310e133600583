// One meaning per DHIS2 cell per run: every table of every file of one command registers the cells it
// gives here. Two different values for one cell block that cell (neither is sent: the first may be the
// stale draft); the same value twice is sent once. Values stream on before their twin may be found, so
// the blocked cells are kept (`conflicted`) and whoever holds the values drops them at the end.
import { valueKey, type MappedValue } from '../core/types.js'
import { DuplicateTable, valueNumber, type SeenValue } from './duplicates.js'

export interface Place {
    file: string
    sheet?: string
}

export interface Occurrence {
    place: number
    row: number
}

export class RunCells {
    private readonly table = new DuplicateTable()
    private readonly places: Place[] = []
    private readonly placeIndex = new Map<string, number>()
    private readonly ops = new Map<string, number>()
    /** Blocked cells (`valueKey`) → where the value that was already passed on came from. */
    readonly conflicted = new Map<string, Occurrence>()
    /** Monthly reports (`reportKey` of complete/select.ts) that must not be registered complete. */
    readonly incompleteReports = new Set<string>()
    private readonly aggregated = new Map<string, { num: number; value: string } & Occurrence>()

    /** A small number for a table (file, sheet), stored with each value instead of the names. */
    place(file: string, sheet?: string): number {
        const k = sheet === undefined ? file : `${file}\u0000${sheet}`
        let n = this.placeIndex.get(k)
        if (n === undefined) {
            n = this.places.length
            this.places.push(sheet === undefined ? { file } : { file, sheet })
            this.placeIndex.set(k, n)
        }
        return n
    }

    placeOf(n: number): Place {
        return this.places[n] ?? { file: '?' }
    }

    /** Run-wide number of a data element × COC × AOC, so tables of several layouts share identities. */
    op(dataElement: string, coc: string, aoc: string): number {
        const k = `${dataElement}|${coc}|${aoc}`
        let n = this.ops.get(k)
        if (n === undefined) this.ops.set(k, (n = this.ops.size))
        return n
    }

    /** The earlier occurrence of a cell, or undefined after recording this one. Hot loop: numbers only. */
    seen(scope: number, op: number, num: number, row: number, place: number): SeenValue | undefined {
        return this.table.seen(scope, op, num, row, place)
    }

    /** Marks a cell blocked; returns false when it already was (the first value is counted once). */
    block(key: string, first: Occurrence): boolean {
        if (this.conflicted.has(key)) return false
        this.conflicted.set(key, first)
        return true
    }

    /**
     * For values made at the end of a table (lab and mutuelle totals): the same check, by key.
     * Returns undefined for a first occurrence.
     */
    seenAggregated(v: MappedValue, place: number): ({ value: string } & Occurrence) | undefined {
        const key = valueKey(v)
        const prev = this.aggregated.get(key)
        if (prev) return prev
        this.aggregated.set(key, { num: valueNumber(v.value), value: v.value, place, row: v.row })
        return undefined
    }
}

/** « rapport.xlsx › Mars 2024 »: a table named the same way in French and English. */
export function placeLabel(p: Place): string {
    return p.sheet === undefined ? p.file : `${p.file} › ${p.sheet}`
}
