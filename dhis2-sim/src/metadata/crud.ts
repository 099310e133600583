// Single-object writes: POST /api/<collection>, PUT and DELETE /api/<collection>/<id> (CRUD
// `postObject`, `putObject`, `deleteObject`), answered with an ObjectReport. They share the validation
// of /api/metadata; a new category combo gets its option combos, as CategoryComboController does.
import { simMetadata } from '../core/database.js'
import type { MetadataCollection, Route, SimRequest, SimResponse } from '../core/types.js'
import { METADATA_COLLECTIONS } from '../core/types.js'
import { accessDenied, badRequest, objectNotFound, webMessage } from '../core/web-message.js'
import type { ServerContext } from '../server/context.js'
import { generateCategoryOptionCombos } from './category-option-combos.js'
import { importMetadata, type Params } from './import.js'
import { SCHEMAS } from './schema.js'

const ERROR_MESSAGE = 'One or more errors occurred, please see full details in import report.'

function canWrite(request: SimRequest): boolean {
    const user = request.user
    return Boolean(
        user && (user.authorities.includes('ALL') || user.authorities.includes('F_METADATA_IMPORT'))
    )
}

function parseObject(request: SimRequest): Record<string, unknown> | null {
    try {
        const body: unknown = JSON.parse(request.body.toString('utf8'))
        return body && typeof body === 'object' && !Array.isArray(body)
            ? (body as Record<string, unknown>)
            : null
    } catch {
        return null
    }
}

function write(
    request: SimRequest,
    collection: MetadataCollection,
    object: Record<string, unknown>,
    strategy: Params['importStrategy']
): { response: SimResponse; uid: string | null } {
    const store = simMetadata(request.db)
    const params: Params = {
        importMode: 'COMMIT',
        identifier: 'UID',
        importStrategy: strategy,
        atomicMode: 'ALL',
        importReportMode: 'FULL',
    }
    const result = importMetadata(store, { [collection]: [object] }, params, request.now())
    const report = result.typeReports[0]?.objectReports[0]
    const schema = SCHEMAS[collection]
    const objectReport = {
        responseType: 'ObjectReport',
        uid: report?.uid ?? '',
        klass: schema.klass,
        errorReports: report?.errorReports ?? [],
    }
    if (result.status !== 'OK') {
        return { response: webMessage(409, 'ERROR', ERROR_MESSAGE, { response: objectReport }), uid: null }
    }
    return { response: webMessage(200, 'OK', null, { response: objectReport }), uid: objectReport.uid }
}

export function metadataCrudRoutes(_ctx: ServerContext): Route[] {
    const routes: Route[] = []
    for (const collection of METADATA_COLLECTIONS) {
        const schema = SCHEMAS[collection]
        routes.push(
            {
                method: 'POST',
                pattern: collection,
                handler: (request) => {
                    if (!canWrite(request)) return accessDenied('Access is denied')
                    const object = parseObject(request)
                    if (!object) return badRequest('Invalid JSON in request body')
                    const { response, uid } = write(request, collection, object, 'CREATE')
                    if (!uid) return response
                    if (collection === 'categoryCombos') {
                        generateCategoryOptionCombos(simMetadata(request.db), uid, request.now())
                    }
                    const body = response.body as Record<string, unknown>
                    return webMessage(201, 'OK', null, {
                        response: body.response,
                        headers: { Location: `${request.baseUrl}/api/${collection}/${uid}` },
                    })
                },
            },
            {
                method: 'PUT',
                pattern: `${collection}/:id`,
                handler: (request) => {
                    if (!canWrite(request)) return accessDenied('Access is denied')
                    const id = request.params.id ?? ''
                    if (!simMetadata(request.db).get(collection, id))
                        return objectNotFound(schema.simpleName, id)
                    const object = parseObject(request)
                    if (!object) return badRequest('Invalid JSON in request body')
                    return write(request, collection, { ...object, id }, 'UPDATE').response
                },
            },
            {
                method: 'DELETE',
                pattern: `${collection}/:id`,
                handler: (request) => {
                    if (!canWrite(request)) return accessDenied('Access is denied')
                    const id = request.params.id ?? ''
                    if (!simMetadata(request.db).get(collection, id))
                        return objectNotFound(schema.simpleName, id)
                    return write(request, collection, { id }, 'DELETE').response
                },
            }
        )
    }
    return routes
}
