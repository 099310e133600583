import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { ValueIndex } from '../progress/actuals'
import { csvFileName, csvNumber } from '../shared/csv-values'
import { scorecardCsv } from './scorecard-csv'
import { buildScorecard } from '../progress/scorecard-model'

describe('scorecard CSV', () => {
    it('writes numbers the French way', () => {
        expect(csvNumber(1234.5)).toBe('1234,5')
        expect(csvNumber(0.655, 2)).toBe('0,66')
        // As on screen: 1.005 is stored just below, and the screen still shows 1,01.
        expect(csvNumber(1.005, 2)).toBe('1,01')
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
        const csv = scorecardCsv(rows, {
            orgUnitName: 'Ségou; "nord"',
            country: 'Mali',
            year: 2024,
            shares: new Map(),
        })
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

    it("says a survey value is the country's, from which survey, and a routine value the org unit's", () => {
        const rows = buildScorecard({
            targets: DEFAULT_TARGETS,
            actuals: new ValueIndex(),
            orgUnitId: 'OuRegSik001',
            year: 2024,
            years: [2023, 2024],
            decimalsByIndicator: new Map(),
        })
        const csv = scorecardCsv(rows, {
            orgUnitName: 'Sikasso',
            country: 'Mali',
            year: 2024,
            shares: new Map(),
        })
        const [header = '', ...lines] = csv.slice(1).split('\r\n')
        const columns = header.split(';')
        const cell = (code: string, column: string) => {
            const line = lines.find((l) => l.includes(`;${code};`)) ?? ''
            return line.split(';')[columns.indexOf(column)]
        }
        expect(columns).toContain('Réalisation mesurée pour')
        // Maternal mortality: the EDSM VI 2018 figure is Mali's, not Sikasso's.
        expect(cell('ODD-3.1.1', 'Réalisation')).toBe('325')
        expect(cell('ODD-3.1.1', 'Réalisation mesurée pour')).toBe('Mali (national)')
        expect(cell('ODD-3.1.1', 'Source')).toBe('Enquête nationale EDSM VI 2018 (MAP)')
        expect(cell('ODD-3.1.1', 'Année de la réalisation')).toBe('2018')
        // A survey indicator without any survey value is still national.
        expect(cell('ODD-3.8.1', 'Réalisation mesurée pour')).toBe('Mali (national)')
        expect(cell('ODD-3.8.1', 'Source')).toBe('Enquête nationale, aucune valeur')
        expect(cell('ODD-3.1.2', 'Réalisation mesurée pour')).toBe('Sikasso')
        expect(cell('ODD-3.1.2', 'Source')).toBe('Données de routine DHIS2')
    })

    it('writes the running year statuses as provisional, as the screen does', () => {
        const rows = buildScorecard({
            targets: DEFAULT_TARGETS,
            actuals: new ValueIndex(),
            orgUnitId: 'OuRegSik001',
            year: 2026,
            years: [2025, 2026],
            decimalsByIndicator: new Map(),
        })
        const context = { orgUnitName: 'Sikasso', country: 'Mali', year: 2026, shares: new Map() }
        expect(scorecardCsv(rows, { ...context, provisional: true })).toContain(
            ';Pas de données (provisoire);'
        )
        expect(scorecardCsv(rows, context)).not.toContain('provisoire')
    })

    it('names the file without accents or spaces', () => {
        expect(csvFileName('Commune V', 2024)).toBe('odd3-commune-v-2024.csv')
        expect(csvFileName('Ségou', 2023)).toBe('odd3-segou-2023.csv')
    })
})
