// ISO periods as DHIS2 2.41 parses and renders them (docs/dhis2-api.md §13), on the ISO 8601 calendar only.
// Dates are plain `yyyy-MM-dd` strings computed in UTC, so the server's time zone never shifts a period.

export type PeriodType =
    | 'Daily'
    | 'Weekly'
    | 'WeeklyWednesday'
    | 'WeeklyThursday'
    | 'WeeklySaturday'
    | 'WeeklySunday'
    | 'BiWeekly'
    | 'Monthly'
    | 'BiMonthly'
    | 'Quarterly'
    | 'QuarterlyNov'
    | 'SixMonthly'
    | 'SixMonthlyApril'
    | 'SixMonthlyNov'
    | 'Yearly'
    | 'FinancialApril'
    | 'FinancialJuly'
    | 'FinancialOct'
    | 'FinancialNov'

export interface Period {
    /** Canonical ISO id as DHIS2 renders it (`202401`, `2024W5`, `2024Q1`…). */
    id: string
    periodType: PeriodType
    /** First day, `yyyy-MM-dd`. */
    startDate: string
    /** Last day (inclusive), `yyyy-MM-dd`. */
    endDate: string
}

/** Period types from the most to the least frequent, as DHIS2 orders them by frequency. */
export const PERIOD_TYPES: readonly PeriodType[] = [
    'Daily',
    'Weekly',
    'WeeklyWednesday',
    'WeeklyThursday',
    'WeeklySaturday',
    'WeeklySunday',
    'BiWeekly',
    'Monthly',
    'BiMonthly',
    'Quarterly',
    'QuarterlyNov',
    'SixMonthly',
    'SixMonthlyApril',
    'SixMonthlyNov',
    'Yearly',
    'FinancialApril',
    'FinancialJuly',
    'FinancialOct',
    'FinancialNov',
]

/** DHIS2's `PeriodType.getFrequencyOrder()`: approximate length in days, used to compare types. */
export const PERIOD_TYPE_FREQUENCY: Readonly<Record<PeriodType, number>> = {
    Daily: 1,
    Weekly: 7,
    WeeklyWednesday: 7,
    WeeklyThursday: 7,
    WeeklySaturday: 7,
    WeeklySunday: 7,
    BiWeekly: 14,
    Monthly: 30,
    BiMonthly: 61,
    Quarterly: 91,
    QuarterlyNov: 91,
    SixMonthly: 182,
    SixMonthlyApril: 182,
    SixMonthlyNov: 182,
    Yearly: 365,
    FinancialApril: 365,
    FinancialJuly: 365,
    FinancialOct: 365,
    FinancialNov: 365,
}

export function isPeriodType(value: string): value is PeriodType {
    return (PERIOD_TYPES as readonly string[]).includes(value)
}

// ---------------------------------------------------------------------------------------------
// Date helpers (UTC day arithmetic on yyyy-MM-dd strings)

const DAY_MS = 86_400_000

function pad(n: number, width = 2): string {
    return String(n).padStart(width, '0')
}

export function formatDate(date: Date): string {
    return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

function utc(year: number, month: number, day: number): Date {
    const date = new Date(Date.UTC(year, month - 1, day))
    // Date.UTC maps years 0-99 to 1900-1999.
    date.setUTCFullYear(year)
    return date
}

export function parseDate(ymd: string): Date {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd)
    if (!match) throw new Error(`Not a date: ${ymd}`)
    return utc(Number(match[1]), Number(match[2]), Number(match[3]))
}

export function addDays(ymd: string, days: number): string {
    return formatDate(new Date(parseDate(ymd).getTime() + days * DAY_MS))
}

function daysBetween(from: Date, to: Date): number {
    return Math.round((to.getTime() - from.getTime()) / DAY_MS)
}

function lastDayOfMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** First and last day of `count` months starting at (year, month); month may be outside 1-12. */
function monthSpan(year: number, month: number, count: number): { startDate: string; endDate: string } {
    const startYear = year + Math.floor((month - 1) / 12)
    const startMonth = ((((month - 1) % 12) + 12) % 12) + 1
    const endIndex = startMonth - 1 + count - 1
    const endYear = startYear + Math.floor(endIndex / 12)
    const endMonth = (endIndex % 12) + 1
    return {
        startDate: formatDate(utc(startYear, startMonth, 1)),
        endDate: formatDate(utc(endYear, endMonth, lastDayOfMonth(endYear, endMonth))),
    }
}

function isValidDate(year: number, month: number, day: number): boolean {
    return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month)
}

// ---------------------------------------------------------------------------------------------
// Weeks: week 1 is the first week (starting on the type's day) with at least four days in January,
// i.e. the week that contains 4 January (java.time WeekFields.of(startDay, 4), as DHIS2 uses).

const WEEK_START_DAY: Record<string, number> = {
    Weekly: 1,
    WeeklyWednesday: 3,
    WeeklyThursday: 4,
    WeeklySaturday: 6,
    WeeklySunday: 0,
    BiWeekly: 1,
}

const WEEK_PREFIX: Record<string, string> = {
    Weekly: '',
    WeeklyWednesday: 'Wed',
    WeeklyThursday: 'Thu',
    WeeklySaturday: 'Sat',
    WeeklySunday: 'Sun',
}

function firstWeekStart(year: number, startDay: number): Date {
    const jan4 = utc(year, 1, 4)
    const offset = (jan4.getUTCDay() - startDay + 7) % 7
    return new Date(jan4.getTime() - offset * DAY_MS)
}

function weeksInYear(year: number, startDay: number): number {
    return daysBetween(firstWeekStart(year, startDay), firstWeekStart(year + 1, startDay)) / 7
}

/** The week-based year and 0-based week index of a date. */
function weekOf(date: Date, startDay: number): { year: number; index: number } {
    let year = date.getUTCFullYear() + 1
    while (firstWeekStart(year, startDay).getTime() > date.getTime()) year--
    return { year, index: Math.floor(daysBetween(firstWeekStart(year, startDay), date) / 7) }
}

// ---------------------------------------------------------------------------------------------
// Period construction

function weekPeriod(type: PeriodType, year: number, week: number): Period | null {
    const startDay = WEEK_START_DAY[type] ?? 1
    if (week < 1 || week > weeksInYear(year, startDay)) return null
    const start = new Date(firstWeekStart(year, startDay).getTime() + (week - 1) * 7 * DAY_MS)
    return {
        id: `${year}${WEEK_PREFIX[type] ?? ''}W${week}`,
        periodType: type,
        startDate: formatDate(start),
        endDate: formatDate(new Date(start.getTime() + 6 * DAY_MS)),
    }
}

function biWeekPeriod(year: number, biWeek: number): Period | null {
    const weeks = weeksInYear(year, 1)
    if (biWeek < 1 || (biWeek - 1) * 2 >= weeks) return null
    const start = new Date(firstWeekStart(year, 1).getTime() + (biWeek - 1) * 14 * DAY_MS)
    return {
        id: `${year}BiW${biWeek}`,
        periodType: 'BiWeekly',
        startDate: formatDate(start),
        endDate: formatDate(new Date(start.getTime() + 13 * DAY_MS)),
    }
}

/** Month-based types: [type, months per period, start month of period 1 relative to the label year]. */
const MONTH_BASED: Record<string, { months: number; firstMonth: number; count: number }> = {
    Monthly: { months: 1, firstMonth: 1, count: 12 },
    BiMonthly: { months: 2, firstMonth: 1, count: 6 },
    Quarterly: { months: 3, firstMonth: 1, count: 4 },
    QuarterlyNov: { months: 3, firstMonth: -1, count: 4 },
    SixMonthly: { months: 6, firstMonth: 1, count: 2 },
    SixMonthlyApril: { months: 6, firstMonth: 4, count: 2 },
    SixMonthlyNov: { months: 6, firstMonth: -1, count: 2 },
    Yearly: { months: 12, firstMonth: 1, count: 1 },
    FinancialApril: { months: 12, firstMonth: 4, count: 1 },
    FinancialJuly: { months: 12, firstMonth: 7, count: 1 },
    FinancialOct: { months: 12, firstMonth: 10, count: 1 },
    FinancialNov: { months: 12, firstMonth: -1, count: 1 },
}

function monthBasedId(type: PeriodType, year: number, n: number): string {
    switch (type) {
        case 'Monthly':
            return `${year}${pad(n)}`
        case 'BiMonthly':
            return `${year}${pad(n)}B`
        case 'Quarterly':
            return `${year}Q${n}`
        case 'QuarterlyNov':
            return `${year}NovQ${n}`
        case 'SixMonthly':
            return `${year}S${n}`
        case 'SixMonthlyApril':
            return `${year}AprilS${n}`
        case 'SixMonthlyNov':
            return `${year}NovS${n}`
        case 'Yearly':
            return `${year}`
        case 'FinancialApril':
            return `${year}April`
        case 'FinancialJuly':
            return `${year}July`
        case 'FinancialOct':
            return `${year}Oct`
        case 'FinancialNov':
            return `${year}Nov`
        default:
            throw new Error(`Not a month-based period type: ${type}`)
    }
}

function monthBasedPeriod(type: PeriodType, year: number, n: number): Period | null {
    const spec = MONTH_BASED[type]
    if (!spec || n < 1 || n > spec.count) return null
    const span = monthSpan(year, spec.firstMonth + (n - 1) * spec.months, spec.months)
    return { id: monthBasedId(type, year, n), periodType: type, ...span }
}

function dailyPeriod(year: number, month: number, day: number): Period | null {
    if (!isValidDate(year, month, day)) return null
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`
    return {
        id: `${pad(year, 4)}${pad(month)}${pad(day)}`,
        periodType: 'Daily',
        startDate: date,
        endDate: date,
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const PARSERS: Array<[RegExp, (m: RegExpExecArray) => Period | null]> = [
    [/^(\d{4})(\d{2})(\d{2})$/, (m) => dailyPeriod(Number(m[1]), Number(m[2]), Number(m[3]))],
    [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => dailyPeriod(Number(m[1]), Number(m[2]), Number(m[3]))],
    [/^(\d{4})W(\d{1,2})$/, (m) => weekPeriod('Weekly', Number(m[1]), Number(m[2]))],
    [/^(\d{4})WedW(\d{1,2})$/, (m) => weekPeriod('WeeklyWednesday', Number(m[1]), Number(m[2]))],
    [/^(\d{4})ThuW(\d{1,2})$/, (m) => weekPeriod('WeeklyThursday', Number(m[1]), Number(m[2]))],
    [/^(\d{4})SatW(\d{1,2})$/, (m) => weekPeriod('WeeklySaturday', Number(m[1]), Number(m[2]))],
    [/^(\d{4})SunW(\d{1,2})$/, (m) => weekPeriod('WeeklySunday', Number(m[1]), Number(m[2]))],
    [/^(\d{4})BiW(\d{1,2})$/, (m) => biWeekPeriod(Number(m[1]), Number(m[2]))],
    [/^(\d{4})-?(\d{2})$/, (m) => monthBasedPeriod('Monthly', Number(m[1]), Number(m[2]))],
    [/^(\d{4})(\d{2})B$/, (m) => monthBasedPeriod('BiMonthly', Number(m[1]), Number(m[2]))],
    [/^(\d{4})Q(\d)$/, (m) => monthBasedPeriod('Quarterly', Number(m[1]), Number(m[2]))],
    [/^(\d{4})NovQ(\d)$/, (m) => monthBasedPeriod('QuarterlyNov', Number(m[1]), Number(m[2]))],
    [/^(\d{4})S(\d)$/, (m) => monthBasedPeriod('SixMonthly', Number(m[1]), Number(m[2]))],
    [/^(\d{4})AprilS(\d)$/, (m) => monthBasedPeriod('SixMonthlyApril', Number(m[1]), Number(m[2]))],
    [/^(\d{4})NovS(\d)$/, (m) => monthBasedPeriod('SixMonthlyNov', Number(m[1]), Number(m[2]))],
    [/^(\d{4})$/, (m) => monthBasedPeriod('Yearly', Number(m[1]), 1)],
    [/^(\d{4})April$/, (m) => monthBasedPeriod('FinancialApril', Number(m[1]), 1)],
    [/^(\d{4})July$/, (m) => monthBasedPeriod('FinancialJuly', Number(m[1]), 1)],
    [/^(\d{4})Oct$/, (m) => monthBasedPeriod('FinancialOct', Number(m[1]), 1)],
    [/^(\d{4})Nov$/, (m) => monthBasedPeriod('FinancialNov', Number(m[1]), 1)],
]

const cache = new Map<string, Period | null>()

/** Parses an ISO period id; null when DHIS2 would not accept it. Results are cached (imports repeat ids). */
export function parsePeriod(id: string): Period | null {
    const cached = cache.get(id)
    if (cached !== undefined) return cached
    let result: Period | null = null
    for (const [pattern, build] of PARSERS) {
        const match = pattern.exec(id)
        if (match) {
            result = build(match)
            break
        }
    }
    if (cache.size > 100_000) cache.clear()
    cache.set(id, result)
    return result
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/** The period of `periodType` that contains `date` (a Date, read in UTC, or `yyyy-MM-dd`). */
export function currentPeriod(periodType: PeriodType, date: Date | string): Period {
    const day = typeof date === 'string' ? parseDate(date) : date
    const year = day.getUTCFullYear()
    const month = day.getUTCMonth() + 1
    if (periodType === 'Daily') {
        const period = dailyPeriod(year, month, day.getUTCDate())
        if (!period) throw new Error('Invalid date')
        return period
    }
    if (periodType === 'BiWeekly') {
        const { year: weekYear, index } = weekOf(day, 1)
        const period = biWeekPeriod(weekYear, Math.floor(index / 2) + 1) ?? biWeekPeriod(weekYear + 1, 1)
        if (!period) throw new Error('Invalid bi-week')
        return period
    }
    if (periodType in WEEK_PREFIX) {
        const { year: weekYear, index } = weekOf(day, WEEK_START_DAY[periodType] ?? 1)
        const period = weekPeriod(periodType, weekYear, index + 1)
        if (!period) throw new Error('Invalid week')
        return period
    }
    const spec = MONTH_BASED[periodType]
    if (!spec) throw new Error(`Unknown period type: ${periodType}`)
    // Months since the start of period 1 of the label year; the label year is the one whose
    // first period starts on or before the date and whose last period ends after it.
    const yearMonths = spec.months * spec.count
    const monthsFromFirst = month - spec.firstMonth
    const labelYear = year + Math.floor(monthsFromFirst / yearMonths)
    const within = ((monthsFromFirst % yearMonths) + yearMonths) % yearMonths
    const period = monthBasedPeriod(periodType, labelYear, Math.floor(within / spec.months) + 1)
    if (!period) throw new Error('Invalid period')
    return period
}

/** The period `n` steps after (n > 0) or before (n < 0) `period`, of the same type. */
export function shiftPeriod(period: Period, n: number): Period {
    let current = period
    if (n > 0) {
        for (let i = 0; i < n; i++) current = currentPeriod(current.periodType, addDays(current.endDate, 1))
    } else {
        for (let i = 0; i < -n; i++)
            current = currentPeriod(current.periodType, addDays(current.startDate, -1))
    }
    return current
}

/**
 * Periods of `periodType` between two dates (`yyyy-MM-dd`). By default only periods lying entirely
 * inside the range (DHIS2's `startDate`/`endDate` filter on data values); `overlapping` keeps every
 * period that touches the range.
 */
export function periodsInRange(
    periodType: PeriodType,
    startDate: string,
    endDate: string,
    options: { overlapping?: boolean } = {}
): Period[] {
    const result: Period[] = []
    if (startDate > endDate) return result
    let current = currentPeriod(periodType, startDate)
    while (current.startDate <= endDate) {
        const inside = current.startDate >= startDate && current.endDate <= endDate
        if (inside || options.overlapping) result.push(current)
        current = currentPeriod(periodType, addDays(current.endDate, 1))
    }
    return result
}

export function daysInPeriod(period: Period): number {
    return daysBetween(parseDate(period.startDate), parseDate(period.endDate)) + 1
}

/** Canonical id of an ISO period, or null if it does not parse (`2024-01` → `202401`). */
export function canonicalPeriodId(id: string): string | null {
    return parsePeriod(id)?.id ?? null
}
