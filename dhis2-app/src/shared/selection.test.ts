import { describe, expect, it } from 'vitest'
import { parseSelection, selectionToHash } from './selection'

describe('selection in the URL hash', () => {
    it('round-trips org unit, year and indicator', () => {
        const selection = { orgUnit: 'AbC123defGh', year: 2024, indicator: 'ODD-3.7.1' }
        expect(parseSelection(selectionToHash(selection))).toEqual(selection)
        expect(selectionToHash(selection)).toBe('#/?ou=AbC123defGh&year=2024&indicator=ODD-3.7.1')
    })

    it('ignores what is not a UID or a year, and gives a short hash for the default view', () => {
        expect(parseSelection('#/?ou=../../etc&year=20x4')).toEqual({
            orgUnit: null,
            year: null,
            indicator: null,
        })
        expect(parseSelection('')).toEqual({ orgUnit: null, year: null, indicator: null })
        expect(selectionToHash({ orgUnit: null, year: null, indicator: null })).toBe('#/')
    })
})
