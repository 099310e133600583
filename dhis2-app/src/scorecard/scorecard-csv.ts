import i18n from '@dhis2/d2-i18n'
import type { SectorShare } from '../progress/sector-split'
import { localized, nationalLabel, statusLabel } from '../progress/labels'
import type { ScorecardRow } from '../progress/scorecard-model'
import { csvDocument, csvNumber } from '../shared/csv-values'

/**
 * The scorecard as CSV for French Excel: `;` separators, decimal commas, CRLF line ends and a UTF-8 byte
 * order mark so accents survive double-clicking the file. The "Actual measured for" column says whose the
 * actual is: the org unit's for routine data, the country's for a survey value (named in "Source").
 */
export function scorecardCsv(
    rows: ScorecardRow[],
    context: {
        orgUnitName: string
        country: string
        year: number
        shares: Map<string, SectorShare | null>
        /** The running year: statuses are written as provisional, as on screen. */
        provisional?: boolean
    }
): string {
    const header = [
        i18n.t('Organisation unit'),
        i18n.t('Year'),
        i18n.t('Code'),
        i18n.t('Indicator'),
        i18n.t('Unit'),
        i18n.t('Baseline'),
        i18n.t('Baseline year'),
        i18n.t('Actual'),
        i18n.t('Actual year'),
        i18n.t('Actual measured for'),
        i18n.t('Source'),
        i18n.t('Expected on the path'),
        i18n.t('Target 2023'),
        i18n.t('Target 2030'),
        i18n.t('Status'),
        i18n.t('Gap to the path'),
        i18n.t('Private share (%)'),
    ]
    const lines = rows.map((row) => {
        const t = row.target
        const share = context.shares.get(t.code)?.privateShare ?? null
        const placeholder = i18n.t('XX (not set)')
        return [
            context.orgUnitName,
            String(context.year),
            t.code,
            localized(t.name),
            localized(t.unit),
            csvNumber(t.baseline.value),
            t.baseline.year === null ? '' : String(t.baseline.year),
            csvNumber(row.actual, row.decimals),
            String(row.actualYear),
            row.national ? nationalLabel(context.country) : context.orgUnitName,
            row.national ? surveySource(row.surveySource) : i18n.t('DHIS2 routine data'),
            csvNumber(row.expected, row.decimals),
            csvTarget(row, t.target2023.value, placeholder),
            csvTarget(row, t.target2030.value, placeholder),
            context.provisional
                ? i18n.t('{{status}} (provisional)', { status: statusLabel(row.status) })
                : statusLabel(row.status),
            csvNumber(row.gap, row.decimals),
            row.national ? '' : csvNumber(share, 1),
        ]
    })
    return csvDocument([header, ...lines])
}

/** A count's targets are shown only for the unit they were set for (never compared across levels). */
function csvTarget(row: ScorecardRow, value: number | null, placeholder: string): string {
    if (row.targetElsewhere) return ''
    return value === null ? placeholder : csvNumber(value)
}

function surveySource(source: string | null): string {
    return source === null
        ? i18n.t('National survey, no value')
        : i18n.t('National survey {{source}}', { source })
}
