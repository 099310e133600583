import { roundLikeAnalytics } from './format'

/** A number as French spreadsheets read it: decimal comma, no thousands separator. */
export function csvNumber(value: number | null | undefined, decimals = 2): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return ''
    return String(roundLikeAnalytics(value, decimals)).replace('.', ',')
}

/** A file name without characters Windows refuses, e.g. `odd3-commune-v-2024.csv`. */
export function csvFileName(orgUnitName: string, year: number): string {
    const slug = orgUnitName
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
    return `odd3-${slug || 'scorecard'}-${year}.csv`
}
