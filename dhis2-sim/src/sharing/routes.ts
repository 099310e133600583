// /api/sharing for dataStore entries, as SharingController does it (docs/dhis2-api.md §9.3). Other types
// are not modelled (docs/dhis2-sim.md, known differences).
import { simMetadata } from '../core/database.js'
import type {
    DataStoreEntry,
    Database,
    ObjectSharing,
    Route,
    SharingAccessEntry,
    SimRequest,
    SimResponse,
    SimUser,
} from '../core/types.js'
import { accessDenied, badRequest, conflict, json, notFound, ok } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import {
    aclSubject,
    canRead,
    canWrite,
    entrySharing,
    isValidAccessString,
    withoutDataSharing,
} from './acl.js'

/** KeyJsonValueSchemaDescriptor's singular name. */
const DATA_STORE_TYPE = 'dataStore'

const NO_MANAGE_ACCESS = 'You do not have manage access to this object.'

function findEntry(db: Database, id: string): DataStoreEntry | undefined {
    const store = db.dataStore
    for (const ns of store.namespaces()) {
        for (const key of store.keys(ns) ?? []) {
            const entry = store.get(ns, key)
            if (entry?.id === id) return entry
        }
    }
    return undefined
}

interface Target {
    entry: DataStoreEntry
    user: SimUser
}

/** The checks both verbs start with: a supported type (409), a known id (404). */
function resolve(request: SimRequest): Target | SimResponse {
    const type = request.query.get('type')
    const id = request.query.get('id')
    // Spring's text for a missing @RequestParam (unverified on a server).
    if (type === null)
        return badRequest("Required request parameter 'type' for method parameter type String is not present")
    if (id === null)
        return badRequest("Required request parameter 'id' for method parameter type String is not present")
    if (type !== DATA_STORE_TYPE) return conflict(`Type ${type} is not supported.`)
    const entry = findEntry(request.db, id)
    if (!entry) return notFound(`Object of type ${type} with ID ${id} was not found.`)
    return { entry, user: request.user as SimUser }
}

function isResponse(value: Target | SimResponse): value is SimResponse {
    return 'status' in value
}

function displayName(user: SimUser): string {
    return `${user.firstName} ${user.surname}`
}

function userName(ctx: ServerContext, db: Database, id: string): string | undefined {
    const user = ctx.users.get(id)
    if (user) return displayName(user)
    const stored = simMetadata(db).get('users', id)
    return typeof stored?.name === 'string' ? stored.name : undefined
}

function groupName(db: Database, id: string): string | undefined {
    const group = simMetadata(db).get('userGroups', id)
    return typeof group?.name === 'string' ? group.name : undefined
}

/** SharingController#getSharing: accesses to deleted users or groups are left out; groups sorted by name. */
function sharingView(
    ctx: ServerContext,
    request: SimRequest,
    entry: DataStoreEntry
): Record<string, unknown> {
    const sharing = entrySharing(entry)
    const creatorName = userName(ctx, request.db, entry.createdBy)
    const named = (entries: SharingAccessEntry[], nameOf: (id: string) => string | undefined) =>
        entries.flatMap((access) => {
            const name = nameOf(access.id)
            return name === undefined
                ? []
                : [{ id: access.id, name, displayName: name, access: access.access ?? undefined }]
        })
    const userGroupAccesses = named(Object.values(sharing.userGroups), (id) =>
        groupName(request.db, id)
    ).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    return {
        // No authority guards making a dataStore entry public; none allows making it external.
        meta: { allowPublicAccess: true, allowExternalAccess: false },
        object: {
            id: entry.id,
            // A null public access is shown as what the user could set: `rw------`.
            publicAccess: sharing.public ?? 'rw------',
            externalAccess: sharing.external,
            user: { id: entry.createdBy, name: creatorName },
            userGroupAccesses,
            userAccesses: named(Object.values(sharing.users), (id) => userName(ctx, request.db, id)),
        },
    }
}

interface SharingPayload {
    publicAccess: string | null
    userGroupAccesses: SharingAccessEntry[]
    userAccesses: SharingAccessEntry[]
}

function accessList(value: unknown): SharingAccessEntry[] {
    if (!Array.isArray(value)) return []
    return value.flatMap((item) => {
        if (!item || typeof item !== 'object') return []
        const record = item as Record<string, unknown>
        const id = typeof record.id === 'string' ? record.id : ''
        const access = typeof record.access === 'string' ? record.access : null
        return [{ id, access }]
    })
}

function parsePayload(request: SimRequest): SharingPayload | SimResponse {
    let body: unknown
    try {
        body = JSON.parse(request.body.toString('utf8')) as unknown
    } catch (error) {
        // Jackson's JsonParseException becomes a 409 with the parser's own text (not reproduced).
        return conflict(error instanceof Error ? error.message : 'Unreadable JSON')
    }
    const object =
        body && typeof body === 'object' && (body as Record<string, unknown>).object
            ? ((body as Record<string, unknown>).object as Record<string, unknown>)
            : {}
    return {
        publicAccess: typeof object.publicAccess === 'string' ? object.publicAccess : null,
        userGroupAccesses: accessList(object.userGroupAccesses),
        userAccesses: accessList(object.userAccesses),
    }
}

/** SharingController#postSharing: the lists replace the old ones; unknown users and groups are dropped. */
function applySharing(
    ctx: ServerContext,
    request: SimRequest,
    current: ObjectSharing,
    payload: SharingPayload
): ObjectSharing | SimResponse {
    if (!isValidAccessString(payload.publicAccess)) {
        return conflict(`Invalid public access string: ${payload.publicAccess}`)
    }
    const userGroups: Record<string, SharingAccessEntry> = {}
    for (const access of payload.userGroupAccesses) {
        if (!isValidAccessString(access.access)) {
            return conflict(`Invalid user group access string: ${access.access}`)
        }
        if (groupName(request.db, access.id) === undefined) continue
        userGroups[access.id] = { id: access.id, access: withoutDataSharing(access.access) }
    }
    const users: Record<string, SharingAccessEntry> = {}
    for (const access of payload.userAccesses) {
        if (!isValidAccessString(access.access))
            return conflict(`Invalid user access string: ${access.access}`)
        if (userName(ctx, request.db, access.id) === undefined) continue
        users[access.id] = { id: access.id, access: withoutDataSharing(access.access) }
    }
    return {
        owner: current.owner,
        // externalAccess is ignored: nobody may make a dataStore entry external.
        external: current.external,
        public: withoutDataSharing(payload.publicAccess),
        users,
        userGroups,
    }
}

export function sharingRoutes(ctx: ServerContext): Route[] {
    const post = (request: SimRequest): SimResponse => {
        const target = resolve(request)
        if (isResponse(target)) return target
        const { entry, user } = target
        const current = entrySharing(entry)
        if (!canWrite(aclSubject(request.db, user), current)) return accessDenied(NO_MANAGE_ACCESS)
        const payload = parsePayload(request)
        if ('status' in payload) return payload
        const sharing = applySharing(ctx, request, current, payload)
        if ('status' in sharing) return sharing
        // manager.updateNoAcl sets lastUpdated and lastUpdatedBy like any other update.
        request.db.dataStore.put({
            ...entry,
            sharing,
            lastUpdated: request.now().toISOString(),
            lastUpdatedBy: user.id,
        })
        return ok('Access control set')
    }
    return [
        {
            method: 'GET',
            pattern: 'sharing',
            handler: (request) => {
                const target = resolve(request)
                if (isResponse(target)) return target
                if (!canRead(aclSubject(request.db, target.user), entrySharing(target.entry))) {
                    return accessDenied(NO_MANAGE_ACCESS)
                }
                return json(sharingView(ctx, request, target.entry))
            },
        },
        { method: 'POST', pattern: 'sharing', handler: post },
        { method: 'PUT', pattern: 'sharing', handler: post },
    ]
}
