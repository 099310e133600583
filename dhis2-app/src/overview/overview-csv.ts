import i18n from '@dhis2/d2-i18n'
import { csvDocument, csvFileName, csvNumber } from '../shared/csv-values'
import type { ScorecardRow } from '../progress/scorecard-model'
import { localized, statusLabel } from '../progress/labels'
import type { OverviewGrid } from './overview-model'

/**
 * The overview as the scorecard's CSV is written (`;`, decimal comma, CRLF, UTF-8 with a BOM for French
 * Excel): one line per child org unit, as on screen, with the actual and the status word of each indicator.
 */
export function overviewCsv(grid: OverviewGrid, year: number, provisional = false): string {
    // worded as the grid's badges: a status of the running year is not a final result
    const status = (row: ScorecardRow) =>
        provisional
            ? i18n.t('{{status}} (provisional)', { status: statusLabel(row.status) })
            : statusLabel(row.status)
    const header = [
        i18n.t('Organisation unit'),
        i18n.t('Year'),
        ...grid.columns.flatMap((t) => [
            `${t.code} — ${localized(t.name)} (${localized(t.unit)})`,
            i18n.t('{{code}} — status', { code: t.code }),
        ]),
        i18n.t('Private reporting completeness (%)'),
    ]
    const lines = grid.lines.map((line) => [
        line.name,
        String(year),
        ...grid.columns.flatMap((t) => {
            const row = line.cells.get(t.code)
            return row ? [csvNumber(row.actual, row.decimals), status(row)] : ['', '']
        }),
        csvNumber(line.completeness, 1),
    ])
    return csvDocument([header, ...lines])
}

/** `odd3-overview-sikasso-2024.csv`: beside the scorecard's own `odd3-sikasso-2024.csv`. */
export function overviewFileName(orgUnitName: string, year: number): string {
    return csvFileName(orgUnitName, year).replace(/^odd3-/, 'odd3-overview-')
}
