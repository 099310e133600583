import { describe, expect, it } from 'vitest'
import { ValueIndex } from '../progress/actuals'
import { buildScorecard } from '../progress/scorecard-model'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { furthestBehind, relativeShortfall } from './furthest-behind'

const SIKASSO = 'OuRegSik001'

function uid(code: string): string {
    const found = DEFAULT_TARGETS.find((t) => t.code === code)?.routine?.indicatorUid
    if (!found) throw new Error(code)
    return found
}

function rows2024(values: Record<string, number>) {
    const actuals = new ValueIndex()
    for (const [code, value] of Object.entries(values)) actuals.add(uid(code), SIKASSO, 2024, value)
    return buildScorecard({
        targets: DEFAULT_TARGETS,
        actuals,
        orgUnitId: SIKASSO,
        year: 2024,
        years: [2023, 2024],
        decimalsByIndicator: new Map(),
    })
}

describe('furthestBehind', () => {
    it('puts an indicator gone back below its baseline before one merely late, then the largest relative shortfall', () => {
        const rows = rows2024({
            'ODD-3.1.2': 74.2, // behind, 1 % short of 75.06
            'ODD-3.3.2': 60, // off track (baseline 53), 51 % above the 39.86 expected
            'ODD-3.3.3': 90, // off track (baseline 84), 34 % above the overdue 67
            'ODD-3.7.1': 20, // behind, 37 % short of 31.57
            'ODD-3.b.1': 50, // behind, 23 % short of the overdue 65
            'ODD-3.3.1': 0.5, // on track
        })
        const statusOf = (code: string) => rows.find((r) => r.target.code === code)?.status
        expect(statusOf('ODD-3.3.3')).toBe('off-track')
        expect(statusOf('ODD-3.7.1')).toBe('behind')
        expect(furthestBehind(rows).map((r) => r.target.code)).toEqual([
            'ODD-3.3.2',
            'ODD-3.3.3',
            'ODD-3.7.1',
        ])
    })

    it('gives fewer than three when fewer are behind, and never an on-track or unjudged one', () => {
        const rows = rows2024({ 'ODD-3.1.2': 74.2, 'ODD-3.3.1': 0.5, 'MAP-3.3-VIH-NOUVEAUX': 20000 })
        expect(furthestBehind(rows).map((r) => r.target.code)).toEqual(['ODD-3.1.2'])
        expect(furthestBehind(rows2024({}))).toEqual([])
    })

    it('measures the shortfall relative to the value expected, zero when ahead', () => {
        expect(relativeShortfall({ gap: -10, expected: 40 })).toBe(0.25)
        expect(relativeShortfall({ gap: 3, expected: 40 })).toBe(0)
        expect(relativeShortfall({ gap: -1, expected: 0 })).toBe(Number.POSITIVE_INFINITY)
        expect(relativeShortfall({ gap: null, expected: null })).toBe(0)
    })
})
