import { describe, expect, it } from 'vitest'
import { expectedMonths, monthLabel } from '../../src/intake/expected-months.js'

const day = (iso: string) => new Date(iso)

describe('expected months', () => {
    it('counts back from the month before today, newest first', () => {
        expect(expectedMonths('2008-11-01', day('2025-03-15T10:00:00Z'), 4)).toEqual([
            '202502',
            '202501',
            '202412',
            '202411',
        ])
    })

    it('never asks for the current month, even on its last day', () => {
        expect(expectedMonths(null, day('2025-03-31T23:59:59Z'), 1)).toEqual(['202502'])
        expect(expectedMonths(null, day('2025-04-01T00:00:00Z'), 1)).toEqual(['202503'])
    })

    it('stops at the opening month, which is owed', () => {
        expect(expectedMonths('2024-11-20', day('2025-03-02T00:00:00Z'), 12)).toEqual([
            '202502',
            '202501',
            '202412',
            '202411',
        ])
        expect(expectedMonths('2024-11-01T00:00:00.000', day('2025-03-02T00:00:00Z'), 2)).toEqual([
            '202502',
            '202501',
        ])
    })

    it('expects nothing from a facility that opened this month or will open later', () => {
        expect(expectedMonths('2025-03-01', day('2025-03-20T00:00:00Z'), 6)).toEqual([])
        expect(expectedMonths('2026-01-01', day('2025-03-20T00:00:00Z'), 6)).toEqual([])
    })

    it('expects every month when the opening date is absent or unreadable', () => {
        expect(expectedMonths(null, day('2025-01-10T00:00:00Z'), 3)).toEqual(['202412', '202411', '202410'])
        expect(expectedMonths('inconnue', day('2025-01-10T00:00:00Z'), 2)).toEqual(['202412', '202411'])
    })

    it('gives nothing for a count of zero or less', () => {
        expect(expectedMonths(null, day('2025-01-10T00:00:00Z'), 0)).toEqual([])
        expect(expectedMonths(null, day('2025-01-10T00:00:00Z'), -2)).toEqual([])
    })
})

describe('month labels', () => {
    it('says the month in French and in English', () => {
        expect(monthLabel('202503', 'fr')).toBe('mars 2025')
        expect(monthLabel('202503', 'en')).toBe('March 2025')
        expect(monthLabel('202408', 'fr')).toBe('août 2024')
        expect(monthLabel('202412', 'fr')).toBe('décembre 2024')
        expect(monthLabel('202401', 'en')).toBe('January 2024')
    })

    it('returns what is not a month as written', () => {
        expect(monthLabel('2024', 'fr')).toBe('2024')
        expect(monthLabel('202413', 'fr')).toBe('202413')
        expect(monthLabel('2024Q1', 'en')).toBe('2024Q1')
    })
})
