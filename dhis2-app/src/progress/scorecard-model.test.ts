import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from './catalogue'
import type { IndicatorTarget } from './target'
import { ValueIndex } from './actuals'
import {
    buildScorecard,
    isNationalSurvey,
    latestSurvey,
    missesOverdueTarget,
    rankChildren,
    scorecardRow,
    targetAppliesTo,
    type RankedChild,
} from './scorecard-model'

function target(code: string): IndicatorTarget {
    const found = DEFAULT_TARGETS.find((t) => t.code === code)
    if (!found) throw new Error(code)
    return found
}

const OU = 'OuCommune05'

function input(actuals: ValueIndex, year = 2024) {
    return {
        actuals,
        orgUnitId: OU,
        year,
        years: [2019, 2020, 2021, 2022, 2023, 2024, 2025],
        decimalsByIndicator: new Map(),
    }
}

describe('scorecard rows', () => {
    it('judges a routine indicator on its analytics value for the year', () => {
        const t = target('ODD-3.1.2')
        const actuals = new ValueIndex()
        actuals.add(t.routine?.indicatorUid ?? '', OU, 2023, 70)
        actuals.add(t.routine?.indicatorUid ?? '', OU, 2024, 80)
        const row = scorecardRow(t, input(actuals))
        expect(row.actual).toBe(80)
        expect(row.national).toBe(false)
        expect(row.expected).toBe(75.06)
        expect(row.status).toBe('on-track')
        expect(row.series).toEqual([
            { year: 2023, value: 70 },
            { year: 2024, value: 80 },
        ])
    })

    it('never colours a survey indicator from its routine proxy', () => {
        const t = target('ODD-3.1.1')
        expect(t.routineProxy).not.toBeNull()
        const actuals = new ValueIndex()
        // A proxy far better than the 2030 target must not make the indicator "met".
        actuals.add(t.routineProxy?.indicatorUid ?? '', OU, 2024, 50)
        const row = scorecardRow(t, input(actuals))
        expect(row.proxyValue).toBe(50)
        expect(row.actual).toBe(325)
        expect(row.surveySource).toContain('EDSM')
        expect(row.actualYear).toBe(2018)
        // The only survey is the baseline itself: shown, not judged.
        expect(row.status).toBe('no-data')
    })

    it('marks survey values as national: the same figure whatever the org unit', () => {
        const t = target('ODD-3.1.1')
        expect(isNationalSurvey(t)).toBe(true)
        expect(isNationalSurvey(target('ODD-3.1.2'))).toBe(false)
        // A target without a routine link can only be measured by survey.
        expect(isNationalSurvey({ actuals: 'routine', routine: null })).toBe(true)
        const region = scorecardRow(t, input(new ValueIndex()))
        const district = scorecardRow(t, { ...input(new ValueIndex()), orgUnitId: 'OuDistrict1' })
        expect(region.national).toBe(true)
        expect(district.national).toBe(true)
        expect(district.actual).toBe(region.actual)
    })

    it('judges a survey taken after the baseline at the survey year', () => {
        const t: IndicatorTarget = {
            ...target('ODD-3.2.1'),
            surveyValues: [
                { year: 2018, value: 101, source: 'EDSM VI 2018' },
                { year: 2023, value: 90, source: 'EDSM VII 2023' },
            ],
        }
        const row = scorecardRow(t, input(new ValueIndex(), 2025))
        expect(row.actualYear).toBe(2023)
        expect(row.surveySource).toBe('EDSM VII 2023')
        // 2023 path = 2023 target = 87: 90 is worse than the path, better than the baseline 101.
        expect(row.status).toBe('behind')
        expect(latestSurvey(t.surveyValues, 2020)?.year).toBe(2018)
    })

    it('judges a later survey exactly at the baseline value behind, not off track', () => {
        const t: IndicatorTarget = {
            ...target('ODD-3.2.1'),
            surveyValues: [
                { year: 2018, value: 101, source: 'EDSM VI 2018' },
                { year: 2023, value: 101, source: 'EDSM VII 2023' },
            ],
        }
        expect(scorecardRow(t, input(new ValueIndex(), 2025)).status).toBe('behind')
        const worse = { ...t, surveyValues: [{ year: 2023, value: 101.5, source: 'EDSM VII 2023' }] }
        expect(scorecardRow(worse, input(new ValueIndex(), 2025)).status).toBe('off-track')
    })

    it('says "no target" only where the plan sets none, and "no data" without analytics rows', () => {
        const rows = buildScorecard({ targets: DEFAULT_TARGETS, ...input(new ValueIndex(), 2024) })
        expect(rows.find((r) => r.target.code === 'ODD-3.8.1')?.status).toBe('no-target')
        // 2030 "XX": judged against the 2023 target, already due; without a value, "no data"
        expect(rows.find((r) => r.target.code === 'ODD-3.3.3')?.status).toBe('no-data')
        expect(rows.find((r) => r.target.code === 'ODD-3.7.1')?.status).toBe('no-data')
    })
})

describe('targets that exist are used (issue 12)', () => {
    it('judges skilled births in 2023 against the 2023 target although the plan gives no baseline', () => {
        const t = target('ODD-3.1.2')
        const actuals = new ValueIndex()
        actuals.add(t.routine?.indicatorUid ?? '', OU, 2023, 70)
        const row = scorecardRow(t, input(actuals, 2023))
        expect(row).toMatchObject({ status: 'behind', basis: 'milestone', expected: 73.4 })
    })

    it('judges malaria after 2023 against the 2023 target, already due, and says it is not met', () => {
        const t = target('ODD-3.3.3')
        const actuals = new ValueIndex()
        actuals.add(t.routine?.indicatorUid ?? '', OU, 2025, 124.1)
        const row = scorecardRow(t, input(actuals, 2025))
        expect(row).toMatchObject({ status: 'off-track', basis: 'overdue', expected: 67 })
        expect(missesOverdueTarget(row)).toBe(true)
    })

    it('never compares a count with a target set for another level', () => {
        const t = target('MAP-3.3-VIH-NOUVEAUX')
        const actuals = new ValueIndex()
        actuals.add(t.routine?.indicatorUid ?? '', OU, 2023, 900)
        actuals.add(t.routine?.indicatorUid ?? '', 'OuMaliRoot1', 2023, 20_000)
        const district = scorecardRow(t, input(actuals, 2023))
        expect(district).toMatchObject({
            actual: 900,
            status: 'no-target',
            targetElsewhere: true,
            expected: null,
        })
        const country = scorecardRow(t, {
            ...input(actuals, 2023),
            orgUnitId: 'OuMaliRoot1',
            isCountry: true,
        })
        expect(country).toMatchObject({ status: 'behind', targetElsewhere: false, expected: 13851 })
    })

    it('applies a count target where a planner set it, and rates everywhere', () => {
        const from = (orgUnit: { id: string; name: string; level: number } | null) => {
            const origin = { orgUnit, fromRecord: orgUnit !== null }
            return { baseline: origin, target2023: origin, target2030: origin, surveyValues: origin }
        }
        const count = { factor: 1, origin: from({ id: OU, name: 'Commune V', level: 3 }) }
        expect(targetAppliesTo(count, OU, false)).toBe(true)
        expect(targetAppliesTo(count, 'OuOtherUnit', false)).toBe(false)
        expect(targetAppliesTo({ factor: 1, origin: from(null) }, OU, true)).toBe(true)
        expect(targetAppliesTo({ factor: 1, origin: from(null) }, OU, false)).toBe(false)
        expect(targetAppliesTo({ factor: 1000, origin: from(null) }, OU, false)).toBe(true)
    })
})

describe('rankChildren', () => {
    it('puts off track first, then behind by largest gap, then on track, no data and no target last', () => {
        const t = target('ODD-3.1.2')
        const uid = t.routine?.indicatorUid ?? ''
        const actuals = new ValueIndex()
        const values: Record<string, number> = { A: 60, B: 74, C: 80, D: 70 }
        for (const [ou, v] of Object.entries(values)) actuals.add(uid, ou, 2024, v)
        const child = (id: string): RankedChild => ({
            id,
            name: id,
            row: scorecardRow(t, { ...input(actuals), orgUnitId: id }),
        })
        // No baseline for this indicator: worse than the path is "behind", ranked by gap.
        const ranked = rankChildren(['C', 'E', 'B', 'A', 'D'].map(child))
        expect(ranked.map((c) => `${c.id}:${c.row.status}`)).toEqual([
            'A:behind',
            'D:behind',
            'B:behind',
            'C:on-track',
            'E:no-data',
        ])
    })

    it('ranks a child exactly at the baseline as behind, after the ones that went back', () => {
        // HIV incidence, lower is better: baseline 0.78 (2018), 2024 on the path 0.6.
        const t = target('ODD-3.3.1')
        const uid = t.routine?.indicatorUid ?? ''
        const actuals = new ValueIndex()
        const values: Record<string, number> = { AtBaseline: 0.78, WentBack: 0.79, Improving: 0.7 }
        for (const [ou, v] of Object.entries(values)) actuals.add(uid, ou, 2024, v)
        const child = (id: string): RankedChild => ({
            id,
            name: id,
            row: scorecardRow(t, { ...input(actuals), orgUnitId: id }),
        })
        const ranked = rankChildren(['Improving', 'AtBaseline', 'WentBack'].map(child))
        expect(ranked.map((c) => `${c.id}:${c.row.status}`)).toEqual([
            'WentBack:off-track',
            'AtBaseline:behind',
            'Improving:behind',
        ])
    })
})

describe('counts judged where their target was set', () => {
    it('judges new HIV cases in Sikasso against a Sikasso record, and shows none in its districts', async () => {
        const { resolveTargets } = await import('./resolve')
        const mali = { id: 'OuMali00001', name: 'Mali', level: 1 }
        const sikasso = { id: 'OuRegSik001', name: 'Sikasso', level: 2 }
        const kadiolo = { id: 'OuDisKad001', name: 'Kadiolo', level: 3 }
        const records = [
            { code: 'MAP-3.3-VIH-NOUVEAUX', orgUnit: sikasso.id, targets: { '2023': 1200 }, revision: 1 },
        ]
        const forUnit = (lineage: Array<typeof mali>) => {
            const t = resolveTargets(DEFAULT_TARGETS, records, lineage).find(
                (x) => x.code === 'MAP-3.3-VIH-NOUVEAUX'
            )
            if (!t) throw new Error('missing')
            return t
        }
        const uid = target('MAP-3.3-VIH-NOUVEAUX').routine?.indicatorUid ?? ''
        const actuals = new ValueIndex()
        actuals.add(uid, sikasso.id, 2023, 1500)
        actuals.add(uid, kadiolo.id, 2023, 300)
        const base = { actuals, year: 2023, years: [2023], decimalsByIndicator: new Map<string, number>() }
        const inSikasso = scorecardRow(forUnit([mali, sikasso]), { ...base, orgUnitId: sikasso.id })
        expect(inSikasso).toMatchObject({ targetElsewhere: false, status: 'behind', expected: 1200 })
        const inKadiolo = scorecardRow(forUnit([mali, sikasso, kadiolo]), { ...base, orgUnitId: kadiolo.id })
        expect(inKadiolo).toMatchObject({ targetElsewhere: true, status: 'no-target', expected: null })
    })
})
