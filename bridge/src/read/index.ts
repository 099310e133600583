// Picks the reader from what the file really is (read/sniff.ts), the extension only telling JSON from
// CSV among text files. Formats that cannot be read (.ods, old .xls, HTML saved as .xls, protected
// workbooks, PDF…) get one message saying how to save the file as .xlsx; a workbook or a text file
// under a misleading extension is read for what it is, with a warning.
import { basename, extname } from 'node:path'
import { makeIssue } from '../i18n/issues.js'
import type { MessageCode } from '../i18n/messages.js'
import { readCsv } from './csv.js'
import { readJson } from './json.js'
import type { RawRowSink, ReadStats } from './raw.js'
import { sniffFile, type Sniffed } from './sniff.js'

export type { RawRowSink, ReadStats } from './raw.js'

export type ReadFormat = 'csv' | 'xlsx' | 'json'

const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.ods'])

/** The reader the extension alone suggests (the content decides in `readFileRows`). */
export function formatOf(path: string): ReadFormat {
    const ext = extname(path).toLowerCase()
    if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx'
    if (ext === '.json') return 'json'
    return 'csv'
}

/** Why a file cannot be read, from its content; undefined when a reader takes it. */
function refusal(
    sniffed: Sniffed,
    ext: string
): { code: MessageCode; params?: Record<string, string> } | undefined {
    switch (sniffed.kind) {
        case 'ods':
            return { code: 'FORMAT_ODS' }
        case 'xls':
            return { code: 'FORMAT_XLS' }
        case 'encrypted':
            return { code: 'FORMAT_ENCRYPTED' }
        case 'html':
            return { code: 'FORMAT_HTML' }
        case 'xml2003':
            return { code: 'FORMAT_XML_2003' }
        case 'other':
            return { code: 'FORMAT_NOT_TABLE', params: { what: sniffed.what } }
        case 'binary':
            return WORKBOOK_EXTENSIONS.has(ext)
                ? { code: 'FORMAT_NOT_WORKBOOK', params: { ext } }
                : { code: 'FORMAT_BINARY' }
        default:
            return undefined
    }
}

export async function readFileRows(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    const file = displayName ?? basename(path)
    const ext = extname(path).toLowerCase()
    const sniffed = await sniffFile(path)
    const refused = refusal(sniffed, ext)
    if (refused) {
        sink.issue(makeIssue(refused.code, { file }, refused.params ?? {}))
        return { bytes: 0, rows: 0 }
    }
    if (sniffed.kind === 'xlsx') {
        if (ext !== '' && ext !== '.xlsx' && ext !== '.xlsm')
            sink.issue(makeIssue('WORKBOOK_WRONG_EXTENSION', { file }, { ext }, 'warning'))
        // exceljs is large: loaded only when a workbook is read
        const { readXlsx } = await import('./xlsx.js')
        return readXlsx(path, sink, displayName)
    }
    if (WORKBOOK_EXTENSIONS.has(ext) && sniffed.kind === 'text')
        sink.issue(makeIssue('TEXT_WRONG_EXTENSION', { file }, { ext }, 'warning'))
    if (ext === '.json') return readJson(path, sink, displayName)
    return readCsv(path, sink, displayName ? { displayName } : {})
}
