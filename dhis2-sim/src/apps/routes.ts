// /api/apps: install (multipart `file`), list, delete, and static serving of installed bundles with
// the base-URL placeholders replaced in index.html (docs/dhis2-api.md §14).
import { Readable } from 'node:stream'
import busboy from 'busboy'
import type { Route, SimRequest, SimResponse } from '../core/types.js'
import { accessDenied, conflict, json, noContent, notFound } from '../core/web-message.js'
import { compareVersions, type ServerContext } from '../server/context.js'
import { APP_MANAGEMENT_AUTHORITY, AppInstallError, type InstalledApp } from './registry.js'

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
    wasm: 'application/wasm',
}

function contentType(path: string): string {
    const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase()
    return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/** `__DHIS2_BASE_URL__` substitution exists in 2.39.10+, 2.40.8+ and 2.41.0+ (AppHtmlTemplate). */
function substitutesPlaceholders(version: string): boolean {
    const [major = 2, minor = 0] = version.split('.').map(Number)
    if (major > 2 || minor >= 41) return true
    if (minor === 40) return compareVersions(version, '2.40.8') >= 0
    if (minor === 39) return compareVersions(version, '2.39.10') >= 0
    return false
}

export function appView(app: InstalledApp, baseUrl: string): Record<string, unknown> {
    const appBase = `${baseUrl}/api/apps/${app.key}`
    const launch = app.manifest.launch_path ?? 'index.html'
    return {
        ...app.manifest,
        key: app.key,
        short_name: app.manifest.short_name ?? app.key,
        appType: app.manifest.appType ?? 'APP',
        launch_path: launch,
        launchUrl: `${appBase}/${launch}`,
        baseUrl: appBase,
        folderName: app.key,
        appState: 'OK',
        core_app: app.manifest.core_app ?? false,
        coreApp: app.manifest.core_app ?? false,
        bundled: false,
    }
}

function readMultipartFile(request: SimRequest): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
        const contentTypeHeader = request.headers['content-type']
        if (
            typeof contentTypeHeader !== 'string' ||
            !contentTypeHeader.toLowerCase().startsWith('multipart/')
        ) {
            resolve(null)
            return
        }
        let parser: busboy.Busboy
        try {
            parser = busboy({ headers: { 'content-type': contentTypeHeader } })
        } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)))
            return
        }
        let file: Buffer | null = null
        parser.on('file', (name, stream) => {
            const chunks: Buffer[] = []
            stream.on('data', (chunk: Buffer) => chunks.push(chunk))
            stream.on('end', () => {
                if (name === 'file') file = Buffer.concat(chunks)
            })
        })
        parser.on('close', () => resolve(file))
        parser.on('error', reject)
        Readable.from([request.body]).pipe(parser)
    })
}

function mayManage(request: SimRequest): boolean {
    const user = request.user
    return Boolean(
        user && (user.authorities.includes('ALL') || user.authorities.includes(APP_MANAGEMENT_AUTHORITY))
    )
}

function serveFile(ctx: ServerContext, request: SimRequest): SimResponse {
    const key = request.params.key ?? ''
    const app = ctx.apps.get(key)
    if (!app) return notFound(`App '${key}' not found.`)
    if (!request.user || !ctx.apps.canAccess(request.user, app)) return accessDenied('Access is denied')
    let path = request.params['*'] ?? ''
    if (path === '' || path.endsWith('/')) path += 'index.html'
    const file = app.files.get(path)
    if (!file) return notFound(`File not found: ${path}`)
    const headers = { 'Content-Type': contentType(path), 'Cache-Control': 'no-cache' }
    if ((path === 'index.html' || path === 'plugin.html') && substitutesPlaceholders(request.serverVersion)) {
        const html = file
            .toString('utf8')
            .replaceAll('__DHIS2_BASE_URL__', request.baseUrl)
            .replaceAll('__DHIS2_APP_ROOT_URL__', `${request.baseUrl}/api/apps/${app.key}`)
        return { status: 200, headers, body: html }
    }
    return { status: 200, headers, body: file }
}

export function appRoutes(ctx: ServerContext): Route[] {
    return [
        {
            method: 'GET',
            pattern: 'apps',
            handler: (request) => {
                const key = request.query.get('key')
                const apps = ctx.apps.list().filter((app) => key === null || app.key === key)
                return json(apps.map((app) => appView(app, request.baseUrl)))
            },
        },
        {
            method: 'POST',
            pattern: 'apps',
            handler: async (request) => {
                if (!mayManage(request)) return accessDenied('Access is denied')
                let zip: Buffer | null
                try {
                    zip = await readMultipartFile(request)
                } catch {
                    zip = null
                }
                if (!zip) return conflict('Zip file could not be read', { errorCode: 'E1004' })
                try {
                    ctx.installApp(zip, true)
                } catch (error) {
                    const message =
                        error instanceof AppInstallError ? error.message : 'App could not be installed'
                    return conflict(message, { errorCode: 'E1004' })
                }
                return noContent()
            },
        },
        {
            method: 'PUT',
            pattern: 'apps',
            handler: (request) => (mayManage(request) ? noContent() : accessDenied('Access is denied')),
        },
        {
            method: 'DELETE',
            pattern: 'apps/:key',
            rawPath: true,
            handler: (request) => {
                if (!mayManage(request)) return accessDenied('Access is denied')
                const key = request.params.key ?? ''
                const deleteAppData = request.query.get('deleteAppData') === 'true'
                return ctx.uninstallApp(key, deleteAppData)
                    ? noContent()
                    : notFound(`App '${key}' not found.`)
            },
        },
        {
            method: 'GET',
            pattern: 'apps/:key',
            rawPath: true,
            handler: (request) => {
                const key = request.params.key ?? ''
                if (!ctx.apps.get(key)) return notFound(`App '${key}' not found.`)
                return { status: 302, headers: { Location: `${request.baseUrl}/api/apps/${key}/` } }
            },
        },
        {
            method: 'GET',
            pattern: 'apps/:key/*',
            rawPath: true,
            handler: (request) => serveFile(ctx, request),
        },
    ]
}
