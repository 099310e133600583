// Matches `/api/` paths against route patterns (`:name` segments, optional trailing `*`).
// The most specific pattern wins, so literal routes such as `dataStore` beat `:collection`.
import type { Route } from '../core/types.js'

interface CompiledRoute {
    route: Route
    segments: string[]
    wildcard: boolean
    literalCount: number
}

export interface RouteMatch {
    route: Route
    params: Record<string, string>
    /** The path the pattern matched (with or without the format suffix). */
    path: string
    format: string | null
}

export type MatchResult =
    { kind: 'match'; match: RouteMatch } | { kind: 'methodNotAllowed' } | { kind: 'none' }

const FORMAT_SUFFIX = /\.(json|csv|xml)$/

function compile(route: Route): CompiledRoute {
    let pattern = route.pattern.replace(/^\/+/, '')
    const wildcard = pattern.endsWith('*')
    if (wildcard) pattern = pattern.slice(0, -1).replace(/\/+$/, '')
    const segments = pattern === '' ? [] : pattern.split('/')
    return { route, segments, wildcard, literalCount: segments.filter((s) => !s.startsWith(':')).length }
}

function matchSegments(compiled: CompiledRoute, parts: string[]): Record<string, string> | null {
    if (
        compiled.wildcard
            ? parts.length < compiled.segments.length
            : parts.length !== compiled.segments.length
    ) {
        return null
    }
    const params: Record<string, string> = {}
    for (let i = 0; i < compiled.segments.length; i++) {
        const segment = compiled.segments[i] as string
        const part = parts[i] as string
        if (segment.startsWith(':')) {
            if (part === '') return null
            params[segment.slice(1)] = part
        } else if (segment !== part) return null
    }
    if (compiled.wildcard) params['*'] = parts.slice(compiled.segments.length).join('/')
    return params
}

function specificity(a: CompiledRoute, b: CompiledRoute): number {
    if (a.literalCount !== b.literalCount) return b.literalCount - a.literalCount
    if (a.wildcard !== b.wildcard) return a.wildcard ? 1 : -1
    return b.segments.length - a.segments.length
}

export class Router {
    private readonly compiled: CompiledRoute[]

    constructor(routes: Route[]) {
        this.compiled = routes.map(compile).sort(specificity)
    }

    /** `path` is what follows `/api/` or `/api/<NN>/`, still percent-encoded. */
    match(method: string, path: string): MatchResult {
        const suffix = FORMAT_SUFFIX.exec(path)
        const stripped = suffix ? path.slice(0, -suffix[0].length) : path
        const format = suffix ? (suffix[1] as string) : null
        const wanted = method === 'HEAD' ? 'GET' : method
        let methodMismatch = false
        const rawParts = path.split('/').map(decodeSegment)
        const strippedParts = stripped.split('/').map(decodeSegment)
        // One pass in specificity order, each route seeing the path form it asked for.
        for (const compiled of this.compiled) {
            const raw = Boolean(compiled.route.rawPath)
            const params = matchSegments(compiled, raw ? rawParts : strippedParts)
            if (!params) continue
            if (compiled.route.method !== wanted) {
                methodMismatch = true
                continue
            }
            return {
                kind: 'match',
                match: {
                    route: compiled.route,
                    params,
                    path: raw ? path : stripped,
                    format: raw ? null : format,
                },
            }
        }
        return methodMismatch ? { kind: 'methodNotAllowed' } : { kind: 'none' }
    }
}

function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment)
    } catch {
        return segment
    }
}

/** Splits `/api/41/dataValueSets.json` into the API version and the rest; null if not an API path. */
export function parseApiPath(pathname: string): { apiVersion: number | null; rest: string } | null {
    if (pathname === '/api' || pathname === '/api/') return { apiVersion: null, rest: '' }
    if (!pathname.startsWith('/api/')) return null
    const rest = pathname.slice(5)
    const versioned = /^(\d{2})(?:\/(.*))?$/.exec(rest)
    if (versioned) {
        const version = Number(versioned[1])
        if (version >= 28 && version <= 45) return { apiVersion: version, rest: versioned[2] ?? '' }
    }
    return { apiVersion: null, rest }
}
