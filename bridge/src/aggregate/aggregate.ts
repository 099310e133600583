// The aggregate stage: line items (one test, one claim…) in, DHIS2 data values out.
// Each output value remembers the rows that made it, so a DHIS2 conflict on a count can be traced
// back to the file lines behind it; nothing else of the input row is kept.
import { valueKey, type MappedValue } from '../core/types.js'

/** Where a data value goes in DHIS2 (ids), with codes for people. */
export interface AggregateTarget {
    dataSet: string
    dataElement: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    orgUnit: string
    period: string
    dataElementCode: string
    categoryOptionComboCode: string
    orgUnitCode: string
}

/** One contribution: `amount` is 1 for a line-list row, the count (or money) for a pre-aggregated row. */
export interface LineItem {
    target: AggregateTarget
    amount: number
    file: string
    row: number
    column: string
    sheet?: string
}

interface Cell {
    target: AggregateTarget
    total: number
    rows: number[]
    file: string
    column: string
    sheet?: string
}

/** Sums line items per data element × option combo × attribute combo × org unit × period. */
export class Aggregator {
    private readonly cells = new Map<string, Cell>()

    add(item: LineItem): void {
        const key = valueKey(item.target)
        const cell = this.cells.get(key)
        if (cell === undefined) {
            const created: Cell = {
                target: item.target,
                total: item.amount,
                rows: [item.row],
                file: item.file,
                column: item.column,
            }
            if (item.sheet !== undefined) created.sheet = item.sheet
            this.cells.set(key, created)
        } else {
            cell.total += item.amount
            cell.rows.push(item.row)
        }
    }

    get size(): number {
        return this.cells.size
    }

    /** The aggregated values, in a stable order (by key) so that output files are reproducible. */
    values(): MappedValue[] {
        return [...this.cells.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([, cell]) => toValue(cell))
    }
}

/** Integers stay integers; money keeps at most two decimals, with a point as DHIS2 wants. */
export function formatAmount(n: number): string {
    return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100)
}

function toValue(cell: Cell): MappedValue {
    const rows = [...cell.rows].sort((a, b) => a - b)
    const value: MappedValue = {
        ...cell.target,
        value: formatAmount(cell.total),
        file: cell.file,
        row: rows[0] ?? 0,
        column: cell.column,
        rows,
    }
    if (cell.sheet !== undefined) value.sheet = cell.sheet
    return value
}

/** Pure form of the stage, for callers that hold every item at once. */
export function aggregate(items: Iterable<LineItem>): MappedValue[] {
    const aggregator = new Aggregator()
    for (const item of items) aggregator.add(item)
    return aggregator.values()
}
