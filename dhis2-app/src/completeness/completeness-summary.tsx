import i18n from '@dhis2/d2-i18n'
import React from 'react'
import { formatNumber, formatPercent } from '../shared/format'
import { Notice } from '../shared/notice'

export interface CompletenessSummaryProps {
    /** Reports received from private facilities and laboratories over the year. */
    actual: number
    /** Reports expected from them. */
    expected: number
    /** Percent, null when none was expected. */
    rate: number | null
    /** The org unit as a sentence places it (`placePhrase`): « au Mali », « dans la région de Sikasso ». */
    place: string
    year: number
}

/** Below this, a district's private share mostly says that reports have not arrived. */
export const LOW_COMPLETENESS = 80

/** Completeness of the private data sets, shown beside the private share so nobody is judged on missing data. */
export const CompletenessSummary = ({ actual, expected, rate, place, year }: CompletenessSummaryProps) => {
    const text =
        rate === null
            ? i18n.t('No private facility is expected to report {{place}} for {{year}}.', {
                  place,
                  year,
              })
            : i18n.t(
                  'Private facilities and laboratories {{place}} sent {{actual}} of {{expected}} expected monthly reports for {{year}} ({{rate}}).',
                  {
                      place,
                      year,
                      actual: formatNumber(actual, 0),
                      expected: formatNumber(expected, 0),
                      rate: formatPercent(rate, 0),
                  }
              )
    const low = rate !== null && rate < LOW_COMPLETENESS
    return (
        <div data-test="private-completeness" data-value={rate ?? ''}>
            <Notice warning={low} title={i18n.t('Private reporting completeness')}>
                {text}
                {low ? ` ${i18n.t('The private share below is probably underestimated.')}` : ''}
            </Notice>
        </div>
    )
}
