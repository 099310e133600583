import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../test/i18n'
import { placePhrase } from './place'

describe('placePhrase', () => {
    afterEach(async () => useLanguage('fr'))

    it('places each level as French says it, with elision', () => {
        expect(placePhrase({ name: 'Mali', level: 1 })).toBe('au Mali')
        expect(placePhrase({ name: 'Sikasso', level: 2 })).toBe('dans la région de Sikasso')
        expect(placePhrase({ name: 'Kadiolo', level: 3 })).toBe('dans le district sanitaire de Kadiolo')
        expect(placePhrase({ name: 'Ansongo', level: 3 })).toBe("dans le district sanitaire d'Ansongo")
        expect(placePhrase({ name: 'Clinique Kénédougou', level: 4 })).toBe('à Clinique Kénédougou')
    })

    it('places them in English', async () => {
        await useLanguage('en')
        expect(placePhrase({ name: 'Mali', level: 1 })).toBe('in Mali')
        expect(placePhrase({ name: 'Sikasso', level: 2 })).toBe('in the Sikasso region')
        expect(placePhrase({ name: 'Ansongo', level: 3 })).toBe('in the Ansongo health district')
    })
})
