import { within } from '@testing-library/react'

/** A string as a regular expression that matches it literally (plan codes hold dots). */
export function literal(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The rows of a table's body: those with cells, not the header row. */
export function bodyRows(table: HTMLElement): HTMLElement[] {
    return within(table)
        .getAllByRole('row')
        .filter((row) => within(row).queryAllByRole('cell').length > 0)
}

/**
 * The cell of a row under a column header, as a sighted user reads a figure: by its column. A row header
 * (`<th scope="row">`) counts as the row's first cell.
 */
export function cellOf(row: HTMLElement, column: string | RegExp): HTMLElement {
    const table = row.closest('table')
    if (!table) throw new Error('the row is in no table')
    const header = within(table).getByRole('columnheader', { name: column })
    const index = within(table).getAllByRole('columnheader').indexOf(header)
    const cells = [...within(row).queryAllByRole('rowheader'), ...within(row).getAllByRole('cell')]
    const cell = cells[index]
    if (!cell) throw new Error(`no cell under ${String(column)}`)
    return cell
}
