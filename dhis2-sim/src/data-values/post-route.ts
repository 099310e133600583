// POST /api/dataValueSets: content negotiation, authority, options, sync or async import (docs/dhis2-api.md §2, §5).
import type { SimRequest, SimResponse } from '../core/types.js'
import { accessDenied, badRequest, webMessage } from '../core/web-message.js'
import { jobConfigurationResponse, startJob } from '../tasks/registry.js'
import { failedImport, importDataValueSet, type ImportResult } from './import.js'
import { OptionError, parseImportOptions, type ImportOptions } from './options.js'
import {
    decompress,
    parseCsvPayload,
    parseJsonPayload,
    parseXmlPayload,
    PayloadError,
    type DataValueSetPayload,
} from './payload.js'
import { importSummaryResponse, minorVersion, summaryBody, type ImportSummary } from './summary.js'

const READABLE = new Set(['application/json', 'application/csv', 'application/xml', 'text/xml'])
const ACCEPTED = new Set([
    'application/json',
    'application/csv',
    'application/xml',
    'text/xml',
    'application/adx+xml',
    'application/pdf',
])

export function mediaType(request: SimRequest): string {
    const header = request.headers['content-type']
    const value = Array.isArray(header) ? header[0] : header
    return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

export function hasAnyAuthority(request: SimRequest, authorities: string[]): boolean {
    const user = request.user
    return (
        user !== null &&
        (user.authorities.includes('ALL') || authorities.some((a) => user.authorities.includes(a)))
    )
}

function readPayload(body: Buffer, media: string, options: ImportOptions): DataValueSetPayload {
    const content = decompress(body)
    if (media === 'application/xml' || media === 'text/xml') return parseXmlPayload(content)
    if (media !== 'application/csv') return parseJsonPayload(content)
    // The `dataSet` query parameter stands in for the data set a CSV file cannot carry.
    const payload = parseCsvPayload(content, options.firstRowIsHeader)
    payload.dataSet = options.dataSet
    return payload
}

/** Runs one import and renders its ImportSummary (the same object the async job keeps). */
export function runImport(
    request: SimRequest,
    options: ImportOptions,
    media: string,
    body: Buffer
): ImportSummary {
    const user = request.user
    let result: ImportResult
    if (!user) {
        result = failedImport('No current user')
    } else if (!READABLE.has(media)) {
        result = failedImport(`The simulator reads JSON, CSV and DXF2 XML data value sets only, not ${media}`)
    } else {
        try {
            const payload = readPayload(body, media, options)
            result = importDataValueSet(payload, {
                db: request.db,
                user,
                options,
                now: request.now(),
                minorVersion: minorVersion(request.serverVersion),
            })
        } catch (error) {
            if (!(error instanceof PayloadError) && !(error instanceof SyntaxError) && !isZlibError(error))
                throw error
            result = failedImport(error instanceof Error ? error.message : String(error))
        }
    }
    return summaryBody(
        {
            status: result.status,
            importOptions: options.echo,
            description: result.description,
            importCount: result.importCount,
            conflicts: result.conflicts,
            rejectedIndexes: result.rejectedIndexes,
            ...(result.dataSetComplete !== undefined ? { dataSetComplete: result.dataSetComplete } : {}),
        },
        minorVersion(request.serverVersion)
    )
}

function isZlibError(error: unknown): boolean {
    return (
        error instanceof Error &&
        'code' in error &&
        String((error as { code: unknown }).code).startsWith('Z_')
    )
}

export function postDataValueSets(request: SimRequest): SimResponse {
    if (!hasAnyAuthority(request, ['F_DATAVALUE_ADD'])) return accessDenied()
    const media = mediaType(request)
    if (!ACCEPTED.has(media)) {
        return webMessage(415, 'ERROR', `Content type '${media || 'application/octet-stream'}' not supported`)
    }
    let options: ImportOptions
    try {
        options = parseImportOptions(request.query, request.db.systemSettings)
    } catch (error) {
        if (error instanceof OptionError) return badRequest(error.message)
        throw error
    }
    if (!options.async) {
        return importSummaryResponse(
            runImport(request, options, media, request.body),
            request.serverVersion,
            request.apiVersion
        )
    }
    const minor = minorVersion(request.serverVersion)
    const modern = minor >= 41
    const body = Buffer.from(request.body)
    const job = startJob(
        request.db,
        'DATAVALUE_IMPORT',
        request.user,
        (progress) => {
            if (modern) {
                progress.notify('Data value set import', { dataType: 'PARAMETERS', data: options.echo })
                progress.notify('Loading file resource')
                progress.notify('Loading file content')
                progress.notify('Importing data...')
            } else {
                progress.notify('Process started')
                progress.notify('Importing data values')
            }
            return runImport(request, options, media, body)
        },
        {
            ...(modern ? {} : { name: 'dataValueImport' }),
            jobParameters: options.echo,
            now: request.now,
            completedMessage: (summary) =>
                modern
                    ? `Import complete with status ${summary.status}, ${summary.importCount.imported} created, ${summary.importCount.updated} updated, ${summary.importCount.deleted} deleted, ${summary.importCount.ignored} ignored`
                    : 'Import done',
            failedMessage: (error) =>
                modern
                    ? 'Import failed, no summary available'
                    : `Process failed: ${error instanceof Error ? error.message : String(error)}`,
        }
    )
    return jobConfigurationResponse(job, request.baseUrl)
}
