// The dispatcher on files that are not what their extension says: the content decides, and formats that
// cannot be read get one French sentence saying how to save them as .xlsx.
import Excel from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readFileRows } from '../../src/read/index.js'
import { TableAssembler } from '../../src/read/table.js'
import type { ValidationIssue } from '../../src/core/types.js'
import { collector, storedZip } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'bridge-formats-'))
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

async function read(name: string, content: Buffer | string) {
    const path = join(dir, name)
    writeFileSync(path, content)
    const c = collector()
    await readFileRows(path, c.sink)
    return c
}

async function workbook(): Promise<Buffer> {
    const wb = new Excel.Workbook()
    wb.addWorksheet('Rapport').addRows([
        ['code_structure', 'valeur'],
        ['FS-C5-012', 12],
    ])
    return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('readFileRows: formats recognised by content', () => {
    it('explains an OpenDocument spreadsheet (.ods)', async () => {
        const ods = storedZip([
            ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
            ['content.xml', '<office:document-content/>'],
            ['META-INF/manifest.xml', '<manifest/>'],
        ])
        const { issues, rows } = await read('rapport.ods', ods)
        expect(rows).toEqual([])
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'FORMAT_ODS', severity: 'error', file: 'rapport.ods' })
        expect(issues[0]?.message.fr).toBe(
            'Ce fichier est au format OpenDocument (.ods) : ouvrez-le dans LibreOffice ou Excel et enregistrez-le en .xlsx (Classeur Excel).'
        )
        expect(issues[0]?.message.fr).not.toMatch(/ \/ /)
    })

    it('explains an old binary .xls (OLE2) and a password-protected workbook, whatever their extension', async () => {
        const xls = Buffer.concat([OLE2, Buffer.alloc(4096, 1)])
        expect((await read('rapport.xls', xls)).issues.map((i) => i.code)).toEqual(['FORMAT_XLS'])
        expect((await read('rapport.csv', xls)).issues.map((i) => i.code)).toEqual(['FORMAT_XLS'])
        const locked = Buffer.concat([OLE2, Buffer.alloc(2000), Buffer.from('EncryptedPackage', 'utf16le')])
        expect((await read('rapport.xlsx', locked)).issues.map((i) => i.code)).toEqual(['FORMAT_ENCRYPTED'])
    })

    it('explains an HTML page saved as .xls, and Excel 2003 XML', async () => {
        const html =
            '\ufeff<html><head><meta charset="utf-8"></head><body><table><tr><td>code</td></tr></table></body></html>'
        const { issues } = await read('export.xls', html)
        expect(issues.map((i) => i.code)).toEqual(['FORMAT_HTML'])
        expect(issues[0]?.message.fr).toMatch(/page web \(HTML\).*enregistrez-le en \.xlsx/)
        const xml =
            '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
        expect((await read('export2.xls', xml)).issues.map((i) => i.code)).toEqual(['FORMAT_XML_2003'])
    })

    it('says a .xlsx that is not a zip is not a valid workbook, and names other documents', async () => {
        const garbage = Buffer.from([1, 2, 3, 0, 0, 0, 9, 9, 9, 0xff])
        expect((await read('abime.xlsx', garbage)).issues.map((i) => i.code)).toEqual(['FORMAT_NOT_WORKBOOK'])
        expect((await read('abime.csv', garbage)).issues.map((i) => i.code)).toEqual(['FORMAT_BINARY'])
        const pdf = await read('rapport.xlsx', '%PDF-1.7\n...')
        expect(pdf.issues.map((i) => [i.code, i.message.fr])).toEqual([
            [
                'FORMAT_NOT_TABLE',
                'Ce fichier est un document PDF, pas un tableau : envoyez le rapport en .xlsx (Classeur Excel) ou en CSV.',
            ],
        ])
        const docx = storedZip([['word/document.xml', '<w:document/>']])
        expect((await read('rapport.xlsx', docx)).issues[0]?.message.fr).toContain('Word (.docx)')
    })

    it('reads a workbook saved with a .csv extension as a workbook, with a warning', async () => {
        const { issues, rows } = await read('rapport.csv', await workbook())
        expect(issues.map((i) => [i.code, i.severity])).toEqual([['WORKBOOK_WRONG_EXTENSION', 'warning']])
        expect(rows.map((r) => r.cells)).toEqual([
            ['code_structure', 'valeur'],
            ['FS-C5-012', '12'],
        ])
    })

    it('reads a text file saved as .xls (web tool export) as a CSV, with a warning', async () => {
        const { issues, rows } = await read('export.xls', 'code_structure\tvaleur\nFS-C5-012\t12\n')
        expect(issues.map((i) => [i.code, i.severity])).toEqual([['TEXT_WRONG_EXTENSION', 'warning']])
        expect(rows.map((r) => r.cells)).toEqual([
            ['code_structure', 'valeur'],
            ['FS-C5-012', '12'],
        ])
    })

    it('reports a refused format once, not also as an empty file', async () => {
        const issues: ValidationIssue[] = []
        const assembler = new TableAssembler([], { value: () => undefined, issue: (i) => issues.push(i) })
        const path = join(dir, 'seul.ods')
        writeFileSync(
            path,
            storedZip([
                ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
                ['content.xml', ''],
            ])
        )
        await readFileRows(path, assembler, 'seul.ods')
        assembler.finishFile('seul.ods')
        expect(issues.map((i) => i.code)).toEqual(['FORMAT_ODS'])
    })
})
