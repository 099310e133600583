import { describe, expect, it } from 'vitest'
import { benchmarkFor, expectedValue, pathPoints, type Trajectory } from './trajectory'

const contraception: Trajectory = {
    baseline: { year: 2018, value: 16 },
    target2023: { year: 2023, value: 30 },
    target2030: { year: 2030, value: 41 },
}

describe('expectedValue', () => {
    it('is the baseline in the baseline year and the targets in their years', () => {
        expect(expectedValue(contraception, 2018)).toBe(16)
        expect(expectedValue(contraception, 2023)).toBe(30)
        expect(expectedValue(contraception, 2030)).toBe(41)
    })

    it('follows a straight line from the baseline to 2023, then from 2023 to 2030', () => {
        expect(expectedValue(contraception, 2020)).toBeCloseTo(16 + (14 * 2) / 5, 10)
        expect(expectedValue(contraception, 2024)).toBeCloseTo(30 + 11 / 7, 10)
        expect(expectedValue(contraception, 2027)).toBeCloseTo(30 + (11 * 4) / 7, 10)
    })

    it('keeps the 2030 target after 2030 and sets nothing before the baseline', () => {
        expect(expectedValue(contraception, 2032)).toBe(41)
        expect(expectedValue(contraception, 2017)).toBeNull()
    })

    it('judges past the last target against it, and bridges a placeholder 2023 target', () => {
        const malaria: Trajectory = { ...contraception, target2030: { year: 2030, value: null } }
        expect(expectedValue(malaria, 2022)).not.toBeNull()
        expect(expectedValue(malaria, 2023)).toBe(30)
        expect(benchmarkFor(malaria, 2024)).toMatchObject({ kind: 'overdue', expected: 30 })
        const open2023: Trajectory = { ...contraception, target2023: { year: 2023, value: null } }
        expect(expectedValue(open2023, 2020)).toBeCloseTo(16 + (25 * 2) / 12, 10)
        expect(expectedValue(open2023, 2026)).toBeCloseTo(16 + (25 * 8) / 12, 10)
        const none: Trajectory = { ...open2023, target2030: { year: 2030, value: null } }
        expect(benchmarkFor(none, 2026)).toBeNull()
    })

    it('has no path before 2023 without a baseline, but judges 2023 against its target', () => {
        const noBaseline: Trajectory = { ...contraception, baseline: null }
        expect(expectedValue(noBaseline, 2021)).toBeNull()
        expect(benchmarkFor(noBaseline, 2021)).toMatchObject({ kind: 'ahead', milestone: { year: 2023 } })
        expect(benchmarkFor(noBaseline, 2023)).toMatchObject({ kind: 'milestone', expected: 30 })
        expect(expectedValue(noBaseline, 2025)).toBeCloseTo(30 + 22 / 7, 10)
    })

    it('handles a baseline in the target year itself', () => {
        const sameYear: Trajectory = { ...contraception, baseline: { year: 2023, value: 25 } }
        expect(expectedValue(sameYear, 2023)).toBe(30)
        expect(expectedValue(sameYear, 2022)).toBeNull()
    })
})

describe('benchmarkFor and pathPoints', () => {
    it('judges years up to 2023 against the 2023 target, later ones against 2030', () => {
        expect(benchmarkFor(contraception, 2021)?.milestone.value).toBe(30)
        expect(benchmarkFor(contraception, 2023)?.milestone.value).toBe(30)
        expect(benchmarkFor(contraception, 2024)?.milestone.value).toBe(41)
        expect(benchmarkFor(contraception, 2032)).toMatchObject({ kind: 'milestone', expected: 41 })
    })

    it('draws only the segments whose ends are known', () => {
        expect(pathPoints(contraception)).toHaveLength(2)
        expect(pathPoints({ ...contraception, target2030: { year: 2030, value: null } })).toEqual([
            [
                { year: 2018, value: 16 },
                { year: 2023, value: 30 },
            ],
        ])
    })
})
