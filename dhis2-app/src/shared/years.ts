/** The plan's oldest baselines are from 2018; earlier years add payload without helping anyone. */
export const FIRST_YEAR = 2018

/** Years the user can pick: from the first baseline year to the current year, oldest first. */
export function availableYears(now: Date): number[] {
    const last = Math.max(now.getFullYear(), FIRST_YEAR)
    return Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i)
}

/** The last complete year: the running year's monthly reports are still arriving. */
export function defaultYear(now: Date): number {
    return Math.max(now.getFullYear() - 1, FIRST_YEAR)
}
