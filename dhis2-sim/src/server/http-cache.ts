// HTTP validators as DHIS2 sends them: Spring's conditional-request checks (ServletWebRequest.checkNotModified)
// and, up to 2.41, the ShallowEtagHeaderFilter on /api/* (ExcludableShallowEtagHeaderFilter). Neither sends a
// Cache-Control of its own: freshness is left to the browser (heuristic from Last-Modified) or the reverse proxy.
import { UID_SOURCE } from '@odd3/mappings/uid'
import { createHash } from 'node:crypto'
import type { SimResponse } from '../core/types.js'
import { minorVersion } from './context.js'

/** ContextUtils.HEADER_VALUE_NO_STORE. */
export const NO_STORE = 'no-cache, no-store, max-age=0, must-revalidate'

/** ExcludableShallowEtagHeaderFilter.ENDPOINTS (unchanged 2.39-2.42): streamed endpoints get no ETag. */
const ETAG_EXCLUDED = new RegExp(
    [
        '/api/(\\d{2}/)?dataValueSets',
        '/api/(\\d{2}/)?dataValues',
        '/api/(\\d{2}/)?fileResources',
        '/api/(\\d{2}/)?dataEntry/metadata',
        `/api/(\\d{2}/)?tracker/events/${UID_SOURCE}/dataValues/${UID_SOURCE}/(file|image)`,
        `/api/(\\d{2}/)?tracker/trackedEntities/${UID_SOURCE}/attributes/${UID_SOURCE}/(file|image)`,
    ].join('|')
)

/** Request headers, lower-case names (IncomingMessage.headers, SimRequest.headers). */
export type RequestHeaders = Record<string, string | string[] | undefined>

function header(headers: RequestHeaders, name: string): string | undefined {
    const value = headers[name]
    return Array.isArray(value) ? value.join(', ') : value
}

function responseHeader(response: SimResponse, name: string): string | undefined {
    const lower = name.toLowerCase()
    for (const [key, value] of Object.entries(response.headers ?? {})) {
        if (key.toLowerCase() === lower) return Array.isArray(value) ? value.join(', ') : value
    }
    return undefined
}

/** HTTP date of a timestamp (Last-Modified, If-Modified-Since have whole seconds). */
export function httpDate(ms: number): string {
    return new Date(ms).toUTCString()
}

/** If-None-Match against an ETag, Spring's weak comparison: `W/` ignored, `*` matches anything. */
export function etagMatches(headers: RequestHeaders, etag: string): boolean {
    const wanted = header(headers, 'if-none-match')
    if (!wanted) return false
    const bare = (tag: string): string => tag.trim().replace(/^W\//, '')
    return wanted.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

/** If-Modified-Since at or after the resource's modification time (compared in whole seconds). */
export function notModifiedSince(headers: RequestHeaders, lastModified: number): boolean {
    const since = header(headers, 'if-modified-since')
    if (!since) return false
    const parsed = Date.parse(since)
    return Number.isFinite(parsed) && parsed >= Math.floor(lastModified / 1000) * 1000
}

/** Spring's ShallowEtagHeaderFilter value: `"0"` followed by the MD5 of the body, quoted. */
export function shallowEtag(body: Buffer | string): string {
    return `"0${createHash('md5').update(body).digest('hex')}"`
}

/** Whether DHIS2 adds a body-hash ETag to this /api answer. The filter is registered through servlet
 * annotation scanning (@WebFilter), which the war deployments of 2.39-2.41 do; 2.42's embedded Tomcat is not
 * shown to register it, so the simulator leaves it out there (app files still get their own ETag in 2.42). */
function takesShallowEtag(version: string, method: string, pathname: string, response: SimResponse): boolean {
    if (minorVersion(version) >= 42 || method !== 'GET') return false
    if (response.status < 200 || response.status >= 300) return false
    if (ETAG_EXCLUDED.test(pathname)) return false
    return !(responseHeader(response, 'cache-control') ?? '').includes('no-store')
}

/** Applies the shallow ETag filter to a rendered /api answer: adds the ETag, or turns it into a 304. */
export function withShallowEtag(
    method: string,
    headers: RequestHeaders,
    version: string,
    pathname: string,
    response: SimResponse,
    payload: Buffer | string | undefined
): SimResponse {
    if (payload === undefined) return response
    if (!takesShallowEtag(version, method, pathname, response)) return response
    const etag = responseHeader(response, 'etag') ?? shallowEtag(payload)
    const answer = { ...(response.headers ?? {}), ETag: etag }
    if (etagMatches(headers, etag)) return { status: 304, headers: withoutBodyHeaders(answer) }
    return { ...response, headers: answer }
}

/** A 304 carries the validators and caching headers, not the body's type or length. */
export function withoutBodyHeaders(
    headers: Record<string, string | string[]>
): Record<string, string | string[]> {
    const kept: Record<string, string | string[]> = {}
    for (const [key, value] of Object.entries(headers)) {
        if (!/^(content-type|content-length|content-encoding)$/i.test(key)) kept[key] = value
    }
    return kept
}
