// Computes analytics values from the snapshot for a query plan. Every value lives in a "cell":
// (period slot, org unit slot, combination of the other dimensions' items), numbered
// `(p * nO + o) * nE + e`. A data element's rows are scanned once per query, inside the query's time
// window, and added to every cell whose org unit is the row's unit or one of its ancestors.
import type { Database, MetadataObject } from '../core/types.js'
import { addDays, currentPeriod, daysInPeriod, isPeriodType, type Period } from '../periods/period.js'
import {
    evaluateExpression,
    parseExpression,
    type ExpressionItem,
    type ExpressionNode,
} from './expression.js'
import { numberProp, periodTypeFrequency, refId, stringProp } from './metadata-index.js'
import type { ExtraDimension, PeriodSlot, QueryPlan } from './plan.js'
import type { DataBlock, Snapshot } from './snapshot.js'

export interface IndicatorCell {
    value: number
    numerator: number
    denominator: number
    multiplier: number
    divisor: number
}

type Classifier = { source: 'coc' | 'aoc'; table: Int32Array } | { source: 'unit'; table: Int32Array }

function addYears(ymd: string, years: number): string {
    return `${String(Number(ymd.slice(0, 4)) + years).padStart(4, '0')}${ymd.slice(4)}`
}

function within(p: Period, start: string, end: string): boolean {
    return p.startDate >= start && p.endDate <= end
}

export class AnalyticsEngine {
    readonly nP: number
    readonly nO: number
    readonly nE: number
    private readonly strides: number[]
    private readonly unitMap: Int32Array
    private readonly unitSlotCache: Array<number[] | undefined>
    private readonly slotOfUnit = new Map<number, number[]>()
    private readonly extraClassifiers: Classifier[]
    private readonly filterClassifiers: Classifier[]
    private readonly dataCache = new Map<string, Map<number, number>>()
    private readonly indicatorCache = new Map<string, Map<number, IndicatorCell>>()

    constructor(
        private readonly db: Database,
        readonly plan: QueryPlan,
        private readonly snapshot: Snapshot | null
    ) {
        this.nP = plan.periods.length
        this.nO = plan.orgUnits.length
        this.strides = []
        let stride = 1
        for (let i = plan.extras.length - 1; i >= 0; i--) {
            this.strides[i] = stride
            stride *= plan.extras[i]?.items.length ?? 1
        }
        this.nE = stride
        const ou = plan.meta.orgUnits
        this.unitMap = new Int32Array(snapshot?.ouIds.length ?? 0)
        snapshot?.ouIds.forEach((id, i) => {
            this.unitMap[i] = ou.index.get(id) ?? -1
        })
        this.unitSlotCache = new Array<number[] | undefined>(ou.ids.length)
        plan.orgUnits.forEach((slot, s) => {
            for (const unit of slot.units) {
                const list = this.slotOfUnit.get(unit) ?? []
                list.push(s)
                this.slotOfUnit.set(unit, list)
            }
        })
        this.extraClassifiers = plan.extras.map((dim) => this.classifier(dim))
        this.filterClassifiers = plan.extraFilters.map((dim) => this.classifier(dim))
    }

    /** Org unit slots containing a unit (the unit itself or an ancestor). */
    unitSlots(unit: number): number[] {
        const cached = this.unitSlotCache[unit]
        if (cached) return cached
        const slots: number[] = []
        for (const ancestor of this.plan.meta.orgUnits.path[unit] ?? []) {
            for (const s of this.slotOfUnit.get(ancestor) ?? []) slots.push(s)
        }
        this.unitSlotCache[unit] = slots
        return slots
    }

    private classifier(dim: ExtraDimension): Classifier {
        const itemIndex = new Map(dim.items.map((item, i) => [item.id, i]))
        const cocIds = this.snapshot?.cocIds ?? []
        const meta = this.plan.meta
        if (dim.kind === 'ougs') {
            const table = new Int32Array(meta.orgUnits.ids.length).fill(-1)
            dim.items.forEach((item, i) => {
                for (const unit of meta.orgUnits.groupMembers.get(item.id) ?? []) {
                    if ((table[unit] ?? -1) < 0) table[unit] = i
                }
            })
            return { source: 'unit', table }
        }
        if (dim.kind === 'co' || dim.kind === 'ao') {
            const table = Int32Array.from(cocIds, (id) => itemIndex.get(id) ?? -1)
            return { source: dim.kind === 'co' ? 'coc' : 'aoc', table }
        }
        const category = this.db.metadata.get('categories', dim.id)
        const table = Int32Array.from(cocIds, (id) => {
            for (const option of meta.categories.cocOptions.get(id) ?? []) {
                const i = itemIndex.get(option)
                if (i !== undefined) return i
            }
            return -1
        })
        return { source: stringProp(category, 'dataDimensionType') === 'ATTRIBUTE' ? 'aoc' : 'coc', table }
    }

    private classify(classifier: Classifier, coc: number, aoc: number, unit: number): number {
        if (classifier.source === 'unit') return classifier.table[unit] ?? -1
        const key = classifier.source === 'coc' ? coc : aoc
        return key < 0 ? -1 : (classifier.table[key] ?? -1)
    }

    /** The extra-dimension part of a cell key, or -1 when the row is outside a dimension or filter. */
    private extraIndex(coc: number, aoc: number, unit: number): number {
        for (const classifier of this.filterClassifiers) {
            if (this.classify(classifier, coc, aoc, unit) < 0) return -1
        }
        let e = 0
        for (let i = 0; i < this.extraClassifiers.length; i++) {
            const classifier = this.extraClassifiers[i]
            if (!classifier) continue
            const item = this.classify(classifier, coc, aoc, unit)
            if (item < 0) return -1
            e += item * (this.strides[i] ?? 1)
        }
        return e
    }

    cellKey(p: number, o: number, e: number): number {
        return (p * this.nO + o) * this.nE + e
    }

    splitCell(key: number): { p: number; o: number; e: number } {
        const e = key % this.nE
        const rest = (key - e) / this.nE
        const o = rest % this.nO
        return { p: (rest - o) / this.nO, o, e }
    }

    /** Item index of extra dimension `i` in the extra part `e` of a cell key. */
    extraItem(e: number, i: number): number {
        const size = this.plan.extras[i]?.items.length ?? 1
        return Math.floor(e / (this.strides[i] ?? 1)) % size
    }

    // -----------------------------------------------------------------------------------------
    // Data elements

    private aggregationType(de: MetadataObject): string {
        return this.plan.request.aggregationType ?? stringProp(de, 'aggregationType') ?? 'SUM'
    }

    /**
     * For each snapshot period, the period slots its rows count in. DHIS2 "disaggregates" only for
     * aggregation types that average over time (AVERAGE_SUM_ORG_UNIT, AVERAGE): data of a longer period
     * type than the query period (yearly population in a monthly query), or of another type of the same
     * length, counts with the value of the data period containing the query period, as is. For other
     * types (SUM…) such data is not part of the query period at all (QueryPlannerUtils.isDisaggregation).
     */
    private periodSlotsFor(
        dataPeriodType: string | undefined,
        lastValue: 'LAST' | 'IN_PERIOD' | null,
        averageInTime: boolean
    ) {
        const periods = this.snapshot?.periods ?? []
        const map: Array<number[] | undefined> = new Array<number[] | undefined>(periods.length)
        const divisors: number[] = []
        const slots = this.plan.periods
        const dataType = dataPeriodType && isPeriodType(dataPeriodType) ? dataPeriodType : null
        const dataFrequency = dataType ? periodTypeFrequency(dataType) : 0
        slots.forEach((slot: PeriodSlot, s) => {
            const slotFrequency = periodTypeFrequency(slot.type)
            // A start/end date range (synthetic period without id) is never disaggregated.
            const disaggregate =
                averageInTime &&
                dataType !== null &&
                (dataFrequency > slotFrequency ||
                    (dataFrequency === slotFrequency && dataType !== slot.type)) &&
                slot.periods.every((q) => q.id !== '')
            const dataPeriods: Period[] =
                disaggregate && dataType ? slot.periods.map((q) => currentPeriod(dataType, q.startDate)) : []
            divisors[s] = dataPeriods[0] ? daysInPeriod(dataPeriods[0]) : slot.days
            periods.forEach((p, i) => {
                let match: boolean
                if (lastValue === 'LAST') {
                    match = p.startDate >= addYears(slot.endDate, -10) && p.startDate <= slot.endDate
                } else if (disaggregate && p.periodType === dataType) {
                    match = dataPeriods.some((d) => d.id === p.id)
                } else {
                    match = slot.periods.some((q) => within(p, q.startDate, q.endDate))
                }
                if (match) (map[i] ??= []).push(s)
            })
        })
        return { map, divisors }
    }

    /** Aggregated values of a data element total or operand, per cell. */
    dataValues(de: MetadataObject, coc: string | null, aoc: string | null): Map<number, number> {
        const cacheKey = `${de.id}.${coc ?? '*'}.${aoc ?? '*'}`
        const cached = this.dataCache.get(cacheKey)
        if (cached) return cached
        const result = this.computeDataValues(de, coc, aoc)
        this.dataCache.set(cacheKey, result)
        return result
    }

    private computeDataValues(
        de: MetadataObject,
        coc: string | null,
        aoc: string | null
    ): Map<number, number> {
        const result = new Map<number, number>()
        const snapshot = this.snapshot
        const block = snapshot?.blocks.get(de.id)
        if (!snapshot || !block) return result
        const cocFilter = coc === null ? -1 : (snapshot.cocIndex.get(coc) ?? -2)
        const aocFilter = aoc === null ? -1 : (snapshot.cocIndex.get(aoc) ?? -2)
        if (cocFilter === -2 || aocFilter === -2) return result
        const type = this.aggregationType(de)
        const lastValue =
            type === 'LAST' || type === 'LAST_AVERAGE_ORG_UNIT'
                ? 'LAST'
                : type.startsWith('LAST_IN_PERIOD') || type.startsWith('FIRST')
                  ? 'IN_PERIOD'
                  : null
        const averageInTime = type === 'AVERAGE_SUM_ORG_UNIT' || type.startsWith('AVERAGE')
        const { map, divisors } = this.periodSlotsFor(
            this.plan.meta.dataElementPeriodType.get(de.id),
            lastValue,
            averageInTime
        )
        let first = -1
        let last = -1
        map.forEach((slots, i) => {
            if (!slots) return
            if (first < 0) first = i
            last = i
        })
        if (first < 0) return result
        const from = block.periodStart[first] ?? 0
        const to = block.periodStart[last + 1] ?? block.length
        if (lastValue) return this.firstOrLast(block, snapshot, from, to, map, cocFilter, aocFilter, type)

        const nCells = this.nP * this.nO * this.nE
        const sums = new Float64Array(nCells)
        const counts = new Uint32Array(nCells)
        const needExtremes = type === 'MIN' || type === 'MAX'
        const needSquares = type === 'STDDEV' || type === 'VARIANCE'
        const mins = needExtremes ? new Float64Array(nCells).fill(Infinity) : null
        const maxs = needExtremes ? new Float64Array(nCells).fill(-Infinity) : null
        const squares = needSquares ? new Float64Array(nCells) : null
        const weighted = type === 'AVERAGE_SUM_ORG_UNIT'
        const days = weighted ? snapshot.periods.map((p) => daysInPeriod(p)) : []
        for (let r = from; r < to; r++) {
            const slots = map[block.per[r] ?? 0]
            if (!slots) continue
            const rowCoc = block.coc[r] ?? 0
            const rowAoc = block.aoc[r] ?? 0
            if (cocFilter >= 0 && rowCoc !== cocFilter) continue
            if (aocFilter >= 0 && rowAoc !== aocFilter) continue
            const unit = this.unitMap[block.ou[r] ?? 0] ?? -1
            if (unit < 0) continue
            const unitSlots = this.unitSlots(unit)
            if (!unitSlots.length) continue
            const e = this.extraIndex(rowCoc, rowAoc, unit)
            if (e < 0) continue
            const raw = block.value[r] ?? 0
            const value = weighted ? raw * (days[block.per[r] ?? 0] ?? 0) : raw
            for (const p of slots) {
                for (const o of unitSlots) {
                    const key = (p * this.nO + o) * this.nE + e
                    sums[key] = (sums[key] ?? 0) + value
                    counts[key] = (counts[key] ?? 0) + 1
                    if (mins && raw < (mins[key] ?? 0)) mins[key] = raw
                    if (maxs && raw > (maxs[key] ?? 0)) maxs[key] = raw
                    if (squares) squares[key] = (squares[key] ?? 0) + raw * raw
                }
            }
        }
        for (let key = 0; key < nCells; key++) {
            const count = counts[key] ?? 0
            if (count === 0) continue
            const sum = sums[key] ?? 0
            let value: number
            switch (type) {
                case 'AVERAGE_SUM_ORG_UNIT':
                    value = sum / (divisors[this.splitCell(key).p] ?? 1)
                    break
                case 'AVERAGE':
                case 'AVERAGE_INT':
                case 'AVERAGE_BOOL':
                    value = sum / count
                    break
                case 'COUNT':
                    value = count
                    break
                case 'MIN':
                    value = mins?.[key] ?? 0
                    break
                case 'MAX':
                    value = maxs?.[key] ?? 0
                    break
                case 'VARIANCE':
                case 'STDDEV': {
                    if (count < 2) continue
                    const variance = ((squares?.[key] ?? 0) - (sum * sum) / count) / (count - 1)
                    value = type === 'STDDEV' ? Math.sqrt(variance) : variance
                    break
                }
                default:
                    value = sum
            }
            result.set(key, value)
        }
        return result
    }

    /** LAST / FIRST types: per (unit, COC, AOC) the latest (earliest) value, then summed or averaged. */
    private firstOrLast(
        block: DataBlock,
        snapshot: Snapshot,
        from: number,
        to: number,
        map: Array<number[] | undefined>,
        cocFilter: number,
        aocFilter: number,
        type: string
    ): Map<number, number> {
        const first = type.startsWith('FIRST')
        const endRank = this.endRanks(snapshot)
        const nCombos = snapshot.cocIds.length
        // Per period slot: series (unit, COC, AOC) → chosen row.
        const picks = this.plan.periods.map(() => new Map<number, number>())
        for (let r = from; r < to; r++) {
            const per = block.per[r] ?? 0
            const slots = map[per]
            if (!slots) continue
            const rowCoc = block.coc[r] ?? 0
            const rowAoc = block.aoc[r] ?? 0
            if (cocFilter >= 0 && rowCoc !== cocFilter) continue
            if (aocFilter >= 0 && rowAoc !== aocFilter) continue
            const series = ((block.ou[r] ?? 0) * nCombos + rowCoc) * nCombos + rowAoc
            for (const p of slots) {
                const chosen = picks[p]
                if (!chosen) continue
                const current = chosen.get(series)
                if (current === undefined) {
                    chosen.set(series, r)
                    continue
                }
                const rank = endRank[per] ?? 0
                const currentPer = block.per[current] ?? 0
                const better = first ? per < currentPer : rank > (endRank[currentPer] ?? 0)
                if (better) chosen.set(series, r)
            }
        }
        const nCells = this.nP * this.nO * this.nE
        const sums = new Float64Array(nCells)
        const counts = new Uint32Array(nCells)
        picks.forEach((chosen, p) => {
            for (const r of chosen.values()) {
                const unit = this.unitMap[block.ou[r] ?? 0] ?? -1
                if (unit < 0) continue
                const e = this.extraIndex(block.coc[r] ?? 0, block.aoc[r] ?? 0, unit)
                if (e < 0) continue
                for (const o of this.unitSlots(unit)) {
                    const key = (p * this.nO + o) * this.nE + e
                    sums[key] = (sums[key] ?? 0) + (block.value[r] ?? 0)
                    counts[key] = (counts[key] ?? 0) + 1
                }
            }
        })
        const average = type.endsWith('AVERAGE_ORG_UNIT')
        const result = new Map<number, number>()
        for (let key = 0; key < nCells; key++) {
            const count = counts[key] ?? 0
            if (count > 0) result.set(key, average ? (sums[key] ?? 0) / count : (sums[key] ?? 0))
        }
        return result
    }

    private endRankCache: Int32Array | null = null

    /** Rank of each snapshot period by (end date, start date): DHIS2's "latest" order. */
    private endRanks(snapshot: Snapshot): Int32Array {
        if (this.endRankCache) return this.endRankCache
        const order = snapshot.periods
            .map((period, i) => ({ period, i }))
            .sort(
                (a, b) =>
                    a.period.endDate.localeCompare(b.period.endDate) ||
                    a.period.startDate.localeCompare(b.period.startDate)
            )
        const ranks = new Int32Array(snapshot.periods.length)
        order.forEach((entry, rank) => {
            ranks[entry.i] = rank
        })
        this.endRankCache = ranks
        return ranks
    }

    // -----------------------------------------------------------------------------------------
    // Reporting rates (completeness)

    /** ACTUAL/EXPECTED reports and rates of a data set, per cell. */
    reportingValues(ds: MetadataObject, metric: string): Map<number, number> {
        const cacheKey = `R:${ds.id}.${metric}`
        const cached = this.dataCache.get(cacheKey)
        if (cached) return cached
        const result = new Map<number, number>()
        this.dataCache.set(cacheKey, result)
        // Reports have no category option combo: a co/category/ao split leaves them out.
        if (this.extraClassifiers.some((c) => c.source !== 'unit')) return result
        if (this.filterClassifiers.some((c) => c.source !== 'unit')) return result
        const dsType = stringProp(ds, 'periodType') ?? 'Monthly'
        const timelyDays = numberProp(ds, 'timelyDays') ?? 15

        const targets = new Map<number, number>()
        const spans = this.plan.periods.map((slot) =>
            slot.periods.reduce((sum, q) => {
                if (dsType === 'Daily') return sum + daysInPeriod(q)
                return sum + Math.floor(periodTypeFrequency(q.periodType) / periodTypeFrequency(dsType))
            }, 0)
        )
        // The target counts a unit only when it is open over the whole restriction period: opened on or
        // before its start and not closed before its end (JdbcAnalyticsManager, ouopeningdate/oucloseddate).
        // The restriction is each period of a pe dimension, or the FIRST period of a pe filter
        // (DefaultQueryPlanner.groupByStartEndDateRestriction).
        const restrictions = this.plan.periods.map((slot) => (slot.id ? slot : (slot.periods[0] ?? slot)))
        const { openingDate, closedDate } = this.plan.meta.orgUnits
        for (const unit of this.plan.meta.dataSetUnits.get(ds.id) ?? []) {
            const unitSlots = this.unitSlots(unit)
            if (!unitSlots.length) continue
            const e = this.extraIndex(-1, -1, unit)
            if (e < 0) continue
            const opened = openingDate[unit] ?? ''
            const closed = closedDate[unit] ?? ''
            for (let p = 0; p < this.nP; p++) {
                const restriction = restrictions[p]
                if (restriction && opened && opened > restriction.startDate) continue
                if (restriction && closed && closed < restriction.endDate) continue
                for (const o of unitSlots) {
                    const key = this.cellKey(p, o, e)
                    targets.set(key, (targets.get(key) ?? 0) + (spans[p] ?? 0))
                }
            }
        }
        if (metric === 'EXPECTED_REPORTS') {
            for (const [key, target] of targets) result.set(key, target)
            return result
        }

        const onTime = metric.endsWith('ON_TIME')
        const actual = new Map<number, number>()
        const snapshot = this.snapshot
        const slotCache = new Map<number, number[]>()
        for (const reg of snapshot?.registrations.get(ds.id) ?? []) {
            const period = snapshot?.periods[reg.period]
            if (!period) continue
            if (onTime && reg.date > addDays(period.endDate, timelyDays)) continue
            let slots = slotCache.get(reg.period)
            if (!slots) {
                slots = []
                this.plan.periods.forEach((slot, s) => {
                    if (slot.periods.some((q) => within(period, q.startDate, q.endDate))) slots?.push(s)
                })
                slotCache.set(reg.period, slots)
            }
            if (!slots.length) continue
            const unit = this.unitMap[reg.ou] ?? -1
            if (unit < 0) continue
            const e = this.extraIndex(-1, -1, unit)
            if (e < 0) continue
            for (const p of slots) {
                for (const o of this.unitSlots(unit)) {
                    const key = this.cellKey(p, o, e)
                    actual.set(key, (actual.get(key) ?? 0) + 1)
                }
            }
        }
        // As DHIS2's reporting rate handler (DataHandler.addReportingRates, getReportingRate): one row per
        // cell with a target; actual reports default to 0, so nothing reported gives a 0 row; rates are
        // capped at 100 %, and 0 for a zero target. Reports of cells without a target are dropped.
        for (const [key, target] of targets) {
            const count = actual.get(key) ?? 0
            if (metric === 'ACTUAL_REPORTS' || metric === 'ACTUAL_REPORTS_ON_TIME') result.set(key, count)
            else result.set(key, target > 0 ? Math.min((count * 100) / target, 100) : 0)
        }
        return result
    }

    // -----------------------------------------------------------------------------------------
    // Indicators

    /** Number of units of an org unit group inside each org unit slot (OUG{…}). */
    private groupCount(groupId: string, o: number): number {
        const slot = this.plan.orgUnits[o]
        if (!slot) return 0
        let count = 0
        for (const unit of this.plan.meta.orgUnits.groupMembers.get(groupId) ?? []) {
            const path = this.plan.meta.orgUnits.path[unit] ?? []
            if (slot.units.some((u) => path.includes(u))) count++
        }
        return count
    }

    private itemValues(item: ExpressionItem, depth: number): Map<number, number> | null {
        switch (item.kind) {
            case 'DE': {
                const de = this.db.metadata.get('dataElements', item.dataElement)
                return de ? this.dataValues(de, item.coc, item.aoc) : new Map()
            }
            case 'RATE': {
                const ds = this.db.metadata.get('dataSets', item.dataSet)
                return ds ? this.reportingValues(ds, item.metric) : new Map()
            }
            case 'INDICATOR': {
                const indicator = this.db.metadata.get('indicators', item.id)
                if (!indicator || depth > 10) return new Map()
                const values = new Map<number, number>()
                for (const [key, cell] of this.indicatorValues(indicator, depth + 1))
                    values.set(key, cell.value)
                return values
            }
            case 'UNSUPPORTED':
                return new Map()
            default:
                return null
        }
    }

    private parse(expression: unknown): ExpressionNode | null {
        if (typeof expression !== 'string' || !expression.trim()) return null
        try {
            return parseExpression(expression)
        } catch {
            return null
        }
    }

    indicatorValues(indicator: MetadataObject, depth = 0): Map<number, IndicatorCell> {
        const cached = this.indicatorCache.get(indicator.id)
        if (cached) return cached
        const result = new Map<number, IndicatorCell>()
        this.indicatorCache.set(indicator.id, result)
        const numerator = this.parse(indicator.numerator)
        const denominator = this.parse(indicator.denominator)
        if (!numerator || !denominator) return result

        const itemMaps = new Map<string, Map<number, number>>()
        const constants = new Map<string, number>()
        const groups = new Map<string, string>()
        const cells = new Set<number>()
        let dataItems = 0
        const collect = (node: ExpressionNode): void => {
            if (node.type === 'item') {
                const item = node.item
                if (item.kind === 'CONSTANT') {
                    const constant = this.db.metadata.get('constants', item.id)
                    constants.set(item.key, numberProp(constant, 'value') ?? 0)
                    return
                }
                if (item.kind === 'OUG') {
                    groups.set(item.key, item.id)
                    return
                }
                dataItems++
                if (itemMaps.has(item.key)) return
                const values = this.itemValues(item, depth) ?? new Map<number, number>()
                itemMaps.set(item.key, values)
                for (const key of values.keys()) cells.add(key)
            } else if (node.type === 'unary') collect(node.operand)
            else if (node.type === 'binary') {
                collect(node.left)
                collect(node.right)
            }
        }
        collect(numerator)
        collect(denominator)
        if (dataItems === 0) {
            for (let key = 0; key < this.nP * this.nO * this.nE; key++) cells.add(key)
        }

        const type = this.db.metadata.get('indicatorTypes', refId(indicator.indicatorType) ?? '')
        const factor = numberProp(type, 'factor') ?? 1
        const annualized = indicator.annualized === true
        for (const key of cells) {
            const { p, o } = this.splitCell(key)
            const valueOf = (item: ExpressionItem): number | null => {
                if (item.kind === 'CONSTANT') return constants.get(item.key) ?? 0
                if (item.kind === 'OUG') return this.groupCount(item.id, o)
                return itemMaps.get(item.key)?.get(key) ?? null
            }
            const num = evaluateExpression(numerator, valueOf)
            const den = evaluateExpression(denominator, valueOf)
            if (num === null || den === null || den === 0) continue
            const multiplier = annualized ? factor * 365 : factor
            const divisor = annualized ? (this.plan.periods[p]?.days ?? 365) : 1
            const value = (num * multiplier) / (den * divisor)
            if (!Number.isFinite(value)) continue
            result.set(key, { value, numerator: num, denominator: den, multiplier, divisor })
        }
        return result
    }
}
