import { z } from 'zod'
import { useParsedQuery } from './use-parsed-query'

const ME_QUERY = {
    me: {
        resource: 'me',
        params: {
            fields: 'id,displayName,organisationUnits[id,displayName,level,path],dataViewOrganisationUnits[id,path]',
        },
    },
}

const orgUnitRefSchema = z.object({
    id: z.string(),
    displayName: z.string(),
    level: z.number().int(),
    path: z.string(),
})

const meSchema = z.object({
    me: z.object({
        id: z.string(),
        displayName: z.string().optional(),
        organisationUnits: z.array(orgUnitRefSchema),
        dataViewOrganisationUnits: z.array(z.object({ id: z.string(), path: z.string() })).optional(),
    }),
})

export interface CurrentUser {
    id: string
    name: string
    /** The user's own org units, highest level first. */
    orgUnits: Array<z.infer<typeof orgUnitRefSchema>>
    /** Roots of the user's area for analytics: data view org units, or the data capture ones when unset. */
    areaRoots: string[]
}

export function parseMe(data: unknown): CurrentUser {
    const { me } = meSchema.parse(data)
    return {
        id: me.id,
        name: me.displayName ?? '',
        orgUnits: [...me.organisationUnits].sort((a, b) => a.level - b.level),
        areaRoots: [...me.organisationUnits, ...(me.dataViewOrganisationUnits ?? [])].map((u) => u.id),
    }
}

const NO_VARIABLES = {}

/** The current user and their org units (the scorecard opens on the first one). */
export function useMe() {
    return useParsedQuery(ME_QUERY, NO_VARIABLES, parseMe)
}
