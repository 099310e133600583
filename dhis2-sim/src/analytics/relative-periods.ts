// Relative period keywords (RelativePeriodEnum, docs/dhis2-api.md §7.3) and English period names as DHIS2
// prints them in analytics metadata. "Last N" excludes the current period; "THIS_*" is the current one.
import {
    addDays,
    currentPeriod,
    parsePeriod,
    periodsInRange,
    shiftPeriod,
    type Period,
    type PeriodType,
} from '../periods/period.js'

interface RelativeSpec {
    type: PeriodType | 'FINANCIAL'
    /** How many periods, ending `offset` periods before the current one. */
    count: number
    /** 0 = the current period is the last one; 1 = the previous one is the last one. */
    offset: number
    /** Whole calendar year of periods: 0 this year, 1 last year. */
    yearOf?: number
    name: string
}

const RELATIVE: Record<string, RelativeSpec> = {
    TODAY: { type: 'Daily', count: 1, offset: 0, name: 'Today' },
    YESTERDAY: { type: 'Daily', count: 1, offset: 1, name: 'Yesterday' },
    LAST_3_DAYS: { type: 'Daily', count: 3, offset: 1, name: 'Last 3 days' },
    LAST_7_DAYS: { type: 'Daily', count: 7, offset: 1, name: 'Last 7 days' },
    LAST_14_DAYS: { type: 'Daily', count: 14, offset: 1, name: 'Last 14 days' },
    LAST_30_DAYS: { type: 'Daily', count: 30, offset: 1, name: 'Last 30 days' },
    LAST_60_DAYS: { type: 'Daily', count: 60, offset: 1, name: 'Last 60 days' },
    LAST_90_DAYS: { type: 'Daily', count: 90, offset: 1, name: 'Last 90 days' },
    LAST_180_DAYS: { type: 'Daily', count: 180, offset: 1, name: 'Last 180 days' },
    THIS_WEEK: { type: 'Weekly', count: 1, offset: 0, name: 'This week' },
    LAST_WEEK: { type: 'Weekly', count: 1, offset: 1, name: 'Last week' },
    THIS_BIWEEK: { type: 'BiWeekly', count: 1, offset: 0, name: 'This bi-week' },
    LAST_BIWEEK: { type: 'BiWeekly', count: 1, offset: 1, name: 'Last bi-week' },
    LAST_4_WEEKS: { type: 'Weekly', count: 4, offset: 1, name: 'Last 4 weeks' },
    LAST_4_BIWEEKS: { type: 'BiWeekly', count: 4, offset: 1, name: 'Last 4 bi-weeks' },
    LAST_12_WEEKS: { type: 'Weekly', count: 12, offset: 1, name: 'Last 12 weeks' },
    LAST_52_WEEKS: { type: 'Weekly', count: 52, offset: 1, name: 'Last 52 weeks' },
    WEEKS_THIS_YEAR: { type: 'Weekly', count: 0, offset: 0, yearOf: 0, name: 'Weeks this year' },
    THIS_MONTH: { type: 'Monthly', count: 1, offset: 0, name: 'This month' },
    LAST_MONTH: { type: 'Monthly', count: 1, offset: 1, name: 'Last month' },
    LAST_3_MONTHS: { type: 'Monthly', count: 3, offset: 1, name: 'Last 3 months' },
    LAST_6_MONTHS: { type: 'Monthly', count: 6, offset: 1, name: 'Last 6 months' },
    LAST_12_MONTHS: { type: 'Monthly', count: 12, offset: 1, name: 'Last 12 months' },
    MONTHS_THIS_YEAR: { type: 'Monthly', count: 0, offset: 0, yearOf: 0, name: 'Months this year' },
    MONTHS_LAST_YEAR: { type: 'Monthly', count: 0, offset: 0, yearOf: 1, name: 'Months last year' },
    THIS_BIMONTH: { type: 'BiMonthly', count: 1, offset: 0, name: 'This bi-month' },
    LAST_BIMONTH: { type: 'BiMonthly', count: 1, offset: 1, name: 'Last bi-month' },
    LAST_6_BIMONTHS: { type: 'BiMonthly', count: 6, offset: 1, name: 'Last 6 bi-months' },
    BIMONTHS_THIS_YEAR: { type: 'BiMonthly', count: 0, offset: 0, yearOf: 0, name: 'Bi-months this year' },
    THIS_QUARTER: { type: 'Quarterly', count: 1, offset: 0, name: 'This quarter' },
    LAST_QUARTER: { type: 'Quarterly', count: 1, offset: 1, name: 'Last quarter' },
    LAST_4_QUARTERS: { type: 'Quarterly', count: 4, offset: 1, name: 'Last 4 quarters' },
    QUARTERS_THIS_YEAR: { type: 'Quarterly', count: 0, offset: 0, yearOf: 0, name: 'Quarters this year' },
    QUARTERS_LAST_YEAR: { type: 'Quarterly', count: 0, offset: 0, yearOf: 1, name: 'Quarters last year' },
    THIS_SIX_MONTH: { type: 'SixMonthly', count: 1, offset: 0, name: 'This six-month' },
    LAST_SIX_MONTH: { type: 'SixMonthly', count: 1, offset: 1, name: 'Last six-month' },
    LAST_2_SIXMONTHS: { type: 'SixMonthly', count: 2, offset: 1, name: 'Last 2 six-month' },
    THIS_YEAR: { type: 'Yearly', count: 1, offset: 0, name: 'This year' },
    LAST_YEAR: { type: 'Yearly', count: 1, offset: 1, name: 'Last year' },
    LAST_5_YEARS: { type: 'Yearly', count: 5, offset: 1, name: 'Last 5 years' },
    LAST_10_YEARS: { type: 'Yearly', count: 10, offset: 1, name: 'Last 10 years' },
    THIS_FINANCIAL_YEAR: { type: 'FINANCIAL', count: 1, offset: 0, name: 'This financial year' },
    LAST_FINANCIAL_YEAR: { type: 'FINANCIAL', count: 1, offset: 1, name: 'Last financial year' },
    LAST_5_FINANCIAL_YEARS: { type: 'FINANCIAL', count: 5, offset: 1, name: 'Last 5 financial years' },
    LAST_10_FINANCIAL_YEARS: { type: 'FINANCIAL', count: 10, offset: 1, name: 'Last 10 financial years' },
}

export function isRelativePeriod(keyword: string): boolean {
    return keyword in RELATIVE
}

export function relativePeriodName(keyword: string): string | undefined {
    return RELATIVE[keyword]?.name
}

/** System setting `keyAnalyticsFinancialYearStart` (default October, as DHIS2's). */
export function financialYearType(setting: unknown): PeriodType {
    switch (setting) {
        case 'FINANCIAL_YEAR_APRIL':
            return 'FinancialApril'
        case 'FINANCIAL_YEAR_JULY':
            return 'FinancialJuly'
        case 'FINANCIAL_YEAR_NOVEMBER':
            return 'FinancialNov'
        default:
            return 'FinancialOct'
    }
}

/** The periods of a relative keyword at `date` (`yyyy-MM-dd`), oldest first; null if unknown. */
export function resolveRelativePeriod(
    keyword: string,
    date: string,
    financialType: PeriodType
): Period[] | null {
    const spec = RELATIVE[keyword]
    if (!spec) return null
    const type = spec.type === 'FINANCIAL' ? financialType : spec.type
    if (spec.yearOf !== undefined) {
        const year = Number(date.slice(0, 4)) - spec.yearOf
        if (type === 'Weekly') {
            // Weeks whose ISO week-year is the year.
            return periodsInRange(type, `${year}-01-01`, `${year + 1}-01-07`, { overlapping: true }).filter(
                (p) => p.id.startsWith(`${year}W`)
            )
        }
        return periodsInRange(type, `${year}-01-01`, `${year}-12-31`)
    }
    const last = shiftPeriod(currentPeriod(type, date), -spec.offset)
    const result: Period[] = []
    for (let i = spec.count - 1; i >= 0; i--) result.push(shiftPeriod(last, -i))
    return result
}

const MONTHS = [
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
]

function monthName(ymd: string): string {
    return MONTHS[Number(ymd.slice(5, 7)) - 1] ?? ''
}

/** English display name of an ISO period, as DHIS2 2.41 analytics prints it. */
export function periodName(period: Period): string {
    const { startDate, endDate } = period
    const startYear = startDate.slice(0, 4)
    const endYear = endDate.slice(0, 4)
    switch (period.periodType) {
        case 'Daily':
            return startDate
        case 'Weekly':
        case 'WeeklyWednesday':
        case 'WeeklyThursday':
        case 'WeeklySaturday':
        case 'WeeklySunday': {
            const week = /W(\d+)$/.exec(period.id)?.[1] ?? ''
            return `Week ${week} ${startDate} - ${endDate}`
        }
        case 'BiWeekly': {
            const biWeek = /BiW(\d+)$/.exec(period.id)?.[1] ?? ''
            return `Bi-Week ${biWeek} ${startDate} - ${endDate}`
        }
        case 'Monthly':
            return `${monthName(startDate)} ${startYear}`
        case 'Yearly':
            return startYear
        default:
            if (startYear === endYear) return `${monthName(startDate)} - ${monthName(endDate)} ${endYear}`
            return `${monthName(startDate)} ${startYear} - ${monthName(endDate)} ${endYear}`
    }
}

export { addDays, parsePeriod }
