// Injected faults and latency for tests and benchmarks. The draw is a seeded PRNG so that a run with
// the same options fails the same requests.
import type { FaultOptions } from '../core/types.js'

export type FaultKind = FaultOptions['kinds'][number]

/** mulberry32: tiny, fast and good enough for picking which request fails. */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0
    return () => {
        state = (state + 0x6d2b79f5) >>> 0
        let t = state
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}

export class FaultInjector {
    private faults: FaultOptions | null = null
    private random: () => number = mulberry32(1)
    latencyMs = 0

    constructor(faults: FaultOptions | null | undefined, latencyMs: number | undefined) {
        this.set(faults ?? null)
        this.latencyMs = latencyMs ?? 0
    }

    set(faults: FaultOptions | null): void {
        this.faults = faults
        this.random = mulberry32(faults?.seed ?? 1)
    }

    get current(): FaultOptions | null {
        return this.faults
    }

    /** The fault to inject for an API path (after `/api/[NN/]`), or null. */
    draw(path: string): { kind: FaultKind; afterProcessing: boolean } | null {
        const faults = this.faults
        if (!faults || faults.rate <= 0 || faults.kinds.length === 0) return null
        if (
            faults.paths &&
            faults.paths.length > 0 &&
            !faults.paths.some((prefix) => path.startsWith(prefix))
        ) {
            return null
        }
        if (this.random() >= faults.rate) return null
        const kind = faults.kinds[Math.floor(this.random() * faults.kinds.length)] ?? faults.kinds[0]
        if (!kind) return null
        return { kind, afterProcessing: kind === 'drop' && Boolean(faults.dropAfterProcessing) }
    }
}

/** The body a 5xx fault answers with: HTML as a proxy or Tomcat would, JSON when asked for JSON. */
export function faultResponse(
    kind: '500' | '502' | '503' | '429',
    acceptsJson: boolean
): { status: number; headers: Record<string, string>; body: string } {
    const status = Number(kind)
    const headers: Record<string, string> = {}
    if (kind === '429') headers['Retry-After'] = '1'
    if (kind === '500' && acceptsJson) {
        headers['Content-Type'] = 'application/json;charset=UTF-8'
        return {
            status,
            headers,
            body: JSON.stringify({
                httpStatus: 'Internal Server Error',
                httpStatusCode: 500,
                status: 'ERROR',
                message: 'An unexpected error occurred (simulated fault)',
            }),
        }
    }
    const titles: Record<string, string> = {
        '500': 'HTTP Status 500 – Internal Server Error',
        '502': '502 Bad Gateway',
        '503': '503 Service Temporarily Unavailable',
        '429': '429 Too Many Requests',
    }
    const title = titles[kind] ?? String(status)
    headers['Content-Type'] = 'text/html;charset=utf-8'
    return {
        status,
        headers,
        body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    }
}
