// Demo users and user roles, read from fixtures/demo-db/users.json (the table of docs/data-model.md).
import rawUsers from '../../../fixtures/demo-db/users.json' with { type: 'json' }
import { uidFromCode } from '@odd3/mappings/uid'
import type { MetadataObject, SeedUser } from '../core/types.js'

interface RoleJson {
    code: string
    name: string
    description: string
    authorities: string[]
}
interface UserJson {
    username: string
    id?: string
    password: string
    firstName: string
    surname: string
    roles: string[]
    organisationUnits: string[]
    dataViewOrganisationUnits: string[]
    settings: Record<string, string>
}
interface UsersJson {
    userRoles: RoleJson[]
    users: UserJson[]
}

/** The name DHIS2 derives for an app's access authority from its short name (App.getSeeAppAuthority). */
export const APP_AUTHORITY = 'M_odd3scorecard'

/**
 * Members of the package's user groups in the demo database (docs/data-model.md): the groups themselves come
 * with the metadata package, as a real server gets them from the bridge's `metadata install`.
 */
export const DEMO_GROUP_MEMBERS: Readonly<Record<string, readonly string[]>> = {
    // The app shares its target set `rw------` with this group (docs/dhis2-api.md §9.3).
    ODD3_PLANIFICATEURS: ['planificateur'],
}

function userId(user: UserJson): string {
    return user.id ?? uidFromCode('user', user.username)
}

export function demoUserRoles(): MetadataObject[] {
    const raw: UsersJson = rawUsers
    return raw.userRoles.map((role) => ({
        id: uidFromCode('userRole', role.code),
        code: role.code,
        name: role.name,
        description: role.description,
        authorities: [...role.authorities],
    }))
}

export function demoUsers(): SeedUser[] {
    const raw: UsersJson = rawUsers
    const roles = new Map(raw.userRoles.map((role) => [role.code, role]))
    return raw.users.map((user) => {
        const authorities = new Set<string>()
        for (const code of user.roles) {
            const role = roles.get(code)
            if (!role) throw new Error(`users.json: rôle inconnu / unknown role ${code}`)
            for (const authority of role.authorities) authorities.add(authority)
        }
        return {
            id: userId(user),
            username: user.username,
            password: user.password,
            firstName: user.firstName,
            surname: user.surname,
            organisationUnits: user.organisationUnits.map((code) => uidFromCode('organisationUnit', code)),
            dataViewOrganisationUnits: user.dataViewOrganisationUnits.map((code) =>
                uidFromCode('organisationUnit', code)
            ),
            authorities: [...authorities].sort(),
            userRoles: user.roles.map((code) => uidFromCode('userRole', code)),
            userGroups: [],
            settings: { ...user.settings },
        }
    })
}
