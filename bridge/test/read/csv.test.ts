// The CSV reader on files as French Excel writes them.
import iconv from 'iconv-lite'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ValidationIssue } from '../../src/core/types.js'
import { CSV_LIMITS, readCsv } from '../../src/read/csv.js'
import { guessEncoding } from '../../src/read/encoding.js'

const dir = mkdtempSync(join(tmpdir(), 'bridge-csv-'))

async function read(content: string | Buffer, name = 'f.csv', maxRecordLength?: number) {
    const path = join(dir, name)
    writeFileSync(path, content)
    const rows: Array<[number, string[]]> = []
    const issues: ValidationIssue[] = []
    const stats = await readCsv(
        path,
        {
            table: () => undefined,
            row: (n, cells) => rows.push([n, cells]),
            issue: (i) => issues.push(i),
            endTable: () => undefined,
        },
        maxRecordLength ? { maxRecordLength } : {}
    )
    return { rows, issues, stats }
}

describe('readCsv', () => {
    it('reads UTF-8 with BOM, semicolons, CRLF, blank lines, and keeps line numbers', async () => {
        const { rows, stats } = await read('\ufeffa;b;c\r\n1;Ségou;3\r\n\r\n;;\r\n4; 5 ;6\r\n')
        expect(stats.encoding).toBe('utf8-bom')
        expect(rows).toEqual([
            [1, ['a', 'b', 'c']],
            [2, ['1', 'Ségou', '3']],
            [5, ['4', '5', '6']],
        ])
    })

    it('detects Windows-1252 and decodes French letters', async () => {
        const { rows, stats } = await read(
            iconv.encode('nom;valeur\nClinique Médicale de Ségou;12\n', 'windows1252')
        )
        expect(stats.encoding).toBe('windows-1252')
        expect(rows[1]?.[1]).toEqual(['Clinique Médicale de Ségou', '12'])
    })

    it('reads a last line without newline and a comma-separated file', async () => {
        const { rows } = await read('a,b\n1,2')
        expect(rows).toEqual([
            [1, ['a', 'b']],
            [2, ['1', '2']],
        ])
    })

    it('falls back to a real CSV parser for quoted fields, even across lines', async () => {
        const { rows } = await read('a;b;c\n1;"x;y";2\n3;"ligne\nsuivante";4\n5;6;7\n')
        expect(rows).toEqual([
            [1, ['a', 'b', 'c']],
            [2, ['1', 'x;y', '2']],
            [3, ['3', 'ligne\nsuivante', '4']],
            [5, ['5', '6', '7']],
        ])
    })

    it('refuses rows in an MS-DOS code page with a message pointing at the row', async () => {
        const { rows, issues } = await read(iconv.encode('a;b\nok;1\nDonnées vérifiées;2\n', 'cp850'))
        expect(rows).toHaveLength(2)
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'ENCODING', row: 3 })
    })

    it('flags UTF-8 read as Windows-1252 and saved again ("SÃ©gou") by row and column, never quoting it', async () => {
        const { issues } = await read('a;b;c\n1;Awa TraorÃ©;1\n')
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'ENCODING', row: 2, column: 'B' })
        expect(issues[0]?.value).toBeUndefined()
        expect(issues[0]?.message.fr).toBe(
            "Le fichier n'est ni en UTF-8 ni en Windows-1252 lisible : caractères illisibles dans la colonne B."
        )
        expect(JSON.stringify(issues)).not.toMatch(/Awa|Traor/)
    })

    it('flags mis-encoded text cut by a 64 KiB chunk boundary', async () => {
        const lines = ['a;b']
        let size = 4
        let n = 1
        while (size < 64 * 1024 - 30) {
            const l = `FS-${n};Clinique ${n}`
            lines.push(l)
            size += l.length + 1
            n++
        }
        // pad so that « Ã© » straddles byte 65536
        const pad = 64 * 1024 - size - 4
        lines.push(`${'x'.repeat(Math.max(0, pad))};SÃ©gou`)
        const { issues } = await read(lines.join('\n') + '\nz;1\n')
        expect(issues.map((i) => [i.code, i.row])).toEqual([['ENCODING', lines.length]])
    })

    it('reads files larger than one 64 KiB chunk with every row once', async () => {
        const lines = ['a;b']
        for (let i = 0; i < 20_000; i++) lines.push(`FS-C5-${i};Clinique é ${i}`)
        const { rows } = await read(lines.join('\n') + '\n')
        expect(rows).toHaveLength(20_001)
        expect(rows[20_000]).toEqual([20_001, ['FS-C5-19999', 'Clinique é 19999']])
    })

    it('says a binary file is not a CSV', async () => {
        const { issues } = await read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 1]), 'old.csv')
        expect(issues[0]?.code).toBe('FORMAT_BINARY')
        expect(issues[0]?.message.fr).not.toMatch(/ \/ /)
    })

    it('stops at a record longer than the cap, naming its row, after reading the rows before it', async () => {
        const { rows, issues } = await read(`a;b\n1;2\n${'9'.repeat(5000)};3\n4;5\n`, 'long.csv', 1000)
        expect(rows).toEqual([
            [1, ['a', 'b']],
            [2, ['1', '2']],
        ])
        expect(issues.map((i) => [i.code, i.severity, i.row])).toEqual([['RECORD_TOO_LONG', 'error', 3]])
        expect(JSON.stringify(issues)).not.toContain('9999')
    })

    it('stops at a runaway quote that swallows the rest of the file, naming the row it opened on', async () => {
        const body = Array.from({ length: 500 }, (_, i) => `${i};x`).join('\n')
        const { rows, issues } = await read(`a;b\n1;"jamais fermé\n${body}\n`, 'quote.csv', 1000)
        expect(rows).toEqual([[1, ['a', 'b']]])
        expect(issues.map((i) => [i.code, i.row])).toEqual([['RECORD_TOO_LONG', 2]])
    })

    it('refuses a 32 MB single-line file in linear time', async () => {
        const path = join(dir, 'one-line.csv')
        writeFileSync(path, 'a;'.repeat(16 * 1024 * 1024))
        const issues: ValidationIssue[] = []
        const started = Date.now()
        await readCsv(path, {
            table: () => undefined,
            row: () => undefined,
            issue: (i) => issues.push(i),
            endTable: () => undefined,
        })
        // the cap is reached after 1 MiB: the rest is never scanned
        expect(Date.now() - started).toBeLessThan(5000)
        expect(issues.map((i) => [i.code, i.row])).toEqual([['RECORD_TOO_LONG', 1]])
        expect(issues[0]?.message.fr).toMatch(/La ligne 1 dépasse 1 Mo/)
        expect(CSV_LIMITS.recordLength).toBe(1024 * 1024)
    })

    it('reads long quoted multi-line records in linear time', async () => {
        const cell = Array.from({ length: 20_000 }, (_, i) => `ligne ${i}`).join('\n')
        const started = Date.now()
        const { rows } = await read(`a;b\n1;"${cell}"\n2;3\n`, 'multi.csv')
        expect(Date.now() - started).toBeLessThan(5000)
        expect(rows.map((r) => r[0])).toEqual([1, 2, 20_002])
    })
})

describe('guessEncoding', () => {
    it('knows BOMs and plain ASCII', () => {
        expect(guessEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]))).toMatchObject({
            encoding: 'utf16le',
            bomLength: 2,
        })
        expect(guessEncoding(Buffer.from('abc'))).toMatchObject({ encoding: 'utf8' })
    })
})
