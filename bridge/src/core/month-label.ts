// How a month (YYYYMM) is said to people, in French and English: the push's messages, the intake's pages
// and the benchmarks all name months the same way.

const MONTH_NAMES = {
    fr: [
        'janvier',
        'février',
        'mars',
        'avril',
        'mai',
        'juin',
        'juillet',
        'août',
        'septembre',
        'octobre',
        'novembre',
        'décembre',
    ],
    en: [
        'January',
        'February',
        'March',
        'April',
        'May',
        'June',
        'July',
        'August',
        'September',
        'October',
        'November',
        'December',
    ],
} as const

/** « mars 2025 » / « March 2025 »; anything that is not a YYYYMM month is returned as written. */
export function monthLabel(period: string, lang: 'fr' | 'en'): string {
    const m = /^(\d{4})(\d{2})$/.exec(period)
    const month = m ? Number(m[2]) : 0
    const name = MONTH_NAMES[lang][month - 1]
    if (!m || !name) return period
    return `${name} ${m[1]}`
}
