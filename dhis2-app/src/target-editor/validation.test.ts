import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { useLanguage } from '../../test/i18n'
import { EMPTY_DRAFT, draftFromRecord, type RecordDraft } from './record-draft'
import { inheritedValues } from './inherited'
import { readDraft, type ValidationContext } from './validation'

function contextFor(code: string, orgUnit: string | null = null): ValidationContext {
    const indicator = DEFAULT_TARGETS.find((t) => t.code === code)
    if (!indicator) throw new Error(code)
    return {
        code,
        orgUnit,
        factor: indicator.factor,
        direction: indicator.direction,
        unitLabel: indicator.unit.fr,
        inherited: inheritedValues([], indicator, orgUnit === null ? [] : [null]),
        currentYear: 2026,
    }
}

const draft = (patch: Partial<RecordDraft>): RecordDraft => ({ ...EMPTY_DRAFT, ...patch })

describe('reading the targets form', () => {
    it('stores only what the planner typed: empty fields inherit, XX is the placeholder', () => {
        const { record, issues } = readDraft(draft({ target2030: 'XX' }), contextFor('ODD-3.3.3'))
        expect(issues).toEqual([])
        expect(record).toEqual({ code: 'ODD-3.3.3', orgUnit: null, targets: { '2030': null } })
    })

    it('accepts a decimal comma and spaces between thousands', () => {
        const { record } = readDraft(
            draft({ target2023: '12 500', target2030: '10 000,5' }),
            contextFor('MAP-3.3-VIH-NOUVEAUX')
        )
        expect(record).toBeNull() // a count is a whole number: 10 000,5 is refused
        const ok = readDraft(
            draft({ target2023: '12 500', target2030: '10 000' }),
            contextFor('MAP-3.3-VIH-NOUVEAUX')
        )
        expect(ok.record?.targets).toEqual({ '2023': 12500, '2030': 10000 })
    })

    it('refuses a percentage above 100 and a rate per 1 000 above 1 000, pointing at the field', async () => {
        const percent = readDraft(draft({ target2030: '120' }), contextFor('ODD-3.1.2'))
        expect(percent.record).toBeNull()
        expect(percent.issues).toEqual([
            expect.objectContaining({ field: 'targets.2030', severity: 'error' }),
        ])
        expect(percent.issues[0]?.message).toContain('100')
        expect(percent.issues[0]?.message).toContain('entre')
        const perThousand = readDraft(draft({ target2023: '1500' }), contextFor('ODD-3.3.3'))
        expect(perThousand.issues.map((i) => i.field)).toEqual(['targets.2023'])
        await useLanguage('en')
        const english = readDraft(draft({ target2023: '-1' }), contextFor('ODD-3.3.3'))
        expect(english.issues[0]?.message).toBe(
            'The value must be between 0 and 1,000 (pour 1 000 habitants)'
        )
    })

    it('refuses text, infinity and impossible years', () => {
        const { issues } = readDraft(
            draft({
                target2023: 'beaucoup',
                baselineValue: 'Infinity',
                baselineYear: '3020',
                baselineSource: 'EDSM',
            }),
            contextFor('ODD-3.3.3')
        )
        expect(issues.map((i) => i.field).sort()).toEqual(['baseline.value', 'baseline.year', 'targets.2023'])
    })

    it('asks for the source of a baseline and of each survey value', () => {
        const { issues } = readDraft(
            draft({ baselineValue: '350', surveys: [{ value: '250', year: '2023', source: '' }] }),
            contextFor('ODD-3.1.1')
        )
        expect(issues.map((i) => i.field).sort()).toEqual(['baseline.source', 'surveys.0.source'])
    })

    it('refuses two survey values for one year and warns about a survey older than the baseline', () => {
        const { issues, record } = readDraft(
            draft({
                surveys: [
                    { value: '280', year: '2023', source: 'EDSM VII' },
                    { value: '290', year: '2023', source: 'EMOP' },
                    { value: '400', year: '2010', source: 'EDSM IV' },
                ],
            }),
            contextFor('ODD-3.1.1')
        )
        expect(record).toBeNull()
        expect(issues).toEqual([
            expect.objectContaining({ field: 'surveys.1.year', severity: 'error' }),
            expect.objectContaining({ field: 'surveys.2.year', severity: 'warning' }),
        ])
    })

    it('warns, without blocking, when 2030 is worse than 2023 for a falling indicator', () => {
        // malaria: lower is better, 2023 target 67 per 1 000 in the plan
        const { record, issues } = readDraft(draft({ target2030: '70' }), contextFor('ODD-3.3.3'))
        expect(record?.targets).toEqual({ '2030': 70 })
        expect(issues).toEqual([expect.objectContaining({ field: 'targets.2030', severity: 'warning' })])
    })

    it('warns when a target is worse than the baseline, in both directions', () => {
        // contraception: higher is better, baseline 16 %
        const rising = readDraft(draft({ target2023: '12' }), contextFor('ODD-3.7.1'))
        expect(rising.issues).toEqual([
            expect.objectContaining({ field: 'targets.2023', severity: 'warning' }),
        ])
        // malaria: lower is better, baseline 84 per 1 000
        const falling = readDraft(draft({ target2023: '90', target2030: '50' }), contextFor('ODD-3.3.3'))
        expect(falling.issues.map((i) => [i.field, i.severity])).toEqual([['targets.2023', 'warning']])
    })

    it('does not warn about inherited values the level does not touch', () => {
        const { issues } = readDraft(
            draft({ notesFr: 'Cible du plan régional', notesEn: 'Regional plan target' }),
            contextFor('ODD-3.3.3', 'OuSikasso01')
        )
        expect(issues).toEqual([])
    })

    it('wants a note in both languages', () => {
        const { issues } = readDraft(
            draft({ notesFr: 'Seulement les mutuelles' }),
            contextFor('MAP-3.8-COUVERTURE-AMU')
        )
        expect(issues.map((i) => i.field)).toEqual(['notes.en'])
    })

    it('gives back the same record from the form it fills', () => {
        const record = {
            code: 'ODD-3.1.1',
            orgUnit: null,
            baseline: { value: 325, year: 2018, source: 'EDSM VI 2018' },
            targets: { '2023': 299, '2030': null },
            surveyValues: [{ value: 280.5, year: 2023, source: 'EDSM VII' }],
            notes: { fr: 'Note', en: 'Note' },
        }
        expect(readDraft(draftFromRecord(record), contextFor('ODD-3.1.1')).record).toEqual(record)
    })
})
