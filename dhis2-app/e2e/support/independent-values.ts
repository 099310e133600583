// Values the browser tests compare the app with, obtained without any of the app's code: a direct
// /api/analytics request per value (a different request form than the app's one batched request, parsed
// here), and the same indicator recomputed from the raw data values of /api/dataValueSets.
import type { RunningSimulator } from '../../../dhis2-sim/src/index'
import { api, type DemoUser } from './harness'

/** A DHIS2 indicator as its metadata defines it (read from /api/indicators, not from the app's catalogue). */
export interface IndicatorDefinition {
    id: string
    code: string
    numerator: string
    denominator: string
    decimals: number
    annualized: boolean
    factor: number
}

const definitions = new Map<string, Promise<IndicatorDefinition>>()

/** The indicator with this DHIS2 code, as the server defines it. */
export function indicatorByCode(
    sim: RunningSimulator,
    user: DemoUser,
    code: string
): Promise<IndicatorDefinition> {
    const key = `${sim.url}|${code}`
    let definition = definitions.get(key)
    if (!definition) {
        definition = api<{
            indicators: Array<{
                id: string
                code: string
                numerator: string
                denominator: string
                decimals?: number
                annualized?: boolean
                indicatorType: { factor: number }
            }>
        }>(
            sim,
            user,
            `indicators?filter=code:eq:${encodeURIComponent(code)}` +
                '&fields=id,code,numerator,denominator,decimals,annualized,indicatorType[factor]&paging=false'
        ).then(({ indicators }) => {
            const [indicator, ...others] = indicators
            if (!indicator || others.length > 0)
                throw new Error(`Not exactly one indicator with code ${code}`)
            return {
                id: indicator.id,
                code: indicator.code,
                numerator: indicator.numerator,
                denominator: indicator.denominator,
                decimals: typeof indicator.decimals === 'number' ? indicator.decimals : 2,
                annualized: indicator.annualized === true,
                factor: Number(indicator.indicatorType.factor),
            }
        })
        definitions.set(key, definition)
    }
    return definition
}

/**
 * One value from a direct analytics request for exactly one indicator, org unit and year. Null only when
 * analytics answers no row; a row that is not for the requested cell or holds no number fails.
 */
export async function analyticsValue(
    sim: RunningSimulator,
    user: DemoUser,
    dx: string,
    ou: string,
    year: number
): Promise<number | null> {
    const grid = await api<{ headers: Array<{ name: string }>; rows: string[][] }>(
        sim,
        user,
        `analytics?dimension=dx:${dx}&dimension=ou:${ou}&dimension=pe:${year}&displayProperty=NAME`
    )
    const column = (name: string) => {
        const index = grid.headers.findIndex((h) => h.name === name)
        if (index < 0) throw new Error(`Analytics answer without a ${name} column`)
        return index
    }
    const [dxIndex, ouIndex, peIndex, valueIndex] = ['dx', 'ou', 'pe', 'value'].map(column)
    if (grid.rows.length === 0) return null
    if (grid.rows.length > 1) throw new Error(`Analytics answered ${grid.rows.length} rows for one cell`)
    const row = grid.rows[0] ?? []
    const cell = [row[dxIndex ?? -1], row[ouIndex ?? -1], row[peIndex ?? -1]]
    if (cell.join('|') !== `${dx}|${ou}|${year}`) {
        throw new Error(`Analytics answered a row for ${cell.join('|')} instead of ${dx}|${ou}|${year}`)
    }
    const raw = row[valueIndex ?? -1] ?? ''
    const value = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(value)) {
        throw new Error(`Analytics value for ${dx}|${ou}|${year} is not a number: "${raw}"`)
    }
    return value
}

interface Term {
    dataElement: string
    categoryOptionCombo: string | null
}

/** `#{de} + #{de.coc} + …`, the shape of the MAP indicators, or a number; null for anything else. */
function parseExpression(expression: string): Term[] | number | null {
    const text = expression.trim()
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
    const terms: Term[] = []
    for (const part of text.split('+')) {
        const match = /^#\{(\w{11})(?:\.(\w{11}))?\}$/.exec(part.trim())
        if (!match?.[1]) return null
        terms.push({ dataElement: match[1], categoryOptionCombo: match[2] ?? null })
    }
    return terms
}

interface RawValue {
    dataElement: string
    period: string
    categoryOptionCombo: string
    value: string
}

function daysInYear(year: number): number {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365
}

/** Days of a yearly (`2024`) or monthly (`202402`) period; null for any other period type. */
function periodDays(period: string): number | null {
    if (/^\d{4}$/.test(period)) return daysInYear(Number(period))
    const month = /^(\d{4})(\d{2})$/.exec(period)
    if (!month) return null
    return new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate()
}

/** Aggregation types this recomputation handles (those of the MAP indicators' counts and populations). */
const SUPPORTED_AGGREGATIONS = new Set(['SUM', 'AVERAGE_SUM_ORG_UNIT'])

async function aggregationTypes(
    sim: RunningSimulator,
    user: DemoUser,
    dataElements: string[]
): Promise<Map<string, string>> {
    const { dataElements: found } = await api<{
        dataElements: Array<{ id: string; aggregationType: string }>
    }>(
        sim,
        user,
        `dataElements?filter=id:in:[${dataElements.join(',')}]&fields=id,aggregationType&paging=false`
    )
    return new Map(found.map((d) => [d.id, d.aggregationType]))
}

/** Raw data values of some data elements for an org unit and its whole sub-tree, between two dates. */
async function rawValues(
    sim: RunningSimulator,
    user: DemoUser,
    dataElements: string[],
    orgUnit: string,
    startDate: string,
    endDate: string
): Promise<RawValue[]> {
    const params = new URLSearchParams({ orgUnit, children: 'true', startDate, endDate })
    for (const de of dataElements) params.append('dataElement', de)
    const set = await api<{ dataValues?: RawValue[] }>(sim, user, `dataValueSets?${params}`)
    return set.dataValues ?? []
}

/**
 * The indicator's yearly value for an org unit recomputed from raw data values, as DHIS2 defines it:
 * numerator × factor ÷ denominator (× 365 ÷ days of the year when annualized), each side the sum of its
 * terms over the org unit's sub-tree (SUM: every value of the year; AVERAGE_SUM_ORG_UNIT: the days-weighted
 * average over the year), no value when the numerator has no data or the denominator is missing or zero,
 * rounded to the indicator's decimals. Undefined when the indicator uses something this does not handle
 * (e.g. LAST aggregation): the caller then relies on the analytics request alone.
 */
export async function rawIndicatorValue(
    sim: RunningSimulator,
    user: DemoUser,
    indicator: IndicatorDefinition,
    orgUnit: string,
    year: number
): Promise<number | null | undefined> {
    const numerator = parseExpression(indicator.numerator)
    const denominator = parseExpression(indicator.denominator)
    if (numerator === null || denominator === null) return undefined
    const terms = [numerator, denominator].flatMap((side) => (typeof side === 'number' ? [] : side))
    const dataElements = [...new Set(terms.map((t) => t.dataElement))]
    const types = await aggregationTypes(sim, user, dataElements)
    if (dataElements.some((de) => !SUPPORTED_AGGREGATIONS.has(types.get(de) ?? ''))) return undefined

    const values = await rawValues(sim, user, dataElements, orgUnit, `${year}-01-01`, `${year}-12-31`)
    const yearDays = daysInYear(year)
    const side = (expression: Term[] | number): number | null => {
        if (typeof expression === 'number') return expression
        let total = 0
        let found = false
        for (const term of expression) {
            const averaged = types.get(term.dataElement) === 'AVERAGE_SUM_ORG_UNIT'
            for (const v of values) {
                if (v.dataElement !== term.dataElement) continue
                if (term.categoryOptionCombo !== null && v.categoryOptionCombo !== term.categoryOptionCombo) {
                    continue
                }
                const days = periodDays(v.period)
                if (days === null) throw new Error(`Unexpected period ${v.period} in the raw data values`)
                total += averaged ? (Number(v.value) * days) / yearDays : Number(v.value)
                found = true
            }
        }
        // DHIS2's SKIP_IF_ALL_VALUES_MISSING: an expression with no value at all has no value.
        return found ? total : null
    }
    const top = side(numerator)
    const bottom = side(denominator)
    if (top === null || bottom === null || bottom === 0) return null
    const annualization = indicator.annualized ? 365 / yearDays : 1
    const scale = 10 ** indicator.decimals
    return Math.round(((top * indicator.factor) / bottom) * annualization * scale) / scale
}

/**
 * How many raw values the indicator's numerator has in the org unit's sub-tree over the ten years up to
 * the end of `year` (the longest look-back of DHIS2's LAST aggregation). Zero means analytics cannot have
 * a value: the only case where a missing actual is legitimate.
 */
export async function numeratorRawValueCount(
    sim: RunningSimulator,
    user: DemoUser,
    indicator: IndicatorDefinition,
    orgUnit: string,
    year: number
): Promise<number> {
    const numerator = parseExpression(indicator.numerator)
    if (numerator === null) throw new Error(`Unsupported numerator ${indicator.numerator}`)
    if (typeof numerator === 'number') return 1
    const dataElements = [...new Set(numerator.map((t) => t.dataElement))]
    const values = await rawValues(sim, user, dataElements, orgUnit, `${year - 9}-01-01`, `${year}-12-31`)
    return values.filter((v) =>
        numerator.some(
            (t) =>
                t.dataElement === v.dataElement &&
                (t.categoryOptionCombo === null || t.categoryOptionCombo === v.categoryOptionCombo)
        )
    ).length
}
