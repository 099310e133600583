// Periods as people write them → DHIS2 ISO periods. Monthly forms first (the clinic report),
// plus quarters and years so a wrong period type can be named rather than called unreadable.

export type PeriodType = 'Monthly' | 'Quarterly' | 'Yearly' | 'Daily'

export interface ParsedPeriod {
    iso: string
    type: PeriodType
    year: number
    /** 1-12 for months; first month for quarters; 1 for years. */
    month: number
}

const MONTHS: Record<string, number> = {}
const names: Array<[number, string[]]> = [
    [1, ['janvier', 'janv', 'jan', 'january']],
    [2, ['fevrier', 'fevr', 'fev', 'february', 'feb']],
    [3, ['mars', 'mar', 'march']],
    [4, ['avril', 'avr', 'april', 'apr']],
    [5, ['mai', 'may']],
    [6, ['juin', 'june', 'jun']],
    [7, ['juillet', 'juil', 'july', 'jul']],
    [8, ['aout', 'august', 'aug']],
    [9, ['septembre', 'sept', 'sep', 'september']],
    [10, ['octobre', 'oct', 'october']],
    [11, ['novembre', 'nov', 'november']],
    [12, ['decembre', 'dec', 'december']],
]
for (const [m, list] of names) for (const n of list) MONTHS[n] = m

function month(year: number, m: number): ParsedPeriod | undefined {
    if (m < 1 || m > 12 || year < 1900 || year > 2200) return undefined
    return { iso: `${year}${String(m).padStart(2, '0')}`, type: 'Monthly', year, month: m }
}

function fullYear(y: string): number {
    const n = Number(y)
    return y.length === 2 ? 2000 + n : n
}

/** Excel stores dates as days since 1899-12-30; a serial in the cell means a date. */
function fromExcelSerial(n: number): ParsedPeriod | undefined {
    if (n < 20000 || n > 80000) return undefined
    const d = new Date(Date.UTC(1899, 11, 30) + n * 86400000)
    return month(d.getUTCFullYear(), d.getUTCMonth() + 1)
}

export function parsePeriod(input: string): ParsedPeriod | undefined {
    const s = input.trim()
    if (!s) return undefined
    let m: RegExpExecArray | null
    // 202403, 2024-03, 2024/03, 2024.03, 2024-3, 2024M03
    if ((m = /^(\d{4})[-/.M]?(\d{1,2})$/i.exec(s)) && (s.length !== 5 || /[-/.M]/i.test(s))) {
        return month(Number(m[1]), Number(m[2]))
    }
    // 03/2024, 3-2024, 03.2024, 03/24
    if ((m = /^(\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s))) return month(fullYear(m[2] ?? ''), Number(m[1]))
    // 2024-03-01, 2024-03-01T00:00:00…: a date names its month
    if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s))) return month(Number(m[1]), Number(m[2]))
    // 01/03/2024 (French day/month/year)
    if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) return month(Number(m[3]), Number(m[2]))
    // 2024Q1, T1 2024, 1er trimestre 2024
    if ((m = /^(\d{4})\s*[QT]([1-4])$/i.exec(s)) || (m = /^[QT]([1-4])[\s-]*(\d{4})$/i.exec(s))) {
        const [y, q] = /^\d{4}/.test(s) ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])]
        return { iso: `${y}Q${q}`, type: 'Quarterly', year: y, month: (q - 1) * 3 + 1 }
    }
    // 2024
    if ((m = /^(\d{4})$/.exec(s))) {
        const y = Number(m[1])
        if (y >= 1900 && y <= 2200) return { iso: String(y), type: 'Yearly', year: y, month: 1 }
    }
    // Excel date serial
    if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s))
    // mars 2024, Mars-24, mars-2024, March 2024, "mois de mars 2024", 2024 mars
    const words = s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/^(mois\s+de\s+|mois\s+d')/, '')
        .replace(/\./g, '')
    if (
        (m = /^([a-z]+)[\s\-/']*(\d{4}|\d{2})$/.exec(words)) ||
        (m = /^(\d{4})[\s\-/]*([a-z]+)$/.exec(words))
    ) {
        const [word, year] = /^\d/.test(m[1] ?? '') ? [m[2] ?? '', m[1] ?? ''] : [m[1] ?? '', m[2] ?? '']
        const mo = MONTHS[word]
        if (mo) return month(fullYear(year), mo)
    }
    return undefined
}

/** The ISO monthly period containing a date. */
export function monthOf(d: Date): string {
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** Months between two YYYYMM periods (b − a). */
export function monthDiff(a: string, b: string): number {
    const ya = Number(a.slice(0, 4))
    const ma = Number(a.slice(4, 6))
    const yb = Number(b.slice(0, 4))
    const mb = Number(b.slice(4, 6))
    return (yb - ya) * 12 + (mb - ma)
}

export function addMonths(p: string, n: number): string {
    const total = Number(p.slice(0, 4)) * 12 + Number(p.slice(4, 6)) - 1 + n
    return `${Math.floor(total / 12)}${String((total % 12) + 1).padStart(2, '0')}`
}

/**
 * DHIS2 refuses a monthly period after "current − 1 + openFuturePeriods" (E7641): with the
 * default 0, the running month is refused.
 */
export function latestOpenMonth(today: Date, openFuturePeriods: number): string {
    return addMonths(monthOf(today), openFuturePeriods - 1)
}
