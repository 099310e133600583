import { describe, expect, it } from 'vitest'
import { expectedValue, milestoneFor, pathPoints, segmentFor, type Trajectory } from './trajectory'

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

    it('breaks the path at a placeholder target', () => {
        const malaria: Trajectory = { ...contraception, target2030: { year: 2030, value: null } }
        expect(expectedValue(malaria, 2022)).not.toBeNull()
        expect(expectedValue(malaria, 2023)).toBe(30)
        expect(expectedValue(malaria, 2024)).toBeNull()
        const open2023: Trajectory = { ...contraception, target2023: { year: 2023, value: null } }
        expect(expectedValue(open2023, 2020)).toBeNull()
        expect(expectedValue(open2023, 2026)).toBeNull()
    })

    it('has no path before 2023 without a baseline', () => {
        const noBaseline: Trajectory = { ...contraception, baseline: null }
        expect(expectedValue(noBaseline, 2021)).toBeNull()
        expect(expectedValue(noBaseline, 2025)).toBeCloseTo(30 + 22 / 7, 10)
    })

    it('handles a baseline in the target year itself', () => {
        const sameYear: Trajectory = { ...contraception, baseline: { year: 2023, value: 25 } }
        expect(expectedValue(sameYear, 2023)).toBe(30)
        expect(segmentFor(sameYear, 2022)).toBeNull()
    })
})

describe('milestoneFor and pathPoints', () => {
    it('judges years up to 2023 against the 2023 target, later ones against 2030', () => {
        expect(milestoneFor(contraception, 2023).value).toBe(30)
        expect(milestoneFor(contraception, 2024).value).toBe(41)
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
