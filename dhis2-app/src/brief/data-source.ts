import { z } from 'zod'

/**
 * The parts of DHIS2's `/api/system/info` the brief names as its source. The app shell reads that answer
 * once at start-up and hands it over in its config, so naming the source costs no request. DHIS2 gives
 * these fields to every user (`SystemInfo.withoutSensitiveInfo` keeps them).
 */
const systemInfoSchema = z.object({
    systemName: z.string().optional(),
    lastAnalyticsTableSuccess: z.string().optional(),
})

export interface DataSource {
    /** The server's own title (`systemName`), null when not given. */
    systemName: string | null
    /** Where the figures come from, e.g. `dhis2.sante.gov.ml`. */
    host: string
    /** When DHIS2 last finished generating the analytics tables (server time), null when unknown. */
    analyticsUpdated: Date | null
}

/** Reads the source from the app shell's config (`useConfig()`); anything unexpected is left out. */
export function dataSource(config: { baseUrl: string; systemInfo?: unknown }, pageUrl: string): DataSource {
    const info = systemInfoSchema.safeParse(config.systemInfo ?? {})
    const fields = info.success ? info.data : {}
    return {
        systemName: fields.systemName?.trim() || null,
        host: hostOf(config.baseUrl, pageUrl),
        analyticsUpdated: parseServerTime(fields.lastAnalyticsTableSuccess),
    }
}

function hostOf(baseUrl: string, pageUrl: string): string {
    try {
        return new URL(baseUrl, pageUrl).host
    } catch {
        return baseUrl
    }
}

/** DHIS2 writes `2026-12-07T14:13:05.123` in the server's time zone, without an offset. */
function parseServerTime(text: string | undefined): Date | null {
    if (!text || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return null
    const date = new Date(text.slice(0, 19))
    return Number.isNaN(date.getTime()) ? null : date
}
