// `--gzip`: compression as the reverse proxy in front of DHIS2 usually does it (nginx `gzip on; gzip_vary on;`
// with the text types, or Tomcat's `compression="on"`). DHIS2 itself never compresses its answers.
import { gzipSync } from 'node:zlib'

/** Types a DHIS2 front compresses (nginx `gzip_types` of the usual DHIS2 set-ups, plus text/html). */
const COMPRESSIBLE =
    /^(text\/(html|css|plain|javascript|csv|xml)|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)\b/i

/** Below this, gzip's header costs more than it saves (nginx's `gzip_min_length` in such set-ups). */
const MIN_LENGTH = 256

/** The app's files are the same Buffers at every request: compress each once. */
const cache = new WeakMap<Buffer, Buffer>()

type Headers = Record<string, string | string[]>

function find(headers: Headers, name: string): string | undefined {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
    if (key === undefined) return undefined
    const value = headers[key]
    return Array.isArray(value) ? value.join(', ') : value
}

function set(headers: Headers, name: string, value: string): void {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key]
    headers[name] = value
}

/** Whether the client accepts gzip (`gzip;q=0` refuses it). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
    if (!acceptEncoding) return false
    return acceptEncoding.split(',').some((part) => {
        const [coding, ...params] = part.trim().split(';')
        if (coding?.trim().toLowerCase() !== 'gzip' && coding?.trim() !== '*') return false
        const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined)
        return q === undefined || Number(q) > 0
    })
}

/** Compresses an answer like the proxy would: the headers are changed in place, the body returned. */
export function gzipAnswer(
    status: number,
    headers: Headers,
    payload: Buffer | string | undefined,
    acceptEncoding: string | undefined
): Buffer | string | undefined {
    if (payload === undefined || status === 204 || status === 304) return payload
    if (find(headers, 'content-encoding') !== undefined) return payload // already labelled: nginx passes it on
    if (!COMPRESSIBLE.test(find(headers, 'content-type') ?? '')) return payload
    if (Buffer.byteLength(payload) < MIN_LENGTH) return payload
    const vary = find(headers, 'vary')
    if (!vary?.toLowerCase().includes('accept-encoding')) {
        set(headers, 'Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding')
    }
    if (!acceptsGzip(acceptEncoding)) return payload
    let compressed = Buffer.isBuffer(payload) ? cache.get(payload) : undefined
    if (!compressed) {
        compressed = gzipSync(payload, { level: 6 })
        if (Buffer.isBuffer(payload)) cache.set(payload, compressed)
    }
    set(headers, 'Content-Encoding', 'gzip')
    // nginx weakens a strong ETag of a body it compresses: the bytes sent are no longer the ones tagged.
    const etag = find(headers, 'etag')
    if (etag !== undefined && !etag.startsWith('W/')) set(headers, 'ETag', `W/${etag}`)
    return compressed
}
