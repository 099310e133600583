import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { MappedValue } from '../../src/core/types.js'
import { processFiles } from '../../src/pipeline/process.js'
import '../../src/sources/lab/kind.js'
import { testContext } from './snapshot.js'

const FIXTURES = new URL('../../../fixtures/labs/', import.meta.url).pathname
const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname
const registers = readdirSync(FIXTURES)
    .filter((f) => f.startsWith('registre-') && f.endsWith('.csv'))
    .map((f) => join(FIXTURES, f))

/** Reads a register without the bridge: plain split, with its own spellings table. */
function independentCounts(): { counts: Map<string, number>; tests: number } {
    const test: Record<string, string> = {
        tdr: 'LAB_PALU_TDR',
        'tdr palu': 'LAB_PALU_TDR',
        'tdr pf': 'LAB_PALU_TDR',
        ge: 'LAB_PALU_GE',
        'goutte épaisse': 'LAB_PALU_GE',
        'ge/fm': 'LAB_PALU_GE',
        microscopie: 'LAB_PALU_GE',
        genexpert: 'LAB_TB_GENEXPERT',
        'gene xpert': 'LAB_TB_GENEXPERT',
        'xpert mtb/rif': 'LAB_TB_GENEXPERT',
        'sérologie vih': 'LAB_VIH_TEST',
        'test vih': 'LAB_VIH_TEST',
        'dépistage vih': 'LAB_VIH_TEST',
        vih: 'LAB_VIH_TEST',
    }
    const result: Record<string, string> = {
        positif: 'RES_POS',
        pos: 'RES_POS',
        '+': 'RES_POS',
        négatif: 'RES_NEG',
        neg: 'RES_NEG',
        '-': 'RES_NEG',
    }
    const sex: Record<string, string> = {
        m: 'SEXE_M',
        h: 'SEXE_M',
        masculin: 'SEXE_M',
        f: 'SEXE_F',
        féminin: 'SEXE_F',
    }
    const counts = new Map<string, number>()
    let tests = 0
    for (const path of registers) {
        const bytes = readFileSync(path)
        const text =
            bytes.includes(Buffer.from('Ã')) || !bytes.toString('utf8').includes('\uFFFD')
                ? bytes.toString('utf8')
                : iconv.decode(bytes, 'win1252')
        const [head, ...lines] = text
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/)
            .filter((l) => l.length > 0)
        const cols = (head ?? '').split(';')
        const at = (cells: string[], name: string): string => cells[cols.indexOf(name)] ?? ''
        for (const line of lines) {
            const c = line.split(';')
            const de = test[at(c, 'Examen').toLowerCase()]
            const res = result[at(c, 'Résultat').toLowerCase()]
            const date = at(c, 'Date du test')
            const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
            if (de === undefined || res === undefined || m === null) continue
            const [y, mo, d] = date.includes('/') ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]]
            if (new Date(`${y}-${mo}-${d}T00:00:00Z`).getUTCDate() !== Number(d)) continue
            const ageText = at(c, 'Âge')
            let age: number
            if (ageText === '') {
                const [bd, bm, by] = at(c, 'Date de naissance').split('/').map(Number)
                age =
                    Number(y) -
                    (by ?? 0) -
                    (Number(mo) < (bm ?? 0) || (Number(mo) === bm && Number(d) < (bd ?? 0)) ? 1 : 0)
            } else if (ageText.endsWith(' mois')) age = Number(ageText.slice(0, -5)) / 12
            else age = Number(ageText)
            if (!Number.isFinite(age)) continue
            let options: string
            if (de === 'LAB_TB_GENEXPERT') options = `CC_RESULTAT_${res}`
            else if (de === 'LAB_VIH_TEST')
                options = `CC_RESULTAT_SEXE_${res}_${sex[at(c, 'Sexe').toLowerCase()] ?? '?'}`
            else options = `CC_RESULTAT_AGE_${res}_${age < 5 ? 'AGE_LT5' : 'AGE_5PLUS'}`
            const key = `${at(c, 'Code structure')}|${y}${mo}|${de}|${options}`
            counts.set(key, (counts.get(key) ?? 0) + 1)
            tests++
        }
    }
    return { counts, tests }
}

describe('laboratory line lists → aggregates', () => {
    it('counts every valid test once, as an independent recount of the raw rows does', async () => {
        const values: MappedValue[] = []
        const result = await processFiles(
            registers,
            testContext(),
            { kind: 'lab', mappingsRoot: MAPPINGS },
            (v) => values.push(v)
        )
        const { counts, tests } = independentCounts()
        expect(tests).toBeGreaterThanOrEqual(1000)
        const got = new Map(
            values.map((v) => [
                `${v.orgUnitCode}|${v.period}|${v.dataElementCode}|${v.categoryOptionComboCode}`,
                Number(v.value),
            ])
        )
        expect(got).toEqual(counts)
        expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(tests)
        // Each value names the register rows behind it.
        for (const v of values) expect(v.rows?.length).toBe(Number(v.value))
        // Four labs, six months each.
        expect(new Set(values.map((v) => v.orgUnitCode)).size).toBe(4)
        expect(new Set(values.map((v) => v.period))).toEqual(
            new Set(['202501', '202502', '202503', '202504', '202505', '202506'])
        )

        const codes = result.issues.map((i) => i.code)
        const count = (code: string): number => codes.filter((c) => c === code).length
        expect(count('LAB_UNKNOWN_TEST')).toBe(4)
        expect(count('LAB_UNKNOWN_RESULT')).toBe(4)
        expect(count('LAB_RESULT_EXCLUDED')).toBe(8)
        expect(count('LAB_BAD_DATE')).toBe(4)
        expect(count('LAB_BAD_AGE')).toBe(4)
        expect(count('PATIENT_COLUMNS_DROPPED')).toBe(4)
        const widal = result.issues.find((i) => i.code === 'LAB_UNKNOWN_TEST')
        // issue 8: the cell is located (row, column), never quoted
        expect(widal).toMatchObject({ column: 'Examen' })
        expect(widal).not.toHaveProperty('value')
        expect(JSON.stringify(widal)).not.toContain('Widal')
        expect(widal?.row).toBeGreaterThan(1)
    })

    it('never lets a patient-level value out: not in values, not in issues', async () => {
        const values: MappedValue[] = []
        const result = await processFiles(
            registers,
            testContext(),
            { kind: 'lab', mappingsRoot: MAPPINGS },
            (v) => values.push(v)
        )
        const output = JSON.stringify({ values, result })
        const patientValues = JSON.parse(
            readFileSync(join(FIXTURES, 'patient-values.json'), 'utf8')
        ) as string[]
        expect(patientValues.length).toBeGreaterThan(4000)
        const leaked = patientValues.filter((p) => output.includes(p))
        expect(leaked).toEqual([])
    })

    it('reads monthly aggregates with the same rules', async () => {
        const values: MappedValue[] = []
        const result = await processFiles(
            [join(FIXTURES, 'agrege-FS-KTI-010-2025S1.csv')],
            testContext(),
            { kind: 'lab', mappingsRoot: MAPPINGS },
            (v) => values.push(v)
        )
        expect(result.errorCount).toBe(0)
        const raw = readFileSync(join(FIXTURES, 'agrege-FS-KTI-010-2025S1.csv'), 'utf8')
            .replace(/^\uFEFF/, '')
            .trim()
            .split(/\r?\n/)
            .slice(1)
        const total = raw.reduce((n, line) => n + Number(line.split(';')[6]), 0)
        expect(values.reduce((n, v) => n + Number(v.value), 0)).toBe(total)
        expect(values.find((v) => v.dataElementCode === 'LAB_VIH_TEST')?.categoryOptionComboCode).toMatch(
            /^CC_RESULTAT_SEXE_RES_(POS|NEG)_SEXE_[MF]$/
        )
    })
})
