// GET /api/dataStore/{ns}/{key}/metaData: the entry as DatastoreController#getEntryMetaData serialises it
// (docs/dhis2-api.md §9.1, §9.3).
import { dhis2Date } from '../core/dates.js'
import type { DataStoreEntry, SimUser } from '../core/types.js'
import { accessOf, entrySharing, type AclSubject } from '../sharing/acl.js'

/** UserPropertyTransformer.JacksonSerialize writes these five fields, `code` as null when unset. */
export function userReference(
    id: string,
    lookup: (id: string) => SimUser | undefined
): Record<string, unknown> {
    const user = lookup(id)
    if (!user) return { id }
    const name = `${user.firstName} ${user.surname}`
    return { id, code: null, name, displayName: name, username: user.username }
}

/** The entry without its value; Jackson leaves out null members (name, code, displayName, value). */
export function entryMetaData(
    entry: DataStoreEntry,
    subject: AclSubject,
    lookup: (id: string) => SimUser | undefined,
    /** 2.39's controller never set `access`, so Jackson left it out; 2.40 added aclService.getAccess. */
    withAccess = true
): Record<string, unknown> {
    const createdBy = userReference(entry.createdBy, lookup)
    const sharing = entrySharing(entry)
    return {
        created: dhis2Date(entry.created),
        lastUpdated: dhis2Date(entry.lastUpdated),
        createdBy,
        lastUpdatedBy: userReference(entry.lastUpdatedBy, lookup),
        // BaseIdentifiableObject#getSharing; `public` is left out when null, as Jackson does.
        sharing: {
            owner: sharing.owner ?? undefined,
            external: sharing.external,
            users: sharing.users,
            userGroups: sharing.userGroups,
            public: sharing.public ?? undefined,
        },
        // The deprecated `user` member repeats createdBy (BaseIdentifiableObject#getUser).
        user: createdBy,
        id: entry.id,
        namespace: entry.namespace,
        key: entry.key,
        access: withAccess ? accessOf(subject, sharing) : undefined,
    }
}
