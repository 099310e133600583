// What the importer and the export need from metadata, indexed once per metadata version so that a
// national-scale import never scans a collection per value.
import type { Database, MetadataCollection, MetadataObject, SimUser } from '../core/types.js'
import { isPeriodType, type PeriodType } from '../periods/period.js'

export const DEFAULT_COC = 'HllvX50cXC0'
export const DEFAULT_CATEGORY_OPTION = 'xYerKDKCefk'

export interface DataElementInfo {
    id: string
    object: MetadataObject
    valueType: string
    aggregationType: string
    zeroIsSignificant: boolean
    categoryCombo: string | null
    /** Option codes when the element has an option set whose options are known. */
    optionCodes: Set<string> | null
    dataSets: string[]
}

export interface CategoryOptionComboInfo {
    id: string
    categoryCombo: string | null
    options: string[]
}

export interface DataSetInfo {
    id: string
    object: MetadataObject
    periodType: PeriodType | null
    categoryCombo: string
    elements: Set<string>
    orgUnits: Set<string>
    openFuturePeriods: number
    expiryDays: number
    openPeriodsAfterCoEndDate: number
    /** `dataInputPeriods` as (period id, opening, closing) when the data set restricts input. */
    inputPeriods: Array<{ period: string; openingDate: string | null; closingDate: string | null }>
}

export interface CategoryOptionInfo {
    id: string
    object: MetadataObject
    startDate: string | null
    endDate: string | null
    orgUnits: string[]
}

export interface MetadataIndex {
    dataElements: Map<string, DataElementInfo>
    categoryOptionCombos: Map<string, CategoryOptionComboInfo>
    categoryCombos: Map<string, { id: string; cocs: Set<string> }>
    categoryOptions: Map<string, CategoryOptionInfo>
    dataSets: Map<string, DataSetInfo>
    /** Org unit → ids of itself and its ancestors. */
    ancestors(orgUnit: string): string[]
    orgUnitDataSets: Map<string, string[]>
    /** Children by parent, for `children=true` exports. */
    children: Map<string, string[]>
    /** Lookup by an id scheme (`UID`, `CODE`, `NAME`, `ID`, `ATTRIBUTE:<uid>`); returns the UID. */
    resolve(collection: MetadataCollection, scheme: IdScheme, value: string): string | undefined
    /** The identifier of an object under an output id scheme; falls back to the UID. */
    render(collection: MetadataCollection, scheme: IdScheme, id: string): string
}

export type IdScheme =
    { type: 'UID' } | { type: 'CODE' } | { type: 'NAME' } | { type: 'ATTRIBUTE'; attribute: string }

/** `IdScheme.from`: case-insensitive; unknown values fall back to UID. */
export function parseIdScheme(value: string | null | undefined): IdScheme | null {
    if (value === null || value === undefined || value.trim() === '') return null
    const upper = value.trim().toUpperCase()
    if (upper === 'UID' || upper === 'ID' || upper === 'UUID') return { type: 'UID' }
    if (upper === 'CODE') return { type: 'CODE' }
    if (upper === 'NAME') return { type: 'NAME' }
    if (upper.startsWith('ATTRIBUTE:'))
        return { type: 'ATTRIBUTE', attribute: value.trim().slice('ATTRIBUTE:'.length) }
    return null
}

export function idSchemeName(scheme: IdScheme): string {
    return scheme.type === 'ATTRIBUTE' ? `ATTRIBUTE:${scheme.attribute}` : scheme.type
}

function refId(value: unknown): string | null {
    if (value && typeof value === 'object' && 'id' in value) {
        const id = (value as { id: unknown }).id
        return typeof id === 'string' ? id : null
    }
    return null
}

function refIds(value: unknown): string[] {
    if (!Array.isArray(value)) return []
    const ids: string[] = []
    for (const item of value) {
        const id = refId(item)
        if (id !== null) ids.push(id)
    }
    return ids
}

function str(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null
}

function num(value: unknown, fallback: number): number {
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

function attributeValue(object: MetadataObject, attribute: string): string | undefined {
    const values = object.attributeValues
    if (!Array.isArray(values)) return undefined
    for (const entry of values) {
        if (entry && typeof entry === 'object') {
            const record = entry as Record<string, unknown>
            if (refId(record.attribute) === attribute && typeof record.value === 'string') return record.value
        }
    }
    return undefined
}

function buildIndex(db: Database): MetadataIndex {
    const metadata = db.metadata
    const dataSets = new Map<string, DataSetInfo>()
    const deDataSets = new Map<string, string[]>()
    const orgUnitDataSets = new Map<string, string[]>()
    for (const ds of metadata.list('dataSets')) {
        const periodType =
            typeof ds.periodType === 'string' && isPeriodType(ds.periodType) ? ds.periodType : null
        const elements = new Set<string>()
        if (Array.isArray(ds.dataSetElements)) {
            for (const entry of ds.dataSetElements) {
                const id =
                    entry && typeof entry === 'object'
                        ? refId((entry as Record<string, unknown>).dataElement)
                        : null
                if (id !== null) elements.add(id)
            }
        }
        const orgUnits = new Set(refIds(ds.organisationUnits))
        const inputPeriods: DataSetInfo['inputPeriods'] = []
        if (Array.isArray(ds.dataInputPeriods)) {
            for (const entry of ds.dataInputPeriods) {
                if (!entry || typeof entry !== 'object') continue
                const record = entry as Record<string, unknown>
                const period = refId(record.period) ?? str(record.period)
                if (period === null) continue
                inputPeriods.push({
                    period,
                    openingDate: str(record.openingDate),
                    closingDate: str(record.closingDate),
                })
            }
        }
        dataSets.set(ds.id, {
            id: ds.id,
            object: ds,
            periodType,
            categoryCombo: refId(ds.categoryCombo) ?? 'bjDvmb4bfuf',
            elements,
            orgUnits,
            openFuturePeriods: num(ds.openFuturePeriods, 0),
            expiryDays: num(ds.expiryDays, 0),
            openPeriodsAfterCoEndDate: num(ds.openPeriodsAfterCoEndDate, 0),
            inputPeriods,
        })
        for (const de of elements) {
            const list = deDataSets.get(de) ?? []
            list.push(ds.id)
            deDataSets.set(de, list)
        }
        for (const ou of orgUnits) {
            const list = orgUnitDataSets.get(ou) ?? []
            list.push(ds.id)
            orgUnitDataSets.set(ou, list)
        }
    }

    const dataElements = new Map<string, DataElementInfo>()
    for (const de of metadata.list('dataElements')) {
        let optionCodes: Set<string> | null = null
        const optionSet = de.optionSet
        if (optionSet && typeof optionSet === 'object') {
            const options = (optionSet as Record<string, unknown>).options
            if (Array.isArray(options)) {
                optionCodes = new Set()
                for (const option of options) {
                    const code =
                        option && typeof option === 'object' ? (option as Record<string, unknown>).code : null
                    if (typeof code === 'string') optionCodes.add(code)
                }
            }
        }
        dataElements.set(de.id, {
            id: de.id,
            object: de,
            valueType: str(de.valueType) ?? 'NUMBER',
            aggregationType: str(de.aggregationType) ?? 'SUM',
            zeroIsSignificant: de.zeroIsSignificant === true,
            categoryCombo: refId(de.categoryCombo),
            optionCodes,
            dataSets: deDataSets.get(de.id) ?? [],
        })
    }

    const categoryOptionCombos = new Map<string, CategoryOptionComboInfo>()
    const categoryCombos = new Map<string, { id: string; cocs: Set<string> }>()
    for (const cc of metadata.list('categoryCombos'))
        categoryCombos.set(cc.id, { id: cc.id, cocs: new Set() })
    for (const coc of metadata.list('categoryOptionCombos')) {
        const cc = refId(coc.categoryCombo)
        categoryOptionCombos.set(coc.id, {
            id: coc.id,
            categoryCombo: cc,
            options: refIds(coc.categoryOptions),
        })
        if (cc !== null) {
            const entry = categoryCombos.get(cc) ?? { id: cc, cocs: new Set<string>() }
            entry.cocs.add(coc.id)
            categoryCombos.set(cc, entry)
        }
    }

    const categoryOptions = new Map<string, CategoryOptionInfo>()
    for (const option of metadata.list('categoryOptions')) {
        categoryOptions.set(option.id, {
            id: option.id,
            object: option,
            startDate: str(option.startDate)?.slice(0, 10) ?? null,
            endDate: str(option.endDate)?.slice(0, 10) ?? null,
            orgUnits: refIds(option.organisationUnits),
        })
    }

    const parents = new Map<string, string | null>()
    const children = new Map<string, string[]>()
    for (const ou of metadata.list('organisationUnits')) {
        const parent = refId(ou.parent)
        parents.set(ou.id, parent)
        if (parent !== null) {
            const list = children.get(parent) ?? []
            list.push(ou.id)
            children.set(parent, list)
        }
    }
    const ancestorCache = new Map<string, string[]>()
    const ancestors = (orgUnit: string): string[] => {
        const cached = ancestorCache.get(orgUnit)
        if (cached) return cached
        const chain: string[] = []
        const seen = new Set<string>()
        let current: string | null | undefined = orgUnit
        while (current !== null && current !== undefined && !seen.has(current)) {
            seen.add(current)
            chain.push(current)
            current = parents.get(current)
        }
        ancestorCache.set(orgUnit, chain)
        return chain
    }

    const attributeIndexes = new Map<string, Map<string, string>>()
    const resolve = (collection: MetadataCollection, scheme: IdScheme, value: string): string | undefined => {
        switch (scheme.type) {
            case 'UID':
                return metadata.get(collection, value)?.id
            case 'CODE':
            case 'NAME':
                return metadata.findBy(collection, scheme.type, value)?.id
            case 'ATTRIBUTE': {
                const key = `${collection}|${scheme.attribute}`
                let index = attributeIndexes.get(key)
                if (!index) {
                    index = new Map()
                    for (const object of metadata.list(collection)) {
                        const attr = attributeValue(object, scheme.attribute)
                        if (attr !== undefined && !index.has(attr)) index.set(attr, object.id)
                    }
                    attributeIndexes.set(key, index)
                }
                return index.get(value)
            }
        }
    }
    const render = (collection: MetadataCollection, scheme: IdScheme, id: string): string => {
        if (scheme.type === 'UID') return id
        const object = metadata.get(collection, id)
        if (!object) return id
        if (scheme.type === 'CODE') return str(object.code) ?? id
        if (scheme.type === 'NAME') return str(object.name) ?? id
        return attributeValue(object, scheme.attribute) ?? id
    }

    return {
        dataElements,
        categoryOptionCombos,
        categoryCombos,
        categoryOptions,
        dataSets,
        ancestors,
        orgUnitDataSets,
        children,
        resolve,
        render,
    }
}

const indexes = new WeakMap<Database, { version: number; index: MetadataIndex }>()

export function metadataIndex(db: Database): MetadataIndex {
    const cached = indexes.get(db)
    if (cached && cached.version === db.metadata.version) return cached.index
    const index = buildIndex(db)
    indexes.set(db, { version: db.metadata.version, index })
    return index
}

// ---------------------------------------------------------------------------------------------
// Sharing (AclService.canDataWrite / canDataRead)

export function isSuperuser(user: SimUser): boolean {
    return user.authorities.includes('ALL')
}

function accessStrings(object: MetadataObject, user: SimUser): string[] {
    const result: string[] = []
    const sharing =
        object.sharing && typeof object.sharing === 'object'
            ? (object.sharing as Record<string, unknown>)
            : null
    const publicAccess = str(sharing?.public) ?? str(object.publicAccess)
    // DHIS2 gives new objects "rw------" when nothing is said: metadata access only, no data access.
    result.push(publicAccess ?? 'rw------')
    const users = sharing?.users
    if (users && typeof users === 'object') {
        const entry = (users as Record<string, unknown>)[user.id]
        if (entry && typeof entry === 'object') {
            const access = str((entry as Record<string, unknown>).access)
            if (access) result.push(access)
        }
    }
    const groups = sharing?.userGroups
    if (groups && typeof groups === 'object') {
        for (const group of user.userGroups) {
            const entry = (groups as Record<string, unknown>)[group]
            if (entry && typeof entry === 'object') {
                const access = str((entry as Record<string, unknown>).access)
                if (access) result.push(access)
            }
        }
    }
    for (const [property, ids] of [
        ['userAccesses', [user.id]],
        ['userGroupAccesses', user.userGroups],
    ] as const) {
        const list = object[property]
        if (!Array.isArray(list)) continue
        for (const entry of list) {
            if (!entry || typeof entry !== 'object') continue
            const record = entry as Record<string, unknown>
            const id = str(record.id) ?? str(record.userUid) ?? str(record.userGroupUid)
            const access = str(record.access)
            if (id !== null && access !== null && ids.includes(id)) result.push(access)
        }
    }
    return result
}

export function canDataWrite(user: SimUser, object: MetadataObject): boolean {
    if (isSuperuser(user)) return true
    // The built-in default option is shared "rwrw----" in every DHIS2 database.
    if (object.id === DEFAULT_CATEGORY_OPTION) return true
    return accessStrings(object, user).some((access) => access.charAt(3) === 'w')
}

export function canDataRead(user: SimUser, object: MetadataObject): boolean {
    if (isSuperuser(user)) return true
    if (object.id === DEFAULT_CATEGORY_OPTION) return true
    return accessStrings(object, user).some((access) => access.charAt(2) === 'r')
}
