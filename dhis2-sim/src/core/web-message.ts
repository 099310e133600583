// The WebMessage envelope DHIS2 2.38+ wraps around most answers (docs/dhis2-api.md §1.4, WebMessageUtils).
// Field order matters to people reading raw answers, so objects are built in DHIS2's order.
import type { SimResponse } from './types.js'

export type WebMessageStatus = 'OK' | 'WARNING' | 'ERROR'

export interface WebMessage {
    httpStatus: string
    httpStatusCode: number
    status: WebMessageStatus
    code?: number
    message?: string
    devMessage?: string
    response?: unknown
    errorCode?: string
}

const REASON_PHRASES: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    202: 'Accepted',
    204: 'No Content',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
}

export function reasonPhrase(status: number): string {
    return REASON_PHRASES[status] ?? 'Unknown'
}

export interface WebMessageOptions {
    errorCode?: string
    devMessage?: string
    response?: unknown
    headers?: Record<string, string | string[]>
}

/** Builds a WebMessage body with DHIS2's field order; null/undefined members are omitted (NON_NULL). */
export function webMessageBody(
    httpStatusCode: number,
    status: WebMessageStatus,
    message: string | null | undefined,
    options: WebMessageOptions = {}
): WebMessage {
    const body: WebMessage = { httpStatus: reasonPhrase(httpStatusCode), httpStatusCode, status }
    if (message !== null && message !== undefined) body.message = message
    if (options.devMessage !== undefined) body.devMessage = options.devMessage
    if (options.response !== undefined) body.response = options.response
    if (options.errorCode !== undefined) body.errorCode = options.errorCode
    return body
}

/** A SimResponse whose HTTP status is the envelope's `httpStatusCode` (WebMessageControllerAdvice). */
export function webMessage(
    httpStatusCode: number,
    status: WebMessageStatus,
    message: string | null | undefined,
    options: WebMessageOptions = {}
): SimResponse {
    const headers: Record<string, string | string[]> = { ...(options.headers ?? {}) }
    // DHIS2 marks every 4xx/5xx answer as not cacheable.
    if (httpStatusCode >= 400) headers['Cache-Control'] = 'no-cache, private'
    return { status: httpStatusCode, headers, body: webMessageBody(httpStatusCode, status, message, options) }
}

export function ok(message?: string | null, options?: WebMessageOptions): SimResponse {
    return webMessage(200, 'OK', message, options)
}

export function created(message?: string | null, options?: WebMessageOptions): SimResponse {
    return webMessage(201, 'OK', message, options)
}

export function conflict(message: string, options?: WebMessageOptions): SimResponse {
    return webMessage(409, 'ERROR', message, options)
}

/** 404; pass `errorCode: 'E1005'` for typed NotFoundExceptions (see `objectNotFound`). */
export function notFound(message: string, options?: WebMessageOptions): SimResponse {
    return webMessage(404, 'ERROR', message, options)
}

export function badRequest(message: string, options?: WebMessageOptions): SimResponse {
    return webMessage(400, 'ERROR', message, options)
}

export function forbidden(message: string, options?: WebMessageOptions): SimResponse {
    return webMessage(403, 'ERROR', message, options)
}

export function unauthorized(message = 'Unauthorized', options?: WebMessageOptions): SimResponse {
    return webMessage(401, 'ERROR', message, options)
}

export function serverError(message: string, options?: WebMessageOptions): SimResponse {
    return webMessage(500, 'ERROR', message, options)
}

/** `NotFoundException` for an object lookup: `"<Class> with id <uid> could not be found."`, E1005. */
export function objectNotFound(klassSimpleName: string, uid: string): SimResponse {
    return notFound(`${klassSimpleName} with id ${uid} could not be found.`, { errorCode: 'E1005' })
}

/** Typed exceptions of DHIS2 (CrudControllerAdvice): each maps to a status and an error code. */
export const typedErrors = {
    notFound: (message: string) => notFound(message, { errorCode: 'E1005' }),
    conflict: (message: string) => conflict(message, { errorCode: 'E1004' }),
    badRequest: (message: string) => badRequest(message, { errorCode: 'E1003' }),
    forbidden: (message: string) => forbidden(message, { errorCode: 'E1006' }),
}

/** Spring's AccessDeniedException: 403 without an error code. */
export function accessDenied(message = 'Access is denied'): SimResponse {
    return forbidden(message)
}

/** An empty answer such as 204 No Content. */
export function noContent(headers?: Record<string, string | string[]>): SimResponse {
    return headers ? { status: 204, headers } : { status: 204 }
}

/** A plain JSON body (not an envelope) with the given status. */
export function json(body: unknown, status = 200, headers?: Record<string, string | string[]>): SimResponse {
    return headers ? { status, headers, body } : { status, body }
}
