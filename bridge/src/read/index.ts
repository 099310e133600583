// Picks the reader by file extension (content sniffing for CSV encodings happens inside).
import { extname } from 'node:path'
import { readCsv } from './csv.js'
import { readJson } from './json.js'
import type { RawRowSink, ReadStats } from './raw.js'

export type { RawRowSink, ReadStats } from './raw.js'

export function formatOf(path: string): 'csv' | 'xlsx' | 'json' {
    const ext = extname(path).toLowerCase()
    if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx'
    if (ext === '.json') return 'json'
    return 'csv'
}

export async function readFileRows(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    switch (formatOf(path)) {
        case 'xlsx': {
            // exceljs is large: loaded only when a workbook is read
            const { readXlsx } = await import('./xlsx.js')
            return readXlsx(path, sink, displayName)
        }
        case 'json':
            return readJson(path, sink, displayName)
        default:
            return readCsv(path, sink, displayName ? { displayName } : {})
    }
}
