import { z } from 'zod'
import { useParsedQuery } from '../shared/use-parsed-query'

const SEARCH_QUERY = {
    results: {
        resource: 'organisationUnits',
        params: (variables: Record<string, unknown>) => ({
            query: z.string().parse(variables.text),
            withinUserHierarchy: true,
            fields: 'id,displayName,path,level',
            order: 'level:asc',
            pageSize: 20,
        }),
    },
}

const searchSchema = z.object({
    results: z.object({
        organisationUnits: z.array(
            z.object({ id: z.string(), displayName: z.string(), path: z.string(), level: z.number().int() })
        ),
    }),
})

export interface OrgUnitMatch {
    id: string
    name: string
    path: string
    level: number
}

export function parseSearch(data: unknown): OrgUnitMatch[] {
    return searchSchema.parse(data).results.organisationUnits.map((u) => ({
        id: u.id,
        name: u.displayName,
        path: u.path,
        level: u.level,
    }))
}

/** Org units within the user's hierarchy whose name or code matches (from two characters on). */
export function useOrgUnitSearch(text: string) {
    const trimmed = text.trim()
    return useParsedQuery(SEARCH_QUERY, trimmed.length >= 2 ? { text: trimmed } : null, parseSearch)
}
