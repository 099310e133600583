import { z } from 'zod'
import { useParsedQuery } from '../shared/use-parsed-query'
import { PLANNERS_GROUP_CODE } from '../progress/target-record'

const PLANNER_QUERY = {
    me: { resource: 'me', params: { fields: 'id,displayName,userGroups[id]' } },
    groups: {
        resource: 'userGroups',
        params: { filter: `code:eq:${PLANNERS_GROUP_CODE}`, fields: 'id', paging: 'false' },
    },
}

const plannerSchema = z.object({
    me: z.object({ id: z.string(), userGroups: z.array(z.object({ id: z.string() })).default([]) }),
    groups: z.object({ userGroups: z.array(z.object({ id: z.string() })) }),
})

export interface PlannerAccess {
    /** Uid of the planners' group; null when the metadata package has not been installed. */
    groupId: string | null
    /** Whether to offer editing. DHIS2's sharing is the real guard (a write by anyone else gets 403). */
    isPlanner: boolean
}

export function parsePlanner(data: unknown): PlannerAccess {
    const { me, groups } = plannerSchema.parse(data)
    const groupId = groups.userGroups[0]?.id ?? null
    return { groupId, isPlanner: groupId !== null && me.userGroups.some((g) => g.id === groupId) }
}

const NO_VARIABLES = {}

/** Whether the current user is one of the planners (member of the ODD3_PLANIFICATEURS group). */
export function usePlanner() {
    return useParsedQuery(PLANNER_QUERY, NO_VARIABLES, parsePlanner)
}
