import { describe, expect, it } from 'vitest'
import { aggregate } from '../../src/aggregate/aggregate.js'
import { ageAt, LabClassifier, loadLabRules, parseAge, parseTestDate } from '../../src/sources/lab/rules.js'

const RULES = new URL('../../../mappings/labs/rules.json', import.meta.url).pathname

describe('lab aggregation rules (mappings/labs/rules.json)', async () => {
    const rules = await loadLabRules(RULES)
    const c = new LabClassifier(rules)

    it('is versioned', () => {
        expect(rules.version).toMatch(/^\d+\.\d+\.\d+$/)
    })

    it('reads result synonyms, including signs, and sets aside non-results', () => {
        for (const t of ['POS', 'positif', 'Positif', '+', ' Positive ', 'MTB détecté', 'Réactif'])
            expect(c.result(t), t).toBe('RES_POS')
        for (const t of ['NEG', 'négatif', 'negatif', '-', 'Non réactif', 'MTB non détecté'])
            expect(c.result(t), t).toBe('RES_NEG')
        for (const t of ['Invalide', 'indéterminé']) expect(c.result(t), t).toBe('EXCLUDED')
        expect(c.result('')).toBeUndefined()
        expect(c.result('?')).toBeUndefined()
    })

    it('reads test names and sexes', () => {
        expect(c.test('TDR palu')).toBe('LAB_PALU_TDR')
        expect(c.test('goutte epaisse')).toBe('LAB_PALU_GE')
        expect(c.test('Xpert MTB/RIF')).toBe('LAB_TB_GENEXPERT')
        expect(c.test('Sérologie VIH')).toBe('LAB_VIH_TEST')
        expect(c.test('Widal')).toBeUndefined()
        expect(c.sex('h')).toBe('SEXE_M')
        expect(c.sex('Féminin')).toBe('SEXE_F')
    })

    it('puts ages in groups at their edges', () => {
        expect(c.ageGroup(0)).toBe('AGE_LT5')
        expect(c.ageGroup(4.99)).toBe('AGE_LT5')
        expect(c.ageGroup(5)).toBe('AGE_5PLUS')
        expect(c.ageGroup(90)).toBe('AGE_5PLUS')
    })

    it('reads ages and dates as written', () => {
        expect(parseAge('34')).toBe(34)
        expect(parseAge('34 ans')).toBe(34)
        expect(parseAge('18 mois')).toBe(1.5)
        expect(parseAge('3,5')).toBe(3.5)
        expect(parseAge('trente')).toBeUndefined()
        expect(parseTestDate('15/03/2025')).toEqual({ year: 2025, month: 3, day: 15 })
        expect(parseTestDate('2025-03-15 10:20')).toEqual({ year: 2025, month: 3, day: 15 })
        expect(parseTestDate('31/02/2025')).toBeUndefined()
        // Birthday not reached: one year less; under one year: months.
        expect(ageAt({ year: 2020, month: 6, day: 10 }, { year: 2025, month: 6, day: 9 })).toBe(4)
        expect(ageAt({ year: 2020, month: 6, day: 10 }, { year: 2025, month: 6, day: 10 })).toBe(5)
        expect(ageAt({ year: 2024, month: 12, day: 1 }, { year: 2025, month: 6, day: 1 })).toBe(0.5)
    })
})

describe('aggregate stage', () => {
    it('sums per target and keeps the contributing rows', () => {
        const target = {
            dataSet: 'ds',
            dataElement: 'de',
            categoryOptionCombo: 'coc',
            attributeOptionCombo: 'aoc',
            orgUnit: 'ou',
            period: '202501',
            dataElementCode: 'DE',
            categoryOptionComboCode: 'COC',
            orgUnitCode: 'OU',
        }
        const out = aggregate([
            { target, amount: 1, file: 'f.csv', row: 9, column: 'Résultat' },
            { target, amount: 1, file: 'f.csv', row: 3, column: 'Résultat' },
            {
                target: { ...target, period: '202502' },
                amount: 2.5,
                file: 'f.csv',
                row: 4,
                column: 'Montant',
            },
        ])
        expect(out).toHaveLength(2)
        expect(out[0]).toMatchObject({ value: '2', row: 3, rows: [3, 9] })
        expect(out[1]).toMatchObject({ value: '2.5', rows: [4] })
    })
})
