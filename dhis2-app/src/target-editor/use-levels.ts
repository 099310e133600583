import { z } from 'zod'
import { useParsedQuery } from '../shared/use-parsed-query'
import type { OrgUnitRef } from './target-set-csv'

// Targets are set for the country, a region or a district: the three top levels of the hierarchy.
const LEVELS_QUERY = {
    units: {
        resource: 'organisationUnits',
        params: { filter: 'level:le:3', fields: 'id,displayName,level,parent[id]', paging: 'false' },
    },
}

const unitsSchema = z.object({
    units: z.object({
        organisationUnits: z.array(
            z.object({
                id: z.string(),
                displayName: z.string(),
                level: z.number().int(),
                parent: z.object({ id: z.string() }).nullish(),
            })
        ),
    }),
})

export interface Levels {
    country: { id: string; name: string } | null
    regions: Array<{ id: string; name: string }>
    districtsOf: (regionId: string) => Array<{ id: string; name: string }>
    /** Regions and districts by uid, with the levels they inherit from. */
    byId: Map<string, OrgUnitRef & { level: number; parentId: string | null }>
}

export function parseLevels(data: unknown): Levels {
    const units = unitsSchema.parse(data).units.organisationUnits
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr')
    const countryUnit = units.find((u) => u.level === 1)
    const byId: Levels['byId'] = new Map()
    for (const u of units.filter((x) => x.level === 2)) {
        byId.set(u.id, {
            id: u.id,
            name: u.displayName,
            level: 2,
            parentId: u.parent?.id ?? null,
            above: [null],
        })
    }
    for (const u of units.filter((x) => x.level === 3)) {
        const parentId = u.parent?.id ?? null
        byId.set(u.id, {
            id: u.id,
            name: u.displayName,
            level: 3,
            parentId,
            above: parentId === null ? [null] : [null, parentId],
        })
    }
    const all = [...byId.values()]
    return {
        country: countryUnit ? { id: countryUnit.id, name: countryUnit.displayName } : null,
        regions: all.filter((u) => u.level === 2).sort(byName),
        districtsOf: (regionId) => all.filter((u) => u.level === 3 && u.parentId === regionId).sort(byName),
        byId,
    }
}

const NO_VARIABLES = {}

/** The country, its regions and districts: the levels a target can be set for. */
export function useLevels() {
    return useParsedQuery(LEVELS_QUERY, NO_VARIABLES, parseLevels)
}
