// The one way the bridge reads a whole DHIS2 collection: page by page with explicit `fields`
// (`paging=false` is avoided on purpose: it can be huge), each page's list checked by an optional
// zod schema so an answer of another shape stops the run with a sentence, not a crash later on.
import { z } from 'zod'
import { isRecord } from '../core/is-record.js'
import { LocalizedError } from '../i18n/localized-error.js'
import { Dhis2Client, httpError } from './client.js'
import { toSearchParams, type MetadataApi, type QueryParams } from './metadata-api.js'

const pagerSchema = z.object({ pageCount: z.number().optional() }).loose()

export interface ListOptions<T> {
    params?: QueryParams
    pageSize?: number
    /** Each item's shape; without one, items that are not objects are skipped. */
    schema?: z.ZodType<T>
}

/**
 * Every item of `collection`. A Dhis2Client's reads are retried on outages (start-up, pre-flight);
 * a MetadataApi's are not (metadata commands say the status and stop).
 */
export async function listAll<T = Record<string, unknown>>(
    source: Dhis2Client | MetadataApi,
    collection: string,
    fields: string,
    options: ListOptions<T> = {}
): Promise<T[]> {
    const read = pageReader(source)
    const out: T[] = []
    for (let page = 1; ; page++) {
        const body = await read(collection, {
            ...options.params,
            fields,
            page,
            pageSize: options.pageSize ?? 500,
        })
        const list = isRecord(body) ? body[collection] : undefined
        out.push(...itemsOf(list, collection, options.schema))
        const pager = isRecord(body) ? pagerSchema.safeParse(body.pager) : undefined
        if (!pager?.success || pager.data.pageCount === undefined || page >= pager.data.pageCount) break
    }
    return out
}

function itemsOf<T>(list: unknown, collection: string, schema: z.ZodType<T> | undefined): T[] {
    if (schema === undefined) return Array.isArray(list) ? (list.filter(isRecord) as T[]) : []
    const parsed = z.array(schema).safeParse(list ?? [])
    if (!parsed.success) throw LocalizedError.of('DHIS2_UNEXPECTED_ANSWER', { what: collection })
    return parsed.data
}

type PageReader = (collection: string, params: QueryParams) => Promise<unknown>

function pageReader(source: Dhis2Client | MetadataApi): PageReader {
    if (source instanceof Dhis2Client)
        return (collection, params) => source.get(collection, toSearchParams(params))
    return async (collection, params) => {
        const response = await source.get(collection, params)
        if (response.status !== 200) throw httpError(response.status, response.data, collection)
        return response.data
    }
}
