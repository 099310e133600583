import { z } from 'zod'
import { useParsedQuery } from './use-parsed-query'

const ORG_UNIT_QUERY = {
    orgUnit: {
        resource: 'organisationUnits',
        id: (variables: Record<string, unknown>) => z.string().parse(variables.id),
        params: {
            fields: 'id,displayName,level,path,ancestors[id,displayName,level],children[id,displayName,level,path]',
        },
    },
}

const refSchema = z.object({ id: z.string(), displayName: z.string(), level: z.number().int() })

const orgUnitSchema = z.object({
    orgUnit: refSchema.extend({
        path: z.string(),
        ancestors: z.array(refSchema).optional(),
        children: z.array(refSchema.extend({ path: z.string().optional() })).optional(),
    }),
})

export interface OrgUnitRef {
    id: string
    name: string
    level: number
}

export interface OrgUnitWithFamily extends OrgUnitRef {
    path: string
    /** Root first, self excluded (breadcrumbs). */
    ancestors: OrgUnitRef[]
    /** Sorted by name, French collation. */
    children: OrgUnitRef[]
}

const ref = (u: z.infer<typeof refSchema>): OrgUnitRef => ({ id: u.id, name: u.displayName, level: u.level })

export function parseOrgUnit(data: unknown): OrgUnitWithFamily {
    const { orgUnit } = orgUnitSchema.parse(data)
    // Some DHIS2 versions omit ancestors in nested field lists: rebuild the order from the path then.
    const ancestors = [...(orgUnit.ancestors ?? [])].sort((a, b) => a.level - b.level).map(ref)
    const children = (orgUnit.children ?? []).map(ref).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    return { ...ref(orgUnit), path: orgUnit.path, ancestors, children }
}

/** Used only if DHIS2 leaves the ancestors out: the app is built for Mali's hierarchy. */
const DEFAULT_COUNTRY = 'Mali'

/**
 * The country's name (the root org unit's display name), to label survey values, which are national
 * whatever org unit is selected.
 */
export function countryName(unit: Pick<OrgUnitWithFamily, 'name' | 'level' | 'ancestors'>): string {
    if (unit.level === 1) return unit.name
    return unit.ancestors.find((a) => a.level === 1)?.name ?? DEFAULT_COUNTRY
}

/** The selected org unit with its ancestors (breadcrumbs) and children (drill-down rows). */
export function useOrgUnit(id: string | null) {
    return useParsedQuery(ORG_UNIT_QUERY, id === null ? null : { id }, parseOrgUnit)
}
