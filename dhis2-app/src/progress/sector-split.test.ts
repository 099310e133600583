import { describe, expect, it } from 'vitest'
import { parseAnalyticsGrid } from '../shared/analytics-grid'
import { privateCompleteness, sectorShare, indexSectorSplit } from './sector-split'

const GROUPS = new Map([
    ['GrPub', 'SECT_PUBLIC'],
    ['GrCom', 'SECT_COMMUNAUTAIRE'],
    ['GrLuc', 'SECT_PRIVE_LUCRATIF'],
    ['GrNon', 'SECT_PRIVE_NON_LUCRATIF'],
])
const PRIVATE = ['SECT_PRIVE_LUCRATIF', 'SECT_PRIVE_NON_LUCRATIF']

const grid = {
    headers: [{ name: 'ou' }, { name: 'GsSect' }, { name: 'dx' }, { name: 'pe' }, { name: 'value' }],
    rows: [
        ['Ou1', 'GrPub', 'DeA', '2024', '70'],
        ['Ou1', 'GrLuc', 'DeA', '2024', '20'],
        ['Ou1', 'GrNon', 'DeB.Coc1', '2024', '10'],
        ['Ou1', 'GrCom', 'DeB.Coc1', '2024', ''],
        ['Ou1', 'GrLuc', 'DsPriv.ACTUAL_REPORTS', '2024', '9'],
        ['Ou1', 'GrNon', 'DsPriv.ACTUAL_REPORTS', '2024', '3'],
        ['Ou1', 'GrLuc', 'DsPriv.EXPECTED_REPORTS', '2024', '12'],
        ['Ou1', 'GrNon', 'DsPriv.EXPECTED_REPORTS', '2024', '12'],
    ],
}

describe('sector split', () => {
    const split = indexSectorSplit(parseAnalyticsGrid(grid), 'GsSect', GROUPS)

    it('gives the private share of a numerator summed over its items, whatever the header order', () => {
        const share = sectorShare(split.get('Ou1'), ['DeA', 'DeB.Coc1'], PRIVATE)
        expect(share?.total).toBe(100)
        expect(share?.private).toBe(30)
        expect(share?.privateShare).toBe(30)
    })

    it('is zero, not missing, when only the public sector reported, and missing without a numerator', () => {
        expect(sectorShare(split.get('Ou1'), ['DeA'], ['SECT_COMMUNAUTAIRE'])?.privateShare).toBe(0)
        expect(sectorShare(split.get('Ou1'), ['DeZ'], PRIVATE)?.privateShare).toBeNull()
        expect(sectorShare(undefined, ['DeA'], PRIVATE)).toBeNull()
    })

    it('sums reports over sectors for the completeness rate', () => {
        expect(privateCompleteness(split.get('Ou1'), ['DsPriv'])).toEqual({
            actual: 12,
            expected: 24,
            rate: 50,
        })
        expect(privateCompleteness(split.get('Ou2'), ['DsPriv']).rate).toBeNull()
    })
})
