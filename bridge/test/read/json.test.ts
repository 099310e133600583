// The JSON reader: size-capped before reading, and syntax errors located without quoting the text.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JSON_LIMITS, readJson } from '../../src/read/json.js'
import { collector } from './helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'bridge-json-'))

async function read(content: string) {
    const path = join(dir, 'f.json')
    writeFileSync(path, content)
    const c = collector()
    await readJson(path, c.sink)
    return c
}

describe('readJson', () => {
    afterEach(() => {
        JSON_LIMITS.fileBytes = 50 * 1024 * 1024
    })

    it('reads an array of rows with a virtual header row', async () => {
        const { rows, issues } = await read('[{"code": "FS-1", "valeur": 3}, {"code": "FS-2"}]')
        expect(issues).toEqual([])
        expect(rows.map((r) => [r.row, r.cells])).toEqual([
            [1, ['code', 'valeur']],
            [2, ['FS-1', '3']],
            [3, ['FS-2', '']],
        ])
    })

    it('gives the line and column of a syntax error and nothing of the text', async () => {
        const { rows, issues } = await read(
            '[\n  {"nom": "Awa Traoré", "tel": "76 00 00 00"}\n  {"nom": "Moussa"}\n]'
        )
        expect(rows).toEqual([])
        expect(issues).toHaveLength(1)
        expect(issues[0]).toMatchObject({ code: 'JSON_SYNTAX', severity: 'error' })
        expect(issues[0]?.message.fr).toBe(
            'Le fichier JSON est mal formé à la ligne 3, colonne 3 : il n’a pas été lu.'
        )
        expect(JSON.stringify(issues)).not.toMatch(/Awa|Moussa|76 00/)
    })

    it('refuses a file over the size cap before reading it', async () => {
        JSON_LIMITS.fileBytes = 10
        const { rows, issues } = await read('[{"code": "FS-1", "valeur": 3}]')
        expect(rows).toEqual([])
        expect(issues.map((i) => [i.code, i.severity])).toEqual([['JSON_TOO_LARGE', 'error']])
    })
})
