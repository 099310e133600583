// Single-object writes: POST /api/<collection>, PUT and DELETE /api/<collection>/<id> (CRUD
// `postObject`, `putObject`, `deleteObject`), answered with an ObjectReport. They share the validation
// of /api/metadata; a new category combo gets its option combos, as CategoryComboController does.
import { simMetadata } from '../core/database.js'
import type { MetadataCollection, Route, SimRequest, SimResponse } from '../core/types.js'
import { METADATA_COLLECTIONS } from '../core/types.js'
import { badRequest, forbidden, objectNotFound, webMessage } from '../core/web-message.js'
import { canCreate, canDelete, canUpdate } from './authorities.js'
import type { ServerContext } from '../server/context.js'
import { generateCategoryOptionCombos } from './category-option-combos.js'
import { importMetadata, type Params } from './import.js'
import { SCHEMAS } from './schema.js'

const ERROR_MESSAGE = 'One or more errors occurred, please see full details in import report.'

/** AbstractCrudController's ForbiddenException (E1006) when DefaultAclService refuses the action. */
function refused(action: 'create' | 'update' | 'delete'): SimResponse {
    return forbidden(`You don't have the proper permissions to ${action} this object.`, {
        errorCode: 'E1006',
    })
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
    const result = importMetadata(store, { [collection]: [object] }, params, request.now(), request.user)
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
                    if (!request.user || !canCreate(request.user, collection)) return refused('create')
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
                    const id = request.params.id ?? ''
                    const stored = simMetadata(request.db).get(collection, id)
                    if (!stored) return objectNotFound(schema.simpleName, id)
                    if (!request.user || !canUpdate(request.user, collection, stored))
                        return refused('update')
                    const object = parseObject(request)
                    if (!object) return badRequest('Invalid JSON in request body')
                    return write(request, collection, { ...object, id }, 'UPDATE').response
                },
            },
            {
                method: 'DELETE',
                pattern: `${collection}/:id`,
                handler: (request) => {
                    const id = request.params.id ?? ''
                    const stored = simMetadata(request.db).get(collection, id)
                    if (!stored) return objectNotFound(schema.simpleName, id)
                    if (!request.user || !canDelete(request.user, collection, stored))
                        return refused('delete')
                    return write(request, collection, { id }, 'DELETE').response
                },
            }
        )
    }
    return routes
}
