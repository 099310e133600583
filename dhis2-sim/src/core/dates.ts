// Date renderings used by DHIS2's JSON (docs/dhis2-api.md §1.3).

function pad(value: number, width = 2): string {
    return String(value).padStart(width, '0')
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSS` without zone, as DHIS2 renders java.util.Date (server time zone = UTC here). */
export function toIso8601NoTz(date: Date): string {
    return date.toISOString().slice(0, 23)
}

/** Accepts ISO instants (`…Z`) or DHIS2's zone-less form and renders DHIS2's zone-less form. */
export function dhis2Date(value: string | Date | null | undefined): string | undefined {
    if (value === null || value === undefined) return undefined
    const date =
        value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z')
    return Number.isNaN(date.getTime()) ? undefined : toIso8601NoTz(date)
}

/** `yyyy-MM-dd`. */
export function isoDay(date: Date): string {
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}
