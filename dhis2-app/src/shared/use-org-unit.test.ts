import { describe, expect, it } from 'vitest'
import { countryName, parseOrgUnit } from './use-org-unit'

describe('countryName', () => {
    it('is the root org unit of the selected one, or the unit itself at the top', () => {
        const district = parseOrgUnit({
            orgUnit: {
                id: 'OuDisKad001',
                displayName: 'Kadiolo',
                level: 3,
                path: '/OuMali00001/OuRegSik001/OuDisKad001',
                ancestors: [
                    { id: 'OuRegSik001', displayName: 'Sikasso', level: 2 },
                    { id: 'OuMali00001', displayName: 'République du Mali', level: 1 },
                ],
            },
        })
        expect(countryName(district)).toBe('République du Mali')
        expect(countryName({ name: 'Mali', level: 1, ancestors: [] })).toBe('Mali')
    })

    it('falls back to Mali when DHIS2 leaves the ancestors out, never to the selected unit', () => {
        expect(countryName({ name: 'Sikasso', level: 2, ancestors: [] })).toBe('Mali')
    })
})
