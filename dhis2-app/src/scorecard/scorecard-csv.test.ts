import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from '../targets/catalogue'
import { ValueIndex } from './actuals'
import { csvFileName, csvNumber, scorecardCsv } from './scorecard-csv'
import { buildScorecard } from './scorecard-model'

describe('scorecard CSV', () => {
    it('writes numbers the French way', () => {
        expect(csvNumber(1234.5)).toBe('1234,5')
        expect(csvNumber(0.655, 2)).toBe('0,66')
        expect(csvNumber(null)).toBe('')
    })

    it('starts with a BOM, separates with semicolons, keeps accents and quotes what needs it', () => {
        const actuals = new ValueIndex()
        actuals.add('yxPQ4JORtB5', 'OuSikasso01', 2024, 61.25)
        const rows = buildScorecard({
            targets: DEFAULT_TARGETS,
            actuals,
            orgUnitId: 'OuSikasso01',
            year: 2024,
            years: [2023, 2024],
            decimalsByIndicator: new Map(),
        })
        const csv = scorecardCsv(rows, { orgUnitName: 'Ségou; "nord"', year: 2024, shares: new Map() })
        expect(csv.startsWith('\uFEFF')).toBe(true)
        const lines = csv.slice(1).split('\r\n')
        expect(lines[0]).toContain("Unité d'organisation;Année;Code;Indicateur")
        const birth = lines.find((l) => l.includes(';ODD-3.1.2;'))
        expect(birth).toContain('"Ségou; ""nord"""')
        expect(birth).toContain(';61,25;2024;')
        expect(birth).toContain('accouchements assistés')
        const malaria = lines.find((l) => l.includes(';ODD-3.3.3;'))
        expect(malaria).toContain('XX (non fixée)')
    })

    it('names the file without accents or spaces', () => {
        expect(csvFileName('Commune V', 2024)).toBe('odd3-commune-v-2024.csv')
        expect(csvFileName('Ségou', 2023)).toBe('odd3-segou-2023.csv')
    })
})
