// GET /api/apps/<key>/** as AppController.renderApp serves an installed app's files (docs/dhis2-api.md §14):
// Last-Modified from the stored files and a 304 for If-Modified-Since in every version; in 2.42 also an ETag
// of the app version and that time, and `no-store` on HTML pages (AppHtmlNoCacheFilter). No max-age in any
// version: a browser keeps the files by its own heuristic and revalidates them. The body-hash ETag of
// 2.39-2.41 is added for every /api answer by the HTTP layer (server/http-cache.ts).
import { createHash } from 'node:crypto'
import type { InstalledApp } from '../apps/registry.js'
import type { SimRequest, SimResponse } from '../core/types.js'
import { accessDenied, notFound } from '../core/web-message.js'
import { compareVersions, minorVersion, type ServerContext } from '../server/context.js'
import {
    etagMatches,
    httpDate,
    NO_STORE,
    notModifiedSince,
    type RequestHeaders,
    withoutBodyHeaders,
} from '../server/http-cache.js'

const CONTENT_TYPES: Record<string, string> = {
    html: 'text/html;charset=UTF-8',
    js: 'application/javascript;charset=UTF-8',
    mjs: 'application/javascript;charset=UTF-8',
    css: 'text/css;charset=UTF-8',
    json: 'application/json;charset=UTF-8',
    webapp: 'application/json;charset=UTF-8',
    webmanifest: 'application/manifest+json',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    ico: 'image/x-icon',
    woff: 'font/woff',
    woff2: 'font/woff2',
    ttf: 'font/ttf',
    map: 'application/json;charset=UTF-8',
    txt: 'text/plain;charset=UTF-8',
    xml: 'application/xml;charset=UTF-8',
    wasm: 'application/wasm',
}

function contentType(path: string): string {
    const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
    return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/** `__DHIS2_BASE_URL__` substitution exists in 2.39.10+, 2.40.8+ and 2.41.0+ (AppHtmlTemplate). */
export function substitutesPlaceholders(version: string): boolean {
    const [major = 2, minor = 0] = version.split('.').map(Number)
    if (major > 2 || minor >= 41) return true
    if (minor === 40) return compareVersions(version, '2.40.8') >= 0
    if (minor === 39) return compareVersions(version, '2.39.10') >= 0
    return false
}

/** 2.40.8-2.40.9 and 2.41.0-2.41.5 label the substituted page `Content-Encoding: UTF-8` (a charset, not a
 * coding: browsers ignore it, and a proxy's gzip leaves such a page uncompressed). */
function labelsHtmlUtf8Encoding(version: string): boolean {
    const minor = minorVersion(version)
    if (minor === 40)
        return compareVersions(version, '2.40.8') >= 0 && compareVersions(version, '2.40.10') < 0
    if (minor === 41) return compareVersions(version, '2.41.6') < 0
    return false
}

/** AppHtmlNoCacheFilter (2.42+): GET paths under `/dhis-web-…` or `…apps…` ending in `.html` or `/`. */
const HTML_PATH = /\/(dhis-web-|apps).*(\.html|\/)$/

/** 2.42's AppController ETag: MD5 of `<manifest version>-<last modified ms>`. */
function appFileEtag(app: InstalledApp): string {
    const source = `${app.manifest.version ?? ''}-${app.lastModified}`
    return `"${createHash('md5').update(source).digest('hex')}"`
}

function notModified(headers: RequestHeaders, app: InstalledApp, etag: string | null): boolean {
    // Spring's checkNotModified: If-None-Match, when sent and an ETag is known, decides alone.
    if (etag !== null && headers['if-none-match'] !== undefined) return etagMatches(headers, etag)
    return notModifiedSince(headers, app.lastModified)
}

export function serveAppFile(ctx: ServerContext, request: SimRequest): SimResponse {
    const key = request.params.key ?? ''
    const app = ctx.apps.get(key)
    if (!app) return notFound(`App '${key}' not found.`)
    if (!request.user || !ctx.apps.canAccess(request.user, app)) {
        // 2.39-2.41 throw ReadAccessDeniedException (rendered by CrudControllerAdvice), 2.42 a forbidden WebMessage.
        return minorVersion(request.serverVersion) >= 42
            ? accessDenied(`User does not have access to app '${key}'.`)
            : accessDenied(`You don't have access to application ${key}.`)
    }
    let path = request.params['*'] ?? ''
    if (path === '' || path.endsWith('/')) path += 'index.html'
    const file = app.files.get(path)
    if (!file) return notFound(`File not found: ${path}`)

    const version = request.serverVersion
    const modern = minorVersion(version) >= 42
    const etag = modern ? appFileEtag(app) : null
    const headers: Record<string, string> = { 'Last-Modified': httpDate(app.lastModified) }
    if (etag !== null) headers.ETag = etag
    if (modern && HTML_PATH.test(`/api/${request.path}`)) headers['Cache-Control'] = NO_STORE
    if (notModified(request.headers, app, etag)) return { status: 304, headers: withoutBodyHeaders(headers) }

    headers['Content-Type'] = contentType(path)
    if ((path === 'index.html' || path === 'plugin.html') && substitutesPlaceholders(version)) {
        const html = file
            .toString('utf8')
            .replaceAll('__DHIS2_BASE_URL__', request.baseUrl)
            .replaceAll('__DHIS2_APP_ROOT_URL__', `${request.baseUrl}/api/apps/${app.key}`)
        if (labelsHtmlUtf8Encoding(version)) headers['Content-Encoding'] = 'UTF-8'
        return { status: 200, headers, body: html }
    }
    return { status: 200, headers, body: file }
}
