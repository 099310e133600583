import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { MappedValue } from '../../src/core/types.js'
import { processFiles } from '../../src/pipeline/process.js'
import { parseAmount } from '../../src/sources/mutuelle/mapping.js'
import '../../src/sources/mutuelle/kind.js'
import { testContext } from '../lab/snapshot.js'

const FIXTURES = new URL('../../../fixtures/mutuelles/', import.meta.url).pathname
const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname

async function run(file: string): Promise<{ values: MappedValue[]; codes: string[] }> {
    const values: MappedValue[] = []
    const result = await processFiles(
        [FIXTURES + file],
        testContext(),
        { kind: 'mutuelle', mappingsRoot: MAPPINGS },
        (v) => values.push(v)
    )
    return { values, codes: result.issues.filter((i) => i.severity === 'error').map((i) => i.code) }
}

describe('mutuelles', () => {
    it('reads amounts as French Excel writes them', () => {
        expect(parseAmount('12 500')).toBe(12500)
        expect(parseAmount('12\u202f500,50')).toBe(12500.5)
        expect(parseAmount('1.250.000')).toBe(1250000)
        expect(parseAmount('7500 FCFA')).toBe(7500)
        expect(parseAmount('environ 20 000')).toBeUndefined()
    })

    it('puts membership on the health district with the mutuelle as attribute option combo', async () => {
        const { values, codes } = await run('adhesions-2025S1.csv')
        expect(codes.sort()).toEqual(['MUT_INCONSISTENT', 'UNKNOWN_MUTUELLE'])
        // Five mutuelles × six months × three elements.
        expect(values).toHaveLength(90)
        const kolokani = values.filter(
            (v) => v.dataElementCode === 'MUT_BENEFICIAIRES' && v.orgUnitCode === 'ML-2-KLK'
        )
        expect(kolokani).toHaveLength(6)
        expect(kolokani.find((v) => v.period === '202501')?.value).toBe('11201')
        const pkg = JSON.parse(
            readFileSync(new URL('../../../mappings/metadata/package.json', import.meta.url), 'utf8')
        ) as {
            categoryOptionCombos: Array<{ id: string; code: string }>
        }
        const aoc = pkg.categoryOptionCombos.find((c) => c.code === 'CC_MUTUELLE_MUT_KOLOKANI')?.id
        expect(new Set(kolokani.map((v) => v.attributeOptionCombo))).toEqual(new Set([aoc]))
        expect(new Set(values.map((v) => v.orgUnitCode))).toEqual(
            new Set(['ML-2-KLK', 'ML-2-NAR', 'ML-1-NIO', 'ML-5-BDG', 'ML-BKO-C5'])
        )
    })

    it('puts claims on the care facility by service kind, amounts summed exactly', async () => {
        const { values, codes } = await run('prestations-2025S1.csv')
        expect(codes.sort()).toEqual(['NOT_A_NUMBER', 'UNKNOWN_PRESTATION'])
        const raw = readFileSync(FIXTURES + 'prestations-2025S1.csv', 'utf8')
            .replace(/^\uFEFF/, '')
            .trim()
            .split(/\r?\n/)
            .slice(1)
        const good = raw
            .map((l) => l.split(';'))
            .filter((c) => c[3] !== 'Transport' && !String(c[5]).startsWith('environ'))
        const amount = good.reduce((n, c) => n + Number(String(c[5]).replace(/\s/g, '')), 0)
        const count = good.reduce((n, c) => n + Number(c[4]), 0)
        const sum = (code: string): number =>
            values.filter((v) => v.dataElementCode === code).reduce((n, v) => n + Number(v.value), 0)
        expect(sum('MUT_PRESTATIONS_MONTANT')).toBe(amount)
        expect(sum('MUT_PRESTATIONS')).toBe(count)
        expect(
            values.some(
                (v) =>
                    v.orgUnitCode === 'FS-KLK-008' &&
                    v.categoryOptionComboCode === 'CC_PRESTATION_PREST_HOSPIT'
            )
        ).toBe(true)
    })
})
