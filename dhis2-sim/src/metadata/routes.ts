// Metadata reads: GET /api/<collection> and /api/<collection>/<id> for every known collection, with
// DHIS2's fields, filter, order and paging (docs/dhis2-api.md §8.1-§8.3) and the organisation unit extras.
import { simMetadata, type SimMetadataStore } from '../core/database.js'
import type {
    MetadataCollection,
    MetadataObject,
    Route,
    SimRequest,
    SimResponse,
    SimUser,
} from '../core/types.js'
import { METADATA_COLLECTIONS } from '../core/types.js'
import { badRequest, conflict, json, objectNotFound } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import { parseFieldParams, renderObject, type FieldNode, type RenderContext } from './fields.js'
import { FilterError, matchesFilter, parseFilter, parseOrder, sortObjects, type Filter } from './filter.js'
import { SCHEMAS } from './schema.js'

const DEFAULT_PAGE_SIZE = 50

function boolParam(query: URLSearchParams, name: string): boolean {
    return (query.get(name) ?? '').toLowerCase() === 'true'
}

/** Org units in the subtree of any of `roots` (roots included). */
function inHierarchy(unit: MetadataObject, roots: string[]): boolean {
    const path = typeof unit.path === 'string' ? unit.path : `/${unit.id}`
    return roots.some((root) => path.split('/').includes(root))
}

function userRoots(user: SimUser | null, kind: 'capture' | 'view' | 'viewFallback'): string[] {
    if (!user) return []
    if (kind === 'capture') return user.organisationUnits
    if (kind === 'view') return user.dataViewOrganisationUnits
    return user.dataViewOrganisationUnits.length > 0 ? user.dataViewOrganisationUnits : user.organisationUnits
}

function organisationUnitScope(
    request: SimRequest,
    store: SimMetadataStore,
    objects: readonly MetadataObject[]
): readonly MetadataObject[] {
    const query = request.query
    if (boolParam(query, 'userOnly')) return userRoots(request.user, 'capture').flatMap(unitById(store))
    if (boolParam(query, 'userDataViewOnly')) return userRoots(request.user, 'view').flatMap(unitById(store))
    if (boolParam(query, 'userDataViewFallback')) {
        return userRoots(request.user, 'viewFallback').flatMap(unitById(store))
    }
    let result = objects
    if (boolParam(query, 'withinUserHierarchy')) {
        const roots = userRoots(request.user, 'capture')
        result = result.filter((unit) => inHierarchy(unit, roots))
    }
    if (boolParam(query, 'withinUserSearchHierarchy')) {
        const roots = userRoots(request.user, 'capture')
        result = result.filter((unit) => inHierarchy(unit, roots))
    }
    const level = query.get('level')
    if (level !== null && level !== '') result = result.filter((unit) => unit.level === Number(level))
    const maxLevel = query.get('maxLevel')
    if (maxLevel !== null && maxLevel !== '') {
        result = result.filter((unit) => typeof unit.level === 'number' && unit.level <= Number(maxLevel))
    }
    const text = query.get('query')
    if (text !== null && text !== '') {
        const lower = text.toLowerCase()
        result = result.filter(
            (unit) =>
                unit.id === text ||
                unit.code === text ||
                (typeof unit.name === 'string' && unit.name.toLowerCase().includes(lower))
        )
    }
    return result
}

function unitById(store: SimMetadataStore) {
    return (id: string): MetadataObject[] => {
        const unit = store.get('organisationUnits', id)
        return unit ? [unit] : []
    }
}

function pagerLink(request: SimRequest, collection: string, page: number, pageSize: number): string {
    const params = new URLSearchParams()
    params.set('page', String(page))
    if (pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(pageSize))
    for (const [name, value] of request.query)
        if (name !== 'page' && name !== 'pageSize') params.append(name, value)
    return `${request.baseUrl}/api/${collection}?${params.toString()}`
}

export interface ListOptions {
    request: SimRequest
    collection: string
    objects: readonly Record<string, unknown>[]
    /** Collection of the objects, for presets and href (null for non-metadata lists). */
    metadataCollection: MetadataCollection | null
    store: SimMetadataStore
    defaultFields: string
    defaultOrder?: string
}

/** The list answer `{pager, <collection>: [...]}` (pager omitted with paging=false). */
export function listResponse(options: ListOptions): SimResponse {
    const { request, collection, store } = options
    const query = request.query
    let filters: Filter[]
    try {
        filters = query.getAll('filter').map(parseFilter)
    } catch (error) {
        return badRequest(error instanceof FilterError ? error.message : 'Invalid filter')
    }
    const junction = (query.get('rootJunction') ?? 'AND').toUpperCase()
    let objects = [...options.objects]
    if (filters.length > 0) {
        objects = objects.filter((object) =>
            junction === 'OR'
                ? filters.some((filter) => matchesFilter(object, filter, store))
                : filters.every((filter) => matchesFilter(object, filter, store))
        )
    }
    const orders = parseOrder(query.getAll('order'))
    const defaultOrder = parseOrder([options.defaultOrder ?? 'name:iasc,id:asc'])
    objects = sortObjects(objects, orders.length > 0 ? orders : defaultOrder, store)

    const paging = !(query.get('paging')?.toLowerCase() === 'false' || boolParam(query, 'skipPaging'))
    const fields = parseFieldParams(query.getAll('fields'), options.defaultFields)
    const ctx: RenderContext = { store, baseUrl: request.baseUrl }
    const render = (object: Record<string, unknown>) =>
        renderObject(object, options.metadataCollection, fields, ctx)
    if (!paging) return json({ [collection]: objects.map(render) })

    const pageSize = Math.max(1, Number(query.get('pageSize')) || DEFAULT_PAGE_SIZE)
    const total = objects.length
    const pageCount = Math.max(1, Math.ceil(total / pageSize))
    const page = Math.max(1, Number(query.get('page')) || 1)
    const pager: Record<string, unknown> = { page, total, pageSize, pageCount }
    if (page < pageCount) pager.nextPage = pagerLink(request, collection, page + 1, pageSize)
    if (page > 1) pager.prevPage = pagerLink(request, collection, Math.min(page - 1, pageCount), pageSize)
    const slice = objects.slice((page - 1) * pageSize, page * pageSize)
    return json({ pager, [collection]: slice.map(render) })
}

function renderSingle(
    request: SimRequest,
    store: SimMetadataStore,
    collection: MetadataCollection,
    object: MetadataObject
): SimResponse {
    const fields: FieldNode[] = parseFieldParams(request.query.getAll('fields'), '*')
    return json(renderObject(object, collection, fields, { store, baseUrl: request.baseUrl }))
}

/**
 * The org unit lists OrganisationUnitController answers around one unit, by its name in the path
 * (`/{uid}/children`) or by the parameter that selects the same method on `/{uid}` (`includeChildren=true`).
 */
const RELATIVES = {
    children: (unit: MetadataObject, all: readonly MetadataObject[]) => [
        unit,
        ...all.filter((other) => (other.parent as { id?: string } | undefined)?.id === unit.id),
    ],
    descendants: (unit: MetadataObject, all: readonly MetadataObject[]) => [
        unit,
        ...all.filter((other) => other.id !== unit.id && inHierarchy(other, [unit.id])),
    ],
    // the unit first, then its ancestors from the nearest up (getAncestors reverses root-first ancestors)
    ancestors: (unit: MetadataObject, _all: readonly MetadataObject[], store: SimMetadataStore) => [
        unit,
        ...ancestorsOf(unit, store),
    ],
    parents: (unit: MetadataObject, _all: readonly MetadataObject[], store: SimMetadataStore) =>
        ancestorsOf(unit, store),
} as const

type Relation = keyof typeof RELATIVES

function ancestorsOf(unit: MetadataObject, store: SimMetadataStore): MetadataObject[] {
    const ancestors = Array.isArray(unit.ancestors) ? (unit.ancestors as Array<{ id: string }>) : []
    return ancestors.flatMap((ref) => unitById(store)(ref.id)).reverse()
}

/** `level=n` on a unit: its descendants n levels below it (getChildrenWithLevel; a negative n counts as 0). */
function unitsBelow(unit: MetadataObject, all: readonly MetadataObject[], level: number): MetadataObject[] {
    const target = (typeof unit.level === 'number' ? unit.level : 1) + Math.max(0, level)
    return all.filter((other) => other.level === target && inHierarchy(other, [unit.id]))
}

/** The relation `/{uid}` selects through its parameters, or null for the unit itself. */
function relationOf(query: URLSearchParams): Relation | 'level' | null {
    if (boolParam(query, 'includeDescendants')) return 'descendants'
    if (boolParam(query, 'includeChildren')) return 'children'
    if (boolParam(query, 'includeAncestors')) return 'ancestors'
    const level = query.get('level')
    return level !== null && level !== '' ? 'level' : null
}

/**
 * A relatives list is an ordinary object list (AbstractFullReadOnlyController#getObjectList): pager, `fields`
 * (default `id,displayName`), `filter`, `order` and paging apply to it.
 */
function relativesResponse(
    request: SimRequest,
    store: SimMetadataStore,
    unit: MetadataObject,
    relation: Relation | 'level'
): SimResponse {
    const all = store.list('organisationUnits')
    const objects =
        relation === 'level'
            ? unitsBelow(unit, all, Number(request.query.get('level')) || 0)
            : RELATIVES[relation](unit, all, store)
    return listResponse({
        request,
        collection: 'organisationUnits',
        objects,
        metadataCollection: 'organisationUnits',
        store,
        defaultFields: 'id,displayName',
    })
}

function organisationUnitRoutes(): Route[] {
    return (Object.keys(RELATIVES) as Relation[]).map((relation) => ({
        method: 'GET',
        pattern: `organisationUnits/:id/${relation}`,
        handler: (request) => {
            const store = simMetadata(request.db)
            const id = request.params.id ?? ''
            const unit = store.get('organisationUnits', id)
            if (!unit) return objectNotFound(SCHEMAS.organisationUnits.simpleName, id)
            // `/{uid}/children?level=n` is getChildrenWithLevel
            const level = request.query.get('level')
            const withLevel = relation === 'children' && level !== null && level !== ''
            return relativesResponse(request, store, unit, withLevel ? 'level' : relation)
        },
    }))
}

export function metadataRoutes(_ctx: ServerContext): Route[] {
    const routes: Route[] = organisationUnitRoutes()
    for (const collection of METADATA_COLLECTIONS) {
        const schema = SCHEMAS[collection]
        routes.push({
            method: 'GET',
            pattern: collection,
            handler: (request) => {
                const store = simMetadata(request.db)
                let objects = store.list(collection)
                if (collection === 'organisationUnits')
                    objects = organisationUnitScope(request, store, objects)
                return listResponse({
                    request,
                    collection,
                    objects,
                    metadataCollection: collection,
                    store,
                    // Query#setDefaultOrder: name (case-insensitive) then id for every type, levels included
                    defaultFields: 'id,displayName',
                })
            },
        })
        routes.push({
            method: 'GET',
            pattern: `${collection}/:id`,
            handler: (request) => {
                const store = simMetadata(request.db)
                const id = request.params.id ?? ''
                const object = store.get(collection, id)
                if (!object) return objectNotFound(schema.simpleName, id)
                if (collection === 'organisationUnits') {
                    const relation = relationOf(request.query)
                    if (relation) return relativesResponse(request, store, object, relation)
                }
                return renderSingle(request, store, collection, object)
            },
        })
        routes.push({
            method: 'GET',
            pattern: `${collection}/:id/:property`,
            handler: (request) => {
                const store = simMetadata(request.db)
                const id = request.params.id ?? ''
                const property = request.params.property ?? ''
                const object = store.get(collection, id)
                if (!object) return objectNotFound(schema.simpleName, id)
                if (!(property in object)) {
                    return conflict(`Property \`${property}\` does not exist on ${schema.simpleName}`)
                }
                const value = object[property]
                const fields = parseFieldParams(
                    request.query.getAll('fields'),
                    Array.isArray(value) ? 'id,displayName' : '*'
                )
                const rendered = renderObject(
                    { [property]: value },
                    null,
                    [{ name: property, exclude: false, children: fields, transformers: [] }],
                    { store, baseUrl: request.baseUrl }
                )
                return json(rendered)
            },
        })
    }
    return routes
}
