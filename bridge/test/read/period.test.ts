import { describe, expect, it } from 'vitest'
import { addMonths, latestOpenMonth, parsePeriod } from '../../src/read/period.js'

describe('parsePeriod: months as people write them', () => {
    it.each([
        ['2024-03', '202403'],
        ['03/2024', '202403'],
        ['3/2024', '202403'],
        ['mars 2024', '202403'],
        ['Mars-24', '202403'],
        ['MARS 2024', '202403'],
        ['févr. 2024', '202402'],
        ['fevrier 2024', '202402'],
        ['août 2023', '202308'],
        ['décembre 2024', '202412'],
        ['March 2024', '202403'],
        ['202403', '202403'],
        ['2024/3', '202403'],
        ['01/03/2024', '202403'],
        ['2024-03-01', '202403'],
        ['45352', '202403'],
        ['mois de mars 2024', '202403'],
    ])('%s → %s', (input, iso) => {
        expect(parsePeriod(input)?.iso).toBe(iso)
        expect(parsePeriod(input)?.type).toBe('Monthly')
    })

    it('names other period types instead of calling them unreadable', () => {
        expect(parsePeriod('2024Q1')).toMatchObject({ iso: '2024Q1', type: 'Quarterly' })
        expect(parsePeriod('T2 2024')).toMatchObject({ iso: '2024Q2', type: 'Quarterly' })
        expect(parsePeriod('2024')).toMatchObject({ iso: '2024', type: 'Yearly' })
    })

    it.each(['13/2024', '2024-13', 'abc', '', 'mars', '00/2024', 'marzo 2024'])('refuses %j', (input) => {
        expect(parsePeriod(input)).toBeUndefined()
    })
})

describe('open periods (DHIS2 E7641 rule)', () => {
    it('with openFuturePeriods 0 the running month is closed to data', () => {
        expect(latestOpenMonth(new Date('2024-04-15T10:00:00Z'), 0)).toBe('202403')
        expect(latestOpenMonth(new Date('2024-04-15T10:00:00Z'), 1)).toBe('202404')
        expect(latestOpenMonth(new Date('2024-01-02T10:00:00Z'), 0)).toBe('202312')
    })
    it('adds months across years', () => {
        expect(addMonths('202411', 3)).toBe('202502')
        expect(addMonths('202401', -1)).toBe('202312')
    })
})
