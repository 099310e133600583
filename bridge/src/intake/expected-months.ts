// Which months a facility owes a report for. Pure: the caller gives
// "today" so a page, a test and a benchmark all agree on the calendar.

/** Months counted from year 0, so that stepping back a month is a subtraction. */
function monthIndex(year: number, month: number): number {
    return year * 12 + (month - 1)
}

function periodOf(index: number): string {
    const year = Math.floor(index / 12)
    const month = (index % 12) + 1
    return `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}`
}

/** The month an opening date falls in ("2014-12-01", "2014-12-01T00:00:00.000"), or null when unreadable. */
function openingMonth(openingDate: string | null): number | null {
    if (!openingDate) return null
    const m = /^(\d{4})-(\d{2})/.exec(openingDate.trim())
    if (!m) return null
    const month = Number(m[2])
    if (month < 1 || month > 12) return null
    return monthIndex(Number(m[1]), month)
}

/**
 * The last `count` monthly periods (YYYYMM) a facility is expected to report for, newest first: never
 * the current month (a report covers a finished month), never a month before the facility opened. An
 * unreadable or absent opening date expects every month: better to ask for a report that is not owed
 * than to hide one that is. Months are taken in UTC, Mali's time zone.
 */
export function expectedMonths(openingDate: string | null, today: Date, count: number): string[] {
    if (!Number.isFinite(count) || count <= 0 || Number.isNaN(today.getTime())) return []
    const current = monthIndex(today.getUTCFullYear(), today.getUTCMonth() + 1)
    const first = openingMonth(openingDate)
    const out: string[] = []
    for (let i = current - 1; out.length < Math.floor(count); i--) {
        if (first !== null && i < first) break
        out.push(periodOf(i))
    }
    return out
}

// said as the push reports say it: one place for month names (core/month-label.ts)
export { monthLabel } from '../core/month-label.js'
