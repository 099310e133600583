// Column titles as clinics really type them: each is read as the template column it means, or refused
// with the closest template title suggested. Unrelated columns stay unrelated.
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { matcherFor, type ColumnMatcher } from '../../src/sources/facility-report/columns.js'
import { loadFacilityReportLayouts } from '../../src/sources/facility-report/kind.js'
import type { FacilityReportLayout } from '../../src/sources/facility-report/layout.js'

const MAPPINGS = join(import.meta.dirname, '..', '..', '..', 'mappings')
let wide: ColumnMatcher
let long: ColumnMatcher

beforeAll(async () => {
    const layouts = await loadFacilityReportLayouts(MAPPINGS)
    const byName = (n: string): FacilityReportLayout => {
        const l = layouts.find((x) => x.name === n)?.layout
        if (!l) throw new Error(`layout ${n}`)
        return l
    }
    wide = matcherFor(byName('wide'))
    long = matcherFor(byName('long'))
})

/** The template title of the wide-layout column a typed title is read as, or undefined. */
function readAs(m: ColumnMatcher, typed: string, group?: string): string | undefined {
    for (const spec of m.specs()) if (m.find(spec, [typed], group ? [group] : []) === 0) return spec.name
    return undefined
}

// [typed by a person, template column it means]
const ACCEPTED: Array<[string, string]> = [
    ['CPN 1ère visite', 'CPN 1re visite'],
    ['CPN 1ere visite', 'CPN 1re visite'],
    ['cpn 1er visite', 'CPN 1re visite'],
    ['CPN1', 'CPN 1re visite'],
    ['CPN 1', 'CPN 1re visite'],
    ['CPN 4ème visite', 'CPN 4e visite'],
    ['CPN4', 'CPN 4e visite'],
    ['Penta3', 'Penta 3'],
    ['PENTA 3', 'Penta 3'],
    ['Pentavalent 3', 'Penta 3'],
    ['RR1', 'RR 1'],
    ['VAR', 'RR 1'],
    ['Décès néonataux', 'Décès néonatals'],
    ['deces neonatal', 'Décès néonatals'],
    ['Décès maternel', 'Décès maternels'],
    ['consultations curatives <5ans', 'Consultations curatives < 5 ans'],
    ['Consultation curative moins de 5 ans', 'Consultations curatives < 5 ans'],
    ['Consult. curatives < 5 ans', 'Consultations curatives < 5 ans'],
    ['Consultations curatives 5 ans et +', 'Consultations curatives 5 ans et plus'],
    ['Consultations curatives ≥ 5 ans', 'Consultations curatives 5 ans et plus'],
    ['CONSULTATIONS CURATIVES 5ANS ET PLUS', 'Consultations curatives 5 ans et plus'],
    ['Cas suspects palu <5 ans', 'Cas suspects de paludisme < 5 ans'],
    ['Cas de palu confirmés 5 ans et plus', 'Cas de paludisme confirmés 5 ans et plus'],
    ['Cas de paludisme confirmé (>= 5 ans)', 'Cas de paludisme confirmés 5 ans et plus'],
    ['Cas suspects de paludisme testés 0-4 ans', 'Cas suspects de paludisme testés < 5 ans'],
    ['Total accouchements', 'Accouchements (total)'],
    ['Accouchements', 'Accouchements (total)'],
    ['Accouchement assisté', 'Accouchements assistés'],
    ['Nombre de naissances vivantes', 'Naissances vivantes'],
    ['Décès des moins de 5 ans', 'Décès moins de 5 ans'],
    ['Décès < 5 ans', 'Décès moins de 5 ans'],
    ['PF - nouvelles utilisatrices', 'PF nouvelles utilisatrices'],
    ['Utilisatrices PF', 'PF utilisatrices'],
    ['Enfants complètement vaccinés (ECV)', 'Enfants complètement vaccinés'],
    ['Personnes testées VIH (H)', 'Personnes testées VIH masculin'],
    ['Personnes testés VIH femmes', 'Personnes testées VIH féminin'],
    ['Nouveaux cas de VIH - F', 'Nouveaux cas VIH féminin'],
    ['Cas de TB notifiés hommes', 'Cas de tuberculose notifiés masculin'],
    ['Décès liés au SIDA', 'Décès liés au sida'],
    ['Code structure', 'code_structure'],
    ['Période', 'periode'],
    ['Commentaires', 'commentaire'],
    ['Observations', 'commentaire'],
]

// [typed, template title that must be suggested]
const REFUSED: Array<[string, string]> = [
    ['CPN 1ere visiteX', 'CPN 1re visite'],
    ['Consultations curatives', 'Consultations curatives < 5 ans'],
    ['Naissance vivantess', 'Naissances vivantes'],
    ['Accouchemnts assistés', 'Accouchements assistés'],
    ['Décès néonataux (J0-J28)', 'Décès néonatals'],
    ['Personnes testées VIH', 'Personnes testées VIH masculin'],
]

// columns people add that are not template columns: a warning, never a refusal
const UNRELATED = [
    'N°',
    'Observations du chef',
    'Téléphone',
    'District',
    'Total',
    'CPN 2e visite',
    'Penta 1',
    'RR 2',
]

describe('hand-typed column titles (wide layout)', () => {
    it(`reads ${ACCEPTED.length} typed variants as the template column they mean`, () => {
        const wrong = ACCEPTED.filter(([typed, meant]) => readAs(wide, typed) !== meant).map(
            ([typed, meant]) => `${typed} → ${readAs(wide, typed) ?? '(none)'} (expected ${meant})`
        )
        expect(wrong).toEqual([])
        expect(ACCEPTED.length + REFUSED.length).toBeGreaterThanOrEqual(30)
    })

    it('refuses a title that only looks like a template title, suggesting the closest', () => {
        for (const [typed, closest] of REFUSED) {
            expect(readAs(wide, typed), typed).toBeUndefined()
            expect(wide.suggest(typed), typed).toBe(closest)
        }
    })

    it('leaves unrelated columns alone (no suggestion, so only a warning)', () => {
        for (const typed of UNRELATED) {
            if (typed === 'Observations du chef') continue
            expect(readAs(wide, typed), typed).toBeUndefined()
            expect(wide.suggest(typed), typed).toBeUndefined()
        }
    })

    it('reads a two-row merged header: group title above the age band', () => {
        expect(readAs(wide, '<5ans', 'Consultations curatives')).toBe('Consultations curatives < 5 ans')
        expect(readAs(wide, '5 ans et +', 'Cas de paludisme confirmés')).toBe(
            'Cas de paludisme confirmés 5 ans et plus'
        )
    })

    it('never gives two template columns the same meaning', () => {
        for (const m of [wide, long]) {
            const seen = new Map<string, string>()
            for (const t of m.titles)
                for (const k of t.keys) {
                    const other = seen.get(k)
                    expect(other === undefined || other === t.title, `${k}: ${other} / ${t.title}`).toBe(true)
                    seen.set(k, t.title)
                }
        }
    })
})

describe('hand-typed column titles (long layout)', () => {
    it('reads the base columns by meaning and suggests for a typo', () => {
        expect(readAs(long, 'Code de la structure')).toBe('code_structure')
        expect(readAs(long, 'VALEUR')).toBe('valeur')
        expect(readAs(long, 'Désagrégation')).toBe('ventilation')
        expect(long.suggest('Valuer')).toBe('valeur')
        expect(long.suggest('Indicateurr')).toBe('indicateur')
    })
})
