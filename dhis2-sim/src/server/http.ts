// The node:http pipeline: CORS, faults and latency for /api, authentication, routing, journal flush.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { parseCookies, SESSION_COOKIE, sessionCookie } from '../auth/sessions.js'
import type { Route, SimRequest, SimResponse, SimUser } from '../core/types.js'
import { notFound, unauthorized, webMessage, webMessageBody } from '../core/web-message.js'
import { faultResponse } from '../faults/faults.js'
import type { ServerContext } from './context.js'
import { gzipAnswer } from './gzip.js'
import { withShallowEtag } from './http-cache.js'
import { unsupportedMediaType } from './media-types.js'
import { parseApiPath, Router } from './router.js'

const MAX_BODY_BYTES = 512 * 1024 * 1024

export type AuthResult =
    { kind: 'user'; user: SimUser } | { kind: 'anonymous' } | { kind: 'failed'; message: string }

/** Resolves the caller: Authorization header first (an empty one means none), then the session cookie. */
export function authenticate(ctx: ServerContext, req: IncomingMessage): AuthResult {
    const header = req.headers.authorization?.trim() ?? ''
    if (header !== '') {
        const basic = /^Basic\s+(.+)$/i.exec(header)
        if (basic) {
            const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8')
            const colon = decoded.indexOf(':')
            if (colon < 0) return { kind: 'failed', message: 'Unauthorized' }
            const user = ctx.users.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1))
            return user ? { kind: 'user', user } : { kind: 'failed', message: 'Unauthorized' }
        }
        const token = /^ApiToken (?<token>[a-z0-9-._~+/]+=*)$/i.exec(header)
        if (token?.groups?.token) {
            const resolution = ctx.tokens.resolve(token.groups.token, {
                method: req.method ?? 'GET',
                ip: req.socket.remoteAddress ?? '',
                referer: req.headers.referer,
            })
            if (!resolution.ok) return { kind: 'failed', message: resolution.message }
            const user = ctx.users.byName(resolution.username)
            return user
                ? { kind: 'user', user }
                : { kind: 'failed', message: 'The API token does not exists' }
        }
        if (/^ApiToken\b/i.test(header)) return { kind: 'failed', message: 'Invalid API token' }
        // Other schemes (Bearer…) are not configured in a default DHIS2.
        return { kind: 'failed', message: 'Unauthorized' }
    }
    const sessionId = parseCookies(req.headers.cookie)[SESSION_COOKIE]
    if (sessionId) {
        const username = ctx.sessions.touch(sessionId)
        const user = username ? ctx.users.byName(username) : undefined
        if (user) return { kind: 'user', user }
    }
    return { kind: 'anonymous' }
}

/** The absolute context path as DHIS2 derives it (HttpServletRequestPaths.getContextPath, 2.39-2.42): the
 * scheme from X-Forwarded-Proto when it says http or https, the host from the Host header, the port from
 * X-Forwarded-Port, else the Host header's, else the connector's; 80 and 443 left out. X-Forwarded-Host is not
 * read: a client cannot move the app's base URL to another host with it. */
export function requestBaseUrl(ctx: ServerContext, req: IncomingMessage): string {
    const first = (value: string | string[] | undefined): string | undefined =>
        (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined
    const hostHeader = first(req.headers.host)
    if (!hostHeader) return ctx.baseUrl
    const parsed = /^(\[[^\]]*\]|[^:]+)(?::(\d+))?$/.exec(hostHeader)
    if (!parsed) return ctx.baseUrl
    const forwardedProto = first(req.headers['x-forwarded-proto'])?.toLowerCase()
    const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : 'http'
    const forwardedPortText = first(req.headers['x-forwarded-port']) ?? ''
    // Integer.parseInt: the whole value must be a number, else the header is ignored.
    const forwardedPort = /^[+-]?\d+$/.test(forwardedPortText) ? Number(forwardedPortText) : NaN
    const port = Number.isFinite(forwardedPort)
        ? forwardedPort
        : parsed[2] !== undefined
          ? Number(parsed[2])
          : (req.socket.localPort ?? 80)
    return `${proto}://${parsed[1]}${port === 80 || port === 443 ? '' : `:${port}`}`
}

/** What DHIS2 does for an unauthenticated call: 401 JSON for scripts, a redirect to the login page otherwise. */
export function unauthenticatedResponse(
    ctx: ServerContext,
    req: IncomingMessage,
    failure?: string
): SimResponse {
    const xhr = (req.headers['x-requested-with'] ?? '').toString().toLowerCase() === 'xmlhttprequest'
    const basic = /^Basic\s/i.test(req.headers.authorization ?? '')
    const apiToken = /^ApiToken\s/i.test(req.headers.authorization ?? '')
    if (failure !== undefined || xhr || basic || apiToken) return unauthorized(failure ?? 'Unauthorized')
    return loginRedirect(ctx, req)
}

/** 302 to the login page; a browser GET is remembered so that the login sends it back there. */
export function loginRedirect(ctx: ServerContext, req: IncomingMessage): SimResponse {
    const base = requestBaseUrl(ctx, req)
    const headers: Record<string, string> = { Location: `${base}/dhis-web-login/` }
    if ((req.method ?? 'GET').toUpperCase() === 'GET' && req.url) {
        headers['Set-Cookie'] = sessionCookie(ctx.sessions.createAnonymous(req.url))
    }
    return { status: 302, headers }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = []
        let size = 0
        req.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > MAX_BODY_BYTES) {
                reject(new Error('Request body too large'))
                req.destroy()
                return
            }
            chunks.push(chunk)
        })
        req.on('end', () => resolve(Buffer.concat(chunks)))
        req.on('error', reject)
    })
}

function headerRecord(req: IncomingMessage): Record<string, string | string[] | undefined> {
    return { ...req.headers }
}

/** What the HTTP layer adds on top of a route's answer. */
export interface SendOptions {
    /** For /api answers: the path and version that decide DHIS2's shallow ETag (http-cache.ts). */
    api?: { pathname: string; version: string }
    /** Compress like the reverse proxy in front of DHIS2 (`--gzip`). */
    gzip?: boolean
}

export function sendResponse(
    req: IncomingMessage,
    res: ServerResponse,
    rendered: SimResponse,
    extraHeaders: Record<string, string>,
    options: SendOptions = {}
): void {
    let response = rendered
    let payload = renderPayload(response)
    if (options.api) {
        const method = (req.method ?? 'GET').toUpperCase()
        const { pathname, version } = options.api
        response = withShallowEtag(method, req.headers, version, pathname, response, payload)
        if (response.status === 304) payload = undefined
    }
    const headers: Record<string, string | string[]> = { ...extraHeaders, ...(response.headers ?? {}) }
    const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
    if (payload !== undefined && !hasContentType && !Buffer.isBuffer(response.body)) {
        headers['Content-Type'] =
            typeof response.body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8'
    }
    if (options.gzip) {
        const acceptEncoding = req.headers['accept-encoding']
        payload = gzipAnswer(response.status, headers, payload, acceptEncoding?.toString())
    }
    if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload))
    res.writeHead(response.status, headers)
    if (req.method === 'HEAD' || payload === undefined) res.end()
    else res.end(payload)
}

function renderPayload(response: SimResponse): Buffer | string | undefined {
    const body = response.body
    if (body === undefined || body === null) return undefined
    if (Buffer.isBuffer(body) || typeof body === 'string') return body
    return JSON.stringify(body)
}

export interface WebHandlerArgs {
    req: IncomingMessage
    url: URL
    body: Buffer
    auth: AuthResult
}

/** Non-/api paths (login forms, the header-bar menu, /__sim): return null when not handled. */
export type WebHandler = (args: WebHandlerArgs) => Promise<SimResponse | null>

export interface HttpServerParts {
    server: Server
    /** Sockets held open by `timeout` faults; destroyed on close. */
    hanging: Set<Socket>
}

export function createHttpServer(ctx: ServerContext, routes: () => Router, web: WebHandler): HttpServerParts {
    const hanging = new Set<Socket>()

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const url = new URL(req.url ?? '/', requestBaseUrl(ctx, req))
        const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined
        const corsHeaders = ctx.cors.headers(origin)
        const method = (req.method ?? 'GET').toUpperCase()

        const requestMethod = req.headers['access-control-request-method']
        if (method === 'OPTIONS' && origin && typeof requestMethod === 'string') {
            if (ctx.cors.isAllowed(origin)) {
                const requestHeaders = req.headers['access-control-request-headers']
                res.writeHead(
                    204,
                    ctx.cors.preflightHeaders(origin, requestMethod, requestHeaders?.toString())
                )
            } else res.writeHead(403, { 'Content-Type': 'text/plain' })
            res.end(ctx.cors.isAllowed(origin) ? undefined : 'Invalid CORS request')
            return
        }

        const api = parseApiPath(url.pathname)
        let dropAfter = false
        if (api) {
            const fault = ctx.faults.draw(api.rest)
            if (fault) {
                if (fault.kind === 'timeout') {
                    hanging.add(req.socket)
                    req.socket.once('close', () => hanging.delete(req.socket))
                    return
                }
                if (fault.kind === 'drop' && !fault.afterProcessing) {
                    req.socket.destroy()
                    return
                }
                if (fault.kind === 'drop') dropAfter = true
                else {
                    const accept = (req.headers.accept ?? '').toString()
                    const answer = faultResponse(fault.kind, accept.includes('json'))
                    res.writeHead(answer.status, { ...corsHeaders, ...answer.headers })
                    res.end(answer.body)
                    return
                }
            }
            if (ctx.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, ctx.faults.latencyMs))
        }

        const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req)
        const auth = authenticate(ctx, req)
        let response: SimResponse
        if (api) response = await handleApi(req, url, api, method, body, auth)
        else response = (await web({ req, url, body, auth })) ?? notFoundPage(url)
        ctx.journal?.flush()
        if (dropAfter) {
            req.socket.destroy()
            return
        }
        sendResponse(req, res, response, corsHeaders, {
            api: api ? { pathname: url.pathname, version: ctx.serverVersion } : undefined,
            gzip: ctx.gzip,
        })
    }

    async function handleApi(
        req: IncomingMessage,
        url: URL,
        api: { apiVersion: number | null; rest: string },
        method: string,
        body: Buffer,
        auth: AuthResult
    ): Promise<SimResponse> {
        const rawRest = url.pathname.slice(url.pathname.length - api.rest.length)
        const result = routes().match(method, rawRest)
        if (auth.kind === 'failed') return unauthenticatedResponse(ctx, req, auth.message)
        if (result.kind !== 'match') {
            if (auth.kind === 'anonymous') return unauthenticatedResponse(ctx, req)
            if (result.kind === 'methodNotAllowed') {
                return webMessage(405, 'ERROR', `Request method '${method}' is not supported`)
            }
            return notFound(`No endpoint found for ${method} ${url.pathname}`)
        }
        const { route, params, path, format } = result.match
        const user = auth.kind === 'user' ? auth.user : null
        if (!user && !route.public) return unauthenticatedResponse(ctx, req)
        const contentType = req.headers['content-type']
        const refused = unsupportedMediaType(method, api.rest, contentType, body.length, ctx.serverVersion)
        if (refused) return refused
        const request: SimRequest = {
            method,
            path,
            apiVersion: api.apiVersion,
            format,
            params,
            query: url.searchParams,
            headers: headerRecord(req),
            body,
            user,
            db: ctx.db,
            baseUrl: requestBaseUrl(ctx, req),
            serverVersion: ctx.serverVersion,
            now: ctx.now,
        }
        return invoke(route, request)
    }

    const server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
            const message = error instanceof Error ? error.message : String(error)
            console.error(`dhis2-sim: ${req.method} ${req.url} failed: ${message}`)
            if (!res.headersSent) {
                res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' })
                res.end(JSON.stringify(webMessageBody(500, 'ERROR', message)))
            } else res.destroy()
        })
    })
    return { server, hanging }
}

async function invoke(route: Route, request: SimRequest): Promise<SimResponse> {
    return route.handler(request)
}

function notFoundPage(url: URL): SimResponse {
    return {
        status: 404,
        headers: { 'Content-Type': 'text/html;charset=utf-8' },
        body: `<!doctype html><html><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><p>${escapeHtml(url.pathname)}</p></body></html>`,
    }
}

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
