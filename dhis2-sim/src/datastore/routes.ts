// /api/dataStore and /api/userDataStore (docs/dhis2-api.md §9) with DHIS2's texts, statuses, app
// namespace protection and per-entry sharing.
import { userKeyValueStore } from '../core/database.js'
import type { DataStoreEntry, KeyValueStore, Route, SimRequest, SimResponse, SimUser } from '../core/types.js'
import { generateUid } from '../core/uid.js'
import { accessDenied, badRequest, created, json, ok, typedErrors } from '../core/web-message.js'
import { minorVersion, type ServerContext } from '../server/context.js'
import { aclSubject, defaultSharing } from '../sharing/acl.js'
import {
    emptyPutDeletes,
    entryGuard,
    listable,
    putTouchesLastUpdated,
    readDenied,
    writeDenied,
    type EntryGuard,
} from './entry-access.js'
import { entryMetaData } from './entry-metadata.js'

interface Texts {
    created: (key: string, ns: string) => string
    updated: (key: string) => string
    deleted: (key: string, ns: string) => string
    namespaceDeleted: (ns: string) => string
}

const DATA_STORE_TEXTS: Texts = {
    created: (key) => `Key created: '${key}'`,
    updated: (key) => `Key updated: '${key}'`,
    deleted: (key, ns) => `Key '${key}' deleted from namespace '${ns}'`,
    namespaceDeleted: (ns) => `Namespace deleted: '${ns}'`,
}

const USER_DATA_STORE_TEXTS: Texts = {
    created: (key, ns) => `Key '${key}' in namespace '${ns}' created.`,
    updated: (key) => `Key updated: '${key}'`,
    deleted: (key, ns) => `Key '${key}' deleted from the namespace '${ns}'.`,
    namespaceDeleted: (ns) => `Namespace deleted: '${ns}'`,
}

const namespaceNotFound = (ns: string) => typedErrors.notFound(`Namespace not found: '${ns}'`)
const keyNotFound = (key: string, ns: string) =>
    typedErrors.notFound(`Key '${key}' not found in namespace '${ns}'`)

function parseValue(
    request: SimRequest,
    key: string
): { ok: true; value: unknown } | { ok: false; response: SimResponse } {
    const text = request.body.toString('utf8')
    try {
        if (text.trim() === '') throw new Error('empty')
        return { ok: true, value: JSON.parse(text) as unknown }
    } catch {
        return {
            ok: false,
            response: badRequest(`Invalid JSON value for key '${key}'`, { errorCode: 'E1003' }),
        }
    }
}

/** `fields=a,b.c` picks members of each value; `.` is the whole value. */
function extractFields(value: unknown, fields: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const field of fields) {
        if (field === '.') {
            out.value = value
            continue
        }
        let current: unknown = value
        for (const part of field.split('.')) {
            current =
                current && typeof current === 'object'
                    ? (current as Record<string, unknown>)[part]
                    : undefined
        }
        if (current !== undefined && current !== null) out[field] = current
    }
    return out
}

interface Scope {
    store: (request: SimRequest) => KeyValueStore | SimResponse
    texts: Texts
    protect: boolean
    /** dataStore entries are shareable objects; userDataStore entries belong to their user only. */
    shared: boolean
    /** `?lastUpdated=` on key lists: DatastoreController has it, UserDatastoreController not. */
    lastUpdatedFilter: boolean
}

function isResponse(value: KeyValueStore | SimResponse): value is SimResponse {
    return 'status' in value
}

function routesFor(ctx: ServerContext, base: string, scope: Scope): Route[] {
    const guard = (request: SimRequest, ns: string): SimResponse | null => {
        if (!scope.protect || !request.user) return null
        return ctx.apps.mayUseNamespace(request.user, ns)
            ? null
            : accessDenied(`Namespace '${ns}' is protected, access denied`)
    }
    /** Sharing applies to dataStore entries only; an app's namespace respects it in every release. */
    const guardFor = (request: SimRequest, user: SimUser, ns: string): EntryGuard | null =>
        scope.shared
            ? entryGuard(
                  request.serverVersion,
                  ctx.apps.protectingApp(ns) !== undefined,
                  aclSubject(request.db, user)
              )
            : null
    const withStore = (
        request: SimRequest,
        work: (
            store: KeyValueStore,
            user: SimUser,
            ns: string,
            key: string,
            acl: EntryGuard | null
        ) => SimResponse
    ): SimResponse => {
        const store = scope.store(request)
        if (isResponse(store)) return store
        const ns = request.params.namespace ?? ''
        const denied = ns ? guard(request, ns) : null
        if (denied) return denied
        const user = request.user as SimUser
        return work(store, user, ns, request.params.key ?? '', guardFor(request, user, ns))
    }
    /** DatastoreController#getExistingEntry: 404 when missing, then readProtectedIn's per-entry check. */
    const readable = (
        request: SimRequest,
        entry: DataStoreEntry | undefined,
        acl: EntryGuard | null,
        ns: string,
        key: string
    ): SimResponse | null => {
        if (!entry) return keyNotFound(key, ns)
        return acl && !acl.mayRead(entry) ? readDenied(request.serverVersion, key, ns) : null
    }
    const write = (request: SimRequest, mode: 'POST' | 'PUT'): SimResponse =>
        withStore(request, (store, user, ns, key, acl) => {
            const existing = store.get(ns, key)
            // addEntry and putEntry read the entry first: an unreadable one is refused before anything else.
            if (existing && acl && !acl.mayRead(existing)) return readDenied(request.serverVersion, key, ns)
            if (existing && mode === 'POST') {
                return typedErrors.conflict(`Key '${key}' already exists in namespace '${ns}'`)
            }
            const emptyBody = request.body.toString('utf8').trim() === ''
            if (existing && scope.shared && emptyBody && emptyPutDeletes(request.serverVersion)) {
                if (acl && !acl.mayWrite(existing)) return writeDenied(key, ns)
                store.remove(ns, key)
                return ok(scope.texts.updated(key))
            }
            const parsed = parseValue(request, key)
            if (!parsed.ok) return parsed.response
            if (existing && acl && !acl.mayWrite(existing)) return writeDenied(key, ns)
            const now = request.now().toISOString()
            const touch = !existing || !scope.shared || putTouchesLastUpdated(request.serverVersion)
            store.put({
                namespace: ns,
                key,
                value: parsed.value,
                created: existing?.created ?? now,
                lastUpdated: touch ? now : existing.lastUpdated,
                createdBy: existing?.createdBy ?? user.id,
                lastUpdatedBy: touch ? user.id : existing.lastUpdatedBy,
                id: existing?.id ?? generateUid(),
                ...(scope.shared ? { sharing: existing?.sharing ?? defaultSharing(user.id) } : {}),
            })
            return existing ? ok(scope.texts.updated(key)) : created(scope.texts.created(key, ns))
        })
    const listKeys = (request: SimRequest, withFields: boolean): SimResponse =>
        withStore(request, (store, _user, ns, _key, acl) => {
            const stored = store.keys(ns)
            if (!stored) return namespaceNotFound(ns)
            // Unreadable entries are left out; the namespace still exists for this user (answer []).
            const all = acl
                ? stored.filter((key) => {
                      const entry = store.get(ns, key)
                      return entry !== undefined && listable(acl, entry)
                  })
                : stored
            // dataStore only: keys updated at or after `lastUpdated` (HibernateDatastoreStore).
            const since = scope.lastUpdatedFilter ? request.query.get('lastUpdated') : null
            const sinceTime = since ? new Date(since).getTime() : NaN
            const keys = Number.isNaN(sinceTime)
                ? all
                : all.filter((key) => {
                      const entry = store.get(ns, key)
                      return entry !== undefined && new Date(entry.lastUpdated).getTime() >= sinceTime
                  })
            const fieldsParam = withFields ? request.query.get('fields') : null
            if (fieldsParam === null) return json(keys)
            const fields = fieldsParam
                .split(',')
                .map((f) => f.trim())
                .filter((f) => f !== '')
            const wanted = fields.length > 0 ? fields : ['.']
            const includeAll = request.query.get('includeAll') === 'true'
            // Without includeAll, entries whose extracted fields are all null are left out.
            const entries = keys
                .map((key) => ({ key, fields: extractFields(store.get(ns, key)?.value, wanted) }))
                .filter((entry) => includeAll || Object.keys(entry.fields).length > 0)
                .map((entry) => ({ key: entry.key, ...entry.fields }))
            const headless = request.query.get('headless') === 'true'
            if (headless) return json(entries)
            // The pager echoes the request's page and pageSize (DatastoreParams defaults 1 and 50), also with
            // paging=false (AbstractDatastoreController#writeEntries; DatastoreFieldsControllerTest#testFields_Paging).
            const requested = (name: string, fallback: number): number => {
                const value = Number(request.query.get(name))
                return request.query.get(name) !== null && Number.isInteger(value) ? value : fallback
            }
            const pager = { page: requested('page', 1), pageSize: requested('pageSize', 50) }
            if (request.query.get('paging') === 'false') return json({ pager, entries })
            // HibernateDatastoreStore#getEntries bounds the page size to 1..1000 and the offset to 0 and up.
            const size = Math.min(1000, Math.max(1, pager.pageSize))
            const offset = Math.max(0, (pager.page - 1) * size)
            return json({ pager, entries: entries.slice(offset, offset + size) })
        })
    return [
        {
            method: 'GET',
            pattern: base,
            handler: (request) => withStore(request, (store) => json(store.namespaces())),
        },
        // `/{ns}/keys` is DHIS2's newer name for the plain key list (no `fields` there); a key named `keys`
        // cannot be read with GET, as on DHIS2 where the literal mapping wins.
        {
            method: 'GET',
            pattern: `${base}/:namespace/keys`,
            rawPath: true,
            handler: (r) => listKeys(r, false),
        },
        { method: 'GET', pattern: `${base}/:namespace`, rawPath: true, handler: (r) => listKeys(r, true) },
        {
            method: 'DELETE',
            pattern: `${base}/:namespace`,
            rawPath: true,
            handler: (request) =>
                withStore(request, (store, _user, ns, _key, acl) => {
                    const keys = store.keys(ns)
                    if (!keys) return namespaceNotFound(ns)
                    // writeProtectedIn checks every entry of the namespace before deleting any.
                    for (const key of keys) {
                        const entry = store.get(ns, key)
                        if (entry && acl && !acl.mayWrite(entry)) return writeDenied(key, ns)
                    }
                    store.removeNamespace(ns)
                    return ok(scope.texts.namespaceDeleted(ns))
                }),
        },
        {
            method: 'GET',
            pattern: `${base}/:namespace/:key`,
            rawPath: true,
            handler: (request) =>
                withStore(request, (store, _user, ns, key, acl) => {
                    const entry = store.get(ns, key)
                    const refused = readable(request, entry, acl, ns, key)
                    if (refused || !entry) return refused ?? keyNotFound(key, ns)
                    return {
                        status: 200,
                        headers: { 'Content-Type': 'application/json;charset=UTF-8' },
                        body: JSON.stringify(entry.value),
                    }
                }),
        },
        {
            method: 'GET',
            pattern: `${base}/:namespace/:key/metaData`,
            rawPath: true,
            handler: (request) =>
                withStore(request, (store, user, ns, key, acl) => {
                    const entry = store.get(ns, key)
                    const refused = readable(request, entry, acl, ns, key)
                    if (refused || !entry) return refused ?? keyNotFound(key, ns)
                    const lookup = (id: string) => ctx.users.get(id)
                    const withAccess = minorVersion(request.serverVersion) >= 40
                    return json(entryMetaData(entry, aclSubject(request.db, user), lookup, withAccess))
                }),
        },
        {
            method: 'POST',
            pattern: `${base}/:namespace/:key`,
            rawPath: true,
            handler: (request) => write(request, 'POST'),
        },
        {
            method: 'PUT',
            pattern: `${base}/:namespace/:key`,
            rawPath: true,
            handler: (request) => write(request, 'PUT'),
        },
        {
            method: 'DELETE',
            pattern: `${base}/:namespace/:key`,
            rawPath: true,
            handler: (request) =>
                withStore(request, (store, _user, ns, key, acl) => {
                    const entry = store.get(ns, key)
                    const refused = readable(request, entry, acl, ns, key)
                    if (refused || !entry) return refused ?? keyNotFound(key, ns)
                    if (acl && !acl.mayWrite(entry)) return writeDenied(key, ns)
                    store.remove(ns, key)
                    return ok(scope.texts.deleted(key, ns))
                }),
        },
    ]
}

export function dataStoreRoutes(ctx: ServerContext): Route[] {
    return [
        ...routesFor(ctx, 'dataStore', {
            store: (request) => request.db.dataStore,
            texts: DATA_STORE_TEXTS,
            protect: true,
            shared: true,
            lastUpdatedFilter: true,
        }),
        ...routesFor(ctx, 'userDataStore', {
            texts: USER_DATA_STORE_TEXTS,
            protect: false,
            shared: false,
            lastUpdatedFilter: false,
            store: (request) => {
                const user = request.user as SimUser
                const other = request.query.get('username')
                if (other && other !== user.username) {
                    if (!user.authorities.includes('ALL')) return accessDenied('Access is denied')
                    if (!ctx.users.byName(other)) return badRequest(`No user with username ${other} exists.`)
                    return userKeyValueStore(request.db, other)
                }
                return userKeyValueStore(request.db, user.username)
            },
        }),
    ]
}
