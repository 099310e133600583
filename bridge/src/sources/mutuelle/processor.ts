// Mutuelle rows → data values. Membership (stocks) goes to the health district where the mutuelle
// operates; claims go to the care facility; both carry the mutuelle as attribute option combo.
import type { MappedValue, SourceHeader, SourceRecord, ValidationIssue } from '../../core/types.js'
import type { CocMeta, DataSetMeta, OrgUnitMeta } from '../../metadata-snapshot/types.js'
import { Aggregator } from '../../aggregate/aggregate.js'
import { latestOpenMonth, parsePeriod } from '../../read/period.js'
import type { RecordProcessor, ValueSink } from '../../read/processor.js'
import type { KindContext } from '../types.js'
import { findColumn, lookup, synonymIndex, type Column } from '../line-list/columns.js'
import { locateColumns, type ExpectedTitles } from '../line-list/header.js'
import { lineListIssue, type CellAt } from '../line-list/messages.js'
import { findAoc, findCoc, findOrgUnit } from '../line-list/targets.js'
import { sameDistrict } from './district.js'
import { parseAmount, type MutuelleLayout, type MutuelleLayoutFile } from './mapping.js'

type Field =
    | 'mutuelle'
    | 'district'
    | 'period'
    | 'members'
    | 'beneficiaries'
    | 'membersUpToDate'
    | 'facility'
    | 'prestation'
    | 'count'
    | 'amount'

const OPTIONAL = new Set<Field>(['district', 'count'])

export function mutuelleLayoutScore(layout: MutuelleLayout, header: readonly string[]): number {
    let found = 0
    for (const [field, column] of Object.entries(layout.file.columns) as Array<[Field, Column | undefined]>) {
        if (column === undefined) continue
        if (findColumn(header, column) >= 0) found++
        else if (!OPTIONAL.has(field)) return 0
    }
    return found
}

/** The titles of a layout's template, required first. */
export function mutuelleExpectedTitles(file: MutuelleLayoutFile): ExpectedTitles {
    const columns = Object.entries(file.columns) as Array<[Field, Column | undefined]>
    const present = columns.filter((c): c is [Field, Column] => c[1] !== undefined)
    return {
        layout: file.name,
        titles: [
            ...present.filter(([f]) => !OPTIONAL.has(f)).map(([, c]) => c.name),
            ...present.filter(([f]) => OPTIONAL.has(f)).map(([, c]) => c.name),
        ],
    }
}

interface Pending {
    value: MappedValue
    conflict: boolean
}

export class MutuelleProcessor implements RecordProcessor {
    private readonly mutuelles: Map<string, string>
    private readonly prestations: Map<string, string>
    private readonly aggregator = new Aggregator()
    private readonly stocks = new Map<string, Pending>()
    private index: Partial<Record<Field, number>> = {}
    private header: SourceHeader | null = null
    private dataSet: DataSetMeta | undefined
    private latest = ''

    constructor(
        private readonly layout: MutuelleLayout,
        private readonly ctx: KindContext
    ) {
        this.mutuelles = synonymIndex(
            Object.fromEntries(Object.entries(layout.mapping.mutuelles).map(([code, m]) => [code, m.names]))
        )
        this.prestations = synonymIndex(layout.mapping.prestations)
    }

    begin(header: SourceHeader, sink: ValueSink): boolean {
        this.header = header
        this.index = {}
        const index = locateColumns(
            header,
            this.layout.file.columns as Partial<Record<Field, Column>>,
            (f) => !OPTIONAL.has(f),
            this.layout.expected ?? [mutuelleExpectedTitles(this.layout.file)],
            sink
        )
        // a row that is not a recognised header may be data: nothing more is said of it
        if (index === null) return false
        this.index = index
        const used = new Set(Object.values(index))
        for (const [i, n] of header.names.entries()) {
            if (!used.has(i) && n.trim().length > 0) {
                const at: CellAt = { file: header.file, row: header.row, column: n }
                if (header.sheet !== undefined) at.sheet = header.sheet
                sink.issue(lineListIssue('UNKNOWN_COLUMN', at, {}, 'warning'))
            }
        }
        this.dataSet = this.ctx.metadata.dataSet(this.layout.mapping.dataSet)
        if (this.dataSet === undefined) {
            sink.issue(
                lineListIssue(
                    'DATA_SET_MISSING',
                    { file: header.file },
                    { dataSet: this.layout.mapping.dataSet }
                )
            )
            return false
        }
        this.latest = latestOpenMonth(this.ctx.today, this.dataSet.openFuturePeriods)
        return true
    }

    record(record: SourceRecord, sink: ValueSink): void {
        const header = this.header
        const dataSet = this.dataSet
        if (header === null || dataSet === undefined) return
        const cell = (f: Field): string => {
            const i = this.index[f]
            return i === undefined ? '' : (record.cells[i] ?? '').trim()
        }
        const col = (f: Field): string => {
            const i = this.index[f]
            return i === undefined ? f : (header.names[i] ?? f)
        }
        // where, never what: the cell's text stays in this function
        const at = (f: Field): CellAt => {
            const a: CellAt = { file: header.file, row: record.row, column: col(f) }
            if (header.sheet !== undefined) a.sheet = header.sheet
            return a
        }
        if (record.cells.every((c) => c.trim().length === 0)) return
        const issues: ValidationIssue[] = []
        const required = (f: Field): string | undefined => {
            const v = cell(f)
            if (v.length === 0) issues.push(lineListIssue('MISSING_VALUE', at(f)))
            return v.length === 0 ? undefined : v
        }
        const count = (f: Field, ifEmpty?: number): number | undefined => {
            const text = ifEmpty !== undefined && cell(f).length === 0 ? String(ifEmpty) : required(f)
            if (text === undefined) return undefined
            const n = parseAmount(text)
            if (n === undefined) issues.push(lineListIssue('NOT_A_NUMBER', at(f)))
            else if (n < 0) issues.push(lineListIssue('NEGATIVE_COUNT', at(f)))
            else if (!Number.isInteger(n)) issues.push(lineListIssue('NOT_AN_INTEGER', at(f)))
            else return n
            return undefined
        }

        const mutText = required('mutuelle')
        const mutCode = mutText === undefined ? undefined : lookup(this.mutuelles, mutText)
        if (mutText !== undefined && mutCode === undefined)
            issues.push(lineListIssue('UNKNOWN_MUTUELLE', at('mutuelle')))
        const aoc: CocMeta | undefined =
            mutCode === undefined
                ? undefined
                : findAoc(this.ctx, dataSet, `${this.layout.mapping.attributeCombo}_${mutCode}`)
        if (mutCode !== undefined && aoc === undefined)
            issues.push(lineListIssue('UNKNOWN_MUTUELLE', at('mutuelle')))

        const periodText = required('period')
        const parsed = periodText === undefined ? undefined : parsePeriod(periodText)
        let period: string | undefined
        if (periodText !== undefined && (parsed === undefined || parsed.type !== 'Monthly')) {
            issues.push(lineListIssue('BAD_PERIOD', at('period')))
        } else if (parsed !== undefined && parsed.iso > this.latest) {
            issues.push(
                lineListIssue('FUTURE_PERIOD', at('period'), { value: parsed.iso, latest: this.latest })
            )
        } else period = parsed?.iso

        if (this.layout.file.layout === 'membership') {
            const members = count('members')
            const beneficiaries = count('beneficiaries')
            const upToDate = count('membersUpToDate')
            if (members !== undefined && upToDate !== undefined && upToDate > members) {
                issues.push(
                    lineListIssue('MUT_INCONSISTENT', at('membersUpToDate'), {
                        detail: {
                            fr: `plus d’adhérents à jour (${upToDate}) que d’adhérents (${members})`,
                            en: `more members up to date (${upToDate}) than members (${members})`,
                        },
                    })
                )
            }
            const districtCode =
                mutCode === undefined ? undefined : this.layout.mapping.mutuelles[mutCode]?.district
            const district = districtCode === undefined ? undefined : this.ctx.metadata.orgUnit(districtCode)
            if (districtCode !== undefined && district === undefined) {
                issues.push(lineListIssue('UNKNOWN_FACILITY', at('mutuelle'), { value: districtCode }))
            }
            const districtText = cell('district')
            if (district !== undefined && districtText.length > 0 && mutCode !== undefined) {
                if (!sameDistrict(districtText, this.districtNames(mutCode, district))) {
                    issues.push(
                        lineListIssue('MUT_WRONG_DISTRICT', at('district'), {
                            mutuelle: this.layout.mapping.mutuelles[mutCode]?.names[0] ?? mutCode,
                            district: district.name ?? district.code ?? district.id,
                        })
                    )
                }
            }
            if (beneficiaries !== undefined && members !== undefined && beneficiaries < members) {
                sink.issue(
                    lineListIssue(
                        'MUT_INCONSISTENT',
                        at('beneficiaries'),
                        {
                            detail: {
                                fr: `moins de bénéficiaires (${beneficiaries}) que d’adhérents (${members})`,
                                en: `fewer beneficiaries (${beneficiaries}) than members (${members})`,
                            },
                        },
                        'warning'
                    )
                )
            }
            for (const i of issues) sink.issue(i)
            if (issues.length > 0 || district === undefined || aoc === undefined || period === undefined)
                return
            const e = this.layout.mapping.elements
            const rows: Array<[Field, string, number | undefined]> = [
                ['members', e.members, members],
                ['beneficiaries', e.beneficiaries, beneficiaries],
                ['membersUpToDate', e.membersUpToDate, upToDate],
            ]
            for (const [field, deCode, n] of rows) {
                const de = this.ctx.metadata.dataElement(deCode)
                if (de === undefined || n === undefined) {
                    if (de === undefined)
                        sink.issue(lineListIssue('UNKNOWN_DATA_ELEMENT', at(field), { value: deCode }))
                    continue
                }
                const coc = findCoc(this.ctx, de, 'default', [])
                if (coc === undefined) continue
                const value: MappedValue = {
                    dataSet: dataSet.id,
                    dataElement: de.id,
                    categoryOptionCombo: coc.id,
                    attributeOptionCombo: aoc.id,
                    orgUnit: district.id,
                    period,
                    value: String(n),
                    dataElementCode: deCode,
                    categoryOptionComboCode: coc.code ?? 'default',
                    orgUnitCode: district.code ?? district.id,
                    file: header.file,
                    row: record.row,
                    column: col(field),
                }
                if (header.sheet !== undefined) value.sheet = header.sheet
                this.putStock(value, sink)
            }
            return
        }

        // Claims.
        const facilityText = required('facility')
        const orgUnit = facilityText === undefined ? undefined : findOrgUnit(this.ctx, facilityText)
        if (facilityText !== undefined && orgUnit === undefined)
            issues.push(lineListIssue('UNKNOWN_FACILITY', at('facility')))
        const prestText = required('prestation')
        const prestation = prestText === undefined ? undefined : lookup(this.prestations, prestText)
        if (prestText !== undefined && prestation === undefined)
            issues.push(lineListIssue('UNKNOWN_PRESTATION', at('prestation')))
        // "Nombre" is optional (docs/bridge-labs-mutuelles.md): absent or left empty, a row is one claim
        const n = this.index.count === undefined ? 1 : count('count', 1)
        const amountText = required('amount')
        const amount = amountText === undefined ? undefined : parseAmount(amountText)
        if (amountText !== undefined && amount === undefined)
            issues.push(lineListIssue('NOT_A_NUMBER', at('amount')))
        else if (amount !== undefined && amount < 0)
            issues.push(lineListIssue('NEGATIVE_COUNT', at('amount')))
        for (const i of issues) sink.issue(i)
        if (issues.length > 0 || orgUnit === undefined || aoc === undefined || period === undefined) return
        if (prestation === undefined || n === undefined || amount === undefined) return
        const e = this.layout.mapping.elements
        const pairs: Array<[string, number, Field]> = [
            [e.claims, n, 'count'],
            [e.claimsAmount, amount, 'amount'],
        ]
        for (const [deCode, amountOf, field] of pairs) {
            const de = this.ctx.metadata.dataElement(deCode)
            if (de === undefined) {
                sink.issue(lineListIssue('UNKNOWN_DATA_ELEMENT', at(field), { value: deCode }))
                continue
            }
            const coc = findCoc(this.ctx, de, this.layout.mapping.prestationCombo, [prestation])
            if (coc === undefined) {
                sink.issue(
                    lineListIssue('COC_NOT_IN_COMBO', at('prestation'), {
                        value: prestation,
                        element: deCode,
                        allowed: this.layout.mapping.prestationCombo,
                    })
                )
                continue
            }
            this.aggregator.add({
                target: {
                    dataSet: dataSet.id,
                    dataElement: de.id,
                    categoryOptionCombo: coc.id,
                    attributeOptionCombo: aoc.id,
                    orgUnit: orgUnit.id,
                    period,
                    dataElementCode: deCode,
                    categoryOptionComboCode:
                        coc.code ?? `${this.layout.mapping.prestationCombo}_${prestation}`,
                    orgUnitCode: orgUnit.code ?? orgUnit.id,
                },
                amount: amountOf,
                file: header.file,
                row: record.row,
                column: col(field === 'count' && this.index.count === undefined ? 'prestation' : field),
            })
        }
    }

    /** The names a district goes by: its DHIS2 name and code, and the mapping's own spellings. */
    private districtNames(mutCode: string, district: OrgUnitMeta): string[] {
        const extra = this.layout.mapping.mutuelles[mutCode]?.districtNames ?? []
        return [district.name ?? '', district.code ?? '', ...extra].filter((n) => n.length > 0)
    }

    end(sink: ValueSink): void {
        for (const p of this.stocks.values()) if (!p.conflict) sink.value(p.value)
        for (const v of this.aggregator.values()) sink.value(v)
    }

    /** Stocks are not summed: the same mutuelle, month and element twice must agree. */
    private putStock(value: MappedValue, sink: ValueSink): void {
        const key = `${value.dataElement}|${value.period}|${value.orgUnit}|${value.attributeOptionCombo}`
        const previous = this.stocks.get(key)
        if (previous === undefined) {
            this.stocks.set(key, { value, conflict: false })
            return
        }
        if (previous.value.value === value.value) {
            sink.issue(
                lineListIssue(
                    'DUPLICATE_SAME',
                    { file: value.file, row: value.row, column: value.column },
                    {
                        value: value.value,
                        element: value.dataElementCode,
                        facility: value.orgUnitCode,
                        period: value.period,
                        otherRow: previous.value.row,
                    },
                    'warning'
                )
            )
            return
        }
        previous.conflict = true
        sink.issue(
            lineListIssue(
                'DUPLICATE_CONFLICT',
                { file: value.file, row: value.row, column: value.column },
                {
                    value: value.value,
                    element: value.dataElementCode,
                    facility: value.orgUnitCode,
                    period: value.period,
                    other: previous.value.value,
                    otherRow: previous.value.row,
                }
            )
        )
    }
}
