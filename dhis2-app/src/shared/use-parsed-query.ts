import { useDataQuery } from '@dhis2/app-runtime'
import { useEffect, useMemo } from 'react'
import { toUserFacingError, type UserFacingError } from './errors'

type Query = Parameters<typeof useDataQuery>[0]
type Variables = Record<string, unknown>

export interface ParsedQueryState<T> {
    /** True until the first answer for the current variables has arrived. */
    loading: boolean
    /** True while any request runs (also when refreshing data already shown). */
    fetching: boolean
    error: UserFacingError | null
    data: T | undefined
}

/**
 * Runs a module-scope query once its variables are known (null = not yet) and again whenever they change,
 * then parses the answer at the boundary so components only see domain objects.
 */
export function useParsedQuery<T>(
    query: Query,
    variables: Variables | null,
    parse: (data: unknown) => T
): ParsedQueryState<T> {
    const { called, loading, fetching, error, data, refetch } = useDataQuery(query, { lazy: true })
    const key = variables === null ? null : JSON.stringify(variables)

    useEffect(() => {
        if (key === null) return
        const parsedVariables: unknown = JSON.parse(key)
        if (typeof parsedVariables === 'object' && parsedVariables !== null) {
            void refetch(Object.fromEntries(Object.entries(parsedVariables)))
        }
        // refetch keeps its identity for the life of the hook: the key is what starts a request
    }, [key, refetch])

    const parsed = useMemo((): { value?: T; error?: unknown } => {
        if (data === undefined) return {}
        try {
            return { value: parse(data) }
        } catch (e) {
            return { error: e }
        }
    }, [data, parse])

    const failure = error ?? parsed.error
    return {
        loading: key !== null && (!called || loading) && failure === undefined,
        fetching: key !== null && (fetching || !called),
        error: failure === undefined ? null : toUserFacingError(failure),
        data: parsed.value,
    }
}
