import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from './catalogue'
import { isNationalOrigin, resolveTargets } from './resolve'
import type { IndicatorTarget, OriginUnit } from './target'
import type { TargetRecord } from './target-record'

const MALI: OriginUnit = { id: 'OuMali00001', name: 'Mali', level: 1 }
const SIKASSO: OriginUnit = { id: 'OuRegSik001', name: 'Sikasso', level: 2 }
const KADIOLO: OriginUnit = { id: 'OuDisKad001', name: 'Kadiolo', level: 3 }
const KAYES: OriginUnit = { id: 'OuRegKay001', name: 'Kayes', level: 2 }
const KITA: OriginUnit = { id: 'OuDisKit001', name: 'Kita', level: 3 }

const MALARIA = 'ODD-3.3.3'
const NEW_HIV = 'MAP-3.3-VIH-NOUVEAUX'

function resolved(code: string, records: TargetRecord[], lineage: OriginUnit[]): IndicatorTarget {
    const found = resolveTargets(DEFAULT_TARGETS, records, lineage).find((t) => t.code === code)
    if (!found) throw new Error(code)
    return found
}

const sikassoMalaria: TargetRecord = {
    code: MALARIA,
    orgUnit: SIKASSO.id,
    baseline: { value: 120, year: 2018, source: 'PRDS Sikasso' },
    targets: { '2030': 60 },
    notes: { fr: 'Plan regional de Sikasso', en: 'Sikasso regional plan' },
    revision: 1,
}

describe('resolveTargets', () => {
    it('uses the catalogue, labelled national, where no planner set anything', () => {
        const malaria = resolved(MALARIA, [], [MALI, SIKASSO])
        expect(malaria.target2023.value).toBe(67)
        expect(malaria.target2030.value).toBeNull()
        expect(isNationalOrigin(malaria.origin.target2023)).toBe(true)
        expect(malaria.origin.target2023.fromRecord).toBe(false)
        expect(malaria.plannerNote).toBeNull()
    })

    it("uses Sikasso's record in Sikasso and in its districts, and not in Kayes", () => {
        for (const lineage of [
            [MALI, SIKASSO],
            [MALI, SIKASSO, KADIOLO],
        ]) {
            const malaria = resolved(MALARIA, [sikassoMalaria], lineage)
            expect(malaria.baseline).toEqual({ value: 120, year: 2018, source: 'PRDS Sikasso' })
            expect(malaria.target2030.value).toBe(60)
            expect(malaria.origin.target2030.orgUnit).toEqual(SIKASSO)
            expect(malaria.plannerNote?.text.en).toBe('Sikasso regional plan')
        }
        for (const lineage of [[MALI, KAYES], [MALI, KAYES, KITA], [MALI]]) {
            const malaria = resolved(MALARIA, [sikassoMalaria], lineage)
            expect(malaria.baseline.value).toBe(84)
            expect(malaria.target2030.value).toBeNull()
            expect(isNationalOrigin(malaria.origin.target2030)).toBe(true)
            expect(malaria.plannerNote).toBeNull()
        }
    })

    it('overrides field by field: what the region leaves out comes from the nearest level above', () => {
        const national: TargetRecord = { code: MALARIA, orgUnit: null, targets: { '2030': 40 }, revision: 3 }
        const malaria = resolved(MALARIA, [national, sikassoMalaria], [MALI, SIKASSO, KADIOLO])
        // 2023 set by nobody: the catalogue's; 2030 set nationally then by Sikasso: Sikasso's.
        expect(malaria.target2023.value).toBe(67)
        expect(malaria.origin.target2023).toEqual({ orgUnit: null, fromRecord: false })
        expect(malaria.target2030.value).toBe(60)
        expect(malaria.origin.target2030.orgUnit?.id).toBe(SIKASSO.id)
        // In Kayes the national record applies, labelled national.
        const kayes = resolved(MALARIA, [national, sikassoMalaria], [MALI, KAYES])
        expect(kayes.target2030.value).toBe(40)
        expect(kayes.origin.target2030).toEqual({ orgUnit: null, fromRecord: true })
    })

    it('lets a district record win over its region, and a null target be « XX » again', () => {
        const kadiolo: TargetRecord = {
            code: MALARIA,
            orgUnit: KADIOLO.id,
            targets: { '2030': null },
            notes: null,
            revision: 1,
        }
        const malaria = resolved(MALARIA, [kadiolo, sikassoMalaria], [MALI, SIKASSO, KADIOLO])
        expect(malaria.target2030.value).toBeNull()
        expect(malaria.origin.target2030.orgUnit).toEqual(KADIOLO)
        // the baseline is still Sikasso's; the district removed the regional note
        expect(malaria.baseline.value).toBe(120)
        expect(malaria.origin.baseline.orgUnit).toEqual(SIKASSO)
        expect(malaria.plannerNote).toBeNull()
    })

    it('shows a count target only for the unit it was set for, never inherited', () => {
        const sikassoCount: TargetRecord = {
            code: NEW_HIV,
            orgUnit: SIKASSO.id,
            targets: { '2023': 1200 },
            revision: 1,
        }
        const inSikasso = resolved(NEW_HIV, [sikassoCount], [MALI, SIKASSO])
        expect(inSikasso.target2023.value).toBe(1200)
        expect(inSikasso.origin.target2023.orgUnit).toEqual(SIKASSO)
        // the national 13 851 is not Sikasso's: what the record leaves out is not set for Sikasso
        expect(inSikasso.target2030.value).toBeNull()
        expect(inSikasso.origin.target2030.orgUnit).toEqual(SIKASSO)
        // Kadiolo has no count target of its own: it keeps the national one, which never applies there
        const inKadiolo = resolved(NEW_HIV, [sikassoCount], [MALI, SIKASSO, KADIOLO])
        expect(inKadiolo.target2023.value).toBe(13851)
        expect(isNationalOrigin(inKadiolo.origin.target2023)).toBe(true)
        // The country keeps the catalogue's count, and a national record changes it there
        const national: TargetRecord = {
            code: NEW_HIV,
            orgUnit: null,
            targets: { '2023': 14000 },
            revision: 1,
        }
        const inMali = resolved(NEW_HIV, [sikassoCount, national], [MALI])
        expect(inMali.target2023.value).toBe(14000)
        expect(inMali.origin.target2023).toEqual({ orgUnit: null, fromRecord: true })
    })

    it('ignores records of other indicators', () => {
        const other: TargetRecord = {
            code: 'ODD-3.7.1',
            orgUnit: SIKASSO.id,
            targets: { '2030': 50 },
            revision: 1,
        }
        expect(resolved(MALARIA, [other], [MALI, SIKASSO]).target2030.value).toBeNull()
        expect(resolved('ODD-3.7.1', [other], [MALI, SIKASSO]).target2030.value).toBe(50)
    })
})
