// GET /api/metadata: the export of whole collections (`<collection>=true`, `<collection>:fields`,
// `<collection>:filter`, `fields`, `filter`, `defaults=EXCLUDE`), without paging, as DHIS2 serves it.
import { simMetadata } from '../core/database.js'
import { toIso8601NoTz } from '../core/dates.js'
import type { MetadataCollection, Route, SimRequest, SimResponse } from '../core/types.js'
import { METADATA_COLLECTIONS } from '../core/types.js'
import { badRequest, json } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import { parseFieldParams, renderObject } from './fields.js'
import { FilterError, matchesFilter, parseFilter, parseOrder, sortObjects } from './filter.js'

const DEFAULT_OBJECTS = new Set(['xYerKDKCefk', 'GLevLNI9wkl', 'bjDvmb4bfuf', 'HllvX50cXC0'])

function selectedCollections(query: URLSearchParams): MetadataCollection[] {
    const explicit = METADATA_COLLECTIONS.filter(
        (collection) => query.get(collection)?.toLowerCase() === 'true'
    )
    if (explicit.length > 0) return explicit
    // With no collection named, DHIS2 exports all of them (minus those set to false).
    return METADATA_COLLECTIONS.filter((collection) => query.get(collection)?.toLowerCase() !== 'false')
}

function exportMetadata(ctx: ServerContext, request: SimRequest): SimResponse {
    const store = simMetadata(request.db)
    const query = request.query
    const excludeDefaults = (query.get('defaults') ?? 'INCLUDE').toUpperCase() === 'EXCLUDE'
    const out: Record<string, unknown> = {
        system: {
            id: ctx.systemId,
            rev: 'dhis2sim',
            version: request.serverVersion,
            date: toIso8601NoTz(request.now()),
        },
    }
    for (const collection of selectedCollections(query)) {
        const fieldParams = [...query.getAll(`${collection}:fields`)]
        const fields = parseFieldParams(
            fieldParams.length > 0 ? fieldParams : query.getAll('fields'),
            ':owner'
        )
        let filters
        try {
            filters = [...query.getAll('filter'), ...query.getAll(`${collection}:filter`)].map(parseFilter)
        } catch (error) {
            return badRequest(error instanceof FilterError ? error.message : 'Invalid filter')
        }
        let objects = store
            .list(collection)
            .filter((object) => !(excludeDefaults && DEFAULT_OBJECTS.has(object.id)))
            .filter((object) => filters.every((filter) => matchesFilter(object, filter, store)))
        const order = parseOrder(query.getAll(`${collection}:order`))
        objects = sortObjects(objects, order.length > 0 ? order : parseOrder(['name:iasc,id:asc']), store)
        if (objects.length === 0 && query.get(collection) !== 'true') continue
        const renderCtx = { store, baseUrl: request.baseUrl }
        const rendered = objects.map((object) => renderObject(object, collection, fields, renderCtx))
        out[collection] = excludeDefaults ? rendered.map(withoutDefaultReferences) : rendered
    }
    return json(out)
}

/**
 * `defaults=EXCLUDE` on a rendered object (FieldFilterSimpleBeanPropertyFilter, FieldFilterService
 * #removeEmptyObjects): every property of a default object is left out, so a reference to one becomes `{}`;
 * then the object's own members that are `{}` are removed (`"categoryCombo": {}` disappears, a `{}` inside a
 * list stays).
 */
function withoutDefaultReferences(object: Record<string, unknown>): Record<string, unknown> {
    const emptied = emptyDefaults(object) as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(emptied)) {
        const isEmptyObject =
            value !== null &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            Object.keys(value).length === 0
        if (!isEmptyObject) out[key] = value
    }
    return out
}

function emptyDefaults(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(emptyDefaults)
    if (value === null || typeof value !== 'object') return value
    const record = value as Record<string, unknown>
    if (typeof record.id === 'string' && DEFAULT_OBJECTS.has(record.id)) return {}
    return Object.fromEntries(Object.entries(record).map(([key, member]) => [key, emptyDefaults(member)]))
}

export function metadataExportRoutes(ctx: ServerContext): Route[] {
    return [{ method: 'GET', pattern: 'metadata', handler: (request) => exportMetadata(ctx, request) }]
}
