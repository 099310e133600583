// What a file really is, from its first bytes and (for zips) its list of entries: people rename files,
// web tools save HTML as .xls, and LibreOffice users send .ods. The extension only breaks ties for text.
import { open } from 'node:fs/promises'
import { listZip, type ZipEntry } from './zip.js'

export type Sniffed =
    | { kind: 'empty' }
    | { kind: 'text' }
    | { kind: 'xlsx'; entries: ZipEntry[] }
    | { kind: 'ods' }
    | { kind: 'xls' }
    | { kind: 'encrypted' }
    | { kind: 'html' }
    | { kind: 'xml2003' }
    /** Something that is clearly not a table: named in words the user recognises. */
    | { kind: 'other'; what: string }
    | { kind: 'binary' }

const HEAD = 8192
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
/** The stream name of an Office file protected by a password ("EncryptedPackage" in UTF-16LE). */
const ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le')
/** How much of an OLE2 file is searched for that name: a protected workbook is small. */
const OLE2_SEARCH = 32 * 1024 * 1024

function zipKind(entries: ZipEntry[], head: Buffer): Sniffed {
    const names = new Set(entries.map((e) => e.name))
    if (names.has('xl/workbook.xml')) return { kind: 'xlsx', entries }
    if (names.has('mimetype') && names.has('content.xml')) {
        const mime = head.toString('latin1')
        if (mime.includes('application/vnd.oasis.opendocument.spreadsheet')) return { kind: 'ods' }
        return { kind: 'other', what: 'OpenDocument' }
    }
    if (names.has('word/document.xml')) return { kind: 'other', what: 'Word (.docx)' }
    if (names.has('ppt/presentation.xml')) return { kind: 'other', what: 'PowerPoint (.pptx)' }
    return { kind: 'other', what: 'ZIP' }
}

function textKind(head: Buffer): Sniffed {
    const start = head
        .toString('latin1', 0, 2048)
        .replace(/^(\xef\xbb\xbf)?\s*/, '')
        .toLowerCase()
    if (start.startsWith('<')) {
        if (start.includes('urn:schemas-microsoft-com:office:spreadsheet') || start.includes('excel.sheet'))
            return { kind: 'xml2003' }
        if (/<(!doctype html|html|table|head|body|meta)\b/.test(start)) return { kind: 'html' }
    }
    return { kind: 'text' }
}

export async function sniffFile(path: string): Promise<Sniffed> {
    const fh = await open(path, 'r')
    try {
        const { size } = await fh.stat()
        if (size === 0) return { kind: 'empty' }
        const head = Buffer.alloc(Math.min(HEAD, size))
        await fh.read(head, 0, head.length, 0)
        if (head.length >= 8 && head.subarray(0, 8).equals(OLE2)) {
            const length = Math.min(size, OLE2_SEARCH)
            const whole = Buffer.alloc(length)
            await fh.read(whole, 0, length, 0)
            return whole.includes(ENCRYPTED) ? { kind: 'encrypted' } : { kind: 'xls' }
        }
        if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) {
            const entries = await listZip(fh, size)
            return entries ? zipKind(entries, head) : { kind: 'binary' }
        }
        if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { kind: 'other', what: 'PDF' }
        // UTF-16 text has NULs: its BOM says it is text, the CSV reader decodes it
        const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
        if (!utf16 && head.includes(0)) return { kind: 'binary' }
        return utf16 ? { kind: 'text' } : textKind(head)
    } finally {
        await fh.close()
    }
}
