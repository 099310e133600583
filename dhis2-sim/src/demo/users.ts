// Demo users and user roles, read from fixtures/demo-db/users.json (the table of docs/data-model.md).
import rawUsers from '../../../fixtures/demo-db/users.json' with { type: 'json' }
import { uidFromCode } from '../../../mappings/src/uid.js'
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

/** The planners' group: the app shares its target set `rw------` with it (docs/dhis2-api.md §9.3). */
const DEMO_USER_GROUPS = [
    {
        code: 'ODD3_PLANIFICATEURS',
        name: 'Planificateurs ODD 3 (CPS)',
        members: ['planificateur'],
    },
] as const

const ADMIN_ID = 'M5zQapPyTZI'

function userId(user: UserJson): string {
    return user.id ?? uidFromCode('user', user.username)
}

/** User groups with their members (`users`, the side DHIS2 stores). Public read only, so that every user can
 *  see the group (as in sharing dialogs) while only an administrator changes who is in it. */
export function demoUserGroups(): MetadataObject[] {
    const raw: UsersJson = rawUsers
    return DEMO_USER_GROUPS.map((group) => ({
        id: uidFromCode('userGroup', group.code),
        code: group.code,
        name: group.name,
        users: group.members.map((username) => {
            const user = raw.users.find((candidate) => candidate.username === username)
            if (!user) throw new Error(`users.json: utilisateur inconnu / unknown user ${username}`)
            return { id: userId(user) }
        }),
        sharing: { owner: ADMIN_ID, public: 'r-------', external: false, users: {}, userGroups: {} },
    }))
}

function groupsOf(username: string): string[] {
    return DEMO_USER_GROUPS.filter((group) => (group.members as readonly string[]).includes(username)).map(
        (group) => uidFromCode('userGroup', group.code)
    )
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
            userGroups: groupsOf(user.username),
            settings: { ...user.settings },
        }
    })
}
