import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { INDICATORS } from '../metadata/definitions.js'
import { loadCatalogue, parseCatalogue, targetByCode } from '../src/catalogue.js'
import { metadataIndex } from '../src/package.js'

const catalogue = loadCatalogue()
const index = metadataIndex()

function target(code: string) {
    const found = targetByCode(catalogue, code)
    if (!found) throw new Error(`missing ${code}`)
    return found
}

describe('MAP/ODD-3 target catalogue', () => {
    it('validates against its schema', () => {
        const raw: unknown = JSON.parse(
            readFileSync(new URL('../targets/catalogue.json', import.meta.url), 'utf8')
        )
        expect(() => parseCatalogue(raw)).not.toThrow()
        const codes = catalogue.indicators.map((t) => t.code)
        expect(new Set(codes).size).toBe(codes.length)
    })

    it('rejects a routine target without its DHIS2 link', () => {
        const broken = structuredClone(catalogue)
        const first = broken.indicators.find((t) => t.actuals === 'routine')
        if (first) delete first.routine
        expect(() => parseCatalogue(broken)).toThrow()
    })

    // The figures of the plan (its Figure 8 and baselines, as docs/targets.md lists them), one row per target.
    const design: Array<[string, number | null, number | null, number | null, 'lower' | 'higher', number]> = [
        ['ODD-3.1.1', 325, 299, 234, 'lower', 100000],
        ['ODD-3.1.2', null, 73.4, 85, 'higher', 100],
        ['ODD-3.2.1', 101, 87, 65, 'lower', 1000],
        ['ODD-3.2.2', 33, 31, 26, 'lower', 1000],
        ['ODD-3.3.1', 0.78, 0.65, 0.3, 'lower', 1000],
        ['ODD-3.3.2', 53, 41, 33, 'lower', 100000],
        ['ODD-3.3.3', 84, 67, null, 'lower', 1000],
        ['MAP-3.3-VIH-NOUVEAUX', null, 13851, null, 'lower', 1],
        ['MAP-3.3-SIDA-MORTALITE', null, 15.42, null, 'lower', 100000],
        ['ODD-3.7.1', 16, 30, 41, 'higher', 100],
        ['MAP-3.7-BESOINS-NON-SATISFAITS', null, 10, 1, 'lower', 100],
        ['MAP-3.8-DEPENSES-DIRECTES', 44.95, 35, null, 'lower', 100],
        ['MAP-3.8-DEPENSES-CATASTROPHIQUES', 19, 10, null, 'lower', 100],
        ['MAP-3.8-COUVERTURE-AMU', 11.92, 31, null, 'higher', 100],
        ['ODD-3.b.1', 45, 65, null, 'higher', 100],
    ]
    it.each(design)('%s carries the plan figures', (code, baseline, t2023, t2030, direction, factor) => {
        const t = target(code)
        expect(t.baseline.value).toBe(baseline)
        expect(t.targets['2023']).toBe(t2023)
        expect(t.targets['2030']).toBe(t2030)
        expect(t.direction).toBe(direction)
        expect(t.factor).toBe(factor)
    })

    it('keeps the plan wording where the plan says X/XX', () => {
        for (const t of catalogue.indicators) {
            for (const year of ['2023', '2030'] as const) {
                if (t.targets[year] === null) expect(t.planWording[year], `${t.code} ${year}`).toMatch(/X/)
            }
        }
    })

    it('dates the baselines the plan dates (2018) and leaves the others undated', () => {
        for (const code of ['ODD-3.1.1', 'ODD-3.2.1', 'ODD-3.7.1', 'ODD-3.b.1', 'ODD-3.3.3', 'ODD-3.3.1']) {
            expect(target(code).baseline.year).toBe(2018)
        }
        expect(target('MAP-3.8-DEPENSES-DIRECTES').baseline.year).toBeNull()
    })

    it('explains the malaria unit decision', () => {
        const malaria = target('ODD-3.3.3')
        expect(malaria.planWording['2023']).toContain('pour xx habitants')
        expect(malaria.notes?.fr).toMatch(/ambigu/i)
        expect(malaria.notes?.en).toMatch(/per 1,000/)
    })

    it('links routine targets to package indicators, with their numerator data elements', () => {
        for (const t of catalogue.indicators) {
            for (const link of [t.routine, t.routineProxy]) {
                if (!link) continue
                expect(link.indicatorUid).toBe(index.indicatorUid(link.indicatorCode))
                const packaged = index.byCode('indicators', link.indicatorCode)
                expect(link.numerator).toBe(packaged?.numerator)
                expect(link.denominator).toBe(packaged?.denominator)
                const def = INDICATORS.find((i) => i.code === link.indicatorCode)
                expect(link.numeratorDataElements).toEqual([
                    ...new Set(def?.numerator.map((term) => term.dataElement)),
                ])
                for (const code of [...link.numeratorDataElements, ...link.denominatorDataElements]) {
                    expect(() => index.dataElementUid(code)).not.toThrow()
                }
                const indicatorType = index.byId(
                    'indicatorTypes',
                    (index.byCode('indicators', link.indicatorCode)?.indicatorType as { id: string }).id
                )
                if (link === t.routine) expect(indicatorType?.factor, t.code).toBe(t.factor)
            }
        }
        expect(target('ODD-3.3.3').routine?.numeratorDataElements).toEqual([
            'PALU_CONFIRMES',
            'LAB_PALU_TDR',
            'LAB_PALU_GE',
        ])
    })

    it('never presents a routine proxy as a survey figure', () => {
        for (const code of ['ODD-3.1.1', 'ODD-3.2.2']) {
            const t = target(code)
            expect(t.actuals).toBe('survey')
            expect(t.routine).toBeUndefined()
            expect(t.routineProxy).toBeDefined()
        }
        for (const t of catalogue.indicators) {
            for (const s of t.surveyValues) expect(s.source.length).toBeGreaterThan(0)
        }
        expect(target('ODD-3.2.1').surveyValues.map((s) => [s.year, s.value])).toEqual([
            [2012, 95],
            [2018, 101],
        ])
    })
})
