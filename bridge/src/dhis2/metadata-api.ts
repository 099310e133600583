// The few DHIS2 calls metadata work needs (read with `fields`, POST /api/metadata, maintenance), as an
// interface so a test can record what was sent. A thin adapter over the client (client.ts): every
// HTTP exchange of the bridge goes through that one class.
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

/** Repeated keys (`filter=a&filter=b`) as DHIS2 reads them, not axios's `filter[]=`. */
export function toSearchParams(params: QueryParams | undefined): URLSearchParams {
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(params ?? {})) {
        if (Array.isArray(value)) for (const v of value) search.append(key, String(v))
        else search.append(key, String(value))
    }
    return search
}

/** The bridge's DHIS2 client (client.ts) or anything with the same `request`. */
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
