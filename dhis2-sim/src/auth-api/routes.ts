// Login endpoints of the app shell (docs/dhis2-api.md §12.3) and personal access tokens (§12.2). The users,
// sessions and tokens themselves are in auth/, below the server context that holds them.
import { parseCookies, SESSION_COOKIE, sessionCookie, expiredSessionCookie } from '../auth/sessions.js'
import type { TokenAttribute } from '../auth/tokens.js'
import type { Route, SimRequest, SimResponse } from '../core/types.js'
import { badRequest, created, json, notFound, objectNotFound, ok, unauthorized } from '../core/web-message.js'
import { dhis2Date } from '../core/dates.js'
import { minorVersion, type ServerContext } from '../server/context.js'

export function uiLocale(ctx: ServerContext): string {
    const setting = ctx.db.systemSettings.keyUiLocale
    return typeof setting === 'string' && setting !== '' ? setting : 'fr'
}

function setting(ctx: ServerContext, key: string, fallback: string): string {
    const value = ctx.db.systemSettings[key]
    return typeof value === 'string' ? value : fallback
}

function parseJson(request: SimRequest): unknown {
    const text = request.body.toString('utf8').trim()
    if (text === '') return undefined
    return JSON.parse(text) as unknown
}

function loginConfig(ctx: ServerContext): SimResponse {
    return json({
        applicationTitle: setting(ctx, 'applicationTitle', 'DHIS 2'),
        applicationDescription: setting(ctx, 'keyApplicationIntro', ''),
        applicationNotification: setting(ctx, 'keyApplicationNotification', ''),
        applicationLeftSideFooter: setting(ctx, 'keyApplicationFooter', ''),
        applicationRightSideFooter: setting(ctx, 'keyApplicationRightFooter', ''),
        countryFlag: setting(ctx, 'keyFlag', ''),
        uiLocale: uiLocale(ctx),
        loginPageLogo: '/api/staticContent/logo_front.png',
        topMenuLogo: '/api/staticContent/logo_banner',
        style: setting(ctx, 'keyStyle', 'light_blue/light_blue.css'),
        loginPageLayout: 'DEFAULT',
        apiVersion: ctx.serverVersion,
        recaptchaSite: '',
        minPasswordLength: '8',
        maxPasswordLength: '72',
        emailConfigured: false,
        selfRegistrationEnabled: false,
        selfRegistrationNoRecaptcha: false,
        allowAccountRecovery: false,
        useCustomLogoFront: false,
        useCustomLogoBanner: false,
        oidcProviders: [],
    })
}

export function startPage(ctx: ServerContext): string {
    return `/${setting(ctx, 'startModule', 'dhis-web-dashboard')}/`
}

/**
 * `redirectUrl` of a successful `/api/auth/login` without a saved request (AuthenticationController
 * #getRedirectUrl): 2.41 joins the context path and the `startModule` setting with no trailing slash
 * (`/dhis-web-dashboard`); 2.42 sends every user to the context root (`/`).
 */
function loginRedirect(ctx: ServerContext): string {
    if (minorVersion(ctx.serverVersion) >= 42) return '/'
    return `/${setting(ctx, 'startModule', 'dhis-web-dashboard')}`
}

async function login(ctx: ServerContext, request: SimRequest): Promise<SimResponse> {
    let body: unknown
    try {
        body = parseJson(request)
    } catch {
        return badRequest('Invalid JSON in request body', { errorCode: 'E1003' })
    }
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
    const username = typeof record.username === 'string' ? record.username : ''
    const password = typeof record.password === 'string' ? record.password : ''
    const user = username ? ctx.users.authenticate(username, password) : null
    if (!user) return unauthorized('Bad credentials')
    // The session id changes at login (session fixation protection); a saved request wins over the start page.
    const previous = parseCookies(request.headers.cookie)[SESSION_COOKIE]
    const redirectUrl = ctx.sessions.savedRequest(previous) ?? loginRedirect(ctx)
    if (previous) ctx.sessions.destroy(previous)
    const session = ctx.sessions.create(user.username)
    return {
        status: 200,
        headers: { 'Set-Cookie': sessionCookie(session) },
        body: { loginStatus: 'SUCCESS', redirectUrl },
    }
}

export function logoutResponse(
    ctx: ServerContext,
    request: { headers: SimRequest['headers']; baseUrl: string }
) {
    const session = parseCookies(request.headers.cookie)[SESSION_COOKIE]
    if (session) ctx.sessions.destroy(session)
    return {
        status: 302,
        headers: { 'Set-Cookie': expiredSessionCookie(), Location: `${request.baseUrl}/dhis-web-login/` },
    }
}

function tokenView(token: ReturnType<ServerContext['tokens']['list']>[number], userId: string) {
    return {
        id: token.uid,
        created: dhis2Date(token.created),
        lastUpdated: dhis2Date(token.created),
        createdBy: { id: userId },
        version: token.version,
        type: token.type,
        expire: token.expire,
        attributes: token.attributes,
        displayName: token.uid,
        sharing: { owner: userId, external: false, users: {}, userGroups: {}, public: '--------' },
    }
}

function parseAttributes(value: unknown): TokenAttribute[] | null {
    if (value === undefined || value === null) return []
    if (!Array.isArray(value)) return null
    const attributes: TokenAttribute[] = []
    for (const item of value) {
        if (!item || typeof item !== 'object') return null
        const record = item as Record<string, unknown>
        const type = record.type
        if (type !== 'IpAllowedList' && type !== 'MethodAllowedList' && type !== 'RefererAllowedList')
            return null
        const list = (key: string): string[] | undefined =>
            Array.isArray(record[key]) ? (record[key] as unknown[]).map(String) : undefined
        attributes.push({
            type,
            allowedIps: list('allowedIps'),
            allowedMethods: list('allowedMethods'),
            allowedReferrers: list('allowedReferrers'),
        })
    }
    return attributes
}

function createToken(ctx: ServerContext, request: SimRequest): SimResponse {
    const user = request.user
    if (!user) return unauthorized()
    let body: unknown
    try {
        body = parseJson(request)
    } catch {
        return badRequest('Invalid JSON in request body')
    }
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
    const attributes = parseAttributes(record.attributes)
    if (!attributes) return badRequest('Invalid API token attributes')
    const expire = typeof record.expire === 'number' ? record.expire : undefined
    if (expire !== undefined && expire <= ctx.now().getTime())
        return badRequest('Expire time must be in the future')
    const version = minorVersion(request.serverVersion) >= 41 ? 2 : 1
    const { key, token } = ctx.tokens.create(user.username, expire, attributes, version)
    return created(null, {
        headers: { Location: `${request.baseUrl}/api/apiToken/${token.uid}` },
        response: {
            responseType: 'ApiTokenCreationResponse',
            uid: token.uid,
            klass: 'org.hisp.dhis.security.apikey.ApiToken',
            errorReports: [],
            key,
        },
    })
}

export function authRoutes(ctx: ServerContext): Route[] {
    const v41 = () => minorVersion(ctx.serverVersion) >= 41
    const tokenPaths = ['apiToken', 'apiTokens']
    const routes: Route[] = [
        {
            method: 'GET',
            pattern: 'loginConfig',
            public: true,
            handler: () =>
                v41() ? loginConfig(ctx) : notFound('No endpoint found for GET /api/loginConfig'),
        },
        {
            method: 'POST',
            pattern: 'auth/login',
            public: true,
            handler: (request) =>
                v41() ? login(ctx, request) : notFound('No endpoint found for POST /api/auth/login'),
        },
        {
            method: 'GET',
            pattern: 'auth/logout',
            public: true,
            handler: (request) => logoutResponse(ctx, request),
        },
        {
            method: 'POST',
            pattern: 'auth/logout',
            public: true,
            handler: (request) => logoutResponse(ctx, request),
        },
    ]
    for (const path of tokenPaths) {
        routes.push(
            {
                method: 'POST',
                pattern: path,
                handler: (request) =>
                    path === 'apiTokens' && !v41()
                        ? notFound('No endpoint found')
                        : createToken(ctx, request),
            },
            {
                method: 'GET',
                pattern: path,
                handler: (request) => {
                    const user = request.user
                    if (!user) return unauthorized()
                    const tokens = ctx.tokens.list(user.username).map((token) => tokenView(token, user.id))
                    return json({
                        pager: { page: 1, total: tokens.length, pageSize: 50, pageCount: 1 },
                        apiToken: tokens,
                    })
                },
            },
            {
                method: 'GET',
                pattern: `${path}/:uid`,
                handler: (request) => {
                    const user = request.user
                    const token = user
                        ? ctx.tokens.list(user.username).find((t) => t.uid === request.params.uid)
                        : undefined
                    if (!user || !token) return objectNotFound('ApiToken', request.params.uid ?? '')
                    return json(tokenView(token, user.id))
                },
            },
            {
                method: 'DELETE',
                pattern: `${path}/:uid`,
                handler: (request) => {
                    const user = request.user
                    const uid = request.params.uid ?? ''
                    const owned = user ? ctx.tokens.list(user.username).some((t) => t.uid === uid) : false
                    if (!owned) return objectNotFound('ApiToken', uid)
                    ctx.tokens.remove(uid)
                    return ok(null, {
                        response: {
                            responseType: 'ObjectReport',
                            uid,
                            klass: 'org.hisp.dhis.security.apikey.ApiToken',
                            errorReports: [],
                        },
                    })
                },
            }
        )
    }
    return routes
}
