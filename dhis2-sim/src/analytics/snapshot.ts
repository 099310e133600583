// The simulator's analytics tables: a snapshot of the numeric data values and of the complete
// registrations, taken by the analytics job. Queries read only this snapshot, so values pushed after
// the last run stay invisible until the job runs again, as in DHIS2.
//
// Rows are grouped per data element in columnar typed arrays and sorted by period start, so a query
// touches only the rows of the data elements it asks for, inside its time window.
import type { Database } from '../core/types.js'
import { parsePeriod, type Period } from '../periods/period.js'
import { stringProp } from './metadata-index.js'

export interface DataBlock {
    length: number
    /** Index into `Snapshot.ouIds`. */
    ou: Int32Array
    /** Index into `Snapshot.periods` (sorted by start date, so rows are grouped by period). */
    per: Int32Array
    /** Index into `Snapshot.cocIds` for both the category and the attribute option combo. */
    coc: Int32Array
    aoc: Int32Array
    value: Float64Array
    /** `periodStart[p]` = first row of period index p; `periodStart[p + 1]` its end. */
    periodStart: Int32Array
}

export interface RegistrationRow {
    period: number
    ou: number
    aoc: number
    /** Completion date `yyyy-MM-dd`. */
    date: string
}

export interface Snapshot {
    builtAt: string
    ouIds: string[]
    periods: Period[]
    periodIndex: Map<string, number>
    cocIds: string[]
    cocIndex: Map<string, number>
    blocks: Map<string, DataBlock>
    /** Data set id → completed registrations. */
    registrations: Map<string, RegistrationRow[]>
}

const NUMERIC_TYPES = new Set([
    'NUMBER',
    'INTEGER',
    'INTEGER_POSITIVE',
    'INTEGER_NEGATIVE',
    'INTEGER_ZERO_OR_POSITIVE',
    'PERCENTAGE',
    'UNIT_INTERVAL',
])

/** The value as the analytics table stores it, or null when it is not aggregatable. */
function numericValue(raw: string, valueType: string | undefined): number | null {
    if (valueType === 'BOOLEAN' || valueType === 'TRUE_ONLY') {
        if (raw === 'true' || raw === '1') return 1
        if (raw === 'false' || raw === '0') return 0
        return null
    }
    if (valueType !== undefined && !NUMERIC_TYPES.has(valueType)) return null
    if (raw.trim() === '') return null
    const number = Number(raw)
    return Number.isFinite(number) ? number : null
}

class Interner {
    readonly ids: string[] = []
    readonly index = new Map<string, number>()
    get(id: string): number {
        let i = this.index.get(id)
        if (i === undefined) {
            i = this.ids.length
            this.ids.push(id)
            this.index.set(id, i)
        }
        return i
    }
}

interface Collector {
    valueType: string | undefined
    ou: number[]
    per: number[]
    coc: number[]
    aoc: number[]
    value: number[]
}

export function buildSnapshot(db: Database, builtAt: string): Snapshot {
    const valueTypes = new Map<string, string | undefined>()
    for (const de of db.metadata.list('dataElements')) valueTypes.set(de.id, stringProp(de, 'valueType'))

    const orgUnits = new Interner()
    const combos = new Interner()
    const rawPeriods = new Interner()
    const parsed: Array<Period | null> = []
    const periodOf = (id: string): number => {
        const i = rawPeriods.get(id)
        if (i === parsed.length) parsed.push(parsePeriod(id))
        return parsed[i] ? i : -1
    }

    const collectors = new Map<string, Collector>()
    // Stored values come in runs of the same unit, period and element: remember the last lookups.
    let lastElement = ''
    let collector: Collector | undefined
    let lastUnit = ''
    let unitIndex = 0
    let lastPeriod = ''
    let periodIndex = -1
    for (const dv of db.dataValues.all()) {
        if (dv.deleted || dv.value === null) continue
        if (dv.dataElement !== lastElement || !collector) {
            lastElement = dv.dataElement
            collector = collectors.get(lastElement)
            if (!collector) {
                collector = {
                    ou: [],
                    per: [],
                    coc: [],
                    aoc: [],
                    value: [],
                    valueType: valueTypes.get(lastElement),
                }
                collectors.set(lastElement, collector)
            }
        }
        const value = numericValue(dv.value, collector.valueType)
        if (value === null) continue
        if (dv.period !== lastPeriod) {
            lastPeriod = dv.period
            periodIndex = periodOf(dv.period)
        }
        if (periodIndex < 0) continue
        if (dv.orgUnit !== lastUnit) {
            lastUnit = dv.orgUnit
            unitIndex = orgUnits.get(dv.orgUnit)
        }
        collector.ou.push(unitIndex)
        collector.per.push(periodIndex)
        collector.coc.push(combos.get(dv.categoryOptionCombo))
        collector.aoc.push(combos.get(dv.attributeOptionCombo))
        collector.value.push(value)
    }

    const registrationsRaw: Array<{ ds: string; per: number; ou: number; aoc: number; date: string }> = []
    for (const reg of db.completeRegistrations.all()) {
        if (!reg.completed) continue
        const per = periodOf(reg.period)
        if (per < 0) continue
        registrationsRaw.push({
            ds: reg.dataSet,
            per,
            ou: orgUnits.get(reg.organisationUnit),
            aoc: combos.get(reg.attributeOptionCombo),
            date: reg.date.slice(0, 10),
        })
    }

    // Sort periods by start date, then by end date, and renumber the rows accordingly.
    const order = parsed
        .map((period, i) => ({ period, i }))
        .filter((entry): entry is { period: Period; i: number } => entry.period !== null)
        .sort(
            (a, b) =>
                a.period.startDate.localeCompare(b.period.startDate) ||
                a.period.endDate.localeCompare(b.period.endDate)
        )
    const rank = new Int32Array(parsed.length).fill(-1)
    order.forEach((entry, r) => {
        rank[entry.i] = r
    })
    const periods = order.map((entry) => entry.period)
    const nPeriods = periods.length

    const blocks = new Map<string, DataBlock>()
    for (const [de, c] of collectors) {
        const length = c.value.length
        const counts = new Int32Array(nPeriods + 1)
        for (let r = 0; r < length; r++) {
            const k = (rank[c.per[r] ?? 0] ?? 0) + 1
            counts[k] = (counts[k] ?? 0) + 1
        }
        for (let p = 0; p < nPeriods; p++) counts[p + 1] = (counts[p + 1] ?? 0) + (counts[p] ?? 0)
        const periodStart = Int32Array.from(counts)
        const cursor = Int32Array.from(counts)
        const block: DataBlock = {
            length,
            ou: new Int32Array(length),
            per: new Int32Array(length),
            coc: new Int32Array(length),
            aoc: new Int32Array(length),
            value: new Float64Array(length),
            periodStart,
        }
        for (let r = 0; r < length; r++) {
            const p = rank[c.per[r] ?? 0] ?? 0
            const at = cursor[p] ?? 0
            cursor[p] = at + 1
            block.ou[at] = c.ou[r] ?? 0
            block.per[at] = p
            block.coc[at] = c.coc[r] ?? 0
            block.aoc[at] = c.aoc[r] ?? 0
            block.value[at] = c.value[r] ?? 0
        }
        blocks.set(de, block)
    }

    const registrations = new Map<string, RegistrationRow[]>()
    for (const reg of registrationsRaw) {
        let list = registrations.get(reg.ds)
        if (!list) {
            list = []
            registrations.set(reg.ds, list)
        }
        list.push({ period: rank[reg.per] ?? 0, ou: reg.ou, aoc: reg.aoc, date: reg.date })
    }

    return {
        builtAt,
        ouIds: orgUnits.ids,
        periods,
        periodIndex: new Map(periods.map((period, i) => [period.id, i])),
        cocIds: combos.ids,
        cocIndex: combos.index,
        blocks,
        registrations,
    }
}

const snapshots = new WeakMap<Database, Snapshot>()

/** Replaces the snapshot of `db` (the analytics job). */
export function storeSnapshot(db: Database, snapshot: Snapshot): void {
    snapshots.set(db, snapshot)
}

/**
 * The snapshot queries read. After a restart, persistence restores `lastRun` but not the tables:
 * they are rebuilt once from the restored values, as if the last run had just happened.
 */
export function currentSnapshot(db: Database): Snapshot | null {
    const existing = snapshots.get(db)
    if (existing) return existing
    if (!db.analytics.lastRun) return null
    const rebuilt = buildSnapshot(db, db.analytics.lastRun)
    snapshots.set(db, rebuilt)
    return rebuilt
}
