// Who may see what: an org unit is in a user's scope when its path (`/ML/ML-3/…/FS-C5-011`, UIDs) goes
// through one of the user's data-capture org units. The one rule every page and submission obeys.
import type { MetadataIndex } from '../metadata-snapshot/index.js'

export interface ScopedUser {
    orgUnits: ReadonlyArray<{ id: string }>
}

/** Whether an org unit with this path is the user's, or below one of the user's org units. */
export function pathInScope(path: string, user: ScopedUser): boolean {
    // one of the path's `/`-separated segments is the id: looked up in place, as every page runs this
    // over all the metadata's org units
    return user.orgUnits.some((ou) => hasSegment(path, ou.id))
}

function hasSegment(path: string, id: string): boolean {
    if (id.length === 0 || id.includes('/')) return false
    for (let at = path.indexOf(id); at >= 0; at = path.indexOf(id, at + 1)) {
        const end = at + id.length
        if ((at === 0 || path[at - 1] === '/') && (end === path.length || path[end] === '/')) return true
    }
    return false
}

/**
 * The org units (UIDs) of `orgUnitIds` outside the user's scope, sorted. An org unit the metadata does
 * not know is outside: nothing unknown is let through.
 */
export function outsideScope(
    orgUnitIds: Iterable<string>,
    metadata: MetadataIndex,
    user: ScopedUser
): string[] {
    const outside = new Set<string>()
    for (const id of orgUnitIds) {
        const ou = metadata.orgUnit(id)
        if (!ou || ou.id !== id || !pathInScope(ou.path, user)) outside.add(id)
    }
    return [...outside].sort()
}

/** Every org unit of the metadata in the user's scope (a clinic: itself; a district: its facilities). */
export function orgUnitsInScope(metadata: MetadataIndex, user: ScopedUser) {
    return metadata.snapshot.organisationUnits.filter((ou) => pathInScope(ou.path, user))
}
