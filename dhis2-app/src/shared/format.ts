import i18n from '@dhis2/d2-i18n'

/** BCP 47 tag for the UI language: French users get French number formats (`1 234,5`). */
export function uiLocale(): string {
    const language = (i18n.language || 'fr').split(/[-_]/)[0]
    return language === 'en' ? 'en-GB' : 'fr-FR'
}

/**
 * The app's one rounding: DHIS2 analytics rounds indicator values to two decimals, and the expected value, the
 * gap and the CSV figures are rounded the same way, so that a value shown as exactly on the path is judged on the
 * path and the CSV says what the screen says. The nudge keeps halves such as 1.005, stored just below, going up.
 */
export function roundLikeAnalytics(value: number, decimals = 2): number {
    const scale = 10 ** decimals
    return Math.round((value + Number.EPSILON * Math.sign(value)) * scale) / scale
}

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(locale: string, digits: number): Intl.NumberFormat {
    const key = `${locale}:${digits}`
    let f = formatters.get(key)
    if (!f) {
        f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })
        formatters.set(key, f)
    }
    return f
}

/** A number for display in the UI language; an em dash for a missing value. */
export function formatNumber(value: number | null | undefined, digits = 2, locale = uiLocale()): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—'
    return formatter(locale, digits).format(value)
}

/** A signed number (`+1,5`, `−2`), for gaps and paces. */
export function formatSigned(value: number | null | undefined, digits = 2, locale = uiLocale()): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—'
    const text = formatNumber(Math.abs(value), digits, locale)
    if (value > 0) return `+${text}`
    if (value < 0) return `−${text}`
    return text
}

/** A percentage given as 0–100, with the locale's own spacing (`12,5 %` in French, `12.5%` in English). */
export function formatPercent(value: number | null | undefined, digits = 1, locale = uiLocale()): string {
    if (value === null || value === undefined || !Number.isFinite(value)) return '—'
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(
        value / 100
    )
}

/** True when the UI is in English; everything else falls back to French. */
export function isEnglish(): boolean {
    return uiLocale().startsWith('en')
}
