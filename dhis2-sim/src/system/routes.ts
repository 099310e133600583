// Start-up endpoints of the app shell and header bar (docs/dhis2-api.md §10.1-§10.2),
// settings, and the CORS allow-list configuration.
import { menuModules } from '../apps-api/menu.js'
import { simMetadata } from '../core/database.js'
import type { Route, SimRequest, SimResponse, SimUser } from '../core/types.js'
import { generateUid } from '../core/uid.js'
import {
    badRequest,
    conflict,
    forbidden,
    json,
    noContent,
    notFound,
    ok,
    unauthorized,
} from '../core/web-message.js'
import { parseFieldParams, renderObject } from '../metadata/fields.js'
import { minorVersion, type ServerContext } from '../server/context.js'
import { systemInfo } from './info.js'
import { allSystemSettings, systemSetting, userSettings, USER_SETTING_KEYS } from './settings.js'

function header(request: SimRequest, name: string): string {
    const value = request.headers[name]
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

function hasAuthority(user: SimUser, authority: string): boolean {
    return user.authorities.includes('ALL') || user.authorities.includes(authority)
}

function meObject(ctx: ServerContext, request: SimRequest, user: SimUser): Record<string, unknown> {
    const db = request.db
    const store = simMetadata(db)
    const stored = store.get('users', user.id)
    const readableDataSets = store.list('dataSets').map((dataSet) => dataSet.id)
    const name = `${user.firstName} ${user.surname}`
    return {
        id: user.id,
        username: user.username,
        surname: user.surname,
        firstName: user.firstName,
        name,
        displayName: name,
        email: stored?.email,
        created: stored?.created ?? '2024-01-01T00:00:00.000',
        lastUpdated: stored?.lastUpdated ?? '2024-01-01T00:00:00.000',
        externalAuth: false,
        twoFactorEnabled: false,
        twoFactorType: 'NOT_ENABLED',
        emailVerified: false,
        settings: userSettings(user, db.systemSettings),
        organisationUnits: user.organisationUnits.map((id) => ({ id })),
        dataViewOrganisationUnits: user.dataViewOrganisationUnits.map((id) => ({ id })),
        teiSearchOrganisationUnits: [],
        userRoles: user.userRoles.map((id) => ({ id })),
        userGroups: user.userGroups.map((id) => ({ id })),
        authorities: [...user.authorities],
        dataSets: readableDataSets,
        programs: [],
        patTokens: ctx.tokens.list(user.username).map((token) => ({ id: token.uid })),
        access: { manage: true, externalize: false, write: true, read: true, update: true, delete: true },
        userCredentials: {
            id: user.id,
            username: user.username,
            userRoles: user.userRoles.map((id) => ({ id })),
        },
    }
}

function me(ctx: ServerContext, request: SimRequest): SimResponse {
    const user = request.user
    if (!user) return unauthorized()
    const fields = parseFieldParams(request.query.getAll('fields'), '*')
    const store = simMetadata(request.db)
    return json(renderObject(meObject(ctx, request, user), null, fields, { store, baseUrl: request.baseUrl }))
}

function isUserSettingKey(key: string): boolean {
    return (USER_SETTING_KEYS as readonly string[]).includes(key)
}

/**
 * DHIS2's answer to a key `/api/userSettings` does not know: 2.39-2.41 `UserSettingController` builds a 404
 * WebMessage (no code); 2.42 `UserSettingsController.checkKeyExists` throws a NotFoundException (E1005).
 */
function unknownUserSettingKey(request: SimRequest, key: string): SimResponse {
    return minorVersion(request.serverVersion) >= 42
        ? notFound(`Setting does not exist: ${key}`, { errorCode: 'E1005' })
        : notFound(`No user setting found with key: ${key}`)
}

/** The signed-in user and a user setting key DHIS2 knows, or the answer DHIS2 gives when either is missing. */
function userSettingTarget(request: SimRequest): { user: SimUser; key: string } | SimResponse {
    const user = request.user
    if (!user) return unauthorized()
    const key = request.params.key ?? ''
    if (!isUserSettingKey(key)) return unknownUserSettingKey(request, key)
    return { user, key }
}

/**
 * `GET /api/me/settings/{key}` (MeController#getSetting, 2.39-2.41): 409 for a key DHIS2 does not know, 404 when
 * the setting has no value even after the system fallback, else the value as JSON. 2.39 words these as plain
 * WebMessages; 2.40 throws the typed exceptions, which add E1004 / E1005.
 */
function meSetting(request: SimRequest, user: SimUser): SimResponse {
    const key = request.params.key ?? ''
    const typed = minorVersion(request.serverVersion) >= 40
    if (!isUserSettingKey(key)) {
        return conflict(`Key is not supported: ${key}`, typed ? { errorCode: 'E1004' } : undefined)
    }
    const value = userSettings(user, request.db.systemSettings)[key]
    if (value === undefined) {
        return notFound(`User setting not found for key: ${key}`, typed ? { errorCode: 'E1005' } : undefined)
    }
    return {
        status: 200,
        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(value),
    }
}

function readSettingValue(request: SimRequest): string | null {
    const fromQuery = request.query.get('value')
    if (fromQuery !== null) return fromQuery
    const text = request.body.toString('utf8').trim()
    if (text === '') return null
    try {
        const parsed: unknown = JSON.parse(text)
        return typeof parsed === 'string' ? parsed : text
    } catch {
        return text
    }
}

function parseSettingValue(value: string): string | number | boolean {
    if (value === 'true') return true
    if (value === 'false') return false
    return value
}

export function systemRoutes(ctx: ServerContext): Route[] {
    const requireSettingsAuthority = (request: SimRequest): SimResponse | null =>
        request.user && hasAuthority(request.user, 'F_SYSTEM_SETTING') ? null : forbidden('Access is denied')
    return [
        {
            method: 'GET',
            pattern: 'system/info',
            handler: (request) => {
                const info = systemInfo(ctx, request.user, request.baseUrl, header(request, 'user-agent'))
                const fields = request.query.getAll('fields')
                if (fields.length === 0) return json(info)
                const store = simMetadata(request.db)
                return json(
                    renderObject(info, null, parseFieldParams(fields, '*'), {
                        store,
                        baseUrl: request.baseUrl,
                    })
                )
            },
        },
        {
            method: 'GET',
            pattern: 'system/ping',
            public: true,
            handler: () => ({
                status: 200,
                headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
                body: 'pong',
            }),
        },
        ...['system/id', 'system/uid'].map((pattern): Route => ({
            method: 'GET',
            pattern,
            handler: (request) => {
                const limit = Math.min(10000, Math.max(1, Number(request.query.get('limit')) || 1))
                return json({ codes: Array.from({ length: limit }, generateUid) })
            },
        })),
        { method: 'GET', pattern: 'me', handler: (request) => me(ctx, request) },
        {
            method: 'GET',
            pattern: 'me/authorization',
            handler: (request) => json(request.user ? [...request.user.authorities] : []),
        },
        {
            method: 'GET',
            pattern: 'me/authorities',
            handler: (request) => json(request.user ? [...request.user.authorities] : []),
        },
        ...['me/authorization/:authority', 'me/authorities/:authority'].map((pattern): Route => ({
            method: 'GET',
            pattern,
            handler: (request) =>
                json(request.user ? hasAuthority(request.user, request.params.authority ?? '') : false),
        })),
        {
            method: 'GET',
            pattern: 'me/settings',
            handler: (request) =>
                request.user ? json(userSettings(request.user, request.db.systemSettings)) : unauthorized(),
        },
        {
            method: 'GET',
            pattern: 'me/settings/:key',
            handler: (request) => (request.user ? meSetting(request, request.user) : unauthorized()),
        },
        {
            method: 'GET',
            pattern: 'me/dashboard',
            handler: () => json({ unreadInterpretations: 0, unreadMessageConversations: 0 }),
        },
        {
            method: 'GET',
            pattern: 'userSettings',
            handler: (request) => {
                if (!request.user) return json({})
                const all = userSettings(request.user, request.db.systemSettings)
                const keys = request.query.getAll('key')
                if (keys.length === 0) return json(all)
                // `?key=` narrows the answer to the keys asked (UserSettingController#getAllUserSettings).
                const out: Record<string, unknown> = {}
                for (const key of keys) {
                    if (!isUserSettingKey(key)) return unknownUserSettingKey(request, key)
                    if (all[key] !== undefined) out[key] = all[key]
                }
                return json(out)
            },
        },
        {
            method: 'GET',
            pattern: 'userSettings/:key',
            handler: (request) => {
                const target = userSettingTarget(request)
                if ('status' in target) return target
                const { user, key } = target
                const value = userSettings(user, request.db.systemSettings)[key]
                // 2.39-2.41 print the value with a Java PrintWriter, which writes a missing one as "null".
                const missing = minorVersion(request.serverVersion) >= 42 ? '' : 'null'
                return {
                    status: 200,
                    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
                    body: value === undefined ? missing : String(value),
                }
            },
        },
        {
            method: 'POST',
            pattern: 'userSettings/:key',
            handler: (request) => {
                const target = userSettingTarget(request)
                if ('status' in target) return target
                const { user, key } = target
                const value = readSettingValue(request)
                // DHIS2 (UserSettingController) refuses an empty value; a setting is cleared with DELETE.
                if (value === null || value === '') return conflict('You need to specify a new value')
                user.settings[key] = value
                ctx.journal?.append({ t: 'userSetting', username: user.username, key, value })
                return ok('User setting saved')
            },
        },
        {
            method: 'DELETE',
            pattern: 'userSettings/:key',
            handler: (request) => {
                const target = userSettingTarget(request)
                if ('status' in target) return target
                const { user, key } = target
                delete user.settings[key]
                ctx.journal?.append({ t: 'userSetting', username: user.username, key, value: null })
                // A void controller method: 200 with an empty body.
                return { status: 200, headers: {}, body: '' }
            },
        },
        {
            method: 'GET',
            pattern: 'systemSettings',
            handler: (request) => {
                const all = allSystemSettings(request.db.systemSettings)
                const keys = request.query.getAll('key')
                if (keys.length === 0) return json(all)
                const out: Record<string, unknown> = {}
                for (const key of keys) if (key in all) out[key] = all[key]
                return json(out)
            },
        },
        {
            method: 'GET',
            pattern: 'systemSettings/:key',
            handler: (request) => {
                const key = request.params.key ?? ''
                const value = systemSetting(request.db.systemSettings, key)
                return json(value === undefined || value === null ? {} : { [key]: value })
            },
        },
        {
            method: 'POST',
            pattern: 'systemSettings/:key',
            handler: (request) => {
                const denied = requireSettingsAuthority(request)
                if (denied) return denied
                const key = request.params.key ?? ''
                const value = readSettingValue(request)
                if (value === null) return conflictValue(key)
                request.db.systemSettings[key] = parseSettingValue(value)
                return ok(`System setting '${key}' set to value '${value}'.`)
            },
        },
        {
            method: 'POST',
            pattern: 'systemSettings',
            handler: (request) => {
                const denied = requireSettingsAuthority(request)
                if (denied) return denied
                let body: unknown
                try {
                    body = JSON.parse(request.body.toString('utf8'))
                } catch {
                    return badRequest('Invalid JSON in request body')
                }
                if (!body || typeof body !== 'object' || Array.isArray(body))
                    return badRequest('Expected a JSON object')
                for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
                    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
                        request.db.systemSettings[key] = value as string | number | boolean | null
                    }
                }
                return ok('System settings set')
            },
        },
        {
            method: 'DELETE',
            pattern: 'systemSettings/:key',
            handler: (request) => {
                const denied = requireSettingsAuthority(request)
                if (denied) return denied
                const key = request.params.key ?? ''
                delete request.db.systemSettings[key]
                return ok(`System setting '${key}' removed.`)
            },
        },
        {
            method: 'GET',
            pattern: 'apps/menu',
            handler: (request) =>
                json({ modules: request.user ? menuModules(ctx, request.user, request.baseUrl) : [] }),
        },
        {
            method: 'GET',
            pattern: 'staticContent/:key',
            handler: (request) => notFound(`No custom file found for key: ${request.params.key ?? ''}`),
        },
        ...['configuration/corsWhitelist', 'configuration/corsAllowlist'].flatMap((pattern): Route[] => [
            { method: 'GET', pattern, handler: () => json([...ctx.cors.allowlist]) },
            {
                method: 'POST',
                pattern,
                handler: (request) => {
                    const denied = requireSettingsAuthority(request)
                    if (denied) return denied
                    let body: unknown
                    try {
                        body = JSON.parse(request.body.toString('utf8'))
                    } catch {
                        return badRequest('Invalid JSON in request body')
                    }
                    if (!Array.isArray(body)) return badRequest('Expected a JSON array of origins')
                    ctx.cors.allowlist = body.map(String)
                    ctx.journal?.append({ t: 'cors', allowlist: [...ctx.cors.allowlist] })
                    return noContent()
                },
            },
        ]),
    ]
}

function conflictValue(key: string): SimResponse {
    return badRequest(`Value must be specified as query param or as payload for key: ${key}`)
}
