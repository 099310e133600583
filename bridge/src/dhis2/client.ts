// The one place the bridge talks HTTP to DHIS2. Credentials live only in the axios instance's
// headers; errors and logs carry the URL path and status, never the Authorization header.
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../core/package-root.js'
import type { Localized } from '../core/types.js'

export type Dhis2Auth =
    { kind: 'basic'; username: string; password: string } | { kind: 'token'; token: string }

export interface Dhis2Config {
    baseUrl: string
    auth: Dhis2Auth
    /** Per-request timeout in ms (default 60 s). */
    timeoutMs?: number
    userAgent?: string
    /** Idempotent GETs (start-up, metadata) are tried again on network errors, 5xx and 429. */
    getRetry?: { attempts?: number; baseDelayMs?: number }
    /** What the configuration loader wants the user told (credentials in the address, http://…). */
    warnings?: ReadonlyArray<{ code: string; message: Localized; hint?: Localized }>
}

export type Dhis2ErrorKind =
    | 'network'
    | 'timeout'
    | 'http'
    | 'unauthorized'
    | 'forbidden'
    | 'aborted'
    /** An answer, but not DHIS2's: an HTML page, a redirect to a login page, a proxy. */
    | 'not-dhis2'

/** A failed exchange with DHIS2, typed so callers decide what to retry and what to say. */
export class Dhis2Error extends Error {
    constructor(
        readonly kind: Dhis2ErrorKind,
        message: string,
        readonly status?: number,
        readonly body?: unknown,
        /** Seconds, from a Retry-After header. */
        readonly retryAfter?: number
    ) {
        super(message)
        this.name = 'Dhis2Error'
    }

    /** The (credential-free) server it happened with, for messages; set by the client. */
    baseUrl?: string
    /** The API path asked for, for messages. */
    path?: string

    /** Network errors, timeouts, 5xx and 429 are worth another try. */
    get retryable(): boolean {
        if (this.kind === 'network' || this.kind === 'timeout') return true
        return (
            this.kind === 'http' && this.status !== undefined && (this.status >= 500 || this.status === 429)
        )
    }
}

function packageVersion(): string {
    try {
        const pkg: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'))
        if (pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string')
            return pkg.version
    } catch {
        // version is informational only
    }
    return '0.0.0'
}

export const USER_AGENT = `mali-odd3-bridge/${packageVersion()} (+https://github.com; node ${process.version})`

export function authHeader(auth: Dhis2Auth): string {
    if (auth.kind === 'token') return `ApiToken ${auth.token}`
    return 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')
}

/** Who is connecting, for logs and the audit: never the secret. */
export function describeAuth(auth: Dhis2Auth): string {
    return auth.kind === 'basic' ? `basic:${auth.username}` : 'token'
}

function parseRetryAfter(v: unknown): number | undefined {
    if (typeof v !== 'string' && typeof v !== 'number') return undefined
    const n = Number(v)
    if (Number.isFinite(n)) return Math.max(0, n)
    const d = Date.parse(String(v))
    return Number.isFinite(d) ? Math.max(0, (d - Date.now()) / 1000) : undefined
}

/** The address without any user:password part, whoever built the config. */
export function withoutCredentials(baseUrl: string): string {
    try {
        const u = new URL(baseUrl)
        return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, '')
    } catch {
        return baseUrl.replace(/\/+$/, '')
    }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function isJsonAnswer(data: unknown, contentType: unknown): boolean {
    if (typeof data === 'string') return false
    return typeof contentType !== 'string' || /json/i.test(contentType)
}

export class Dhis2Client {
    readonly baseUrl: string
    readonly authLabel: string
    private readonly http: AxiosInstance
    private readonly getAttempts: number
    private readonly getDelayMs: number

    constructor(config: Dhis2Config) {
        this.baseUrl = withoutCredentials(config.baseUrl)
        this.authLabel = describeAuth(config.auth)
        this.getAttempts = Math.max(1, config.getRetry?.attempts ?? 4)
        this.getDelayMs = Math.max(0, config.getRetry?.baseDelayMs ?? 500)
        this.http = axios.create({
            baseURL: this.baseUrl + '/api/',
            timeout: config.timeoutMs ?? 60_000,
            headers: {
                Authorization: authHeader(config.auth),
                'User-Agent': config.userAgent ?? USER_AGENT,
                Accept: 'application/json',
                'X-Requested-With': 'XMLHttpRequest',
            },
            // Every status is read by us: a 409 WARNING import summary is an outcome, not an exception.
            validateStatus: () => true,
            maxRedirects: 0,
            maxBodyLength: Infinity,
            maxContentLength: Infinity,
        })
    }

    /**
     * A GET of the Web API, which answers JSON. Reads change nothing in DHIS2, so network errors, 5xx and
     * 429 are tried again with back-off (Retry-After honoured): the start-up requests survive the same
     * outages as the push.
     */
    async get<T = unknown>(
        path: string,
        params?: Record<string, string | number | boolean> | URLSearchParams
    ): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.getOnce<T>(path, params)
            } catch (e) {
                if (!(e instanceof Dhis2Error) || !e.retryable || attempt >= this.getAttempts) throw e
                const backoff = this.getDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2)
                await sleep(Math.min(30_000, Math.max(backoff, (e.retryAfter ?? 0) * 1000)))
            }
        }
    }

    private async getOnce<T>(
        path: string,
        params?: Record<string, string | number | boolean> | URLSearchParams
    ): Promise<T> {
        const res = await this.request({ method: 'GET', url: path, params })
        if (res.status >= 300 && res.status < 400)
            throw this.tag(new Dhis2Error('not-dhis2', `redirect ${res.status} on ${path}`, res.status), path)
        if (res.status !== 200) throw this.httpError(res.status, res.data, path, res.headers['retry-after'])
        if (!isJsonAnswer(res.data, res.headers['content-type']))
            throw this.tag(new Dhis2Error('not-dhis2', `not JSON on ${path}`, res.status), path)
        return res.data as T
    }

    private tag(e: Dhis2Error, path: string): Dhis2Error {
        e.baseUrl = this.baseUrl
        e.path = path
        return e
    }

    /** A raw exchange: resolves for every HTTP status, rejects only when no answer came. */
    async request(
        config: AxiosRequestConfig
    ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
        try {
            const res = await this.http.request(config)
            if (res.status === 401) throw this.httpError(401, res.data, String(config.url))
            if (res.status === 403) throw this.httpError(403, res.data, String(config.url))
            return { status: res.status, data: res.data, headers: { ...res.headers } }
        } catch (e) {
            if (e instanceof Dhis2Error) throw this.tag(e, String(config.url))
            throw this.tag(toDhis2Error(e, String(config.url)), String(config.url))
        }
    }

    httpError(status: number, body: unknown, path: string, retryAfter?: unknown): Dhis2Error {
        return this.tag(httpError(status, body, path, retryAfter), path)
    }
}

/** A status DHIS2 answered that the caller cannot go on with, as the one error type of the bridge. */
export function httpError(status: number, body: unknown, path: string, retryAfter?: unknown): Dhis2Error {
    const msg = envelopeMessage(body)
    const kind: Dhis2ErrorKind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http'
    const e = new Dhis2Error(
        kind,
        `HTTP ${status} on ${path}${msg ? `: ${msg}` : ''}`,
        status,
        body,
        parseRetryAfter(retryAfter)
    )
    e.path = path
    return e
}

export function envelopeMessage(body: unknown): string | undefined {
    if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string')
        return body.message
    return undefined
}

function toDhis2Error(e: unknown, path: string): Dhis2Error {
    if (e instanceof AxiosError) {
        if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT')
            return new Dhis2Error('timeout', `timeout on ${path}`)
        if (e.code === 'ERR_CANCELED') return new Dhis2Error('aborted', `aborted: ${path}`)
        if (e.response) {
            return new Dhis2Error(
                'http',
                `HTTP ${e.response.status} on ${path}`,
                e.response.status,
                e.response.data
            )
        }
        return new Dhis2Error('network', `${e.code ?? 'network error'} on ${path}`)
    }
    return new Dhis2Error('network', `${e instanceof Error ? e.message : String(e)} on ${path}`)
}
