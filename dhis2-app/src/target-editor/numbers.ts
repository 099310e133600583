/**
 * A number as planners type it in French or English: decimal comma or point, spaces (also non-breaking) as
 * thousands separators. Returns NaN for anything else, so a typo is never read as a different value.
 */
export function parseDecimal(text: string): number {
    const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '')
    if (!/^-?\d+([.,]\d+)?$/.test(compact)) return NaN
    return Number(compact.replace(',', '.'))
}

/** Whether a target cell holds the plan's placeholder (« XX », « X », « Y »). */
export function isPlaceholder(text: string): boolean {
    return /^(x{1,2}|y)$/i.test(text.trim())
}

/** A number for a form field or a CSV cell: decimal comma, no thousands separator, as French Excel reads it. */
export function decimalText(value: number | null | undefined): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return ''
    return String(value).replace('.', ',')
}
