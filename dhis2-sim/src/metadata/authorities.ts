// Who may create, update and delete metadata: DefaultAclService#canCreate/#canUpdate/#canDelete with the
// authorities of each type's SchemaDescriptor in 2.41.3 (docs/dhis2-api.md §8.4). A type is shareable when its
// Hibernate mapping has a `sharing` column (Schema#isShareable).
import { isSuperuser } from '../auth/users.js'
import type { MetadataCollection, MetadataObject, SimUser } from '../core/types.js'

interface TypeAuthorities {
    shareable: boolean
    /** AuthorityType.CREATE */
    create?: string[]
    /** AuthorityType.CREATE_PUBLIC and CREATE_PRIVATE */
    createPublic?: string[]
    createPrivate?: string[]
    /** AuthorityType.DELETE */
    remove?: string[]
}

const shared = (prefix: string): TypeAuthorities => ({
    shareable: true,
    createPublic: [`F_${prefix}_PUBLIC_ADD`],
    createPrivate: [`F_${prefix}_PRIVATE_ADD`],
    remove: [`F_${prefix}_DELETE`],
})

export const TYPE_AUTHORITIES: Record<MetadataCollection, TypeAuthorities> = {
    organisationUnits: {
        shareable: false,
        create: ['F_ORGANISATIONUNIT_ADD'],
        remove: ['F_ORGANISATIONUNIT_DELETE'],
    },
    organisationUnitLevels: {
        shareable: false,
        create: ['F_ORGANISATIONUNITLEVEL_UPDATE'],
        remove: ['F_ORGANISATIONUNITLEVEL_UPDATE'],
    },
    organisationUnitGroups: shared('ORGUNITGROUP'),
    organisationUnitGroupSets: shared('ORGUNITGROUPSET'),
    categoryOptions: shared('CATEGORY_OPTION'),
    categories: shared('CATEGORY'),
    categoryCombos: shared('CATEGORY_COMBO'),
    categoryOptionCombos: {
        shareable: false,
        create: ['F_CATEGORY_COMBO_PUBLIC_ADD', 'F_CATEGORY_COMBO_PRIVATE_ADD'],
        remove: ['F_CATEGORY_COMBO_DELETE'],
    },
    dataElements: shared('DATAELEMENT'),
    dataElementGroups: shared('DATAELEMENTGROUP'),
    dataSets: shared('DATASET'),
    indicatorTypes: { shareable: false, create: ['F_INDICATORTYPE_ADD'], remove: ['F_INDICATORTYPE_DELETE'] },
    indicators: shared('INDICATOR'),
    indicatorGroups: shared('INDICATORGROUP'),
    // Shareable, but its descriptor only has CREATE: no public/private authority guards it.
    constants: { shareable: true, create: ['F_CONSTANT_ADD'], remove: ['F_CONSTANT_DELETE'] },
    userRoles: shared('USERROLE'),
    userGroups: shared('USERGROUP'),
    users: {
        shareable: false,
        create: ['F_USER_ADD', 'F_USER_ADD_WITHIN_MANAGED_GROUP'],
        remove: ['F_USER_DELETE', 'F_USER_DELETE_WITHIN_MANAGED_GROUP'],
    },
}

/** DefaultAclService#canAccess: superusers, an empty list, or any of the listed authorities. */
function canAccess(user: SimUser, authorities: string[] | undefined): boolean {
    if (isSuperuser(user) || !authorities || authorities.length === 0) return true
    return authorities.some((authority) => user.authorities.includes(authority))
}

function canMakePublic(user: SimUser, type: TypeAuthorities): boolean {
    return type.shareable && canAccess(user, type.createPublic)
}

function canMakePrivate(user: SimUser, type: TypeAuthorities): boolean {
    return type.shareable && canAccess(user, type.createPrivate)
}

export function canCreate(user: SimUser, collection: MetadataCollection): boolean {
    const type = TYPE_AUTHORITIES[collection]
    if (!type.shareable) return canAccess(user, type.create)
    return canMakePublic(user, type) || canMakePrivate(user, type)
}

interface StoredSharing {
    owner?: unknown
    public?: unknown
    external?: unknown
    users?: unknown
    userGroups?: unknown
}

function sharingOf(object: MetadataObject): StoredSharing | null {
    const sharing = object.sharing
    return sharing && typeof sharing === 'object' ? (sharing as StoredSharing) : null
}

function publicAccess(object: MetadataObject): string | null {
    const sharing = sharingOf(object)
    if (typeof sharing?.public === 'string') return sharing.public
    return typeof object.publicAccess === 'string' ? object.publicAccess : null
}

/** checkMetadataSharingPermission(WRITE): no owner or the owner, else `w` for public, a group or the user. */
function writeShared(user: SimUser, object: MetadataObject): boolean {
    const sharing = sharingOf(object)
    const owner = typeof sharing?.owner === 'string' ? sharing.owner : null
    if (owner === null || owner === user.id) return true
    const canWriteWith = (access: unknown) =>
        access === null || access === undefined || (typeof access === 'string' && access.charAt(1) === 'w')
    const pub = publicAccess(object)
    if (pub === null || canWriteWith(pub)) return true
    const entries = (value: unknown): Array<{ id?: unknown; access?: unknown }> =>
        value && typeof value === 'object' ? Object.values(value as Record<string, { id?: unknown }>) : []
    if (entries(sharing?.users).some((access) => access.id === user.id && canWriteWith(access.access)))
        return true
    const groups = new Set(user.userGroups)
    return entries(sharing?.userGroups).some(
        (access) => typeof access.id === 'string' && groups.has(access.id) && canWriteWith(access.access)
    )
}

/** checkSharingAccess: a public object needs the public authority, a private one either authority. */
function sharingAccess(user: SimUser, type: TypeAuthorities, object: MetadataObject): boolean {
    const external = sharingOf(object)?.external === true
    if (external && !isSuperuser(user)) return false
    return publicAccess(object) === '--------'
        ? canMakePublic(user, type) || canMakePrivate(user, type)
        : canMakePublic(user, type)
}

export function canUpdate(user: SimUser, collection: MetadataCollection, stored: MetadataObject): boolean {
    if (isSuperuser(user)) return true
    const type = TYPE_AUTHORITIES[collection]
    if (!type.shareable) return canAccess(user, type.create)
    const any = [...(type.create ?? []), ...(type.createPrivate ?? []), ...(type.createPublic ?? [])]
    return canAccess(user, any) && sharingAccess(user, type, stored) && writeShared(user, stored)
}

export function canDelete(user: SimUser, collection: MetadataCollection, stored: MetadataObject): boolean {
    if (isSuperuser(user)) return true
    const type = TYPE_AUTHORITIES[collection]
    const any =
        type.remove && type.remove.length > 0
            ? type.remove
            : [...(type.create ?? []), ...(type.createPrivate ?? []), ...(type.createPublic ?? [])]
    if (!canAccess(user, any)) return false
    if (!type.shareable || publicAccess(stored) === null) return true
    return sharingAccess(user, type, stored) && writeShared(user, stored)
}
