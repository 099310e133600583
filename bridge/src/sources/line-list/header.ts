// Reading a lab or mutuelle header without quoting anything that may be a patient's data: when no
// title of the layout is found, the row read as a header is data (a file without its title row), so
// it is reported as a missing header, with the titles expected, and none of its cells.
import type { Localized, SourceHeader } from '../../core/types.js'
import type { ValueSink } from '../../read/processor.js'
import { findColumn, type Column } from './columns.js'
import { lineListIssue } from './messages.js'

/** The titles a layout asks for, to tell a person what the first row should hold. */
export interface ExpectedTitles {
    layout: string
    titles: string[]
}

export function describeExpected(expected: readonly ExpectedTitles[]): Localized {
    const one = (e: ExpectedTitles): string => e.titles.join(' ; ')
    if (expected.length === 1) {
        const text = one(expected[0]!)
        return { fr: text, en: text }
    }
    return {
        fr: expected.map((e) => `${one(e)} (${e.layout})`).join(', ou '),
        en: expected.map((e) => `${one(e)} (${e.layout})`).join(', or '),
    }
}

/**
 * Finds the layout's columns in the header. Returns their indexes, or null (after reporting why) when a
 * required one is missing. Titles of the file are never quoted when the header is not recognised.
 */
export function locateColumns<F extends string>(
    header: SourceHeader,
    columns: Partial<Record<F, Column>>,
    isRequired: (field: F) => boolean,
    expected: readonly ExpectedTitles[],
    sink: ValueSink
): Partial<Record<F, number>> | null {
    const index: Partial<Record<F, number>> = {}
    const missing: Column[] = []
    for (const [field, column] of Object.entries(columns) as Array<[F, Column | undefined]>) {
        if (column === undefined) continue
        const i = findColumn(header.names, column)
        if (i >= 0) index[field] = i
        else if (isRequired(field)) missing.push(column)
    }
    if (missing.length === 0) return index
    const at = {
        file: header.file,
        row: header.row,
        ...(header.sheet !== undefined ? { sheet: header.sheet } : {}),
    }
    if (Object.keys(index).length === 0) {
        sink.issue(lineListIssue('NO_HEADER_ROW', at, { expected: describeExpected(expected) }))
        return null
    }
    for (const column of missing) sink.issue(lineListIssue('MISSING_COLUMN', { ...at, column: column.name }))
    return null
}
