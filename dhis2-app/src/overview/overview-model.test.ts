import { describe, expect, it } from 'vitest'
import { ValueIndex } from '../progress/actuals'
import { rankChildren, scorecardRow } from '../progress/scorecard-model'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { overviewCsv, overviewFileName } from './overview-csv'
import { overviewGrid } from './overview-model'

const KADIOLO = { id: 'OuDisKad001', name: 'Kadiolo', level: 3 }
const KOUTIALA = { id: 'OuDisKou001', name: 'Koutiala', level: 3 }
const BIRTHS = 'ODD-3.1.2'
const BIRTHS_UID = 'yxPQ4JORtB5'

// What the scorecard's `childrenFor` gives: each child judged on one indicator, worst first.
function childrenFor(actuals: ValueIndex, completeness: Map<string, number | null>) {
    return (code: string) => {
        const target = DEFAULT_TARGETS.find((t) => t.code === code)
        if (!target) return []
        const ranked = rankChildren(
            [KADIOLO, KOUTIALA].map((c) => ({
                id: c.id,
                name: c.name,
                row: scorecardRow(target, {
                    actuals,
                    orgUnitId: c.id,
                    year: 2024,
                    years: [2023, 2024],
                    decimalsByIndicator: new Map([[BIRTHS_UID, 1]]),
                }),
            }))
        )
        return ranked.map((c) => ({ ...c, completeness: completeness.get(c.id) ?? null }))
    }
}

function sikassoGrid() {
    const actuals = new ValueIndex()
    actuals.add(BIRTHS_UID, KADIOLO.id, 2024, 80.5)
    actuals.add(BIRTHS_UID, KOUTIALA.id, 2024, 60.3)
    return overviewGrid(
        DEFAULT_TARGETS,
        [KADIOLO, KOUTIALA],
        childrenFor(actuals, new Map([[KADIOLO.id, 75]]))
    )
}

describe('overviewGrid', () => {
    it('has one column per routine indicator and one line per child, in the order given', () => {
        const grid = sikassoGrid()
        expect(grid.columns.map((t) => t.code)).toEqual(
            DEFAULT_TARGETS.filter((t) => t.actuals === 'routine' && t.routine).map((t) => t.code)
        )
        expect(grid.national.map((t) => t.code)).toContain('ODD-3.1.1')
        expect(grid.lines.map((l) => l.name)).toEqual(['Kadiolo', 'Koutiala'])
    })

    it('judges each child with the scorecard rule', () => {
        const [kadiolo, koutiala] = sikassoGrid().lines
        expect(kadiolo?.cells.get(BIRTHS)?.status).toBe('on-track')
        expect(koutiala?.cells.get(BIRTHS)?.status).toBe('behind')
        expect(koutiala?.cells.get('ODD-3.3.2')?.status).toBe('no-data')
        expect(kadiolo?.completeness).toBe(75)
        expect(koutiala?.completeness).toBeNull()
    })
})

describe('overviewCsv', () => {
    it('writes one line per child with each actual and status word, for French Excel', () => {
        const csv = overviewCsv(sikassoGrid(), 2024)
        expect(csv.startsWith('\uFEFF')).toBe(true)
        const lines = csv.slice(1).split('\r\n')
        expect(lines.pop()).toBe('')
        expect(lines).toHaveLength(3)
        const header = lines[0]?.split(';') ?? []
        expect(header.slice(0, 4)).toEqual([
            "Unité d'organisation",
            'Année',
            "ODD-3.1.2 — Proportion d'accouchements assistés par du personnel qualifié (%)",
            'ODD-3.1.2 — statut',
        ])
        expect(header.at(-1)).toBe('Complétude des rapports du privé (%)')
        expect(lines[1]?.split(';').slice(0, 4)).toEqual(['Kadiolo', '2024', '80,5', 'En bonne voie'])
        expect(lines[2]?.split(';').slice(0, 5)).toEqual(['Koutiala', '2024', '60,3', 'En retard', ''])
        expect(lines[1]?.split(';').at(-1)).toBe('75')
        expect(overviewFileName('Sikasso', 2024)).toBe('odd3-overview-sikasso-2024.csv')
    })

    it('words a status of the running year as provisional, as the grid does', () => {
        const lines = overviewCsv(sikassoGrid(), 2024, true).slice(1).split('\r\n')
        expect(lines[2]?.split(';').slice(0, 4)).toEqual([
            'Koutiala',
            '2024',
            '60,3',
            'En retard (provisoire)',
        ])
    })
})
