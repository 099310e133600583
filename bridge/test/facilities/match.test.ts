import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { districtKey, facilityTokens } from '../../src/facilities/normalize.js'
import { matchFacilities, resolveDistrict } from '../../src/facilities/match.js'
import { parseRegistry } from '../../src/facilities/registry.js'
import { jaroWinkler, tokenSetSimilarity } from '../../src/facilities/similarity.js'
import { demoOrgUnits } from './demo-org-units.js'

const fixture = (name: string): string =>
    readFileSync(new URL(`../../../fixtures/facility-registry/${name}`, import.meta.url), 'utf8')

describe('normalisation', () => {
    it('expands abbreviations and ignores accents, case and stop words', () => {
        expect(facilityTokens('Cab. Méd. de Zégoua')).toEqual(facilityTokens('CABINET MEDICAL DE ZEGOUA'))
        expect(facilityTokens("Labo d'analyses méd. de Kati")).toEqual(
            facilityTokens("Laboratoire d'Analyses Médicales de Kati")
        )
        expect(facilityTokens('Polycl. de Faladié')).toEqual(['polyclinique', 'faladie'])
        expect(facilityTokens('Centre de santé communautaire de Mahina')).toEqual(
            facilityTokens('CSCom de Mahina')
        )
        expect(facilityTokens('Clin. Dr Traoré')).toEqual(['clinique', 'docteur', 'traore'])
    })

    it('reads district names as people write them', () => {
        expect(districtKey('District sanitaire de Ségou')).toBe('segou')
        expect(districtKey('DS Kadiolo')).toBe('kadiolo')
        expect(districtKey('Commune 5')).toBe(districtKey('Commune V'))
    })

    it('tolerates typos but not different words', () => {
        expect(jaroWinkler('kenedougou', 'kenedogou')).toBeGreaterThan(0.9)
        expect(tokenSetSimilarity(['cabinet', 'medical', 'kita'], ['kita', 'cabinet', 'medical'])).toBe(1)
        expect(tokenSetSimilarity(['clinique', 'kayes'], ['clinique', 'kati'])).toBeLessThan(0.6)
    })
})

describe('matching the registry fixture against the demo org units', () => {
    const orgUnits = demoOrgUnits()
    const registry = parseRegistry(fixture('registre-structures-privees.csv'))
    const expected = JSON.parse(fixture('expected.json')) as Record<string, string | null>
    const matches = matchFacilities(registry, orgUnits)
    const byId = new Map(orgUnits.map((o) => [o.id, o]))

    it('has at least 50 existing facilities and a few that do not exist', () => {
        const existing = Object.values(expected).filter((c) => c !== null)
        expect(existing.length).toBeGreaterThanOrEqual(50)
        expect(Object.values(expected).filter((c) => c === null).length).toBeGreaterThanOrEqual(5)
        expect(registry).toHaveLength(Object.keys(expected).length)
    })

    it('finds the right org unit for most facilities, and never crosses districts', () => {
        let right = 0
        let wrong = 0
        let existing = 0
        const problems: string[] = []
        for (const m of matches) {
            const want = expected[m.facility.ref]
            const got = m.best === null ? null : (byId.get(m.best.orgUnit)?.code ?? null)
            if (want !== null && want !== undefined) existing++
            if (m.best !== null) {
                const district = resolveDistrict(
                    m.facility.district,
                    orgUnits.filter((o) => o.level === 3)
                )
                // The district is a hard constraint: a match is always under the registry's district.
                expect(district).not.toBeNull()
                expect(byId.get(m.best.orgUnit)?.path).toContain(`/${district?.id}/`)
            }
            if (got !== null && got === want) right++
            else if (got !== null) {
                wrong++
                problems.push(`${m.facility.name} → ${got} (attendu ${String(want)})`)
            } else if (want !== null)
                problems.push(`${m.facility.name} → non trouvé (attendu ${String(want)})`)
        }
        const rate = right / existing
        console.log(
            `Taux de correspondance / match rate: ${right}/${existing} = ${(rate * 100).toFixed(1)} %, erreurs / wrong: ${wrong}`
        )
        if (problems.length > 0) console.log(problems.join('\n'))
        expect(rate).toBeGreaterThanOrEqual(0.9)
        expect(wrong).toBe(0)
    })

    it('leaves the facilities DHIS2 does not have unmatched, with the reason', () => {
        const missing = matches.filter((m) => expected[m.facility.ref] === null)
        for (const m of missing) expect(m.status, m.facility.name).toBe('unmatched')
        expect(missing.find((m) => m.facility.district === 'Bourem Sidi Amar')?.reason).toBe(
            'unknown-district'
        )
    })

    it('rejects a facility written with the name of a facility of another district', () => {
        const trap = matches.find(
            (m) => m.facility.name === 'Polyclinique de Wayerma' && m.facility.district === 'Koutiala'
        )
        expect(trap?.best).toBeNull()
    })

    it('also reads hand-written variants the fixture generator does not make', () => {
        const cases: Array<[string, string, string]> = [
            ['LAM Badalabougou', 'Commune V', 'FS-C5-019'],
            ['Clinique Medico Chirurgicale Daoudabougou', 'Commune V', 'FS-C5-014'],
            ['Cabinet médical ACI Bacodjicoroni', 'Commune V', 'FS-C5-018'],
            ['Centre Catholique Sabalibougou', 'Commune V', 'FS-C5-021'],
            ['Clinique Torokoro', 'Commune V', 'FS-C5-015'],
            ['Cab. Méd. Quartier-Mali', 'Commune 5', 'FS-C5-017'],
        ]
        const found = matchFacilities(
            cases.map(([name, district], i) => ({ ref: String(i), name, district, row: i + 2 })),
            orgUnits
        )
        expect(found.map((m) => m.best?.orgUnitCode)).toEqual(cases.map(([, , code]) => code))
        expect(found.every((m) => m.status === 'proposed')).toBe(true)
    })
})
