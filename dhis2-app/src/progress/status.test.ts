import { describe, expect, it } from 'vitest'
import type { Trajectory } from './trajectory'
import { roundLikeAnalytics } from '../shared/format'
import { gapToPath, judge, progressStatus } from './status'

// Skilled birth attendance: higher is better. Path 2020 = 40 + 25 × 2/5 = 50.
const coverage: Trajectory = {
    baseline: { year: 2018, value: 40 },
    target2023: { year: 2023, value: 65 },
    target2030: { year: 2030, value: 85 },
}

// Maternal mortality: lower is better. Path 2020 = 325 − 26 × 2/5 = 314.6.
const mortality: Trajectory = {
    baseline: { year: 2018, value: 325 },
    target2023: { year: 2023, value: 299 },
    target2030: { year: 2030, value: 234 },
}

describe('progressStatus, higher is better', () => {
    it('is on track exactly on the path and just above it', () => {
        expect(progressStatus(coverage, 'higher', 2020, 50)).toBe('on-track')
        expect(progressStatus(coverage, 'higher', 2020, 50.01)).toBe('on-track')
    })

    it('is behind just below the path', () => {
        expect(progressStatus(coverage, 'higher', 2020, 49.99)).toBe('behind')
    })

    it('is behind exactly at the baseline and just above it, off track only strictly below it', () => {
        expect(progressStatus(coverage, 'higher', 2020, 40)).toBe('behind')
        expect(progressStatus(coverage, 'higher', 2020, 40.01)).toBe('behind')
        expect(progressStatus(coverage, 'higher', 2020, 39.99)).toBe('off-track')
        expect(progressStatus(coverage, 'higher', 2020, 30)).toBe('off-track')
        // After 2023 too: the baseline stays the bar for "off track" on the second segment.
        expect(progressStatus(coverage, 'higher', 2025, 40)).toBe('behind')
        expect(progressStatus(coverage, 'higher', 2025, 39.99)).toBe('off-track')
    })

    it('is on track, not behind, exactly at the baseline in the baseline year (the path starts there)', () => {
        expect(progressStatus(coverage, 'higher', 2018, 40)).toBe('on-track')
        expect(progressStatus(coverage, 'higher', 2018, 39.99)).toBe('off-track')
    })

    it('is met exactly at the milestone of the year and above it', () => {
        expect(progressStatus(coverage, 'higher', 2020, 65)).toBe('met')
        expect(progressStatus(coverage, 'higher', 2020, 64.99)).toBe('on-track')
        expect(progressStatus(coverage, 'higher', 2025, 85)).toBe('met')
        expect(progressStatus(coverage, 'higher', 2025, 84.99)).toBe('on-track')
    })
})

describe('progressStatus, lower is better', () => {
    it('is on track exactly on the path and just below it', () => {
        expect(progressStatus(mortality, 'lower', 2020, 314.6)).toBe('on-track')
        expect(progressStatus(mortality, 'lower', 2020, 314.59)).toBe('on-track')
    })

    it('is behind just above the path', () => {
        expect(progressStatus(mortality, 'lower', 2020, 314.61)).toBe('behind')
    })

    it('is behind exactly at the baseline and just below it, off track only strictly above it', () => {
        expect(progressStatus(mortality, 'lower', 2020, 325)).toBe('behind')
        expect(progressStatus(mortality, 'lower', 2020, 324.99)).toBe('behind')
        expect(progressStatus(mortality, 'lower', 2020, 325.01)).toBe('off-track')
        expect(progressStatus(mortality, 'lower', 2020, 330)).toBe('off-track')
        expect(progressStatus(mortality, 'lower', 2025, 325)).toBe('behind')
        expect(progressStatus(mortality, 'lower', 2025, 325.01)).toBe('off-track')
    })

    it('is on track, not behind, exactly at the baseline in the baseline year (the path starts there)', () => {
        expect(progressStatus(mortality, 'lower', 2018, 325)).toBe('on-track')
        expect(progressStatus(mortality, 'lower', 2018, 325.01)).toBe('off-track')
    })

    it('is met at or below the milestone', () => {
        expect(progressStatus(mortality, 'lower', 2020, 299)).toBe('met')
        expect(progressStatus(mortality, 'lower', 2020, 299.01)).toBe('on-track')
    })
})

describe('progressStatus, rounding and missing pieces', () => {
    // 2024 on the path: 30 + 11/7 = 31.5714…, shown by analytics as 31.57.
    const contraception: Trajectory = {
        baseline: { year: 2018, value: 16 },
        target2023: { year: 2023, value: 30 },
        target2030: { year: 2030, value: 41 },
    }

    it('judges a value on a non-terminating path at the precision analytics gives', () => {
        expect(roundLikeAnalytics(30 + 11 / 7)).toBe(31.57)
        expect(progressStatus(contraception, 'higher', 2024, 31.57)).toBe('on-track')
        expect(progressStatus(contraception, 'higher', 2024, 31.56)).toBe('behind')
        // Lower is better, 2024 on the path: 299 − 65/7 = 289.714…, shown as 289.71.
        expect(progressStatus(mortality, 'lower', 2024, 289.71)).toBe('on-track')
        expect(progressStatus(mortality, 'lower', 2024, 289.72)).toBe('behind')
    })

    it('says no target only when the plan sets none at all, and no data without an actual', () => {
        const none: Trajectory = {
            ...contraception,
            target2023: { year: 2023, value: null },
            target2030: { year: 2030, value: null },
        }
        expect(progressStatus(none, 'higher', 2025, 35)).toBe('no-target')
        expect(progressStatus(none, 'higher', 2025, null)).toBe('no-target')
        expect(progressStatus(contraception, 'higher', 2025, null)).toBe('no-data')
    })

    it('before the baseline, says only whether the next target is already met', () => {
        expect(progressStatus(contraception, 'higher', 2017, 20)).toBe('no-target')
        expect(progressStatus(contraception, 'higher', 2017, 30)).toBe('met')
        expect(judge(contraception, 'higher', 2017, 20)).toMatchObject({ basis: 'ahead', expected: null })
    })

    it('is behind, never off track, below the path when the plan gives no baseline value', () => {
        const noBaseline: Trajectory = { ...contraception, baseline: null }
        expect(progressStatus(noBaseline, 'higher', 2025, 31)).toBe('behind')
    })

    it('uses a baseline value without a year for off track, but draws no path before 2023 from it', () => {
        const yearless: Trajectory = { ...contraception, baseline: { value: 16, year: null } }
        expect(progressStatus(yearless, 'higher', 2022, 20)).toBe('no-target')
        expect(progressStatus(yearless, 'higher', 2022, 31)).toBe('met')
        expect(progressStatus(yearless, 'higher', 2025, 15)).toBe('off-track')
        expect(progressStatus(yearless, 'higher', 2025, 16)).toBe('behind')
        expect(progressStatus(yearless, 'higher', 2025, 17)).toBe('behind')
    })

    it('rounds the path to the indicator decimals (one decimal here)', () => {
        // 2024 on the path, one decimal: 31.6.
        expect(progressStatus(contraception, 'higher', 2024, 31.6, 1)).toBe('on-track')
        expect(progressStatus(contraception, 'higher', 2024, 31.5, 1)).toBe('behind')
    })

    it('gives the gap to the path, negative when behind', () => {
        expect(gapToPath(coverage, 'higher', 2020, 47.5)).toBe(-2.5)
        expect(gapToPath(mortality, 'lower', 2020, 310)).toBe(4.6)
        expect(gapToPath(mortality, 'lower', 2020, null)).toBeNull()
    })
})

describe('judge: every target the plan gives (issue: "Pas de cible" with a target on the row)', () => {
    // Skilled birth attendance as the plan gives it: no baseline year, 73.4 % in 2023, 85 % in 2030.
    const births: Trajectory = {
        baseline: null,
        target2023: { year: 2023, value: 73.4 },
        target2030: { year: 2030, value: 85 },
    }
    // Malaria incidence ‰: baseline 84 (2018), 67 in 2023, 2030 left "XX". Lower is better.
    const malaria: Trajectory = {
        baseline: { year: 2018, value: 84 },
        target2023: { year: 2023, value: 67 },
        target2030: { year: 2030, value: null },
    }

    it('judges a milestone year against that milestone even without a baseline, both directions', () => {
        expect(judge(births, 'higher', 2023, 70)).toMatchObject({
            status: 'behind',
            basis: 'milestone',
            expected: 73.4,
            gap: -3.4,
        })
        expect(progressStatus(births, 'higher', 2023, 73.4)).toBe('met')
        expect(progressStatus(births, 'higher', 2023, 73.39)).toBe('behind')
        const mortalityNoBaseline: Trajectory = { ...mortality, baseline: null }
        expect(progressStatus(mortalityNoBaseline, 'lower', 2023, 299)).toBe('met')
        expect(progressStatus(mortalityNoBaseline, 'lower', 2023, 299.01)).toBe('behind')
    })

    it('after 2023 with 2030 still "XX", judges against the 2023 target, already due (lower is better)', () => {
        expect(judge(malaria, 'lower', 2025, 124.1)).toMatchObject({
            status: 'off-track',
            basis: 'overdue',
            expected: 67,
        })
        expect(judge(malaria, 'lower', 2025, 70)).toMatchObject({ status: 'behind', basis: 'overdue' })
        expect(progressStatus(malaria, 'lower', 2025, 84)).toBe('behind')
        expect(progressStatus(malaria, 'lower', 2025, 84.01)).toBe('off-track')
        expect(progressStatus(malaria, 'lower', 2025, 67)).toBe('met')
        expect(progressStatus(malaria, 'lower', 2031, 60)).toBe('met')
    })

    it('after 2023 with 2030 still "XX", judges against the 2023 target (higher is better)', () => {
        const vaccination: Trajectory = {
            baseline: { year: 2018, value: 45 },
            target2023: { year: 2023, value: 65 },
            target2030: { year: 2030, value: null },
        }
        expect(judge(vaccination, 'higher', 2026, 64.99)).toMatchObject({
            status: 'behind',
            basis: 'overdue',
        })
        expect(progressStatus(vaccination, 'higher', 2026, 65)).toBe('met')
        expect(progressStatus(vaccination, 'higher', 2026, 44.99)).toBe('off-track')
    })

    it('draws the path from the baseline to 2030 when only the 2023 target is "XX"', () => {
        const open2023: Trajectory = {
            ...coverage,
            baseline: { year: 2018, value: 16 },
            target2023: { year: 2023, value: null },
            target2030: { year: 2030, value: 41 },
        }
        // 2025 on the line 2018 → 2030: 16 + 25 × 7/12 = 30.58.
        expect(judge(open2023, 'higher', 2025, 30.58)).toMatchObject({ status: 'on-track', basis: 'path' })
        expect(progressStatus(open2023, 'higher', 2025, 30.57)).toBe('behind')
    })

    it('between 2023 and 2030 without a baseline, follows the path from 2023', () => {
        // 2025 on 73.4 → 85: 73.4 + 11.6 × 2/7 = 76.71.
        expect(judge(births, 'higher', 2025, 76.71)).toMatchObject({ status: 'on-track', basis: 'path' })
        expect(progressStatus(births, 'higher', 2025, 76.7)).toBe('behind')
        expect(progressStatus(births, 'higher', 2022, 70)).toBe('no-target')
    })
})
