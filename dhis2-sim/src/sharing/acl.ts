// DHIS2's access rules for a shareable object that needs no authority to create (the dataStore entry):
// DefaultAclService canRead/canWrite/getAccess as they reduce for such a schema (docs/dhis2-api.md §9.3).
import { simMetadata } from '../core/database.js'
import type { Database, DataStoreEntry, ObjectSharing, SimUser } from '../core/types.js'
import { isSuperuser } from '../auth/users.js'

/** `Access` of a metadata answer (no `data` part: dataStore entries are not data shareable). */
export interface ObjectAccess {
    manage: boolean
    externalize: boolean
    write: boolean
    read: boolean
    update: boolean
    delete: boolean
}

export type Permission = 'read' | 'write'

const POSITION: Record<Permission, { index: number; letter: string }> = {
    read: { index: 0, letter: 'r' },
    write: { index: 1, letter: 'w' },
}

/** AccessStringHelper.isValid: 8 characters, metadata `r`/`w` then data `r`/`w`, ending in `----`. */
export function isValidAccessString(access: string | null | undefined): boolean {
    if (access === null || access === undefined) return true
    return /^[r-][w-][r-][w-]----$/.test(access)
}

/** AccessStringHelper.isEnabled: a null string enables everything, an invalid one nothing. */
export function isEnabled(access: string | null | undefined, permission: Permission): boolean {
    if (access === null || access === undefined) return true
    if (!isValidAccessString(access)) return false
    const { index, letter } = POSITION[permission]
    return access.charAt(index) === letter
}

/** AccessStringHelper.disableDataSharing, applied to every access of a non data-shareable type. */
export function withoutDataSharing(access: string | null): string | null {
    return access === null ? null : `${access.slice(0, 2)}--${access.slice(4)}`
}

/** What a new entry gets (HibernateIdentifiableObjectStore.save: owner = creator; public `rw------`
 *  because the dataStore schema has no create-public authority and is not default-private). */
export function defaultSharing(ownerId: string): ObjectSharing {
    return { owner: ownerId, public: 'rw------', external: false, users: {}, userGroups: {} }
}

/** An entry's own sharing, else its creator's default (entries journaled before sharing was modelled
 *  have none). */
export function entrySharing(entry: DataStoreEntry): ObjectSharing {
    return entry.sharing ?? defaultSharing(entry.createdBy)
}

/** The groups a user belongs to: the user groups whose `users` list them, as DHIS2 stores membership. */
export function userGroupIds(db: Database, user: SimUser): Set<string> {
    const ids = new Set(user.userGroups)
    for (const group of simMetadata(db).list('userGroups')) {
        const members = group.users
        if (Array.isArray(members) && members.some((member) => refId(member) === user.id)) ids.add(group.id)
    }
    return ids
}

function refId(value: unknown): string | undefined {
    if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') {
        return (value as { id: string }).id
    }
    return undefined
}

/** DefaultAclService.checkSharingPermission: public, then a group of the user, then the user. */
function sharingGrants(
    user: SimUser,
    groups: Set<string>,
    sharing: ObjectSharing,
    permission: Permission
): boolean {
    if (isEnabled(sharing.public, permission)) return true
    for (const access of Object.values(sharing.userGroups)) {
        if (groups.has(access.id) && isEnabled(access.access, permission)) return true
    }
    for (const access of Object.values(sharing.users)) {
        if (access.id === user.id && isEnabled(access.access, permission)) return true
    }
    return false
}

/** checkMetadataSharingPermission: the owner (or an object without owner) passes before sharing. */
function metadataPermission(
    user: SimUser,
    groups: Set<string>,
    sharing: ObjectSharing,
    permission: Permission
): boolean {
    return (
        sharing.owner === null ||
        sharing.owner === user.id ||
        sharingGrants(user, groups, sharing, permission)
    )
}

export interface AclSubject {
    user: SimUser
    groups: Set<string>
}

export function aclSubject(db: Database, user: SimUser): AclSubject {
    return { user, groups: userGroupIds(db, user) }
}

/** canRead: superusers (ALL) always; a null public string lets everyone read. */
export function canRead(subject: AclSubject, sharing: ObjectSharing): boolean {
    if (isSuperuser(subject.user)) return true
    return sharing.public === null || metadataPermission(subject.user, subject.groups, sharing, 'read')
}

/** canWrite (= canUpdate = canManage here): checkSharingAccess refuses an external object to anyone
 *  who may not externalise, which for the dataStore schema is every non-superuser. */
export function canWrite(subject: AclSubject, sharing: ObjectSharing): boolean {
    if (isSuperuser(subject.user)) return true
    if (sharing.external) return false
    return metadataPermission(subject.user, subject.groups, sharing, 'write')
}

/** canDelete: as canWrite, except that a null public string lets everyone delete. */
export function canDelete(subject: AclSubject, sharing: ObjectSharing): boolean {
    return sharing.public === null || canWrite(subject, sharing)
}

/** DefaultAclService.getAccess; `externalize` is false for every non-superuser (no EXTERNALIZE authority). */
export function accessOf(subject: AclSubject, sharing: ObjectSharing): ObjectAccess {
    if (isSuperuser(subject.user)) {
        return { manage: true, externalize: true, write: true, read: true, update: true, delete: true }
    }
    const write = canWrite(subject, sharing)
    return {
        manage: write,
        externalize: false,
        write,
        read: canRead(subject, sharing),
        update: write,
        delete: canDelete(subject, sharing),
    }
}
