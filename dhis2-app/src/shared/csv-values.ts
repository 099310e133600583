import { roundLikeAnalytics } from './format'

/** One CSV field for French Excel: quoted only when it holds the separator, a quote or a line break. */
function csvField(text: string): string {
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Lines to a file French Excel opens by double-click: `;`, CRLF, UTF-8 with a byte order mark. */
export function csvDocument(lines: string[][]): string {
    return '\uFEFF' + lines.map((fields) => fields.map(csvField).join(';')).join('\r\n') + '\r\n'
}

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
