// Mutuelle rows → data values. Membership (stocks) goes to the health district where the mutuelle
// operates; claims go to the care facility; both carry the mutuelle as attribute option combo.
import type { MappedValue, SourceHeader, SourceRecord, ValidationIssue } from '../../core/types.js'
import { makeIssue } from '../../core/issues.js'
import { normalizeLabel } from '../../metadata/index.js'
import type { CocMeta, DataSetMeta } from '../../metadata/types.js'
import { Aggregator } from '../../pipeline/aggregate/aggregate.js'
import { latestOpenMonth, parsePeriod } from '../../read/period.js'
import type { KindContext, RecordProcessor, ValueSink } from '../types.js'
import { findColumn, lookup, synonymIndex, type Column } from '../lab/columns.js'
import { labIssue } from '../lab/messages.js'
import { findAoc, findCoc, findOrgUnit } from '../lab/targets.js'
import { parseAmount, type MutuelleLayout } from './mapping.js'

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
        let ok = true
        const used = new Set<number>()
        for (const [field, column] of Object.entries(this.layout.file.columns) as Array<
            [Field, Column | undefined]
        >) {
            if (column === undefined) continue
            const i = findColumn(header.names, column)
            if (i >= 0) {
                this.index[field] = i
                used.add(i)
            } else if (!OPTIONAL.has(field)) {
                sink.issue(
                    makeIssue('MISSING_COLUMN', {
                        file: header.file,
                        sheet: header.sheet,
                        row: header.row,
                        column: column.name,
                    })
                )
                ok = false
            }
        }
        for (const [i, n] of header.names.entries()) {
            if (!used.has(i) && n.trim().length > 0) {
                sink.issue(
                    makeIssue(
                        'UNKNOWN_COLUMN',
                        { file: header.file, sheet: header.sheet, row: header.row, column: n },
                        {},
                        'warning'
                    )
                )
            }
        }
        this.dataSet = this.ctx.metadata.dataSet(this.layout.mapping.dataSet)
        if (this.dataSet === undefined) {
            sink.issue(
                labIssue('DATA_SET_MISSING', { file: header.file, value: this.layout.mapping.dataSet })
            )
            return false
        }
        this.latest = latestOpenMonth(this.ctx.today, this.dataSet.openFuturePeriods)
        return ok
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
        const at = (f: Field, value?: string) => {
            const a: { file: string; row: number; column: string; value?: string; sheet?: string } = {
                file: header.file,
                row: record.row,
                column: col(f),
            }
            if (value !== undefined) a.value = value
            if (header.sheet !== undefined) a.sheet = header.sheet
            return a
        }
        if (record.cells.every((c) => c.trim().length === 0)) return
        const issues: ValidationIssue[] = []
        const required = (f: Field): string | undefined => {
            const v = cell(f)
            if (v.length === 0) issues.push(makeIssue('MISSING_VALUE', at(f)))
            return v.length === 0 ? undefined : v
        }
        const count = (f: Field): number | undefined => {
            const text = required(f)
            if (text === undefined) return undefined
            const n = parseAmount(text)
            if (n === undefined) issues.push(makeIssue('NOT_A_NUMBER', at(f, text)))
            else if (n < 0) issues.push(makeIssue('NEGATIVE_COUNT', at(f, text)))
            else if (!Number.isInteger(n)) issues.push(makeIssue('NOT_AN_INTEGER', at(f, text)))
            else return n
            return undefined
        }

        const mutText = required('mutuelle')
        const mutCode = mutText === undefined ? undefined : lookup(this.mutuelles, mutText)
        if (mutText !== undefined && mutCode === undefined)
            issues.push(labIssue('UNKNOWN_MUTUELLE', at('mutuelle', mutText)))
        const aoc: CocMeta | undefined =
            mutCode === undefined
                ? undefined
                : findAoc(this.ctx, dataSet, `${this.layout.mapping.attributeCombo}_${mutCode}`)
        if (mutCode !== undefined && aoc === undefined)
            issues.push(labIssue('UNKNOWN_MUTUELLE', at('mutuelle', mutCode)))

        const periodText = required('period')
        const parsed = periodText === undefined ? undefined : parsePeriod(periodText)
        let period: string | undefined
        if (periodText !== undefined && (parsed === undefined || parsed.type !== 'Monthly')) {
            issues.push(makeIssue('BAD_PERIOD', at('period', periodText)))
        } else if (parsed !== undefined && parsed.iso > this.latest) {
            issues.push(makeIssue('FUTURE_PERIOD', at('period', parsed.iso), { latest: this.latest }))
        } else period = parsed?.iso

        if (this.layout.file.layout === 'membership') {
            const members = count('members')
            const beneficiaries = count('beneficiaries')
            const upToDate = count('membersUpToDate')
            if (members !== undefined && upToDate !== undefined && upToDate > members) {
                issues.push(
                    labIssue('MUT_INCONSISTENT', at('membersUpToDate', String(upToDate)), {
                        detail: `adhérents à jour (${upToDate}) > adhérents (${members}) / members up to date > members`,
                    })
                )
            }
            const districtCode =
                mutCode === undefined ? undefined : this.layout.mapping.mutuelles[mutCode]?.district
            const district = districtCode === undefined ? undefined : this.ctx.metadata.orgUnit(districtCode)
            if (districtCode !== undefined && district === undefined) {
                issues.push(makeIssue('UNKNOWN_FACILITY', at('mutuelle', districtCode)))
            }
            const districtText = cell('district')
            if (district !== undefined && districtText.length > 0) {
                const t = normalizeLabel(districtText)
                const same =
                    t === normalizeLabel(district.code ?? '') ||
                    normalizeLabel(district.name ?? '').includes(t)
                if (!same) {
                    issues.push(
                        labIssue('MUT_INCONSISTENT', at('district', districtText), {
                            detail: `la mutuelle ${mutCode ?? ''} opère dans ${district.name ?? district.id} / the mutual operates in ${district.name ?? district.id}`,
                        })
                    )
                }
            }
            if (beneficiaries !== undefined && members !== undefined && beneficiaries < members) {
                sink.issue(
                    labIssue(
                        'MUT_INCONSISTENT',
                        at('beneficiaries', String(beneficiaries)),
                        {
                            detail: `bénéficiaires (${beneficiaries}) < adhérents (${members}) / beneficiaries < members`,
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
                    if (de === undefined) sink.issue(makeIssue('UNKNOWN_DATA_ELEMENT', at(field, deCode)))
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
            issues.push(makeIssue('UNKNOWN_FACILITY', at('facility', facilityText)))
        const prestText = required('prestation')
        const prestation = prestText === undefined ? undefined : lookup(this.prestations, prestText)
        if (prestText !== undefined && prestation === undefined)
            issues.push(labIssue('UNKNOWN_PRESTATION', at('prestation', prestText)))
        const n = this.index.count === undefined ? 1 : count('count')
        const amountText = required('amount')
        const amount = amountText === undefined ? undefined : parseAmount(amountText)
        if (amountText !== undefined && amount === undefined)
            issues.push(makeIssue('NOT_A_NUMBER', at('amount', amountText)))
        else if (amount !== undefined && amount < 0)
            issues.push(makeIssue('NEGATIVE_COUNT', at('amount', amountText)))
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
                sink.issue(makeIssue('UNKNOWN_DATA_ELEMENT', at(field, deCode)))
                continue
            }
            const coc = findCoc(this.ctx, de, this.layout.mapping.prestationCombo, [prestation])
            if (coc === undefined) {
                sink.issue(
                    makeIssue('COC_NOT_IN_COMBO', at('prestation', prestation), {
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
                makeIssue(
                    'DUPLICATE_SAME',
                    { file: value.file, row: value.row, column: value.column, value: value.value },
                    {
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
            makeIssue(
                'DUPLICATE_CONFLICT',
                { file: value.file, row: value.row, column: value.column, value: value.value },
                {
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
