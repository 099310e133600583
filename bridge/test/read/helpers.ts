// Test helpers for the readers: a sink that records what a reader emits, and a zip writer (stored
// entries) to build OpenDocument files and odd archives without another dependency.
import { crc32 } from 'node:zlib'
import type { ValidationIssue } from '../../src/core/types.js'
import type { RawRowSink } from '../../src/read/raw.js'

export interface Collected {
    tables: Array<{ file: string; sheet?: string }>
    rows: Array<{ sheet?: string; row: number; cells: string[] }>
    issues: ValidationIssue[]
    sink: RawRowSink
}

export function collector(): Collected {
    const out: Collected = { tables: [], rows: [], issues: [], sink: undefined as unknown as RawRowSink }
    let sheet: string | undefined
    out.sink = {
        table: (t) => {
            sheet = t.sheet
            out.tables.push(t)
        },
        row: (row, cells) => out.rows.push({ ...(sheet ? { sheet } : {}), row, cells }),
        issue: (i) => out.issues.push(i),
        endTable: () => undefined,
    }
    return out
}

/** A zip archive with uncompressed entries, in the given order (OpenDocument wants `mimetype` first). */
export function storedZip(entries: Array<[string, string | Buffer]>): Buffer {
    const locals: Buffer[] = []
    const centrals: Buffer[] = []
    let offset = 0
    for (const [name, content] of entries) {
        const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')
        const nameBuf = Buffer.from(name, 'utf8')
        const crc = crc32(data)
        const local = Buffer.alloc(30)
        local.writeUInt32LE(0x04034b50, 0)
        local.writeUInt16LE(20, 4)
        local.writeUInt32LE(crc, 14)
        local.writeUInt32LE(data.length, 18)
        local.writeUInt32LE(data.length, 22)
        local.writeUInt16LE(nameBuf.length, 26)
        const central = Buffer.alloc(46)
        central.writeUInt32LE(0x02014b50, 0)
        central.writeUInt16LE(20, 4)
        central.writeUInt16LE(20, 6)
        central.writeUInt32LE(crc, 16)
        central.writeUInt32LE(data.length, 20)
        central.writeUInt32LE(data.length, 24)
        central.writeUInt16LE(nameBuf.length, 28)
        central.writeUInt32LE(offset, 42)
        locals.push(local, nameBuf, data)
        centrals.push(central, nameBuf)
        offset += 30 + nameBuf.length + data.length
    }
    const dir = Buffer.concat(centrals)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(entries.length, 8)
    end.writeUInt16LE(entries.length, 10)
    end.writeUInt32LE(dir.length, 12)
    end.writeUInt32LE(offset, 16)
    return Buffer.concat([...locals, dir, end])
}

export interface SheetXml {
    name: string
    state?: 'hidden' | 'veryHidden'
    /** The `<sheetData>` content. */
    rows: string
}

/**
 * A minimal .xlsx written part by part, in the order Excel writes them (worksheets before the shared
 * strings), so a test controls the exact XML: inline strings, shared strings, formulas without values.
 */
export function xlsxFromXml(sheets: SheetXml[], sharedStrings: string[] = []): Buffer {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
    const parts: Array<[string, string]> = [
        [
            '[Content_Types].xml',
            `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
                `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
                `<Default Extension="xml" ContentType="application/xml"/>` +
                `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
                sheets
                    .map(
                        (_, i) =>
                            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
                    )
                    .join('') +
                `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
                `</Types>`,
        ],
        [
            '_rels/.rels',
            `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
                `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ],
        [
            'xl/workbook.xml',
            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
                sheets
                    .map(
                        (s, i) =>
                            `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`
                    )
                    .join('') +
                `</sheets></workbook>`,
        ],
        [
            'xl/_rels/workbook.xml.rels',
            `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
                sheets
                    .map(
                        (_, i) =>
                            `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
                    )
                    .join('') +
                `<Relationship Id="rId${sheets.length + 1}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
                `</Relationships>`,
        ],
        ...sheets.map((s, i): [string, string] => [
            `xl/worksheets/sheet${i + 1}.xml`,
            `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}" xmlns:r="${rel}"><sheetData>${s.rows}</sheetData></worksheet>`,
        ]),
        [
            'xl/sharedStrings.xml',
            `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">` +
                sharedStrings.map((t) => `<si><t>${esc(t)}</t></si>`).join('') +
                `</sst>`,
        ],
    ]
    return storedZip(parts)
}
