// Turns an analytics request into a query plan: resolved data items, period and org unit slots,
// and the other dimensions, with DHIS2's validation errors (docs/dhis2-api.md §7.2, §7.3, §7.7).
import type { MetadataObject, SimUser, Database } from '../core/types.js'
import { parsePeriod, daysInPeriod, type Period, type PeriodType } from '../periods/period.js'
import { queryError, type AnalyticsQueryError } from './errors.js'
import { metadataIndex, refId, refIds, stringProp, type MetadataIndex } from './metadata-index.js'
import { financialYearType, isRelativePeriod, resolveRelativePeriod } from './relative-periods.js'
import type { AnalyticsRequest, DimensionParam } from './request.js'

export const REPORTING_METRICS = [
    'REPORTING_RATE',
    'REPORTING_RATE_ON_TIME',
    'ACTUAL_REPORTS',
    'ACTUAL_REPORTS_ON_TIME',
    'EXPECTED_REPORTS',
] as const

export type DxItem =
    | {
          kind: 'DE'
          id: string
          dataElement: MetadataObject
          coc: string | null
          aoc: string | null
      }
    | { kind: 'INDICATOR'; id: string; indicator: MetadataObject }
    | { kind: 'RATE'; id: string; dataSet: MetadataObject; metric: string }

export interface PeriodSlot {
    /** Period id, or '' for the single slot of a period filter. */
    id: string
    periods: Period[]
    type: PeriodType
    days: number
    startDate: string
    endDate: string
}

export interface OuSlot {
    /** Org unit id, or '' for the single slot of an org unit filter. */
    id: string
    units: number[]
}

export interface ExtraItem {
    id: string
    name: string
}

export interface ExtraDimension {
    id: string
    name: string
    kind: 'co' | 'ao' | 'ougs' | 'category'
    items: ExtraItem[]
}

export interface QueryPlan {
    request: AnalyticsRequest
    /** The user's database locale, for metadata name translations. */
    locale: string | null
    meta: MetadataIndex
    /** Non-dx dimension ids in request order (the header order after dx). */
    order: string[]
    dx: DxItem[]
    dxIsFilter: boolean
    periods: PeriodSlot[]
    peIsFilter: boolean
    /** All periods asked for (each period of a filter too). */
    allPeriods: Period[]
    relativeKeywords: string[]
    orgUnits: OuSlot[]
    ouIsFilter: boolean
    /** Every org unit asked for (filter units too), as hierarchy indexes. */
    allUnits: number[]
    userOrgUnitKeywords: Map<string, number[]>
    /** `LEVEL-<uid>` items used (their names go into the metadata). */
    levelUids: string[]
    extras: ExtraDimension[]
    extraFilters: ExtraDimension[]
}

const FIXED = new Set(['dx', 'pe', 'ou', 'co', 'ao'])

function dataViewUnits(user: SimUser | null, meta: MetadataIndex, override: string[]): number[] {
    const ids = override.length
        ? override
        : user && user.dataViewOrganisationUnits.length
          ? user.dataViewOrganisationUnits
          : (user?.organisationUnits ?? [])
    return ids.map((id) => meta.orgUnits.index.get(id)).filter((i): i is number => i !== undefined)
}

function rootUnits(meta: MetadataIndex): number[] {
    const roots: number[] = []
    meta.orgUnits.parent.forEach((parent, i) => {
        if (parent < 0) roots.push(i)
    })
    return roots
}

function byName(meta: MetadataIndex) {
    return (a: number, b: number) =>
        (stringProp(meta.orgUnits.objects[a], 'name') ?? '').localeCompare(
            stringProp(meta.orgUnits.objects[b], 'name') ?? ''
        )
}

function resolveOrgUnits(
    items: string[],
    meta: MetadataIndex,
    userUnits: number[],
    keywords: Map<string, number[]>
): number[] {
    const ou = meta.orgUnits
    const plain: number[] = []
    const levels: number[] = []
    const groups: string[] = []
    for (const item of items) {
        if (item === 'USER_ORGUNIT') {
            keywords.set(item, userUnits)
            plain.push(...userUnits)
        } else if (item === 'USER_ORGUNIT_CHILDREN') {
            const children = userUnits.flatMap((u) => ou.children[u] ?? [])
            keywords.set(item, children)
            plain.push(...children)
        } else if (item === 'USER_ORGUNIT_GRANDCHILDREN') {
            const grandChildren = userUnits.flatMap((u) =>
                (ou.children[u] ?? []).flatMap((c) => ou.children[c] ?? [])
            )
            keywords.set(item, grandChildren)
            plain.push(...grandChildren)
        } else if (item.startsWith('LEVEL-')) {
            const key = item.slice('LEVEL-'.length)
            const level = /^\d+$/.test(key) ? Number(key) : ou.levelUids.get(key)
            if (level !== undefined && level > 0) levels.push(level)
        } else if (item.startsWith('OU_GROUP-')) {
            const group = item.slice('OU_GROUP-'.length)
            if (ou.groupMembers.has(group)) groups.push(group)
        } else {
            const i = ou.index.get(item)
            if (i !== undefined) plain.push(i)
        }
    }
    if (!levels.length && !groups.length) return [...new Set(plain)]
    // Plain units become boundaries for levels and groups. Without any, the user's data view units
    // bound the search (DHIS2 would use the roots and then refuse units outside the view).
    const boundaries = plain.length ? plain : userUnits
    const within = (unit: number): boolean => {
        const path = ou.path[unit] ?? []
        return boundaries.some((b) => path.includes(b))
    }
    const result = new Set<number>()
    if (levels.length) {
        const wanted = new Set(levels)
        const visit = (unit: number): void => {
            if (wanted.has(ou.level[unit] ?? 0)) result.add(unit)
            for (const child of ou.children[unit] ?? []) visit(child)
        }
        for (const boundary of [...boundaries].sort(byName(meta))) visit(boundary)
    }
    for (const group of groups) {
        const members = [...(ou.groupMembers.get(group) ?? [])].filter(within).sort(byName(meta))
        for (const member of members) result.add(member)
    }
    return [...result]
}

function periodSlot(id: string, periods: Period[]): PeriodSlot {
    const first = periods[0]
    const startDate = periods.reduce(
        (min, p) => (p.startDate < min ? p.startDate : min),
        first?.startDate ?? ''
    )
    const endDate = periods.reduce((max, p) => (p.endDate > max ? p.endDate : max), first?.endDate ?? '')
    return {
        id,
        periods,
        type: first?.periodType ?? 'Daily',
        days: periods.reduce((sum, p) => sum + daysInPeriod(p), 0),
        startDate,
        endDate,
    }
}

function resolvePeriods(
    items: string[],
    date: string,
    financialType: PeriodType,
    keywords: string[]
): Period[] {
    const result = new Map<string, Period>()
    for (const item of items) {
        if (isRelativePeriod(item)) {
            keywords.push(item)
            for (const period of resolveRelativePeriod(item, date, financialType) ?? [])
                result.set(period.id, period)
            continue
        }
        const period = parsePeriod(item)
        if (period) result.set(period.id, period)
    }
    return [...result.values()]
}

function resolveDx(items: string[], db: Database): DxItem[] {
    const md = db.metadata
    const result: DxItem[] = []
    for (const item of items) {
        if (item.startsWith('DE_GROUP-')) {
            const group = md.get('dataElementGroups', item.slice('DE_GROUP-'.length))
            for (const id of refIds(group?.dataElements)) {
                const de = md.get('dataElements', id)
                if (de) result.push({ kind: 'DE', id, dataElement: de, coc: null, aoc: null })
            }
            continue
        }
        if (item.startsWith('IN_GROUP-')) {
            const group = md.get('indicatorGroups', item.slice('IN_GROUP-'.length))
            for (const id of refIds(group?.indicators)) {
                const indicator = md.get('indicators', id)
                if (indicator) result.push({ kind: 'INDICATOR', id, indicator })
            }
            continue
        }
        const [first = '', second, third] = item.split('.')
        if (second === undefined) {
            const de = md.get('dataElements', first)
            if (de) {
                result.push({ kind: 'DE', id: item, dataElement: de, coc: null, aoc: null })
                continue
            }
            const indicator = md.get('indicators', first)
            if (indicator) result.push({ kind: 'INDICATOR', id: item, indicator })
            continue
        }
        if ((REPORTING_METRICS as readonly string[]).includes(second) && third === undefined) {
            const dataSet = md.get('dataSets', first)
            if (dataSet) result.push({ kind: 'RATE', id: item, dataSet, metric: second })
            continue
        }
        const de = md.get('dataElements', first)
        if (!de) continue
        const coc = second === '*' ? null : second
        const aoc = third === undefined || third === '*' ? null : third
        if (coc && !md.get('categoryOptionCombos', coc)) continue
        if (aoc && !md.get('categoryOptionCombos', aoc)) continue
        result.push({ kind: 'DE', id: item, dataElement: de, coc, aoc })
    }
    return result
}

/**
 * `displayName` / `displayShortName`: the translation in the user's database locale
 * (`keyDbLocale`) when the object has one, else the name.
 */
function displayName(
    object: MetadataObject | undefined,
    property: 'NAME' | 'SHORTNAME',
    locale: string | null = null
): string {
    if (!object) return ''
    const base =
        property === 'SHORTNAME'
            ? (stringProp(object, 'shortName') ?? stringProp(object, 'name') ?? object.id)
            : (stringProp(object, 'name') ?? object.id)
    if (!locale || !Array.isArray(object.translations)) return base
    const wanted = property === 'SHORTNAME' ? 'SHORT_NAME' : 'NAME'
    for (const translation of object.translations as unknown[]) {
        if (!translation || typeof translation !== 'object') continue
        const t = translation as { property?: unknown; locale?: unknown; value?: unknown }
        if (t.property === wanted && t.locale === locale && typeof t.value === 'string' && t.value)
            return t.value
    }
    return base
}

function resolveExtra(
    param: DimensionParam,
    db: Database,
    dx: DxItem[],
    request: AnalyticsRequest,
    locale: string | null
): ExtraDimension {
    const md = db.metadata
    const meta = metadataIndex(md)
    const prop = request.displayProperty
    const pick = (
        allowed: string[],
        collection: 'categoryOptionCombos' | 'organisationUnitGroups' | 'categoryOptions'
    ) => {
        const chosen = param.items.length ? param.items.filter((id) => allowed.includes(id)) : allowed
        if (!chosen.length) throw queryError('E7124', param.dimension)
        return chosen.map((id) => ({ id, name: displayName(md.get(collection, id), prop, locale) }))
    }
    if (param.dimension === 'co') {
        const cocs = new Set<string>()
        for (const item of dx) {
            if (item.kind !== 'DE') continue
            const combo = refId(item.dataElement.categoryCombo)
            for (const coc of (combo && meta.categories.comboCocs.get(combo)) ?? []) cocs.add(coc)
        }
        const allowed = param.items.length
            ? param.items.filter((id) => md.get('categoryOptionCombos', id))
            : [...cocs]
        return {
            id: 'co',
            name: 'Category option combo',
            kind: 'co',
            items: pick(allowed, 'categoryOptionCombos'),
        }
    }
    if (param.dimension === 'ao') {
        const aocs = new Set<string>()
        for (const combo of md.list('categoryCombos')) {
            if (stringProp(combo, 'dataDimensionType') !== 'ATTRIBUTE') continue
            for (const coc of meta.categories.comboCocs.get(combo.id) ?? []) aocs.add(coc)
        }
        const allowed = param.items.length
            ? param.items.filter((id) => md.get('categoryOptionCombos', id))
            : [...aocs]
        return {
            id: 'ao',
            name: 'Attribute option combo',
            kind: 'ao',
            items: pick(allowed, 'categoryOptionCombos'),
        }
    }
    const groupSet = md.get('organisationUnitGroupSets', param.dimension)
    if (groupSet) {
        return {
            id: groupSet.id,
            name: displayName(groupSet, prop, locale),
            kind: 'ougs',
            items: pick(meta.orgUnits.groupSetGroups.get(groupSet.id) ?? [], 'organisationUnitGroups'),
        }
    }
    const category = md.get('categories', param.dimension)
    if (category) {
        return {
            id: category.id,
            name: displayName(category, prop, locale),
            kind: 'category',
            items: pick(meta.categories.categoryOptions.get(category.id) ?? [], 'categoryOptions'),
        }
    }
    throw queryError('E7125', param.dimension)
}

/** Dimension types a reporting rate may be queried with (DataQueryParams.COMPLETENESS_DIMENSION_TYPES). */
const COMPLETENESS_DIMENSION_TYPES =
    '[DATA_X, PERIOD, ORGANISATION_UNIT, ORGANISATION_UNIT_GROUP_SET, CATEGORY_OPTION_GROUP_SET, CATEGORY]'

/**
 * DHIS2's `DefaultQueryValidator#validateForErrorMessage`: a first check (E7101 / E7102), then one chain whose
 * first failing link replaces it, so a query without dimension and without period answers E7104. E7103 and
 * E7111 are raised earlier here, while the request is read; E7115 (value types that do not aggregate) and
 * E7134 are not modelled.
 */
function validateQuery(
    request: AnalyticsRequest,
    dx: DxItem[],
    dxIsFilter: boolean,
    hasPeriodParam: boolean,
    others: ExtraDimension[]
): AnalyticsQueryError | null {
    let error: AnalyticsQueryError | null = null
    if (!request.dimensions.length) error = queryError('E7101')
    else if (!request.skipData && !dx.length) error = queryError('E7102')

    const hasDates = request.startDate !== null && request.endDate !== null
    const filterItems = dxIsFilter ? dx : []
    const rates = dx.filter((item) => item.kind === 'RATE')
    const hasCo = others.some((other) => other.kind === 'co')
    const plainDataElements = dx.filter(
        (item) => item.kind === 'DE' && item.coc === null && item.aoc === null
    )
    if (!hasPeriodParam && !hasDates) return queryError('E7104')
    if (hasPeriodParam && hasDates) return queryError('E7105')
    if (hasDates && (request.startDate ?? '') > (request.endDate ?? '')) return queryError('E7106')
    if (hasDates && rates.length) return queryError('E7107')
    if (filterItems.some((item) => item.kind === 'INDICATOR') && filterItems.length > 1)
        return queryError('E7108')
    if (filterItems.some((item) => item.kind === 'RATE') && filterItems.length > 1) return queryError('E7109')
    if (request.filters.some((p) => p.dimension === 'co')) return queryError('E7110')
    if (rates.length && others.some((other) => other.kind === 'co' || other.kind === 'ao')) {
        return queryError('E7112', COMPLETENESS_DIMENSION_TYPES)
    }
    if (hasCo && !plainDataElements.length) return queryError('E7113')
    if (hasCo && plainDataElements.length !== dx.length) return queryError('E7114')
    return error
}

export function buildPlan(
    db: Database,
    user: SimUser | null,
    request: AnalyticsRequest,
    today: string
): QueryPlan {
    const meta = metadataIndex(db.metadata)
    const locale = user?.settings.keyDbLocale ?? null
    const all = [...request.dimensions, ...request.filters]
    const seen = new Set<string>()
    for (const param of request.dimensions) {
        if (seen.has(param.dimension)) throw queryError('E7111', param.dimension)
        seen.add(param.dimension)
    }
    const filterSeen = new Set<string>()
    for (const param of request.filters) {
        if (seen.has(param.dimension)) throw queryError('E7103', param.dimension)
        if (filterSeen.has(param.dimension)) throw queryError('E7111', param.dimension)
        filterSeen.add(param.dimension)
    }
    const find = (dimension: string): { param: DimensionParam; filter: boolean } | undefined => {
        const asDimension = request.dimensions.find((p) => p.dimension === dimension)
        if (asDimension) return { param: asDimension, filter: false }
        const asFilter = request.filters.find((p) => p.dimension === dimension)
        return asFilter ? { param: asFilter, filter: true } : undefined
    }

    // Data
    const dxParam = find('dx')
    const dx = dxParam ? resolveDx(dxParam.param.items, db) : []
    if (dxParam && !dx.length) throw queryError('E7124', 'dx')

    // Periods
    const peParam = find('pe')
    const relativeKeywords: string[] = []
    const date = request.relativePeriodDate ?? today
    const financialType = financialYearType(db.systemSettings.keyAnalyticsFinancialYearStart)
    let allPeriods: Period[] = []
    let periods: PeriodSlot[] = []
    if (peParam) {
        allPeriods = resolvePeriods(peParam.param.items, date, financialType, relativeKeywords)
        if (!allPeriods.length) throw queryError('E7124', 'pe')
        periods = peParam.filter ? [periodSlot('', allPeriods)] : allPeriods.map((p) => periodSlot(p.id, [p]))
    } else if (request.startDate && request.endDate) {
        const range: Period = {
            id: '',
            periodType: 'Daily',
            startDate: request.startDate.slice(0, 10),
            endDate: request.endDate.slice(0, 10),
        }
        if (range.startDate > range.endDate) throw queryError('E7106')
        periods = [periodSlot('', [range])]
    }

    // Org units
    const ouParam = find('ou')
    const userUnits = dataViewUnits(user, meta, request.userOrgUnit)
    const userOrgUnitKeywords = new Map<string, number[]>()
    let orgUnits: OuSlot[] = []
    let allUnits: number[] = []
    if (ouParam) {
        allUnits = resolveOrgUnits(ouParam.param.items, meta, userUnits, userOrgUnitKeywords)
        if (!allUnits.length) throw queryError('E7143')
        orgUnits = ouParam.filter
            ? [{ id: '', units: allUnits }]
            : allUnits.map((u) => ({ id: meta.orgUnits.ids[u] ?? '', units: [u] }))
    }

    // Other dimensions
    const extras: ExtraDimension[] = []
    const extraFilters: ExtraDimension[] = []
    for (const param of all) {
        if (FIXED.has(param.dimension) && param.dimension !== 'co' && param.dimension !== 'ao') continue
        // DHIS2 resolves `co` to the combos it names, never refusing an empty list: without data elements
        // the validator answers E7112 / E7113 / E7114 instead (below).
        const resolved =
            param.dimension === 'co' && !dx.some((item) => item.kind === 'DE')
                ? { id: 'co', name: 'Category option combo', kind: 'co' as const, items: [] }
                : resolveExtra(param, db, dx, request, locale)
        if (request.filters.includes(param)) extraFilters.push(resolved)
        else extras.push(resolved)
    }

    const validationError = validateQuery(request, dx, dxParam?.filter ?? false, peParam !== undefined, [
        ...extras,
        ...extraFilters,
    ])
    if (validationError) throw validationError

    // Data view: every org unit must be inside the user's data view hierarchy (E7120).
    if (user && !(userUnits.length === 0 && user.authorities.includes('ALL'))) {
        for (const unit of allUnits) {
            const path = meta.orgUnits.path[unit] ?? []
            if (!userUnits.some((root) => path.includes(root))) {
                throw queryError('E7120', user.username, meta.orgUnits.ids[unit] ?? '')
            }
        }
    }

    return {
        request,
        locale,
        meta,
        order: request.dimensions.map((p) => p.dimension).filter((d) => d !== 'dx'),
        dx,
        dxIsFilter: dxParam?.filter ?? false,
        periods,
        peIsFilter: peParam?.filter ?? !peParam,
        allPeriods,
        relativeKeywords,
        // Without an org unit dimension DHIS2 restricts to the user's data view units; a user without
        // any sees nothing unless a superuser.
        orgUnits: orgUnits.length
            ? orgUnits
            : [
                  {
                      id: '',
                      units: userUnits.length
                          ? userUnits
                          : !user || user.authorities.includes('ALL')
                            ? rootUnits(meta)
                            : [],
                  },
              ],
        ouIsFilter: ouParam?.filter ?? true,
        allUnits: ouParam ? allUnits : [],
        userOrgUnitKeywords,
        levelUids: (ouParam?.param.items ?? [])
            .filter((item) => item.startsWith('LEVEL-') && meta.orgUnits.levelUids.has(item.slice(6)))
            .map((item) => item.slice(6)),
        extras,
        extraFilters,
    }
}

export { displayName }
