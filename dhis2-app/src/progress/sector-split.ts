import type { AnalyticsRow } from '../shared/analytics-grid'

/** Numerator values of one org unit split by sector group code, and the private data sets' reports. */
export interface OrgUnitSectorData {
    /** item (`de` or `de.coc`) → sector group code → value. */
    numerators: Map<string, Map<string, number>>
    /** data set id → reports received and expected over the year. */
    reports: Map<string, { actual: number; expected: number }>
}

export type SectorSplit = Map<string, OrgUnitSectorData>

const REPORT_METRIC = /^(.+)\.(ACTUAL_REPORTS|EXPECTED_REPORTS)$/

/**
 * Index of the second scorecard request. Reports may come split by sector or not (a data set has no
 * sector); either way they are summed per org unit, which is what the completeness rate needs.
 */
export function indexSectorSplit(
    rows: AnalyticsRow[],
    sectorGroupSetId: string,
    groupCodeById: Map<string, string>
): SectorSplit {
    const split: SectorSplit = new Map()
    const entry = (ou: string): OrgUnitSectorData => {
        let e = split.get(ou)
        if (!e) {
            e = { numerators: new Map(), reports: new Map() }
            split.set(ou, e)
        }
        return e
    }
    for (const row of rows) {
        const { dx, ou } = row.dimensions
        if (!dx || !ou) continue
        const report = REPORT_METRIC.exec(dx)
        if (report) {
            const [, dataSet = '', metric] = report
            const reports = entry(ou).reports
            const current = reports.get(dataSet) ?? { actual: 0, expected: 0 }
            if (metric === 'ACTUAL_REPORTS') current.actual += row.value
            else current.expected += row.value
            reports.set(dataSet, current)
            continue
        }
        const group = groupCodeById.get(row.dimensions[sectorGroupSetId] ?? '')
        if (!group) continue
        const numerators = entry(ou).numerators
        const bySector = numerators.get(dx) ?? new Map<string, number>()
        bySector.set(group, (bySector.get(group) ?? 0) + row.value)
        numerators.set(dx, bySector)
    }
    return split
}

export interface SectorShare {
    /** Numerator summed over every sector. */
    total: number
    /** Numerator from private for-profit and non-profit facilities. */
    private: number
    /** Private share in percent (0–100); null when the numerator is zero or missing. */
    privateShare: number | null
    /** sector group code → numerator. */
    bySector: Map<string, number>
}

/** The private share of an indicator's numerator for one org unit. */
export function sectorShare(
    data: OrgUnitSectorData | undefined,
    items: string[],
    privateCodes: readonly string[]
): SectorShare | null {
    if (!data || items.length === 0) return null
    const bySector = new Map<string, number>()
    for (const item of items) {
        for (const [code, value] of data.numerators.get(item) ?? []) {
            bySector.set(code, (bySector.get(code) ?? 0) + value)
        }
    }
    let total = 0
    let privateTotal = 0
    for (const [code, value] of bySector) {
        total += value
        if (privateCodes.includes(code)) privateTotal += value
    }
    return {
        total,
        private: privateTotal,
        privateShare: total > 0 ? (privateTotal / total) * 100 : null,
        bySector,
    }
}

/** Reports of the private data sets received and expected, and their rate in percent (null: none expected). */
export interface PrivateCompleteness {
    actual: number
    expected: number
    rate: number | null
}

/** Completeness of the private data sets for one org unit: reports received / expected, in percent. */
export function privateCompleteness(
    data: OrgUnitSectorData | undefined,
    dataSetIds: string[]
): PrivateCompleteness {
    let actual = 0
    let expected = 0
    for (const id of dataSetIds) {
        const r = data?.reports.get(id)
        if (!r) continue
        actual += r.actual
        expected += r.expected
    }
    return { actual, expected, rate: expected > 0 ? (actual / expected) * 100 : null }
}
