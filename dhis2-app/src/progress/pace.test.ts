import { describe, expect, it } from 'vitest'
import { paceTo2030 } from './pace'

describe('paceTo2030', () => {
    it('compares the pace needed from the latest actual with the observed one', () => {
        const pace = paceTo2030(
            [
                { year: 2021, value: 20 },
                { year: 2024, value: 29 },
            ],
            41,
            'higher'
        )
        expect(pace.required).toBe(2)
        expect(pace.observed).toBe(3)
        expect(pace.sufficient).toBe(true)
    })

    it('for a falling indicator, a slower fall than needed is not sufficient', () => {
        const pace = paceTo2030(
            [
                { year: 2020, value: 320 },
                { year: 2024, value: 312 },
            ],
            234,
            'lower'
        )
        expect(pace.required).toBe(-13)
        expect(pace.observed).toBe(-2)
        expect(pace.sufficient).toBe(false)
    })

    it('is sufficient exactly at the required pace', () => {
        const pace = paceTo2030(
            [
                { year: 2022, value: 20 },
                { year: 2024, value: 24 },
            ],
            36,
            'higher'
        )
        expect(pace.required).toBe(2)
        expect(pace.sufficient).toBe(true)
    })

    it('has no observed pace with a single actual, and nothing required without a 2030 target', () => {
        expect(paceTo2030([{ year: 2024, value: 20 }], 41, 'higher')).toMatchObject({
            observed: null,
            sufficient: null,
        })
        expect(paceTo2030([{ year: 2024, value: 20 }], null, 'higher')).toMatchObject({ required: null })
        expect(paceTo2030([], 41, 'higher')).toMatchObject({ required: null, observed: null })
    })

    it('requires nothing once the 2030 target is met, and cannot catch up after 2030', () => {
        expect(paceTo2030([{ year: 2024, value: 230 }], 234, 'lower')).toMatchObject({
            required: 0,
            alreadyMet: true,
        })
        expect(paceTo2030([{ year: 2030, value: 30 }], 41, 'higher')).toMatchObject({
            required: null,
            sufficient: false,
        })
    })
})
