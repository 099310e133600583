import { describe, expect, it } from 'vitest'
import { useLanguage } from '../../test/i18n'
import { ValueIndex } from './actuals'
import { scorecardRow } from './scorecard-model'
import { DEFAULT_TARGETS } from './catalogue'
import type { IndicatorTarget } from './target'
import { trajectorySummary } from './trajectory-summary'

function target(code: string): IndicatorTarget {
    const found = DEFAULT_TARGETS.find((t) => t.code === code)
    if (!found) throw new Error(code)
    return found
}

function row(t: IndicatorTarget, year = 2024) {
    return scorecardRow(t, {
        actuals: new ValueIndex(),
        orgUnitId: 'OuRegSik001',
        year,
        years: [2023, 2024],
        decimalsByIndicator: new Map(),
    })
}

// Neonatal mortality with a survey after the baseline (33 in 2018), judged in the survey's year.
const neonatal: IndicatorTarget = {
    ...target('ODD-3.2.2'),
    surveyValues: [
        { year: 2018, value: 33, source: 'EDSM VI 2018' },
        { year: 2023, value: 30, source: 'EDSM VII 2023' },
    ],
}

describe('trajectorySummary of a survey indicator', () => {
    it('gives the figure to the country and the survey, never to the selected org unit', () => {
        const text = trajectorySummary(row(neonatal), 'Sikasso', 'Mali', 'dans la région de Sikasso')
        expect(text).toMatch(
            /^En 2023, Taux de mortalité néonatale au niveau national \(Mali, enquête EDSM VII 2023\) était de 30 pour 1 000 naissances vivantes, contre .* attendus sur la trajectoire/
        )
        expect(text).not.toContain('Sikasso')
    })

    it('says the only survey is the baseline itself, for the country', () => {
        const text = trajectorySummary(
            row(target('ODD-3.1.1')),
            'Sikasso',
            'Mali',
            'dans la région de Sikasso'
        )
        expect(text).toBe(
            'En 2018, Taux de mortalité maternelle au niveau national (Mali, enquête EDSM VI 2018 (MAP)) était de 325 pour 100 000 naissances vivantes, soit la valeur de référence elle-même ; sans enquête plus récente, sa progression ne peut pas être évaluée.'
        )
    })

    it('says when there is no survey value at all', () => {
        const text = trajectorySummary(
            row(target('ODD-3.8.1')),
            'Sikasso',
            'Mali',
            'dans la région de Sikasso'
        )
        expect(text).toMatch(/^Aucune valeur d'enquête pour « .* » au niveau national \(Mali\) jusqu'en 2024/)
        expect(text).not.toContain('Sikasso')
    })

    it('is translated to English', async () => {
        await useLanguage('en')
        expect(trajectorySummary(row(neonatal), 'Sikasso', 'Mali', 'dans la région de Sikasso')).toMatch(
            /^In 2023, Neonatal mortality rate at national level \(Mali, survey EDSM VII 2023\) was 30 per 1,000 live births, against/
        )
    })

    it('keeps naming the org unit for routine indicators', () => {
        const text = trajectorySummary(
            row(target('ODD-3.3.1')),
            'Sikasso',
            'Mali',
            'dans la région de Sikasso'
        )
        expect(text).toContain('Sikasso')
        expect(text).not.toContain('national')
    })
})
