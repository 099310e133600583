// XLSX reader: every visible worksheet is a table; merged cells keep their value in the first cell only,
// exactly like a CSV export of the same sheet. Hidden and very hidden sheets, hidden rows and hidden
// columns are not read (a draft or an old column must never win over what the person sees), and each
// one skipped that holds something is named in a warning, by sheet, row numbers or column letter only.
//
// The whole workbook is loaded (exceljs `Workbook.xlsx.load`), not streamed: exceljs 4.4's streaming
// reader decodes each chunk of a worksheet separately and corrupts an accented letter cut by a chunk
// boundary (« N��gatif »), and it does not give sheet states nor hidden rows and columns. Loading whole
// decodes every XML part as one string. Memory is bounded by refusing, before loading, a file or a
// declared uncompressed content above the caps below (large line lists go through CSV, which streams).
import type * as ExcelJS from 'exceljs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { makeIssue } from '../i18n/issues.js'
import { excelErrorParams, type CellProblem } from './cell-problems.js'
import { columnLetter, rowRanges } from './places.js'
import type { RawRowSink, ReadStats } from './raw.js'
import { listZip } from './zip.js'

export const XLSX_LIMITS = {
    fileBytes: 16 * 1024 * 1024,
    uncompressedBytes: 64 * 1024 * 1024,
}

const MIB = 1024 * 1024

type Cell = { text: string } | CellProblem

function scalarText(v: ExcelJS.CellValue): string | CellProblem {
    if (v === null || v === undefined) return ''
    if (typeof v === 'string') return v.trim()
    if (typeof v === 'number') return String(v)
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    if (typeof v === 'object') {
        if ('error' in v) return { problem: 'error', error: String(v.error) }
        if ('formula' in v || 'sharedFormula' in v) {
            const result = (v as { result?: ExcelJS.CellValue }).result
            if (result === undefined) return { problem: 'formula' }
            return scalarText(result)
        }
        if ('richText' in v && Array.isArray(v.richText))
            return v.richText
                .map((r) => r.text)
                .join('')
                .trim()
        if ('text' in v && typeof v.text === 'string') return v.text.trim()
    }
    // anything else exceljs may add one day: never « [object Object] » as a value
    return { problem: 'formula' }
}

function cellOf(cell: ExcelJS.Cell | undefined, mergeType: number): Cell {
    if (!cell || cell.type === mergeType) return { text: '' }
    const t = scalarText(cell.value)
    return typeof t === 'string' ? { text: t } : t
}

function hasContent(ws: ExcelJS.Worksheet): boolean {
    let found = false
    ws.eachRow({ includeEmpty: false }, (row) => {
        if (!found && row.hasValues) found = true
    })
    return found
}

/** Refuses, before loading, what would not fit in memory; null when the workbook may be loaded. */
async function tooLarge(path: string): Promise<{ size: number; limit: number } | null> {
    const fh = await open(path, 'r')
    try {
        const { size } = await fh.stat()
        if (size > XLSX_LIMITS.fileBytes) return { size, limit: XLSX_LIMITS.fileBytes }
        const entries = await listZip(fh, size)
        // no directory: let exceljs say the file is damaged
        const total = (entries ?? []).reduce((s, e) => s + e.size, 0)
        return total > XLSX_LIMITS.uncompressedBytes
            ? { size: total, limit: XLSX_LIMITS.uncompressedBytes }
            : null
    } finally {
        await fh.close()
    }
}

export async function readXlsx(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    const file = displayName ?? basename(path)
    const stats: ReadStats = { bytes: 0, rows: 0, encoding: 'xlsx' }
    let workbook: ExcelJS.Workbook
    let mergeType: number
    try {
        const big = await tooLarge(path)
        if (big) {
            const params = { size: Math.ceil(big.size / MIB), limit: big.limit / MIB }
            sink.issue(makeIssue('WORKBOOK_TOO_LARGE', { file }, params))
            return stats
        }
        // Imported here rather than at the top: in the bundle (dist/bridge.mjs) a static import of a package
        // would be hoisted and load exceljs, which is large, on every run, even for CSV.
        const { default: Excel } = await import('exceljs')
        mergeType = Excel.ValueType.Merge
        workbook = new Excel.Workbook()
        await workbook.xlsx.readFile(path)
    } catch (e) {
        sink.issue(
            makeIssue('UNREADABLE_FILE', { file }, { detail: e instanceof Error ? e.message : String(e) })
        )
        return stats
    }
    for (const ws of workbook.worksheets) {
        const sheet = ws.name || 'Feuille'
        if (ws.state === 'hidden' || ws.state === 'veryHidden') {
            if (hasContent(ws))
                sink.issue(makeIssue('HIDDEN_SHEET_SKIPPED', { file, sheet }, { sheet }, 'warning'))
            continue
        }
        sink.table({ file, sheet })
        const hiddenColumns = new Set<number>()
        for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenColumns.add(c)
        const hiddenWithContent = new Set<number>()
        const hiddenRows: number[] = []
        ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
            const cells: string[] = []
            const problems: Array<{ column: number; problem: CellProblem }> = []
            let blank = true
            for (let c = 1; c <= row.cellCount; c++) {
                const cell = cellOf(row.findCell(c), mergeType)
                const filled = !('text' in cell) || cell.text !== ''
                if (hiddenColumns.has(c)) {
                    if (filled && !row.hidden) hiddenWithContent.add(c)
                    cells.push('')
                    continue
                }
                if ('text' in cell) cells.push(cell.text)
                else {
                    // the value cannot be known: the cell is passed on empty, the rest of the row still counts
                    problems.push({ column: c, problem: cell })
                    cells.push('')
                }
                if (filled) blank = false
            }
            if (blank) return
            // styled but empty cells at the end of a row are not cells, as in a CSV export
            while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop()
            if (row.hidden) {
                hiddenRows.push(rowNumber)
                return
            }
            for (const { column, problem } of problems) {
                const at = { file, sheet, row: rowNumber, column: columnLetter(column) }
                if (problem.problem === 'error')
                    sink.issue(
                        makeIssue('EXCEL_ERROR_CELL', at, {
                            row: rowNumber,
                            ...excelErrorParams(problem.error),
                        })
                    )
                else sink.issue(makeIssue('FORMULA_NO_VALUE', at, { row: rowNumber }))
            }
            stats.rows++
            sink.row(rowNumber, cells)
        })
        for (const c of [...hiddenWithContent].sort((a, b) => a - b))
            sink.issue(
                makeIssue('HIDDEN_COLUMN_SKIPPED', { file, sheet, column: columnLetter(c) }, {}, 'warning')
            )
        if (hiddenRows.length > 0)
            sink.issue(
                makeIssue(
                    'HIDDEN_ROWS_SKIPPED',
                    { file, sheet },
                    { count: hiddenRows.length, rows: rowRanges(hiddenRows) },
                    'warning'
                )
            )
        sink.endTable()
    }
    return stats
}
