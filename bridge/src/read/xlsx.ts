// XLSX reader (exceljs streaming): every worksheet is a table; merged cells keep their value in
// the first cell only, exactly like a CSV export of the same sheet.
import type * as ExcelJS from 'exceljs'
import { basename } from 'node:path'
import { makeIssue } from '../core/issues.js'
import type { RawRowSink, ReadStats } from './raw.js'

function cellText(v: ExcelJS.CellValue): string {
    if (v === null || v === undefined) return ''
    if (typeof v === 'string') return v.trim()
    if (typeof v === 'number') return String(v)
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    if (typeof v === 'object') {
        if ('richText' in v && Array.isArray(v.richText))
            return v.richText
                .map((r) => r.text)
                .join('')
                .trim()
        if ('result' in v) return cellText(v.result as ExcelJS.CellValue)
        if ('text' in v && typeof v.text === 'string') return v.text.trim()
        if ('error' in v) return String(v.error)
    }
    return String(v).trim()
}

function readName(ws: object): string | undefined {
    return 'name' in ws && typeof ws.name === 'string' ? ws.name : undefined
}

export async function readXlsx(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    const file = displayName ?? basename(path)
    const stats: ReadStats = { bytes: 0, rows: 0, encoding: 'xlsx' }
    try {
        // Imported here rather than at the top: in the bundle (dist/bridge.mjs) a static import of a package
        // would be hoisted and load exceljs, which is large, on every run, even for CSV.
        const { default: Excel } = await import('exceljs')
        const reader = new Excel.stream.xlsx.WorkbookReader(path, {
            sharedStrings: 'cache',
            worksheets: 'emit',
            styles: 'cache',
            hyperlinks: 'ignore',
            entries: 'ignore',
        })
        for await (const ws of reader) {
            const sheet = readName(ws) ?? 'Feuille'
            sink.table({ file, sheet })
            for await (const row of ws) {
                const values = row.values
                if (!Array.isArray(values)) continue
                const cells: string[] = []
                let blank = true
                // exceljs rows are 1-based: index 0 is unused
                for (let i = 1; i < values.length; i++) {
                    const t = cellText(values[i] as ExcelJS.CellValue)
                    if (t) blank = false
                    cells.push(t)
                }
                if (blank) continue
                stats.rows++
                sink.row(row.number, cells)
            }
            sink.endTable()
        }
    } catch (e) {
        sink.issue(
            makeIssue('UNREADABLE_FILE', { file }, { detail: e instanceof Error ? e.message : String(e) })
        )
    }
    return stats
}
