// The XLSX reader on workbooks as people leave them: hidden drafts, hidden rows and columns, formulas
// and Excel errors, merged titles, and accents everywhere (exceljs's streaming reader broke them).
import Excel from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readXlsx, XLSX_LIMITS } from '../../src/read/xlsx.js'
import { collector, xlsxFromXml } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'bridge-xlsx-'))
const PATIENT = 'Awa Traoré'

async function read(path: string) {
    const c = collector()
    const stats = await readXlsx(path, c.sink)
    return { ...c, stats }
}

async function save(wb: Excel.Workbook, name: string): Promise<string> {
    const path = join(dir, name)
    await wb.xlsx.writeFile(path)
    return path
}

describe('readXlsx: what is hidden is not read', () => {
    it('skips hidden and very hidden sheets, naming each one that holds something', async () => {
        const wb = new Excel.Workbook()
        wb.addWorksheet('Rapport').addRows([
            ['code_structure', 'valeur'],
            ['FS-C5-012', 12],
        ])
        const draft = wb.addWorksheet('Brouillon', { state: 'hidden' })
        draft.addRows([
            ['code_structure', 'valeur'],
            ['FS-C5-012', 99],
        ])
        const old = wb.addWorksheet('Ancien', { state: 'veryHidden' })
        old.addRow([PATIENT])
        wb.addWorksheet('Vide cachée', { state: 'hidden' })
        const { tables, rows, issues } = await read(await save(wb, 'hidden-sheets.xlsx'))
        expect(tables.map((t) => t.sheet)).toEqual(['Rapport'])
        expect(rows.map((r) => r.cells)).toEqual([
            ['code_structure', 'valeur'],
            ['FS-C5-012', '12'],
        ])
        expect(issues.map((i) => [i.code, i.severity, i.sheet])).toEqual([
            ['HIDDEN_SHEET_SKIPPED', 'warning', 'Brouillon'],
            ['HIDDEN_SHEET_SKIPPED', 'warning', 'Ancien'],
        ])
        expect(issues[0]?.message.fr).toBe('La feuille masquée « Brouillon » n’a pas été lue.')
        expect(JSON.stringify(issues)).not.toContain('Awa')
    })

    it('passes a hidden column on empty, so an old column with the template title cannot win', async () => {
        const wb = new Excel.Workbook()
        const ws = wb.addWorksheet('Rapport')
        ws.addRows([
            ['code_structure', 'periode', 'CPN1', 'CPN1', 'nom'],
            ['FS-C5-012', '2024-01', 99, 12, PATIENT],
            ['FS-C5-013', '2024-01', 98, 7, PATIENT],
        ])
        ws.getColumn(3).hidden = true
        ws.getColumn(5).hidden = true
        const { rows, issues } = await read(await save(wb, 'hidden-column.xlsx'))
        expect(rows.map((r) => r.cells)).toEqual([
            ['code_structure', 'periode', '', 'CPN1'],
            ['FS-C5-012', '2024-01', '', '12'],
            ['FS-C5-013', '2024-01', '', '7'],
        ])
        expect(issues.map((i) => [i.code, i.severity, i.sheet, i.column])).toEqual([
            ['HIDDEN_COLUMN_SKIPPED', 'warning', 'Rapport', 'C'],
            ['HIDDEN_COLUMN_SKIPPED', 'warning', 'Rapport', 'E'],
        ])
        expect(JSON.stringify(issues)).not.toMatch(/Awa|CPN1|99/)
    })

    it('skips hidden rows and lists them by number, keeping the others numbered as in Excel', async () => {
        const wb = new Excel.Workbook()
        const ws = wb.addWorksheet('Rapport')
        ws.addRow(['code_structure', 'valeur'])
        for (let i = 2; i <= 10; i++) ws.addRow([`FS-${i}`, i])
        for (const n of [3, 4, 5, 8]) ws.getRow(n).hidden = true
        ws.getRow(12).hidden = true // hidden and empty: nothing lost, nothing said
        const { rows, issues } = await read(await save(wb, 'hidden-rows.xlsx'))
        expect(rows.map((r) => r.row)).toEqual([1, 2, 6, 7, 9, 10])
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({
            code: 'HIDDEN_ROWS_SKIPPED',
            severity: 'warning',
            sheet: 'Rapport',
        })
        expect(issues[0]?.message.fr).toBe('4 ligne(s) masquée(s) non lue(s) : 3-5, 8.')
    })
})

describe('readXlsx: cells whose value the file does not hold', () => {
    it('names Excel errors and formulas without a result by sheet, row and column, and passes them on empty', async () => {
        const wb = new Excel.Workbook()
        const ws = wb.addWorksheet('Rapport')
        ws.addRow(['code_structure', 'a', 'b', 'c', 'd', 'e'])
        ws.addRow([
            'FS-C5-012',
            { error: '#DIV/0!' },
            { formula: 'B2+1' },
            { formula: '1/0', result: { error: '#REF!' } },
            { formula: '2*3', result: 6 },
            { sharedFormula: 'E2', result: 4 },
        ] as Excel.CellValue[])
        ws.addRow(['FS-C5-013', { error: '#N/A' }, { error: '#VALUE!' }, 1, 2, 3] as Excel.CellValue[])
        const { rows, issues } = await read(await save(wb, 'errors.xlsx'))
        expect(rows[1]?.cells).toEqual(['FS-C5-012', '', '', '', '6', '4'])
        expect(rows[2]?.cells).toEqual(['FS-C5-013', '', '', '1', '2', '3'])
        expect(issues.map((i) => [i.code, i.severity, i.sheet, i.row, i.column])).toEqual([
            ['EXCEL_ERROR_CELL', 'error', 'Rapport', 2, 'B'],
            ['FORMULA_NO_VALUE', 'error', 'Rapport', 2, 'C'],
            ['EXCEL_ERROR_CELL', 'error', 'Rapport', 2, 'D'],
            ['EXCEL_ERROR_CELL', 'error', 'Rapport', 3, 'B'],
            ['EXCEL_ERROR_CELL', 'error', 'Rapport', 3, 'C'],
        ])
        expect(issues[0]?.message.fr).toBe(
            'La cellule B2 affiche l’erreur Excel #DIV/0! (division par zéro) : sa valeur n’est pas envoyée.'
        )
        expect(issues[4]?.message.fr).toContain('#VALEUR!')
        expect(issues[4]?.message.en).toContain('#VALUE!')
        expect(issues[1]?.message.fr).toBe(
            'La cellule C2 contient une formule dont le résultat n’a pas été enregistré : sa valeur n’est pas envoyée.'
        )
        for (const i of issues) expect(JSON.stringify(i)).not.toMatch(/object Object|"formula"|B2\+1/)
    })

    it('keeps a merged value in its first cell only, like a CSV export', async () => {
        const wb = new Excel.Workbook()
        const ws = wb.addWorksheet('Rapport')
        ws.addRow(['Consultations', '', 'Paludisme'])
        ws.addRow(['< 5 ans', '5 ans et plus', 'confirmés'])
        ws.mergeCells('A1:B1')
        const { rows } = await read(await save(wb, 'merged.xlsx'))
        expect(rows[0]?.cells).toEqual(['Consultations', '', 'Paludisme'])
    })
})

describe('readXlsx: accents and size', () => {
    afterEach(() => {
        XLSX_LIMITS.fileBytes = 16 * 1024 * 1024
        XLSX_LIMITS.uncompressedBytes = 64 * 1024 * 1024
    })

    it('never corrupts an accented letter, in inline or shared strings, however the file is cut', async () => {
        // Thousands of « Négatif » and accent-dense text: every 64 KiB boundary of the sheet and of the
        // shared strings falls inside a two-byte letter or next to one (exceljs 4.4 streaming gave « N��gatif »).
        const N = 6000
        const dense = 'éèàçÉ'.repeat(8)
        const shared: string[] = []
        let xml = ''
        for (let r = 1; r <= N; r++) {
            shared.push(`Réalisé à Ségou n°${r} ${dense}`)
            xml +=
                `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Négatif</t></is></c>` +
                `<c r="B${r}" t="s"><v>${r - 1}</v></c>` +
                `<c r="C${r}" t="inlineStr"><is><t>${dense}</t></is></c></row>`
        }
        const path = join(dir, 'accents.xlsx')
        writeFileSync(path, xlsxFromXml([{ name: 'Résultats', rows: xml }], shared))
        const { rows, issues, tables } = await read(path)
        expect(issues).toEqual([])
        expect(tables[0]?.sheet).toBe('Résultats')
        expect(rows).toHaveLength(N)
        const wrong = rows.filter(
            (r) =>
                r.cells[0] !== 'Négatif' ||
                r.cells[1] !== `Réalisé à Ségou n°${r.row} ${dense}` ||
                r.cells[2] !== dense
        )
        expect(wrong).toEqual([])
    })

    it('refuses a workbook above the size caps before loading it', async () => {
        const wb = new Excel.Workbook()
        wb.addWorksheet('Rapport').addRow(['code_structure', 'valeur'])
        const path = await save(wb, 'big.xlsx')
        XLSX_LIMITS.uncompressedBytes = 1024
        const { rows, issues } = await read(path)
        expect(rows).toEqual([])
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', severity: 'error' })
        XLSX_LIMITS.uncompressedBytes = 64 * 1024 * 1024
        XLSX_LIMITS.fileBytes = 100
        expect((await read(path)).issues[0]?.code).toBe('WORKBOOK_TOO_LARGE')
    })

    it('reads with inline strings and hidden states written by hand (XML as Excel writes it)', async () => {
        const path = join(dir, 'by-hand.xlsx')
        writeFileSync(
            path,
            xlsxFromXml(
                [
                    {
                        name: 'Brouillon',
                        state: 'hidden',
                        rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                    },
                    {
                        name: 'Rapport',
                        rows:
                            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' +
                            '<row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>caché</t></is></c></row>' +
                            '<row r="3"><c r="A3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B3" t="e"><v>#REF!</v></c><c r="C3"><f>SUM(A1:A2)</f></c></row>',
                    },
                ],
                ['Négatif']
            )
        )
        const { rows, issues } = await read(path)
        expect(rows.map((r) => [r.row, r.cells])).toEqual([
            [1, ['Négatif']],
            [3, []],
        ])
        expect(issues.map((i) => [i.code, i.row, i.column])).toEqual([
            ['HIDDEN_SHEET_SKIPPED', undefined, undefined],
            ['EXCEL_ERROR_CELL', 3, 'A'],
            ['EXCEL_ERROR_CELL', 3, 'B'],
            ['FORMULA_NO_VALUE', 3, 'C'],
            ['HIDDEN_ROWS_SKIPPED', undefined, undefined],
        ])
    })
})
