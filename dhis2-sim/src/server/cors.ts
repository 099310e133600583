// CORS as DHIS2's CorsFilter does it (docs/dhis2-api.md §12.5): only requests with an Origin are touched; an
// allowed origin is echoed with credentials; preflights are answered 204 before authentication.

export class CorsPolicy {
    constructor(
        public allowlist: string[],
        private readonly ownOrigin: () => string
    ) {}

    isAllowed(origin: string): boolean {
        if (origin === this.ownOrigin()) return true
        return this.allowlist.some((entry) => globMatch(entry, origin))
    }

    /** Headers for an ordinary request; empty when the origin is absent or not allowed. */
    headers(origin: string | undefined): Record<string, string> {
        if (!origin || !this.isAllowed(origin)) return {}
        return {
            'Access-Control-Allow-Credentials': 'true',
            'Access-Control-Allow-Origin': origin,
            Vary: 'Origin',
            'Access-Control-Expose-Headers': 'ETag, Location',
        }
    }

    preflightHeaders(
        origin: string,
        requestMethod: string,
        requestHeaders: string | undefined
    ): Record<string, string> {
        const headers: Record<string, string> = {
            ...this.headers(origin),
            'Access-Control-Allow-Methods': requestMethod,
            'Access-Control-Max-Age': '3600',
        }
        if (requestHeaders) headers['Access-Control-Allow-Headers'] = requestHeaders
        return headers
    }
}

function globMatch(pattern: string, value: string): boolean {
    const regex = new RegExp(
        '^' +
            pattern
                .split('*')
                .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
                .join('.*') +
            '$'
    )
    return regex.test(value)
}
