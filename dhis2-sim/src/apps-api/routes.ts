// /api/apps: install (multipart `file`), list, delete, and the installed bundles' files (static-files.ts)
// (docs/dhis2-api.md §14). The installed apps themselves are in apps/registry.ts, below the server context
// that holds them.
import { Readable } from 'node:stream'
import busboy from 'busboy'
import {
    APP_MANAGEMENT_AUTHORITY,
    AppInstallError,
    INVALID_ZIP,
    type InstalledApp,
} from '../apps/registry.js'
import type { Route, SimRequest } from '../core/types.js'
import { accessDenied, conflict, json, noContent, notFound } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import { serveAppFile } from './static-files.js'

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
                if (!zip) return conflict(INVALID_ZIP)
                try {
                    ctx.installApp(zip, true)
                } catch (error) {
                    const message =
                        error instanceof AppInstallError ? error.message : 'App could not be installed'
                    return conflict(message)
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
            handler: (request) => serveAppFile(ctx, request),
        },
    ]
}
