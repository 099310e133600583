// Writes whose Content-Type the endpoint does not consume: Spring refuses them before the controller runs
// (HttpMediaTypeNotSupportedException, rendered 415 by CrudControllerAdvice). The table lists the `consumes`
// of the write endpoints the products use, unchanged 2.39-2.42 (docs/dhis2-api.md §1).
import type { SimResponse } from '../core/types.js'
import { webMessage } from '../core/web-message.js'
import { minorVersion } from './context.js'

interface Consumes {
    method: 'POST' | 'PUT'
    /** Path after `/api/` or `/api/NN/`, format suffix removed. */
    path: RegExp
    /** Media types with the parameters the `consumes` value names (charset). */
    types: string[]
    /** `@RequestBody(required = false)`: a request without a body is not checked (Spring 5.2+). */
    bodyOptional?: boolean
    /** A @RequestBody object without `consumes`: the message converter refuses, naming a missing type
     * application/octet-stream. */
    converter?: boolean
}

const CONSUMES: Consumes[] = [
    // DataValueSetController: one method per consumed type.
    {
        method: 'POST',
        path: /^dataValueSets$/,
        types: [
            'application/xml',
            'application/adx+xml;charset=UTF-8',
            'application/json',
            'application/csv',
            'application/pdf',
        ],
    },
    // CompleteDataSetRegistrationController: ContextUtils.CONTENT_TYPE_XML / _JSON.
    {
        method: 'POST',
        path: /^completeDataSetRegistrations$/,
        types: ['application/xml;charset=UTF-8', 'application/json;charset=UTF-8'],
    },
    // MetadataImportExportController.postJsonMetadata / postCsvMetadata.
    { method: 'POST', path: /^metadata$/, types: ['application/json', 'application/csv'] },
    // AuthenticationController.login (2.41+): a LoginRequest read by the JSON converter.
    { method: 'POST', path: /^auth\/login$/, types: ['application/json'], converter: true },
    // DatastoreController / UserDatastoreController addEntry and putEntry.
    { method: 'POST', path: /^(dataStore|userDataStore)\/[^/]+\/[^/]+$/, types: ['application/json'] },
    {
        method: 'PUT',
        path: /^(dataStore|userDataStore)\/[^/]+\/[^/]+$/,
        types: ['application/json'],
        bodyOptional: true,
    },
]

interface MediaType {
    type: string
    params: Map<string, string>
}

function parse(value: string): MediaType | null {
    const [essence = '', ...rest] = value.split(';')
    const type = essence.trim().toLowerCase()
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(type)) return null
    const params = new Map<string, string>()
    for (const part of rest) {
        const eq = part.indexOf('=')
        if (eq > 0)
            params.set(
                part.slice(0, eq).trim().toLowerCase(),
                part
                    .slice(eq + 1)
                    .trim()
                    .replace(/^"|"$/g, '')
            )
    }
    return { type, params }
}

/** MediaType.includes plus Spring's parameter check: a parameter both name must be equal (charset ignoring case). */
function consumes(expected: MediaType, actual: MediaType): boolean {
    if (expected.type !== actual.type) return false
    for (const [name, value] of expected.params) {
        const given = actual.params.get(name)
        if (given !== undefined && given.toLowerCase() !== value.toLowerCase()) return false
    }
    return true
}

/** Spring's MediaType.toString: the type and its parameters joined by ';'. */
function render(media: MediaType): string {
    return [media.type, ...[...media.params].map(([k, v]) => `${k}=${v}`)].join(';')
}

/** The 415 DHIS2 answers when a write's Content-Type is not one its endpoint consumes, else null. */
export function unsupportedMediaType(
    method: string,
    rest: string,
    contentType: string | undefined,
    bodyLength: number,
    version: string
): SimResponse | null {
    const path = rest.replace(/\.(json|xml|csv)$/, '')
    const rule = CONSUMES.find((r) => r.method === method && r.path.test(path))
    if (!rule) return null
    if (rule.bodyOptional && bodyLength === 0) return null
    const given = contentType ? parse(contentType) : null
    if (given && rule.types.some((type) => consumes(parse(type) as MediaType, given))) return null
    const shown = given ? render(given) : rule.converter ? 'application/octet-stream' : (contentType ?? '')
    // Spring 5.3 (2.39-2.41) and Spring 6 (2.42) word the exception differently.
    const message =
        minorVersion(version) >= 42
            ? `Content-Type ${shown ? `'${shown}' ` : ''}is not supported`
            : `Content type '${shown}' not supported`
    return webMessage(415, 'ERROR', message)
}
