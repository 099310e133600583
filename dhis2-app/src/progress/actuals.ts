import type { AnalyticsRow } from '../shared/analytics-grid'

/** Analytics values indexed by data item, org unit and year. */
export class ValueIndex {
    private readonly values = new Map<string, number>()

    add(dx: string, ou: string, year: number, value: number): void {
        const key = `${dx}|${ou}|${year}`
        this.values.set(key, (this.values.get(key) ?? 0) + value)
    }

    get(dx: string, ou: string, year: number): number | null {
        return this.values.get(`${dx}|${ou}|${year}`) ?? null
    }

    get size(): number {
        return this.values.size
    }
}

/** Index of the scorecard's first request (dx × pe × ou; pe are yearly periods such as `2024`). */
export function indexActuals(rows: AnalyticsRow[]): ValueIndex {
    const index = new ValueIndex()
    for (const row of rows) {
        const { dx, ou, pe } = row.dimensions
        if (!dx || !ou || !pe || !/^\d{4}$/.test(pe)) continue
        index.add(dx, ou, Number(pe), row.value)
    }
    return index
}
