// The users the simulator authenticates: from the seed, with only a password hash kept.
import type { SeedUser, SimUser } from '../core/types.js'
import { hashPassword, sha256, verifyPassword, type PasswordHash } from './passwords.js'

interface UserRecord {
    user: SimUser
    password: PasswordHash
    disabled: boolean
}

export class UserRegistry {
    private readonly byUsername = new Map<string, UserRecord>()
    private readonly byId = new Map<string, UserRecord>()
    /** Digests of credentials already verified, so that Basic auth does not pay scrypt per request. */
    private readonly verified = new Map<string, string>()

    constructor(users: SeedUser[]) {
        for (const seedUser of users) this.add(seedUser)
    }

    add(seedUser: SeedUser): void {
        const { password, ...rest } = seedUser
        // Copies: settings change at run time and must not leak into the seed (reset() rebuilds from it).
        const user: SimUser = {
            ...rest,
            organisationUnits: [...rest.organisationUnits],
            dataViewOrganisationUnits: [...rest.dataViewOrganisationUnits],
            authorities: [...rest.authorities],
            userRoles: [...rest.userRoles],
            userGroups: [...rest.userGroups],
            settings: { ...rest.settings },
        }
        const record: UserRecord = { user, password: hashPassword(password), disabled: false }
        this.byUsername.set(user.username, record)
        this.byId.set(user.id, record)
    }

    all(): SimUser[] {
        return [...this.byUsername.values()].map((record) => record.user)
    }

    byName(username: string): SimUser | undefined {
        return this.byUsername.get(username)?.user
    }

    get(id: string): SimUser | undefined {
        return this.byId.get(id)?.user
    }

    /** The user if the password matches, else null (DHIS2 usernames are case-sensitive). */
    authenticate(username: string, password: string): SimUser | null {
        const record = this.byUsername.get(username)
        if (!record || record.disabled) return null
        const digest = sha256(`${username}\u0000${password}\u0000${record.password.salt}`)
        if (this.verified.get(username) === digest) return record.user
        if (!verifyPassword(password, record.password)) return null
        this.verified.set(username, digest)
        return record.user
    }
}

export function isSuperuser(user: SimUser): boolean {
    return user.authorities.includes('ALL')
}

export function hasAuthority(user: SimUser, authority: string): boolean {
    return user.authorities.includes('ALL') || user.authorities.includes(authority)
}
