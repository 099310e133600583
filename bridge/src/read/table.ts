// Turns raw rows into records of a table: finds the header row below title rows, folds a merged
// group-header row above it into the column names, and hands records to the processor.
import { makeIssue } from '../i18n/issues.js'
import type { SourceHeader, ValidationIssue } from '../core/types.js'
import type { RecordProcessor, ValueSink } from './processor.js'
import type { RawRowSink } from './raw.js'

export interface HeaderCandidate<L> {
    layout: L
    /** How many of the layout's columns this row has (0 = not a header for it). */
    score(names: readonly string[], groups: readonly string[]): number
    createProcessor(): RecordProcessor
    searchRows: number
}

export interface TableOutcome {
    file: string
    sheet?: string
    rows: number
    ok: boolean
}

/** Fills merged cells of a group-header row to the right: "Consultations", "", "" → 3 × "Consultations". */
function spreadGroups(above: readonly string[] | undefined, width: number): string[] {
    const out: string[] = []
    let current = ''
    for (let i = 0; i < width; i++) {
        const c = above?.[i] ?? ''
        if (c) current = c
        out.push(current)
    }
    return out
}

export class TableAssembler implements RawRowSink {
    private file = ''
    private sheet: string | undefined
    private buffered: Array<{ row: number; cells: string[] }> = []
    private processor: RecordProcessor | null = null
    private header: SourceHeader | null = null
    private dataRows = 0
    private readonly maxSearch: number
    readonly tables: TableOutcome[] = []
    private readonly pendingFailures: ValidationIssue[] = []

    constructor(
        private readonly candidates: ReadonlyArray<HeaderCandidate<unknown>>,
        private readonly sink: ValueSink
    ) {
        this.maxSearch = Math.max(1, ...candidates.map((c) => c.searchRows))
    }

    table(name: { file: string; sheet?: string }): void {
        this.file = name.file
        this.sheet = name.sheet
        this.buffered = []
        this.processor = null
        this.header = null
        this.dataRows = 0
    }

    /** Rows refused while reading (encoding): such a file is not "empty". */
    private readIssues = 0

    /** File-level reading errors (format refused, unreadable workbook): the file is not « empty » either. */
    private readRefusals = 0

    issue(issue: ValidationIssue): void {
        if (issue.row !== undefined) this.readIssues++
        else if (issue.severity === 'error') this.readRefusals++
        this.sink.issue(issue)
    }

    row(row: number, cells: string[]): void {
        if (this.processor && this.header) {
            this.dataRows++
            this.processor.record({ header: this.header, row, cells }, this.sink)
            return
        }
        this.buffered.push({ row, cells })
        if (this.buffered.length >= this.maxSearch) this.findHeader(true)
    }

    private findHeader(final: boolean): void {
        let best: {
            score: number
            index: number
            cand: HeaderCandidate<unknown>
            groups: string[]
            names: string[]
        } | null = null
        for (let i = 0; i < this.buffered.length; i++) {
            const cells = this.buffered[i]?.cells ?? []
            const above = i > 0 ? this.buffered[i - 1]?.cells : undefined
            // a two-row header: group titles merged across columns above, and titles merged
            // down two rows (empty below) that belong to the lower row
            const options: Array<{ names: string[]; groups: string[] }> = [{ names: cells, groups: [] }]
            if (above && above.some((c) => c === '')) {
                const width = Math.max(cells.length, above.length)
                const folded = Array.from({ length: width }, (_, k) => cells[k] || above[k] || '')
                options.push({ names: folded, groups: spreadGroups(above, width) })
            }
            for (const cand of this.candidates) {
                if (i >= cand.searchRows) continue
                for (const o of options) {
                    const score = cand.score(o.names, o.groups)
                    if (score > 0 && (!best || score > best.score))
                        best = { score, index: i, cand, groups: o.groups, names: o.names }
                }
            }
        }
        if (!best) {
            if (!final) return
            // No header anywhere: let the first layout say which columns it misses, on the first row.
            const first = this.buffered[0]
            const cand = this.candidates[0]
            if (first && cand) best = { score: 0, index: 0, cand, groups: [], names: first.cells }
            else return
        }
        const h = this.buffered[best.index]
        if (!h) return
        const header: SourceHeader = { file: this.file, names: best.names, row: h.row }
        if (this.sheet !== undefined) header.sheet = this.sheet
        if (best.groups.length) header.groups = best.groups
        const processor = best.cand.createProcessor()
        const failures: ValidationIssue[] = []
        const ok = processor.begin(header, {
            value: (v) => this.sink.value(v),
            issue: (i) => (this.sheet !== undefined ? failures.push(i) : this.sink.issue(i)),
        })
        if (!ok) {
            this.pendingFailures.push(...failures)
            const rows = this.buffered.length
            this.tables.push({
                file: this.file,
                ...(this.sheet ? { sheet: this.sheet } : {}),
                rows,
                ok: false,
            })
            this.buffered = []
            this.processor = null
            this.header = { file: this.file, names: [], row: 0 }
            this.processor = { begin: () => false, record: () => undefined, end: () => undefined }
            return
        }
        for (const f of failures) this.sink.issue(f)
        this.header = header
        this.processor = processor
        const rest = this.buffered.slice(best.index + 1)
        this.buffered = []
        for (const r of rest) {
            this.dataRows++
            processor.record({ header, row: r.row, cells: r.cells }, this.sink)
        }
    }

    endTable(): void {
        if (!this.processor) this.findHeader(true)
        if (!this.processor) {
            // nothing at all in this table
            this.tables.push({
                file: this.file,
                ...(this.sheet ? { sheet: this.sheet } : {}),
                rows: 0,
                ok: false,
            })
            return
        }
        if (this.header && this.header.names.length > 0) {
            this.processor.end(this.sink)
            this.tables.push({
                file: this.file,
                ...(this.sheet ? { sheet: this.sheet } : {}),
                rows: this.dataRows,
                ok: true,
            })
        }
        this.processor = null
    }

    /** After the whole file: an empty file, or no table that could be read, is reported once. */
    finishFile(file: string): void {
        const mine = this.tables.filter((t) => t.file === file)
        const good = mine.filter((t) => t.ok)
        const readIssues = this.readIssues + this.readRefusals
        this.readIssues = 0
        this.readRefusals = 0
        if (readIssues > 0 && good.every((t) => t.rows === 0)) {
            this.pendingFailures.length = 0
            return
        }
        if (good.length === 0) {
            if (this.pendingFailures.length) for (const f of this.pendingFailures) this.sink.issue(f)
            else if (!mine.some((t) => !t.ok && t.rows > 0))
                this.sink.issue(makeIssue('EMPTY_FILE', { file }))
        } else if (good.every((t) => t.rows === 0)) this.sink.issue(makeIssue('EMPTY_FILE', { file }))
        this.pendingFailures.length = 0
    }
}
