// What every reader emits: raw rows of cells, numbered as a person sees them.
import type { ValidationIssue } from '../core/types.js'

export interface RawRowSink {
    /** A new table starts (CSV: once; XLSX: per worksheet; JSON: once). */
    table(name: { file: string; sheet?: string }): void
    /** Cells trimmed; `row` is 1-based. */
    row(row: number, cells: string[]): void
    /** File-level or row-level reading problems (encoding…). */
    issue(issue: ValidationIssue): void
    endTable(): void
}

export interface ReadStats {
    bytes: number
    rows: number
    encoding?: string
}
