// Outside src/ on purpose: the i18n extractor scans src/ and would list these calls' strings in en.pot.
import i18n from '@dhis2/d2-i18n'
import { describe, expect, it } from 'vitest'

describe('translations rendered as text', () => {
    it('keeps apostrophes and slashes of interpolated names as typed', () => {
        const text = i18n.t('{{country}} (national)', { country: "Côte d'Ivoire / Abidjan" })
        expect(text).toBe("Côte d'Ivoire / Abidjan (national)")
    })

    it('also after a call that brings its own interpolation options', () => {
        i18n.t('{{country}} (national)', { country: 'x', interpolation: { escapeValue: true } })
        expect(i18n.t('{{country}} (national)', { country: "d'Ivoire" })).toBe("d'Ivoire (national)")
    })
})
