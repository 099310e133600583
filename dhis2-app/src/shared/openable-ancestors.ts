import type { OrgUnitWithFamily } from './use-org-unit'

/**
 * Which ancestors of the unit shown the user may open: from their own root down, never above it (DHIS2 would
 * refuse the analytics of a unit outside their hierarchy).
 */
export function openableAncestors(
    shown: OrgUnitWithFamily | undefined,
    userRoots: readonly string[]
): (id: string) => boolean {
    const firstOpenable = shown ? shown.ancestors.findIndex((a) => userRoots.includes(a.id)) : -1
    return (id) => {
        const index = shown?.ancestors.findIndex((a) => a.id === id) ?? -1
        return firstOpenable >= 0 && index >= firstOpenable
    }
}
