// The one place the bridge talks HTTP to DHIS2. Credentials live only in the axios instance's
// headers; errors and logs carry the URL path and status, never the Authorization header.
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../core/package-root.js'

export type Dhis2Auth =
    { kind: 'basic'; username: string; password: string } | { kind: 'token'; token: string }

export interface Dhis2Config {
    baseUrl: string
    auth: Dhis2Auth
    /** Per-request timeout in ms (default 60 s). */
    timeoutMs?: number
    userAgent?: string
}

export type Dhis2ErrorKind = 'network' | 'timeout' | 'http' | 'unauthorized' | 'forbidden' | 'aborted'

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

export class Dhis2Client {
    readonly baseUrl: string
    readonly authLabel: string
    private readonly http: AxiosInstance

    constructor(config: Dhis2Config) {
        this.baseUrl = config.baseUrl.replace(/\/+$/, '')
        this.authLabel = describeAuth(config.auth)
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

    async get<T = unknown>(path: string, params?: Record<string, string | number | boolean>): Promise<T> {
        const res = await this.request({ method: 'GET', url: path, params })
        if (res.status !== 200) throw this.httpError(res.status, res.data, path, res.headers['retry-after'])
        return res.data as T
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
            if (e instanceof Dhis2Error) throw e
            throw toDhis2Error(e, String(config.url))
        }
    }

    httpError(status: number, body: unknown, path: string, retryAfter?: unknown): Dhis2Error {
        const msg = envelopeMessage(body)
        const kind: Dhis2ErrorKind = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http'
        return new Dhis2Error(
            kind,
            `HTTP ${status} on ${path}${msg ? `: ${msg}` : ''}`,
            status,
            body,
            parseRetryAfter(retryAfter)
        )
    }
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
