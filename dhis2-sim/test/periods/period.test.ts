import { describe, expect, it } from 'vitest'
import {
    currentPeriod,
    daysInPeriod,
    parsePeriod,
    periodsInRange,
    shiftPeriod,
} from '../../src/periods/period.js'

describe('parsePeriod', () => {
    const cases: Array<[string, string, string, string, string]> = [
        ['20240131', '20240131', 'Daily', '2024-01-31', '2024-01-31'],
        ['2024-01-31', '20240131', 'Daily', '2024-01-31', '2024-01-31'],
        ['2024W5', '2024W5', 'Weekly', '2024-01-29', '2024-02-04'],
        ['2024W05', '2024W5', 'Weekly', '2024-01-29', '2024-02-04'],
        ['2021W52', '2021W52', 'Weekly', '2021-12-27', '2022-01-02'],
        ['2020W53', '2020W53', 'Weekly', '2020-12-28', '2021-01-03'],
        ['2024SunW8', '2024SunW8', 'WeeklySunday', '2024-02-18', '2024-02-24'],
        ['2024WedW1', '2024WedW1', 'WeeklyWednesday', '2024-01-03', '2024-01-09'],
        ['2024BiW1', '2024BiW1', 'BiWeekly', '2024-01-01', '2024-01-14'],
        ['202401', '202401', 'Monthly', '2024-01-01', '2024-01-31'],
        ['2024-02', '202402', 'Monthly', '2024-02-01', '2024-02-29'],
        ['202401B', '202401B', 'BiMonthly', '2024-01-01', '2024-02-29'],
        ['202406B', '202406B', 'BiMonthly', '2024-11-01', '2024-12-31'],
        ['2024Q1', '2024Q1', 'Quarterly', '2024-01-01', '2024-03-31'],
        ['2024NovQ1', '2024NovQ1', 'QuarterlyNov', '2023-11-01', '2024-01-31'],
        ['2024S2', '2024S2', 'SixMonthly', '2024-07-01', '2024-12-31'],
        ['2024AprilS1', '2024AprilS1', 'SixMonthlyApril', '2024-04-01', '2024-09-30'],
        ['2024AprilS2', '2024AprilS2', 'SixMonthlyApril', '2024-10-01', '2025-03-31'],
        ['2024NovS1', '2024NovS1', 'SixMonthlyNov', '2023-11-01', '2024-04-30'],
        ['2024', '2024', 'Yearly', '2024-01-01', '2024-12-31'],
        ['2024April', '2024April', 'FinancialApril', '2024-04-01', '2025-03-31'],
        ['2024July', '2024July', 'FinancialJuly', '2024-07-01', '2025-06-30'],
        ['2024Oct', '2024Oct', 'FinancialOct', '2024-10-01', '2025-09-30'],
        ['2024Nov', '2024Nov', 'FinancialNov', '2023-11-01', '2024-10-31'],
    ]
    it.each(cases)('%s', (input, id, type, start, end) => {
        expect(parsePeriod(input)).toEqual({ id, periodType: type, startDate: start, endDate: end })
    })
    it.each(['202413', '2024W54', '2021W53', '20240230', '2024Q5', 'abc', '202400', '2024-1', ''])(
        'rejects %s',
        (input) => {
            expect(parsePeriod(input)).toBeNull()
        }
    )
})

describe('period arithmetic', () => {
    it('finds the period containing a date', () => {
        expect(currentPeriod('Monthly', '2024-05-28').id).toBe('202405')
        expect(currentPeriod('Weekly', '2022-01-01').id).toBe('2021W52')
        expect(currentPeriod('Weekly', '2024-12-30').id).toBe('2025W1')
        expect(currentPeriod('FinancialNov', '2023-11-15').id).toBe('2024Nov')
        expect(currentPeriod('FinancialNov', '2023-10-15').id).toBe('2023Nov')
        expect(currentPeriod('FinancialApril', '2024-03-10').id).toBe('2023April')
        expect(currentPeriod('QuarterlyNov', '2024-01-10').id).toBe('2024NovQ1')
        expect(currentPeriod('QuarterlyNov', '2024-11-10').id).toBe('2025NovQ1')
        expect(currentPeriod('BiMonthly', new Date('2024-04-10T23:59:00Z')).id).toBe('202402B')
    })
    it('shifts periods', () => {
        const jan = parsePeriod('202401')
        expect(jan && shiftPeriod(jan, -1).id).toBe('202312')
        expect(jan && shiftPeriod(jan, 12).id).toBe('202501')
        const week = parsePeriod('2020W53')
        expect(week && shiftPeriod(week, 1).id).toBe('2021W1')
    })
    it('lists periods in a range and counts days', () => {
        expect(periodsInRange('Monthly', '2024-01-01', '2024-03-31').map((p) => p.id)).toEqual([
            '202401',
            '202402',
            '202403',
        ])
        expect(periodsInRange('Monthly', '2024-01-15', '2024-03-31').map((p) => p.id)).toEqual([
            '202402',
            '202403',
        ])
        expect(
            periodsInRange('Quarterly', '2024-01-15', '2024-04-01', { overlapping: true }).map((p) => p.id)
        ).toEqual(['2024Q1', '2024Q2'])
        const feb = parsePeriod('202402')
        expect(feb && daysInPeriod(feb)).toBe(29)
    })
})
