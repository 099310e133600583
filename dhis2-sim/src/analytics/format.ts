// Numbers as DHIS2's analytics grid prints them (docs/dhis2-api.md §7.4): strings, no scientific notation,
// Double values with at least one decimal ("90.0"), whole data element totals without one ("22356").

/** Apache Commons `Precision.round(value, decimals)` (HALF_UP). */
export function roundTo(value: number, decimals: number): number {
    if (!Number.isFinite(value)) return value
    const factor = 10 ** decimals
    // toPrecision(15) removes binary noise (1.005 * 100 = 100.49999…) before rounding half up.
    const shifted = Number((Math.abs(value) * factor).toPrecision(15))
    const rounded = Math.round(shifted) / factor
    return value < 0 ? -rounded : rounded
}

function plain(value: number): string {
    const text = String(value)
    if (!/e/i.test(text)) return text
    // Exponent notation: expand, then trim trailing zeros of the fraction.
    const fixed = Math.abs(value) >= 1 ? value.toFixed(0) : value.toFixed(20)
    return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
}

/** A `java.lang.Double` rendered by the grid serializer: `90.0`, `101.47`. */
export function formatDouble(value: number): string {
    const text = plain(value === 0 ? 0 : value)
    return text.includes('.') ? text : `${text}.0`
}

/** A data element total: whole numbers as integers (`22356`), others with their decimals. */
export function formatNumber(value: number): string {
    return plain(value === 0 ? 0 : value)
}
