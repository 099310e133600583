// Per-entry sharing of /api/dataStore as DefaultDatastoreService applies it, release by release
// (docs/dhis2-api.md §9.3).
import { compareVersions, minorVersion } from '../server/context.js'
import type { DataStoreEntry, SimResponse } from '../core/types.js'
import { accessDenied, forbidden } from '../core/web-message.js'
import { canRead, canWrite, entrySharing, type AclSubject } from '../sharing/acl.js'

/**
 * From 2.39.5, 2.40.3 and 2.41.0 every entry's sharing is checked and key lists leave out what the user may
 * not read. Before, only namespaces protected with `sharingRespected` (an app's namespace) checked entries,
 * and lists showed every key.
 */
export function sharingInEveryNamespace(version: string): boolean {
    const minor = minorVersion(version)
    if (minor >= 41) return true
    if (minor === 40) return compareVersions(version, '2.40.3') >= 0
    if (minor === 39) return compareVersions(version, '2.39.5') >= 0
    return false
}

/** 2.41 updates an existing entry with a native SQL update that leaves `lastUpdated(By)` as they were;
 *  2.39 and 2.40 go through the Hibernate store, which sets both. */
export function putTouchesLastUpdated(version: string): boolean {
    return minorVersion(version) < 41
}

/** 2.41 binds PUT's body as optional: an empty body on an existing key deletes it (root set to null). */
export function emptyPutDeletes(version: string): boolean {
    return minorVersion(version) >= 41
}

/** `readProtectedIn`: 2.42 throws a ForbiddenException (E1006), older releases Spring's AccessDeniedException. */
export function readDenied(version: string, key: string, ns: string): SimResponse {
    const message = `Access denied for key '${key}' in namespace '${ns}'`
    return minorVersion(version) >= 42 ? forbidden(message, { errorCode: 'E1006' }) : accessDenied(message)
}

/** `writeProtectedIn`: an AccessDeniedException in every release. */
export function writeDenied(key: string, ns: string): SimResponse {
    return accessDenied(`Access denied for key '${key}' in namespace '${ns}'`)
}

export interface EntryGuard {
    /** Whether entries of this namespace are checked one by one. */
    checksEntries: boolean
    /** Whether key lists and `?fields=` queries leave out unreadable entries. */
    filtersLists: boolean
    mayRead(entry: DataStoreEntry): boolean
    mayWrite(entry: DataStoreEntry): boolean
}

export function entryGuard(
    version: string,
    namespaceRespectsSharing: boolean,
    subject: AclSubject
): EntryGuard {
    const everywhere = sharingInEveryNamespace(version)
    const checksEntries = everywhere || namespaceRespectsSharing
    return {
        checksEntries,
        filtersLists: everywhere,
        mayRead: (entry) => !checksEntries || canRead(subject, entrySharing(entry)),
        mayWrite: (entry) => !checksEntries || canWrite(subject, entrySharing(entry)),
    }
}

/** Key lists use an SQL filter (JpaQueryUtils.generateSQlQueryForSharingCheck with `r%`): the same rule
 *  as canRead for well-formed access strings. */
export function listable(guard: EntryGuard, entry: DataStoreEntry): boolean {
    return !guard.filtersLists || guard.mayRead(entry)
}
