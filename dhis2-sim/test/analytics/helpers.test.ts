// Pure helpers of the analytics engine: relative periods, expressions, number rendering, parameters.
import { describe, expect, it } from 'vitest'
import { evaluateExpression, expressionItems, parseExpression } from '../../src/analytics/expression.js'
import { formatDouble, formatNumber, roundTo } from '../../src/analytics/format.js'
import { periodName, resolveRelativePeriod } from '../../src/analytics/relative-periods.js'
import { splitDimensionParams } from '../../src/analytics/request.js'
import { parsePeriod } from '../../src/periods/period.js'

const ids = (keyword: string, date: string, financial: 'FinancialOct' | 'FinancialApril' = 'FinancialOct') =>
    (resolveRelativePeriod(keyword, date, financial) ?? []).map((p) => p.id)

describe('relative periods', () => {
    it('exclude the current period from "last N" and include it in "this"', () => {
        expect(ids('LAST_12_MONTHS', '2022-01-01')).toEqual([
            '202101',
            '202102',
            '202103',
            '202104',
            '202105',
            '202106',
            '202107',
            '202108',
            '202109',
            '202110',
            '202111',
            '202112',
        ])
        expect(ids('THIS_YEAR', '2022-01-01')).toEqual(['2022'])
        expect(ids('LAST_5_YEARS', '2026-06-01')).toEqual(['2021', '2022', '2023', '2024', '2025'])
        expect(ids('LAST_4_QUARTERS', '2024-05-02')).toEqual(['2023Q2', '2023Q3', '2023Q4', '2024Q1'])
        expect(ids('THIS_MONTH', '2024-02-29')).toEqual(['202402'])
        expect(ids('LAST_MONTH', '2024-01-15')).toEqual(['202312'])
        expect(ids('LAST_2_SIXMONTHS', '2024-08-01')).toEqual(['2023S2', '2024S1'])
        expect(ids('LAST_6_BIMONTHS', '2024-03-10')).toEqual([
            '202302B',
            '202303B',
            '202304B',
            '202305B',
            '202306B',
            '202401B',
        ])
        expect(ids('YESTERDAY', '2024-03-01')).toEqual(['20240229'])
        expect(ids('LAST_WEEK', '2024-01-03')).toEqual(['2023W52'])
        expect(ids('LAST_52_WEEKS', '2024-06-01')).toHaveLength(52)
    })

    it('give whole calendar years for *_THIS_YEAR and *_LAST_YEAR', () => {
        expect(ids('MONTHS_LAST_YEAR', '2024-06-01')).toHaveLength(12)
        expect(ids('MONTHS_LAST_YEAR', '2024-06-01')[0]).toBe('202301')
        expect(ids('QUARTERS_THIS_YEAR', '2024-06-01')).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4'])
        expect(ids('WEEKS_THIS_YEAR', '2020-06-01')).toHaveLength(53)
    })

    it('follow the financial year start setting', () => {
        expect(ids('THIS_FINANCIAL_YEAR', '2024-11-15')).toEqual(['2024Oct'])
        expect(ids('THIS_FINANCIAL_YEAR', '2024-09-15')).toEqual(['2023Oct'])
        expect(ids('LAST_FINANCIAL_YEAR', '2024-05-01', 'FinancialApril')).toEqual(['2023April'])
        expect(resolveRelativePeriod('NEXT_YEAR', '2024-01-01', 'FinancialOct')).toBeNull()
    })

    it('name periods as DHIS2 prints them in English', () => {
        const name = (id: string) => {
            const period = parsePeriod(id)
            if (!period) throw new Error(id)
            return periodName(period)
        }
        expect(name('202101')).toBe('January 2021')
        expect(name('2022')).toBe('2022')
        expect(name('2021Q1')).toBe('January - March 2021')
        expect(name('2021S1')).toBe('January - June 2021')
        expect(name('2021Oct')).toBe('October 2021 - September 2022')
        expect(name('20211218')).toBe('2021-12-18')
    })
})

describe('indicator expressions', () => {
    const values: Record<string, number | null> = { '#{a}': 4, '#{b.c}': null, '#{d}': null, 'C{k}': 10 }
    const valueOf = (item: { key: string }) => values[item.key] ?? null

    it('respect precedence and parentheses', () => {
        expect(evaluateExpression(parseExpression('1 + 2 * 3'), valueOf)).toBe(7)
        expect(evaluateExpression(parseExpression('(1 + 2) * 3'), valueOf)).toBe(9)
        expect(evaluateExpression(parseExpression('2 ^ 3 ^ 2'), valueOf)).toBe(512)
        expect(evaluateExpression(parseExpression('-#{a} + C{k}'), valueOf)).toBe(6)
    })

    it('skip only when all items are missing, counting missing items as 0 otherwise', () => {
        expect(evaluateExpression(parseExpression('#{a} + #{b.c}'), valueOf)).toBe(4)
        expect(evaluateExpression(parseExpression('#{b.c} + #{d}'), valueOf)).toBeNull()
        expect(evaluateExpression(parseExpression('#{d} * C{k}'), valueOf)).toBeNull()
        expect(evaluateExpression(parseExpression('1'), valueOf)).toBe(1)
        expect(evaluateExpression(parseExpression('#{a} / 0'), valueOf)).toBeNull()
    })

    it('read every item form', () => {
        const items = expressionItems(
            parseExpression(
                '#{de} + #{de.coc} + #{de.*.aoc} + #{de.coc.aoc} + OUG{g} + R{ds.REPORTING_RATE} + N{ind} + C{k}'
            )
        )
        expect(items.map((item) => item.kind)).toEqual([
            'DE',
            'DE',
            'DE',
            'DE',
            'OUG',
            'RATE',
            'INDICATOR',
            'CONSTANT',
        ])
        expect(items[2]).toMatchObject({ dataElement: 'de', coc: null, aoc: 'aoc' })
        expect(items[3]).toMatchObject({ dataElement: 'de', coc: 'coc', aoc: 'aoc' })
        expect(() => parseExpression('#{a} +')).toThrow()
        expect(() => parseExpression('(#{a}')).toThrow()
    })
})

describe('number rendering and parameters', () => {
    it('prints doubles like Java and totals as integers', () => {
        expect(formatDouble(90)).toBe('90.0')
        expect(formatDouble(roundTo(101.4749, 2))).toBe('101.47')
        expect(formatDouble(roundTo(1.005, 2))).toBe('1.01')
        expect(formatDouble(12345678901)).toBe('12345678901.0')
        expect(formatDouble(roundTo(0.0000001234, 10))).toBe('0.0000001234')
        expect(formatNumber(22356)).toBe('22356')
        expect(formatNumber(roundTo(106.5, 2))).toBe('106.5')
    })

    it('splits comma-joined and repeated dimension parameters', () => {
        expect(splitDimensionParams(['dx:a;b,pe:LAST_12_MONTHS', 'ou:LEVEL-2;x', 'OugsSecteur'])).toEqual([
            { dimension: 'dx', items: ['a', 'b'] },
            { dimension: 'pe', items: ['LAST_12_MONTHS'] },
            { dimension: 'ou', items: ['LEVEL-2', 'x'] },
            { dimension: 'OugsSecteur', items: [] },
        ])
    })
})
