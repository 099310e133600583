// Indexes over the current metadata that analytics needs (org unit tree, groups, category model,
// data set assignments). Rebuilt lazily when the metadata store's version changes.
import type { MetadataObject, MetadataStore } from '../core/types.js'
import { PERIOD_TYPE_FREQUENCY } from '../periods/period.js'

export interface OrgUnitIndex {
    ids: string[]
    index: Map<string, number>
    objects: MetadataObject[]
    parent: Int32Array
    level: Int32Array
    /** Ancestors from the root down to the unit itself. */
    path: number[][]
    children: number[][]
    /** Org unit level uid → level number (`LEVEL-<uid>`). */
    levelUids: Map<string, number>
    /** Org unit group id → member units. */
    groupMembers: Map<string, Set<number>>
    /** Org unit group set id → its groups, in the set's order. */
    groupSetGroups: Map<string, string[]>
    /** Opening and closing dates `yyyy-MM-dd`, '' when absent (the completeness target table's columns). */
    openingDate: string[]
    closedDate: string[]
}

export interface CategoryIndex {
    /** Category combo id → its option combo ids. */
    comboCocs: Map<string, string[]>
    /** Category option combo id → its category option ids. */
    cocOptions: Map<string, string[]>
    /** Category id → its option ids. */
    categoryOptions: Map<string, string[]>
}

export interface MetadataIndex {
    version: number
    orgUnits: OrgUnitIndex
    categories: CategoryIndex
    /** Data element id → the shortest period type among its data sets (DHIS2's `getPeriodType`). */
    dataElementPeriodType: Map<string, string>
    /** Data set id → assigned org unit indexes. */
    dataSetUnits: Map<string, number[]>
}

export function refId(value: unknown): string | undefined {
    if (typeof value === 'string') return value
    if (value && typeof value === 'object' && 'id' in value) {
        const id = (value as { id: unknown }).id
        return typeof id === 'string' ? id : undefined
    }
    return undefined
}

export function refIds(value: unknown): string[] {
    if (!Array.isArray(value)) return []
    const ids: string[] = []
    for (const item of value) {
        const id = refId(item)
        if (id) ids.push(id)
    }
    return ids
}

export function stringProp(object: MetadataObject | undefined, key: string): string | undefined {
    const value = object?.[key]
    return typeof value === 'string' ? value : undefined
}

export function numberProp(object: MetadataObject | undefined, key: string): number | undefined {
    const value = object?.[key]
    if (typeof value === 'number') return value
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value)
    return undefined
}

export function periodTypeFrequency(type: string): number {
    // Unknown types rank as monthly, the commonest aggregate period type.
    return (PERIOD_TYPE_FREQUENCY as Readonly<Record<string, number>>)[type] ?? 30
}

function buildOrgUnits(metadata: MetadataStore): OrgUnitIndex {
    const objects = [...metadata.list('organisationUnits')]
    const ids = objects.map((ou) => ou.id)
    const index = new Map(ids.map((id, i) => [id, i]))
    const n = ids.length
    const parent = new Int32Array(n).fill(-1)
    objects.forEach((ou, i) => {
        const parentId = refId(ou.parent)
        const p = parentId === undefined ? undefined : index.get(parentId)
        if (p !== undefined) parent[i] = p
        else {
            // Fall back to the stored path when the parent reference is missing.
            const pathIds = (stringProp(ou, 'path') ?? '').split('/').filter(Boolean)
            const fromPath = pathIds.length >= 2 ? index.get(pathIds[pathIds.length - 2] ?? '') : undefined
            if (fromPath !== undefined) parent[i] = fromPath
        }
    })
    const path: number[][] = new Array<number[]>(n)
    const level = new Int32Array(n)
    const resolve = (i: number, guard: number): number[] => {
        const known = path[i]
        if (known) return known
        const p = parent[i] ?? -1
        const result = p >= 0 && guard < 64 ? [...resolve(p, guard + 1), i] : [i]
        path[i] = result
        return result
    }
    const children: number[][] = ids.map(() => [])
    for (let i = 0; i < n; i++) {
        level[i] = resolve(i, 0).length
        const p = parent[i] ?? -1
        if (p >= 0) children[p]?.push(i)
    }
    const byName = (a: number, b: number) =>
        (stringProp(objects[a], 'name') ?? '').localeCompare(stringProp(objects[b], 'name') ?? '')
    for (const list of children) list.sort(byName)

    const levelUids = new Map<string, number>()
    for (const lvl of metadata.list('organisationUnitLevels')) {
        const number = numberProp(lvl, 'level')
        if (number !== undefined) levelUids.set(lvl.id, number)
    }

    const groupMembers = new Map<string, Set<number>>()
    for (const group of metadata.list('organisationUnitGroups')) {
        const members = new Set<number>()
        for (const id of refIds(group.organisationUnits)) {
            const i = index.get(id)
            if (i !== undefined) members.add(i)
        }
        groupMembers.set(group.id, members)
    }
    objects.forEach((ou, i) => {
        for (const groupId of refIds(ou.organisationUnitGroups ?? ou.groups)) {
            let members = groupMembers.get(groupId)
            if (!members) {
                members = new Set()
                groupMembers.set(groupId, members)
            }
            members.add(i)
        }
    })
    const groupSetGroups = new Map<string, string[]>()
    for (const set of metadata.list('organisationUnitGroupSets')) {
        groupSetGroups.set(set.id, refIds(set.organisationUnitGroups))
    }
    for (const group of metadata.list('organisationUnitGroups')) {
        for (const setId of refIds(group.groupSets)) {
            const groups = groupSetGroups.get(setId)
            if (groups && !groups.includes(group.id)) groups.push(group.id)
        }
    }
    const day = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '')
    const openingDate = objects.map((ou) => day(ou.openingDate))
    const closedDate = objects.map((ou) => day(ou.closedDate))
    return {
        ids,
        index,
        objects,
        parent,
        level,
        path,
        children,
        levelUids,
        groupMembers,
        groupSetGroups,
        openingDate,
        closedDate,
    }
}

function buildCategories(metadata: MetadataStore): CategoryIndex {
    const comboCocs = new Map<string, string[]>()
    const cocOptions = new Map<string, string[]>()
    for (const combo of metadata.list('categoryCombos'))
        comboCocs.set(combo.id, refIds(combo.categoryOptionCombos))
    for (const coc of metadata.list('categoryOptionCombos')) {
        cocOptions.set(coc.id, refIds(coc.categoryOptions))
        const comboId = refId(coc.categoryCombo)
        if (!comboId) continue
        const list = comboCocs.get(comboId) ?? []
        if (!list.includes(coc.id)) list.push(coc.id)
        comboCocs.set(comboId, list)
    }
    const categoryOptions = new Map<string, string[]>()
    for (const category of metadata.list('categories')) {
        categoryOptions.set(category.id, refIds(category.categoryOptions))
    }
    return { comboCocs, cocOptions, categoryOptions }
}

function buildDataSets(
    metadata: MetadataStore,
    orgUnits: OrgUnitIndex
): { dataElementPeriodType: Map<string, string>; dataSetUnits: Map<string, number[]> } {
    const dataElementPeriodType = new Map<string, string>()
    const dataSetUnits = new Map<string, number[]>()
    for (const ds of metadata.list('dataSets')) {
        const periodType = stringProp(ds, 'periodType') ?? 'Monthly'
        const elements = Array.isArray(ds.dataSetElements)
            ? ds.dataSetElements.map((dse: unknown) =>
                  dse && typeof dse === 'object' && 'dataElement' in dse ? refId(dse.dataElement) : undefined
              )
            : refIds(ds.dataElements)
        for (const de of elements) {
            if (!de) continue
            const current = dataElementPeriodType.get(de)
            if (!current || periodTypeFrequency(periodType) < periodTypeFrequency(current)) {
                dataElementPeriodType.set(de, periodType)
            }
        }
        const units: number[] = []
        for (const id of refIds(ds.organisationUnits)) {
            const i = orgUnits.index.get(id)
            if (i !== undefined) units.push(i)
        }
        dataSetUnits.set(ds.id, units)
    }
    return { dataElementPeriodType, dataSetUnits }
}

const cache = new WeakMap<MetadataStore, MetadataIndex>()

export function metadataIndex(metadata: MetadataStore): MetadataIndex {
    const cached = cache.get(metadata)
    if (cached && cached.version === metadata.version) return cached
    const orgUnits = buildOrgUnits(metadata)
    const built: MetadataIndex = {
        version: metadata.version,
        orgUnits,
        categories: buildCategories(metadata),
        ...buildDataSets(metadata, orgUnits),
    }
    cache.set(metadata, built)
    return built
}
