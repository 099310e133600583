// The analytics answer: headers, rows of strings, metaData, dimensions (docs/dhis2-api.md §7.4).
import type { Database, MetadataObject, SimUser } from '../core/types.js'
import type { AnalyticsEngine, IndicatorCell } from './engine.js'
import { formatDouble, formatNumber, roundTo } from './format.js'
import { numberProp, refId, stringProp } from './metadata-index.js'
import { displayName, type DxItem, type QueryPlan } from './plan.js'
import { periodName, relativePeriodName } from './relative-periods.js'

export interface GridHeader {
    name: string
    column: string
    valueType: string
    type: string
    hidden: boolean
    meta: boolean
}

export interface AnalyticsGrid {
    headers: GridHeader[]
    metaData: Record<string, unknown>
    rowContext: Record<string, never>
    rows: string[][]
    height: number
    width: number
    headerWidth: number
}

const METRIC_NAMES: Record<string, string> = {
    REPORTING_RATE: 'Reporting rate',
    REPORTING_RATE_ON_TIME: 'Reporting rate on time',
    ACTUAL_REPORTS: 'Actual reports',
    ACTUAL_REPORTS_ON_TIME: 'Actual reports on time',
    EXPECTED_REPORTS: 'Expected reports',
}

function textHeader(name: string, column: string): GridHeader {
    return { name, column, valueType: 'TEXT', type: 'java.lang.String', hidden: false, meta: true }
}

function numberHeader(name: string, column: string): GridHeader {
    return { name, column, valueType: 'NUMBER', type: 'java.lang.Double', hidden: false, meta: false }
}

const FIXED_COLUMNS: Record<string, string> = {
    pe: 'Period',
    ou: 'Organisation unit',
    co: 'Category option combo',
    ao: 'Attribute option combo',
}

function dxName(item: DxItem, db: Database, plan: QueryPlan): string {
    const prop = plan.request.displayProperty
    switch (item.kind) {
        case 'DE': {
            const base = displayName(item.dataElement, prop, plan.locale)
            const parts = [item.coc, item.aoc]
                .filter((id): id is string => id !== null)
                .map((id) => displayName(db.metadata.get('categoryOptionCombos', id), prop, plan.locale))
            return parts.length ? `${base} ${parts.join(' ')}` : base
        }
        case 'INDICATOR':
            return displayName(item.indicator, prop, plan.locale)
        case 'RATE':
            return `${displayName(item.dataSet, prop, plan.locale)} - ${METRIC_NAMES[item.metric] ?? item.metric}`
    }
}

interface ValueCell {
    value: string
    numDen?: [string, string, string, string, string]
}

function decimalsFor(plan: QueryPlan, object: MetadataObject | undefined): number | null {
    if (plan.request.skipRounding) return 10
    const decimals = numberProp(object, 'decimals')
    return decimals !== undefined && decimals >= 0 ? decimals : null
}

function roundedDouble(plan: QueryPlan, value: number, object?: MetadataObject): string {
    const decimals = decimalsFor(plan, object)
    // An explicit 0 makes DHIS2 return a long, printed without decimals.
    if (decimals === 0) return formatNumber(Math.round(value))
    return formatDouble(roundTo(value, decimals ?? 2))
}

function indicatorCell(plan: QueryPlan, cell: IndicatorCell, indicator: MetadataObject): ValueCell {
    return {
        value: roundedDouble(plan, cell.value, indicator),
        numDen: [
            roundedDouble(plan, cell.numerator),
            roundedDouble(plan, cell.denominator),
            roundedDouble(plan, cell.multiplier / cell.divisor),
            String(cell.multiplier),
            String(cell.divisor),
        ],
    }
}

function dxValues(item: DxItem, engine: AnalyticsEngine, plan: QueryPlan): Map<number, ValueCell> {
    const result = new Map<number, ValueCell>()
    switch (item.kind) {
        case 'DE': {
            const decimals = plan.request.skipRounding ? 10 : 2
            for (const [key, value] of engine.dataValues(item.dataElement, item.coc, item.aoc)) {
                result.set(key, { value: formatNumber(roundTo(value, decimals)) })
            }
            break
        }
        case 'INDICATOR':
            for (const [key, cell] of engine.indicatorValues(item.indicator)) {
                result.set(key, indicatorCell(plan, cell, item.indicator))
            }
            break
        case 'RATE':
            for (const [key, value] of engine.reportingValues(item.dataSet, item.metric)) {
                result.set(key, { value: roundedDouble(plan, value) })
            }
            break
    }
    return result
}

/** A data filter aggregates its items: one indicator as is, data elements summed. */
function filterValues(engine: AnalyticsEngine, plan: QueryPlan): Map<number, ValueCell> {
    const only = plan.dx[0]
    if (plan.dx.length === 1 && only) return dxValues(only, engine, plan)
    const sums = new Map<number, number>()
    for (const item of plan.dx) {
        const values =
            item.kind === 'DE'
                ? engine.dataValues(item.dataElement, item.coc, item.aoc)
                : item.kind === 'RATE'
                  ? engine.reportingValues(item.dataSet, item.metric)
                  : new Map([...engine.indicatorValues(item.indicator)].map(([k, c]) => [k, c.value]))
        for (const [key, value] of values) sums.set(key, (sums.get(key) ?? 0) + value)
    }
    const decimals = plan.request.skipRounding ? 10 : 2
    return new Map([...sums].map(([key, value]) => [key, { value: formatNumber(roundTo(value, decimals)) }]))
}

function categoryOptionCombos(db: Database, plan: QueryPlan): string[] {
    const cocs = new Set<string>()
    for (const item of plan.dx) {
        if (item.kind !== 'DE') continue
        if (item.coc) {
            cocs.add(item.coc)
            continue
        }
        const combo = refId(item.dataElement.categoryCombo)
        for (const coc of (combo && plan.meta.categories.comboCocs.get(combo)) ?? []) cocs.add(coc)
    }
    const explicit = plan.extras.find((e) => e.kind === 'co')
    return explicit
        ? explicit.items.map((i) => i.id)
        : [...cocs].filter((id) => db.metadata.get('categoryOptionCombos', id))
}

function buildMetaData(db: Database, plan: QueryPlan, user: SimUser | null): Record<string, unknown> {
    const prop = plan.request.displayProperty
    const details = plan.request.includeMetadataDetails
    const ou = plan.meta.orgUnits
    const items: Record<string, Record<string, unknown>> = {}
    const dimensions: Record<string, string[]> = {}

    for (const item of plan.dx) {
        const entry: Record<string, unknown> = { name: dxName(item, db, plan) }
        if (details) {
            entry.uid = item.id
            if (item.kind === 'DE') {
                const de = item.dataElement
                if (stringProp(de, 'code')) entry.code = stringProp(de, 'code')
                entry.dimensionItemType = item.coc || item.aoc ? 'DATA_ELEMENT_OPERAND' : 'DATA_ELEMENT'
                entry.valueType = stringProp(de, 'valueType') ?? 'NUMBER'
                entry.totalAggregationType = 'SUM'
                entry.aggregationType = stringProp(de, 'aggregationType') ?? 'SUM'
            } else if (item.kind === 'INDICATOR') {
                const indicator = item.indicator
                if (stringProp(indicator, 'code')) entry.code = stringProp(indicator, 'code')
                if (stringProp(indicator, 'description'))
                    entry.description = stringProp(indicator, 'description')
                entry.dimensionItemType = 'INDICATOR'
                entry.valueType = 'NUMBER'
                entry.totalAggregationType = 'AVERAGE'
                const type = db.metadata.get('indicatorTypes', refId(indicator.indicatorType) ?? '')
                if (type) {
                    entry.indicatorType = {
                        name: displayName(type, prop, plan.locale),
                        displayName: displayName(type, prop, plan.locale),
                        factor: numberProp(type, 'factor') ?? 1,
                        number: type.number === true,
                    }
                }
            } else {
                entry.dimensionItemType = 'REPORTING_RATE'
                entry.valueType = 'NUMBER'
                entry.totalAggregationType = 'AVERAGE'
            }
        }
        items[item.id] = entry
    }
    for (const period of plan.allPeriods) {
        const entry: Record<string, unknown> = { name: periodName(period) }
        if (details) {
            entry.uid = period.id
            entry.code = period.id
            entry.dimensionItemType = 'PERIOD'
            entry.valueType = 'NUMBER'
            entry.totalAggregationType = 'SUM'
            entry.startDate = `${period.startDate}T00:00:00.000`
            entry.endDate = `${period.endDate}T00:00:00.000`
        }
        items[period.id] = entry
    }
    for (const keyword of plan.relativeKeywords)
        items[keyword] = { name: relativePeriodName(keyword) ?? keyword }
    const unitEntry = (unit: number): Record<string, unknown> => {
        const object = ou.objects[unit]
        const entry: Record<string, unknown> = { name: displayName(object, prop, plan.locale) }
        if (details) {
            entry.uid = object?.id
            if (stringProp(object, 'code')) entry.code = stringProp(object, 'code')
            entry.dimensionItemType = 'ORGANISATION_UNIT'
            entry.valueType = 'NUMBER'
            entry.totalAggregationType = 'SUM'
        }
        return entry
    }
    const units = plan.allUnits.length ? plan.allUnits : plan.orgUnits.flatMap((slot) => slot.units)
    for (const unit of units) items[ou.ids[unit] ?? ''] = unitEntry(unit)
    for (const [keyword, keywordUnits] of plan.userOrgUnitKeywords) {
        items[keyword] = { organisationUnits: keywordUnits.map((u) => ou.ids[u] ?? '') }
    }
    const dimensionItem = (uid: string, name: string, dimensionType: string) =>
        details ? { uid, name, dimensionType } : { name }
    items.dx = dimensionItem('dx', 'Data', 'DATA_X')
    items.pe = dimensionItem('pe', 'Period', 'PERIOD')
    items.ou = dimensionItem('ou', 'Organisation unit', 'ORGANISATION_UNIT')
    for (const levelUid of plan.levelUids) {
        const level = db.metadata.get('organisationUnitLevels', levelUid)
        const name = displayName(level, prop, plan.locale)
        items[levelUid] = details ? { uid: levelUid, name } : { name }
    }

    const cocs = categoryOptionCombos(db, plan)
    for (const coc of cocs)
        items[coc] = { name: displayName(db.metadata.get('categoryOptionCombos', coc), prop, plan.locale) }

    dimensions.dx = plan.dx.map((item) => item.id)
    dimensions.pe = plan.allPeriods.map((p) => p.id)
    dimensions.ou = units.map((u) => ou.ids[u] ?? '')
    dimensions.co = cocs
    for (const extra of [...plan.extras, ...plan.extraFilters]) {
        if (extra.kind === 'co') continue
        items[extra.id] = { name: extra.name }
        for (const item of extra.items) items[item.id] = { name: item.name }
        dimensions[extra.id] = extra.items.map((item) => item.id)
    }

    const metaData: Record<string, unknown> = { items, dimensions }
    if (plan.request.hierarchyMeta || plan.request.showHierarchy) {
        const roots = new Set(
            (user?.dataViewOrganisationUnits.length
                ? user.dataViewOrganisationUnits
                : (user?.organisationUnits ?? [])
            )
                .map((id) => ou.index.get(id))
                .filter((i): i is number => i !== undefined)
        )
        const ancestorsBelowRoot = (unit: number): number[] => {
            const path = ou.path[unit] ?? []
            const rootAt = path.findIndex((u) => roots.has(u))
            return path.slice(rootAt < 0 ? 0 : rootAt)
        }
        if (plan.request.hierarchyMeta) {
            const hierarchy: Record<string, string> = {}
            for (const unit of units) {
                const chain = ancestorsBelowRoot(unit).slice(0, -1)
                hierarchy[ou.ids[unit] ?? ''] = chain.map((u) => ou.ids[u] ?? '').join('/')
                for (const ancestor of chain) items[ou.ids[ancestor] ?? ''] ??= unitEntry(ancestor)
            }
            metaData.ouHierarchy = hierarchy
        }
        if (plan.request.showHierarchy) {
            const names: Record<string, string> = {}
            for (const unit of units) {
                names[ou.ids[unit] ?? ''] = ancestorsBelowRoot(unit)
                    .map((u) => displayName(ou.objects[u], prop, plan.locale))
                    .join(' / ')
            }
            metaData.ouNameHierarchy = names
        }
    }
    return metaData
}

export function buildGrid(
    db: Database,
    plan: QueryPlan,
    engine: AnalyticsEngine,
    user: SimUser | null
): AnalyticsGrid {
    const request = plan.request
    const headers: GridHeader[] = []
    if (!plan.dxIsFilter) headers.push(textHeader('dx', 'Data'))
    const extraIndex = new Map(plan.extras.map((extra, i) => [extra.id, i]))
    for (const dimension of plan.order) {
        const fixed = FIXED_COLUMNS[dimension]
        const extra = plan.extras[extraIndex.get(dimension) ?? -1]
        headers.push(textHeader(dimension, fixed ?? extra?.name ?? dimension))
    }
    headers.push(numberHeader('value', 'Value'))
    if (request.includeNumDen) {
        for (const [name, column] of [
            ['numerator', 'Numerator'],
            ['denominator', 'Denominator'],
            ['factor', 'Factor'],
            ['multiplier', 'Multiplier'],
            ['divisor', 'Divisor'],
        ] as const) {
            headers.push(numberHeader(name, column))
        }
    }

    const rows: string[][] = []
    if (!request.skipData) {
        const columnsOf = (key: number): string[] => {
            const { p, o, e } = engine.splitCell(key)
            return plan.order.map((dimension) => {
                if (dimension === 'pe') return plan.periods[p]?.id ?? ''
                if (dimension === 'ou') return plan.orgUnits[o]?.id ?? ''
                const i = extraIndex.get(dimension) ?? -1
                return plan.extras[i]?.items[engine.extraItem(e, i)]?.id ?? ''
            })
        }
        // Rows follow the request's dimension order (DHIS2 does not guarantee an order).
        const positions = (key: number): number[] => {
            const { p, o, e } = engine.splitCell(key)
            return plan.order.map((dimension) => {
                if (dimension === 'pe') return p
                if (dimension === 'ou') return o
                return engine.extraItem(e, extraIndex.get(dimension) ?? 0)
            })
        }
        const compare = (a: number[], b: number[]): number => {
            for (let i = 0; i < a.length; i++) {
                const difference = (a[i] ?? 0) - (b[i] ?? 0)
                if (difference !== 0) return difference
            }
            return 0
        }
        const emit = (dx: string | null, values: Map<number, ValueCell>): void => {
            const keys = [...values.keys()].map((key) => ({ key, at: positions(key) }))
            keys.sort((a, b) => compare(a.at, b.at))
            for (const { key } of keys) {
                const cell = values.get(key)
                if (!cell) continue
                const row = dx === null ? [] : [dx]
                row.push(...columnsOf(key), cell.value)
                if (request.includeNumDen) row.push(...(cell.numDen ?? ['', '', '', '', '']))
                rows.push(row)
            }
        }
        if (plan.dxIsFilter) emit(null, filterValues(engine, plan))
        else for (const item of plan.dx) emit(item.id, dxValues(item, engine, plan))
    }

    return {
        headers,
        metaData: request.skipMeta ? {} : buildMetaData(db, plan, user),
        rowContext: {},
        rows,
        height: rows.length,
        width: rows[0]?.length ?? 0,
        headerWidth: headers.length,
    }
}
