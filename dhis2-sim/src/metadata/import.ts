// POST /api/metadata (docs/dhis2-api.md §8.4): validation with DHIS2's error codes, atomic or per-object
// commit, the ImportReport inside the WebMessage, and the COC generation maintenance endpoint.
import { DEFAULT_CATEGORY_COMBO, simMetadata, type SimMetadataStore } from '../core/database.js'
import { toIso8601NoTz } from '../core/dates.js'
import type {
    MetadataCollection,
    MetadataObject,
    Route,
    SimRequest,
    SimResponse,
    SimUser,
} from '../core/types.js'
import { generateUid, isValidUid } from '../core/uid.js'
import { accessDenied, badRequest, noContent, webMessage } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import { canCreate, canDelete, canUpdate } from './authorities.js'
import { generateCategoryOptionCombos } from './category-option-combos.js'
import { EMBEDDED_REFERENCES, IMPORT_ORDER, MAX_LENGTHS, MIN_LENGTHS, SCHEMAS } from './schema.js'

type Identifier = 'UID' | 'CODE' | 'AUTO'
type Strategy = 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE'

export interface Params {
    importMode: 'COMMIT' | 'VALIDATE'
    identifier: Identifier
    importStrategy: Strategy
    atomicMode: 'ALL' | 'NONE'
    importReportMode: 'ERRORS' | 'FULL' | 'DEBUG'
}

export interface Stats {
    created: number
    updated: number
    deleted: number
    ignored: number
    total: number
}

export interface ErrorReport {
    message: string
    mainKlass: string
    /** Set by PreheatErrorReport (reference errors): the uid of the object reported. */
    mainId?: string
    errorKlass?: string
    errorProperty?: string
    /** ErrorReport keeps the raw args here: numbers stay numbers in JSON. */
    errorProperties?: Array<string | number>
    errorCode: string
    args: string[]
}

export interface ObjectReport {
    klass: string
    index: number
    uid: string
    displayName?: string
    errorReports: ErrorReport[]
}

export interface TypeReport {
    klass: string
    stats: Stats
    objectReports: ObjectReport[]
}

interface Planned {
    collection: MetadataCollection
    index: number
    object: MetadataObject
    action: 'create' | 'update' | 'delete'
    existing: MetadataObject | undefined
    errors: ErrorReport[]
    /** Refused by the security check: DHIS2 removes it from the bundle before the other checks. */
    blocked: boolean
}

const STRATEGY_ALIASES: Record<string, Strategy> = {
    CREATE_AND_UPDATE: 'CREATE_AND_UPDATE',
    NEW_AND_UPDATES: 'CREATE_AND_UPDATE',
    CREATE: 'CREATE',
    NEW: 'CREATE',
    UPDATE: 'UPDATE',
    UPDATES: 'UPDATE',
    DELETE: 'DELETE',
    DELETES: 'DELETE',
}

function enumParam<T extends string>(
    query: URLSearchParams,
    name: string,
    allowed: readonly T[],
    fallback: T
): T | { error: string } {
    const value = query.get(name)
    if (value === null || value === '') return fallback
    const upper = value.toUpperCase()
    const match = allowed.find((option) => option === upper)
    return (
        match ?? {
            error: `Value '${value}' is not valid for parameter ${name}. Valid values are: ${allowed.join(', ')}`,
        }
    )
}

function parseParams(query: URLSearchParams): Params | { error: string } {
    const importMode = enumParam(query, 'importMode', ['COMMIT', 'VALIDATE'] as const, 'COMMIT')
    const identifier = enumParam(query, 'identifier', ['UID', 'CODE', 'AUTO'] as const, 'UID')
    const atomicMode = enumParam(query, 'atomicMode', ['ALL', 'NONE'] as const, 'ALL')
    const importReportMode = enumParam(
        query,
        'importReportMode',
        ['ERRORS', 'FULL', 'DEBUG'] as const,
        'ERRORS'
    )
    const strategyText = (query.get('importStrategy') ?? 'CREATE_AND_UPDATE').toUpperCase()
    const importStrategy = STRATEGY_ALIASES[strategyText]
    for (const value of [importMode, identifier, atomicMode, importReportMode]) {
        if (typeof value === 'object') return value
    }
    if (!importStrategy) return { error: `Value '${strategyText}' is not valid for parameter importStrategy` }
    return {
        importMode: importMode as Params['importMode'],
        identifier: identifier as Identifier,
        atomicMode: atomicMode as Params['atomicMode'],
        importReportMode: importReportMode as Params['importReportMode'],
        importStrategy,
    }
}

function displayOf(object: MetadataObject, simpleName: string): string {
    const name = typeof object.name === 'string' ? object.name : object.id
    return `${name} [${object.id}] (${simpleName})`
}

/** Index of the payload's objects, so that references between new objects resolve. */
class PayloadIndex {
    private readonly byId = new Map<string, MetadataObject>()
    private readonly byCode = new Map<string, MetadataObject>()

    add(collection: MetadataCollection, object: MetadataObject): void {
        if (typeof object.id === 'string') this.byId.set(`${collection}:${object.id}`, object)
        if (typeof object.code === 'string') this.byCode.set(`${collection}:${object.code}`, object)
    }

    find(collection: MetadataCollection, ref: Record<string, unknown>, identifier: Identifier) {
        if (identifier !== 'CODE' && typeof ref.id === 'string') {
            const found = this.byId.get(`${collection}:${ref.id}`)
            if (found) return found
        }
        if (identifier !== 'UID' && typeof ref.code === 'string')
            return this.byCode.get(`${collection}:${ref.code}`)
        return undefined
    }
}

function findExisting(
    store: SimMetadataStore,
    collection: MetadataCollection,
    object: Record<string, unknown>,
    identifier: Identifier
): MetadataObject | undefined {
    if (identifier !== 'CODE' && typeof object.id === 'string') {
        const found = store.get(collection, object.id)
        if (found || identifier === 'UID') return found
    }
    if (identifier !== 'UID' && typeof object.code === 'string')
        return store.findBy(collection, 'CODE', object.code)
    return undefined
}

function isMissing(value: unknown): boolean {
    return (
        value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
    )
}

/** PreheatIdentifier#getIdentifiersWithName for the importing user and the object. */
function identifiersWithName(
    object: Record<string, unknown>,
    simpleName: string,
    identifier: Params['identifier'],
    name: string | undefined
): string {
    const key = identifier === 'CODE' ? object.code : (object.id ?? object.code)
    const prefix = name !== undefined && name !== '' ? `${name} ` : ''
    return `${prefix}[${key === undefined || key === null ? 'null' : String(key)}] (${simpleName})`
}

/** SecurityCheck: E3000 create, E3001 update, E3002 delete (DefaultAclService with the type's authorities). */
function securityError(
    user: SimUser,
    collection: MetadataCollection,
    object: MetadataObject,
    existing: MetadataObject | undefined,
    action: Planned['action'],
    params: Params
): ErrorReport | null {
    const allowed =
        action === 'create'
            ? canCreate(user, collection)
            : existing === undefined ||
              (action === 'update'
                  ? canUpdate(user, collection, existing)
                  : canDelete(user, collection, existing))
    if (allowed) return null
    const schema = SCHEMAS[collection]
    const userText = identifiersWithName(
        { id: user.id },
        'User',
        params.identifier,
        `${user.firstName} ${user.surname}`
    )
    const name = typeof object.name === 'string' ? object.name : undefined
    const objectText = identifiersWithName(object, schema.simpleName, params.identifier, name)
    const [code, message] =
        action === 'create'
            ? ['E3000', `User \`${userText}\` is not allowed to create objects of type ${objectText}`]
            : action === 'update'
              ? ['E3001', `User \`${userText}\` is not allowed to update object \`${objectText}\``]
              : ['E3002', `User \`${userText}\` is not allowed to delete object \`${objectText}\``]
    return {
        message,
        mainKlass: schema.klass,
        errorProperties: [userText, objectText],
        errorCode: code,
        args: [userText, objectText],
    }
}

/** Java's MessageFormat groups the digits of numbers (`1,200`). */
function javaNumber(value: number): string {
    return value.toLocaleString('en-US')
}

/** DefaultSchemaValidator#validateString: E4001 over the column length, else E4002 under a PropertyRange min. */
function lengthErrors(collection: MetadataCollection, object: MetadataObject): ErrorReport[] {
    const schema = SCHEMAS[collection]
    const errors: ErrorReport[] = []
    const maxima = MAX_LENGTHS[collection]
    const minima = MIN_LENGTHS[collection] ?? {}
    for (const [property, max] of Object.entries(maxima)) {
        const value = object[property]
        // Empty strings are not checked at all.
        if (typeof value !== 'string' || value === '') continue
        const base = { mainKlass: schema.klass, errorKlass: 'java.lang.String', errorProperty: property }
        if (value.length > max) {
            errors.push({
                ...base,
                errorProperties: [property, max, value.length],
                message: `Maximum length of property \`${property}\`is ${javaNumber(max)}, but given length was ${javaNumber(value.length)}`,
                errorCode: 'E4001',
                args: [property, String(max), String(value.length)],
            })
            continue
        }
        const min = minima[property]
        if (min !== undefined && value.length < min) {
            errors.push({
                ...base,
                errorProperties: [property, min, max, value.length],
                message: `Allowed length range for property \`${property}\` is [${min} to ${javaNumber(max)}], but given length was ${value.length}`,
                errorCode: 'E4002',
                // The report's args are the Doubles of the schema property, as Java prints them.
                args: [property, `${min}.0`, `${max}.0`, String(value.length)],
            })
        }
    }
    return errors
}

export function importMetadata(
    store: SimMetadataStore,
    body: Record<string, unknown>,
    params: Params,
    now: Date,
    /** The importing user; null skips the security check (seeding, tests of other checks). */
    user: SimUser | null = null
): { status: 'OK' | 'WARNING' | 'ERROR'; stats: Stats; typeReports: TypeReport[] } {
    const payload = new PayloadIndex()
    const lists = new Map<MetadataCollection, Record<string, unknown>[]>()
    for (const collection of IMPORT_ORDER) {
        const list = body[collection]
        if (!Array.isArray(list)) continue
        const objects = list.filter(
            (item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object'
        )
        lists.set(collection, objects)
    }
    // Give every object its final UID first, so that references between payload objects resolve.
    const planned: Planned[] = []
    for (const [collection, objects] of lists) {
        objects.forEach((raw, index) => {
            const schema = SCHEMAS[collection]
            const errors: ErrorReport[] = []
            const existing = findExisting(store, collection, raw, params.identifier)
            const rawId = typeof raw.id === 'string' && raw.id !== '' ? raw.id : undefined
            if (rawId !== undefined && !isValidUid(rawId)) {
                errors.push({
                    message: `Invalid UID \`${rawId}\` for property \`${schema.simpleName}\``,
                    mainKlass: schema.klass,
                    errorKlass: schema.klass,
                    errorProperty: 'id',
                    errorProperties: ['id'],
                    errorCode: 'E4014',
                    args: [rawId, schema.simpleName],
                })
            }
            const id = existing?.id ?? rawId ?? generateUid()
            const object: MetadataObject = { ...raw, id }
            let action: Planned['action']
            if (params.importStrategy === 'DELETE') action = 'delete'
            else if (existing) action = 'update'
            else action = 'create'
            const refusal = user ? securityError(user, collection, object, existing, action, params) : null
            if (refusal) {
                payload.add(collection, object)
                planned.push({
                    collection,
                    index,
                    object,
                    action,
                    existing,
                    errors: [refusal],
                    blocked: true,
                })
                return
            }
            if (params.importStrategy === 'CREATE' && existing) {
                errors.push({
                    message: `Found matching object for reference, but import mode is CREATE. Identifier was ${params.identifier}, and object was ${displayOf(existing, schema.simpleName)}.`,
                    mainKlass: schema.klass,
                    errorCode: 'E5000',
                    args: [params.identifier, displayOf(existing, schema.simpleName)],
                })
            }
            if ((params.importStrategy === 'UPDATE' || params.importStrategy === 'DELETE') && !existing) {
                errors.push({
                    message: `No matching object for reference. Identifier was ${params.identifier}, and object was ${displayOf(object, schema.simpleName)}.`,
                    mainKlass: schema.klass,
                    errorCode: 'E5001',
                    args: [params.identifier, displayOf(object, schema.simpleName)],
                })
            }
            payload.add(collection, object)
            planned.push({ collection, index, object, action, existing, errors, blocked: false })
        })
    }

    const resolveRef = (target: MetadataCollection, ref: unknown): string | null => {
        if (!ref || typeof ref !== 'object') return null
        const record = ref as Record<string, unknown>
        const fromPayload = payload.find(target, record, params.identifier)
        if (fromPayload) return fromPayload.id
        const existing = findExisting(store, target, record, params.identifier)
        return existing ? existing.id : null
    }
    const referenceError = (
        plan: Planned,
        target: MetadataCollection,
        ref: unknown,
        property: string
    ): ErrorReport => {
        const schema = SCHEMAS[plan.collection]
        const record = (ref ?? {}) as Record<string, unknown>
        // PreheatIdentifier#getIdentifiersWithName: `<name> [<identifier>] (<Class>)`, no name when it has none.
        const withName = (object: Record<string, unknown>, simpleName: string): string => {
            const key = params.identifier === 'CODE' ? object.code : (object.id ?? object.code)
            const name = typeof object.name === 'string' && object.name !== '' ? `${object.name} ` : ''
            return `${name}[${key === undefined ? 'null' : String(key)}] (${simpleName})`
        }
        const refText = withName(record, SCHEMAS[target].simpleName)
        const objectText = withName(plan.object, schema.simpleName)
        return {
            message: `Invalid reference ${refText} on object ${objectText} for association \`${property}\``,
            mainKlass: schema.klass,
            mainId: plan.object.id,
            errorKlass: SCHEMAS[target].klass,
            errorProperty: property,
            // ErrorReport keeps its args as errorProperties.
            errorProperties: [refText, objectText, property],
            errorCode: 'E5002',
            args: [refText, objectText, property],
        }
    }

    for (const plan of planned) {
        if (plan.action === 'delete' || plan.blocked) continue
        const schema = SCHEMAS[plan.collection]
        const object = plan.object
        for (const property of schema.required) {
            if (isMissing(object[property])) {
                plan.errors.push({
                    message: `Missing required property \`${property}\``,
                    mainKlass: schema.klass,
                    errorKlass: 'java.lang.String',
                    errorProperty: property,
                    errorProperties: [property],
                    errorCode: 'E4000',
                    args: [property],
                })
            }
        }
        plan.errors.push(...lengthErrors(plan.collection, object))
        for (const [property, target] of Object.entries(schema.references)) {
            const ref = object[property]
            if (isMissing(ref)) continue
            const id = resolveRef(target, ref)
            if (id === null) plan.errors.push(referenceError(plan, target, ref, property))
            else object[property] = { id }
        }
        for (const [property, target] of Object.entries(schema.referenceLists)) {
            const refs = object[property]
            if (!Array.isArray(refs)) continue
            const resolved: Array<{ id: string }> = []
            for (const ref of refs) {
                const id = resolveRef(target, ref)
                if (id === null) plan.errors.push(referenceError(plan, target, ref, property))
                else resolved.push({ id })
            }
            object[property] = resolved
        }
        for (const [property, refs] of Object.entries(EMBEDDED_REFERENCES[plan.collection] ?? {})) {
            const entries = object[property]
            if (!Array.isArray(entries)) continue
            object[property] = entries.map((entry: unknown) => {
                if (!entry || typeof entry !== 'object') return entry
                const copy: Record<string, unknown> = { ...(entry as Record<string, unknown>) }
                for (const [inner, target] of Object.entries(refs)) {
                    if (isMissing(copy[inner])) continue
                    const id = resolveRef(target, copy[inner])
                    if (id === null) plan.errors.push(referenceError(plan, target, copy[inner], inner))
                    else copy[inner] = { id }
                }
                if (plan.collection === 'dataSets' && property === 'dataSetElements')
                    copy.dataSet = { id: object.id }
                return copy
            })
        }
    }

    // Unique properties, against stored objects and earlier payload objects of the same type.
    const seen = new Map<string, string>()
    for (const plan of planned) {
        if (plan.action === 'delete' || plan.blocked) continue
        const schema = SCHEMAS[plan.collection]
        for (const property of schema.unique) {
            const value = plan.object[property]
            if (typeof value !== 'string' && typeof value !== 'number') continue
            const key = `${plan.collection}|${property}|${String(value)}`
            let clash: string | undefined
            const earlier = seen.get(key)
            if (earlier !== undefined && earlier !== plan.object.id) clash = earlier
            else {
                const stored = store
                    .list(plan.collection)
                    .find((other) => other[property] === value && other.id !== plan.object.id)
                // A stored object that this payload also updates no longer holds the value if it changes it.
                if (stored) {
                    const updatedToo = planned.find(
                        (p) => p.collection === plan.collection && p.object.id === stored.id
                    )
                    if (!updatedToo || updatedToo.object[property] === value) clash = stored.id
                }
            }
            if (clash !== undefined) {
                const objectText = displayOf(plan.object, schema.simpleName)
                plan.errors.push({
                    message: `Property \`${property}\` with value \`${String(value)}\` on object ${objectText} already exists on object ${clash}`,
                    mainKlass: schema.klass,
                    errorKlass: schema.klass,
                    errorProperty: property,
                    errorProperties: [property],
                    errorCode: 'E5003',
                    args: [property, String(value), objectText, clash],
                })
            }
            seen.set(key, plan.object.id)
        }
    }

    const hasErrors = planned.some((plan) => plan.errors.length > 0)
    const commit = params.importMode === 'COMMIT' && !(params.atomicMode === 'ALL' && hasErrors)
    const stamp = toIso8601NoTz(now)
    const typeStats = new Map<MetadataCollection, Stats>()
    const objectReports = new Map<MetadataCollection, ObjectReport[]>()
    for (const collection of lists.keys()) {
        typeStats.set(collection, { created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 })
        objectReports.set(collection, [])
    }
    for (const plan of planned) {
        const stats = typeStats.get(plan.collection) as Stats
        const schema = SCHEMAS[plan.collection]
        stats.total++
        const ignored = plan.errors.length > 0 || (params.atomicMode === 'ALL' && hasErrors)
        if (ignored) stats.ignored++
        else if (plan.action === 'create') stats.created++
        else if (plan.action === 'update') stats.updated++
        else stats.deleted++
        if (plan.errors.length > 0 || params.importReportMode !== 'ERRORS') {
            const report: ObjectReport = {
                klass: schema.klass,
                index: plan.index,
                uid: plan.object.id,
                errorReports: plan.errors,
            }
            if (typeof plan.object.name === 'string') report.displayName = plan.object.name
            objectReports.get(plan.collection)?.push(report)
        }
        if (!commit || ignored) continue
        if (plan.action === 'delete') {
            store.remove(plan.collection, plan.object.id)
            continue
        }
        store.upsert(plan.collection, normalise(plan, plan.existing, stamp))
    }
    const total: Stats = { created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 }
    const typeReports: TypeReport[] = []
    for (const [collection, stats] of typeStats) {
        for (const key of Object.keys(total) as Array<keyof Stats>) total[key] += stats[key]
        if (stats.total === 0 && params.importReportMode === 'ERRORS') continue
        typeReports.push({
            klass: SCHEMAS[collection].klass,
            stats,
            objectReports: objectReports.get(collection) ?? [],
        })
    }
    let status: 'OK' | 'WARNING' | 'ERROR' = 'OK'
    if (hasErrors) status = params.atomicMode === 'ALL' ? 'ERROR' : 'WARNING'
    return { status, stats: total, typeReports }
}

/** Defaults DHIS2 fills in on save; non-owner (derived) properties are recomputed by the store. */
function normalise(plan: Planned, previous: MetadataObject | undefined, stamp: string): MetadataObject {
    const object: MetadataObject = { ...plan.object }
    for (const property of [
        'displayName',
        'displayShortName',
        'displayDescription',
        'displayFormName',
        'href',
        'access',
    ]) {
        delete object[property]
    }
    object.created = previous?.created ?? (typeof object.created === 'string' ? object.created : stamp)
    object.lastUpdated = stamp
    if (!object.sharing) {
        object.sharing = { public: 'rw------', external: false, users: {}, userGroups: {} }
    }
    switch (plan.collection) {
        case 'dataElements':
            object.categoryCombo ??= { id: DEFAULT_CATEGORY_COMBO }
            object.zeroIsSignificant ??= false
            break
        case 'dataSets':
            object.categoryCombo ??= { id: DEFAULT_CATEGORY_COMBO }
            object.openFuturePeriods ??= 0
            object.expiryDays ??= 0
            object.timelyDays ??= 15
            object.dataSetElements ??= []
            object.organisationUnits ??= []
            break
        case 'categoryCombos':
            object.skipTotal ??= false
            break
        case 'categories':
            object.dataDimension ??= true
            break
        case 'organisationUnitGroupSets':
            object.dataDimension ??= true
            object.compulsory ??= true
            break
        case 'indicators':
            object.annualized ??= false
            break
        case 'categoryOptionCombos':
            object.ignoreApproval ??= false
            break
        default:
            break
    }
    return object
}

function importResponse(request: SimRequest, result: ReturnType<typeof importMetadata>): SimResponse {
    const report = {
        responseType: 'ImportReport',
        status: result.status,
        stats: result.stats,
        typeReports: result.typeReports,
    }
    if (request.apiVersion !== null && request.apiVersion < 38) {
        const { responseType: _ignored, ...plain } = report
        return { status: 200, body: plain }
    }
    if (result.status === 'OK') return webMessage(200, 'OK', null, { response: report })
    return webMessage(
        409,
        'WARNING',
        'One or more errors occurred, please see full details in import report.',
        {
            response: report,
        }
    )
}

function canMaintain(request: SimRequest): boolean {
    const user = request.user
    return Boolean(
        user && (user.authorities.includes('ALL') || user.authorities.includes('F_PERFORM_MAINTENANCE'))
    )
}

export function metadataImportRoutes(_ctx: ServerContext): Route[] {
    return [
        {
            method: 'POST',
            pattern: 'metadata',
            handler: (request) => {
                // No authority guards /api/metadata itself (2.41.3): SecurityCheck judges each object.
                const params = parseParams(request.query)
                if ('error' in params) return badRequest(params.error)
                let body: unknown
                try {
                    body = JSON.parse(request.body.toString('utf8'))
                } catch (error) {
                    return badRequest(
                        `JSON parse error: ${error instanceof Error ? error.message : String(error)}`
                    )
                }
                if (!body || typeof body !== 'object' || Array.isArray(body)) {
                    return badRequest('JSON parse error: expected an object')
                }
                // Unknown top-level members (system, date…) are ignored, as DHIS2 does.
                const record = body as Record<string, unknown>
                const result = importMetadata(
                    simMetadata(request.db),
                    record,
                    params,
                    request.now(),
                    request.user
                )
                return importResponse(request, result)
            },
        },
        {
            method: 'POST',
            pattern: 'maintenance/categoryOptionComboUpdate',
            handler: (request) => {
                if (!canMaintain(request)) return accessDenied('Access is denied')
                generateCategoryOptionCombos(simMetadata(request.db), null, request.now())
                return noContent()
            },
        },
        {
            method: 'POST',
            pattern: 'maintenance/categoryOptionComboUpdate/categoryCombo/:uid',
            handler: (request) => {
                if (!canMaintain(request)) return accessDenied('Access is denied')
                generateCategoryOptionCombos(
                    simMetadata(request.db),
                    request.params.uid ?? null,
                    request.now()
                )
                return noContent()
            },
        },
    ]
}
