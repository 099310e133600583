import i18n from '@dhis2/d2-i18n'
import { missesOverdueTarget, type ScorecardRow } from './scorecard-model'
import { formatNumber, formatSigned } from '../shared/format'
import { localized, statusLabel } from './labels'
import type { Pace } from './pace'

/**
 * The one-sentence summary that goes with every chart (also read by screen readers). A survey value is
 * the country's, so its sentence names the country and the survey, never the selected org unit.
 */
export function trajectorySummary(
    row: ScorecardRow,
    orgUnitName: string,
    country: string,
    /** The org unit as a sentence places it (`placePhrase`): « au Mali », « dans la région de Sikasso ». */
    place: string
): string {
    const indicator = localized(row.target.name)
    const unit = localized(row.target.unit)
    const actual = `${formatNumber(row.actual, row.decimals)} ${unit}`
    if (row.national) return nationalSummary(row, country, indicator, actual, unit)
    if (row.targetElsewhere) {
        return i18n.t(
            'In {{year}}, {{indicator}} {{place}} was {{actual}}. This is a count, and its targets are set for the country (or for the unit a planner set them for), so it is not judged here.',
            { indicator, place, year: row.actualYear, actual }
        )
    }
    if (row.status === 'no-data') {
        return i18n.t('No value of {{indicator}} {{place}} in {{year}}, so its status cannot be judged.', {
            indicator,
            place,
            year: row.actualYear,
        })
    }
    if (row.basis === null && row.actual === null) {
        return i18n.t(
            'The plan sets no target for {{indicator}} in {{year}}, and {{orgUnit}} has no value.',
            {
                indicator,
                orgUnit: orgUnitName,
                year: row.actualYear,
            }
        )
    }
    if (row.basis === null) {
        return i18n.t(
            'In {{year}}, {{indicator}} {{place}} was {{actual}}; the plan sets no target for this indicator.',
            { indicator, place, year: row.actualYear, actual }
        )
    }
    if (row.basis === 'ahead') {
        return row.status === 'met'
            ? i18n.t('In {{year}}, {{indicator}} {{place}} was {{actual}}, already at its next target.', {
                  indicator,
                  place,
                  year: row.actualYear,
                  actual,
              })
            : i18n.t(
                  'In {{year}}, {{indicator}} {{place}} was {{actual}}; the plan draws no path to its targets before then, so it cannot be judged yet.',
                  { indicator, place, year: row.actualYear, actual }
              )
    }
    const sentence = i18n.t(
        'In {{year}}, {{indicator}} {{place}} was {{actual}}, against {{expected}} expected on the path to the targets ({{status}}).',
        {
            indicator,
            place,
            year: row.actualYear,
            actual,
            expected: `${formatNumber(row.expected, row.decimals)} ${unit}`,
            status: statusLabel(row.status).toLowerCase(),
        }
    )
    const overdue = overdueSentence(row)
    return overdue ? `${sentence} ${overdue}` : sentence
}

/** Said after the main sentence when a target already due (2023, with 2030 still "XX") is not reached. */
function overdueSentence(row: Pick<ScorecardRow, 'basis' | 'status' | 'target'>): string | null {
    if (!missesOverdueTarget(row)) return null
    return i18n.t('The {{targetYear}} target should already be reached ({{targetYear}} target not met).', {
        targetYear: row.target.target2023.year,
    })
}

function nationalSummary(
    row: ScorecardRow,
    country: string,
    indicator: string,
    actual: string,
    unit: string
): string {
    if (row.actual === null) {
        return i18n.t(
            'No survey value of {{indicator}} at national level ({{country}}) up to {{year}}, so its status cannot be judged.',
            { indicator, country, year: row.actualYear }
        )
    }
    const values = {
        indicator,
        country,
        source: row.surveySource ?? '',
        year: row.actualYear,
        actual,
        expected: `${formatNumber(row.expected, row.decimals)} ${unit}`,
        status: statusLabel(row.status).toLowerCase(),
    }
    if (row.status === 'no-target') {
        return i18n.t(
            'In {{year}}, {{indicator}} at national level ({{country}}, survey {{source}}) was {{actual}}; the plan sets no target for this indicator.',
            values
        )
    }
    if (row.status === 'no-data') {
        // The latest survey is the baseline survey: there is nothing since to measure progress with.
        return i18n.t(
            'In {{year}}, {{indicator}} at national level ({{country}}, survey {{source}}) was {{actual}}, the baseline itself; without a later survey its progress cannot be judged.',
            values
        )
    }
    const sentence = i18n.t(
        'In {{year}}, {{indicator}} at national level ({{country}}, survey {{source}}) was {{actual}}, against {{expected}} expected on the path to the targets ({{status}}).',
        values
    )
    const overdue = overdueSentence(row)
    return overdue ? `${sentence} ${overdue}` : sentence
}

/** The pace sentence: required yearly change to reach 2030 against the change observed so far. */
export function paceSummary(pace: Pace, decimals: number): string {
    if (pace.alreadyMet) return i18n.t('The 2030 target is already reached.')
    if (pace.required === null) return i18n.t('The plan sets no 2030 target, so no pace can be required.')
    const required = formatSigned(pace.required, decimals)
    if (pace.observed === null) {
        return i18n.t(
            'Required pace to reach the 2030 target, {{required}} per year; not enough years of data to measure the observed pace.',
            {
                required,
            }
        )
    }
    return i18n.t(
        'Required pace to reach the 2030 target, {{required}} per year; observed pace, {{observed}} per year ({{verdict}}).',
        {
            required,
            observed: formatSigned(pace.observed, decimals),
            verdict: pace.sufficient ? i18n.t('sufficient') : i18n.t('too slow'),
        }
    )
}
