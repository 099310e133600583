// The few DHIS2 calls metadata work needs (read with `fields`, POST /api/metadata, maintenance).
// A thin adapter over the bridge's DHIS2 client (bridge/src/dhis2/client.ts): this folder holds no
// HTTP logic of its own.
import type { AxiosRequestConfig } from 'axios'

export type QueryParams = Record<string, string | number | boolean | readonly string[]>

export interface ApiResponse {
    status: number
    data: unknown
}

export interface MetadataApi {
    get(path: string, params?: QueryParams): Promise<ApiResponse>
    post(path: string, body: unknown, params?: QueryParams): Promise<ApiResponse>
}

export class Dhis2HttpError extends Error {
    constructor(
        readonly status: number,
        readonly path: string,
        readonly body: unknown
    ) {
        super(`DHIS2 ${path}: HTTP ${status}`)
    }
}

function toSearchParams(params: QueryParams | undefined): URLSearchParams {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(params ?? {})) {
        if (Array.isArray(value)) for (const v of value) search.append(key, String(v))
        else search.append(key, String(value))
    }
    return search
}

/** The bridge's DHIS2 client (bridge/src/dhis2/client.ts) or anything with the same `request`. */
export interface RawClient {
    request(config: AxiosRequestConfig): Promise<{ status: number; data: unknown }>
}

/** Adapts the bridge's DHIS2 client (baseURL already ends in `/api/`). */
export function fromClient(client: RawClient): MetadataApi {
    return {
        get: async (path, params) => {
            const r = await client.request({ method: 'GET', url: path, params: toSearchParams(params) })
            return { status: r.status, data: r.data }
        },
        post: async (path, body, params) => {
            const r = await client.request({
                method: 'POST',
                url: path,
                params: toSearchParams(params),
                data: body,
                headers: { 'Content-Type': 'application/json' },
            })
            return { status: r.status, data: r.data }
        },
    }
}

/** Reads a whole collection page by page (`paging=false` is avoided on purpose: it can be huge). */
export async function listAll(
    api: MetadataApi,
    collection: string,
    fields: string,
    params: QueryParams = {},
    pageSize = 500
): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = []
    for (let page = 1; ; page++) {
        const response = await api.get(collection, { ...params, fields, page, pageSize })
        if (response.status !== 200) throw new Dhis2HttpError(response.status, collection, response.data)
        const body = response.data as Record<string, unknown>
        const items = body[collection]
        if (Array.isArray(items)) {
            for (const item of items) if (isRecord(item)) out.push(item)
        }
        const pager = body.pager as { pageCount?: number } | undefined
        if (pager === undefined || (pager.pageCount ?? 1) <= page) break
    }
    return out
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
}
