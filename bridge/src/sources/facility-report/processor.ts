// Records of a clinic report → mapped values, one issue per bad cell, bad rows never blocking good ones.
import { makeIssue } from '../../core/issues.js'
import type { MappedValue, SourceColumns, SourceHeader, SourceRecord } from '../../core/types.js'
import { normalizeLabel } from '../../metadata/index.js'
import { DEFAULT_COC, type CocMeta, type DataElementMeta } from '../../metadata/types.js'
import { DuplicateTable, TEXT_MARK } from '../../validate/duplicates.js'
import type { KindContext, RecordProcessor, ValueSink } from '../types.js'
import type { ColumnSpec, FacilityReportLayout, LongLayout, WideLayout } from './layout.js'
import { CellResolver, isProblem, ProblemResult, type Problem } from './resolve.js'

function specNames(spec: ColumnSpec): Set<string> {
    return new Set([spec.name, ...spec.aliases].map(normalizeLabel))
}

/** Index of the column matching a spec: by its title, or by "group title + title" under merged headers. */
export function findColumn(
    spec: ColumnSpec,
    names: readonly string[],
    groups: readonly string[] = []
): number {
    const wanted = specNames(spec)
    for (let i = 0; i < names.length; i++) if (wanted.has(normalizeLabel(names[i] ?? ''))) return i
    for (let i = 0; i < names.length; i++) {
        const g = groups[i]
        if (g && wanted.has(normalizeLabel(`${g} ${names[i] ?? ''}`))) return i
    }
    return -1
}

type Operand =
    | { de: DataElementMeta; coc: CocMeta; op: number }
    | { problem: ProblemResult; column: 'element' | 'disagg'; element: DataElementMeta | undefined }

interface WideColumn {
    index: number
    column: string
    de: DataElementMeta
    coc: CocMeta
    op: number
}

export class FacilityReportProcessor implements RecordProcessor {
    private readonly resolver: CellResolver
    private readonly dup = new DuplicateTable()
    private readonly opNumbers = new Map<string, number>()
    private header: SourceHeader | null = null
    private col = { facility: -1, period: -1, element: -1, disagg: -1, value: -1, comment: -1 }
    private wide: WideColumn[] = []
    private sourceColumns: SourceColumns = {}
    private readonly aoc: string

    constructor(
        private readonly layout: FacilityReportLayout,
        private readonly ctx: KindContext
    ) {
        const ds = ctx.metadata.dataSet(layout.dataSet)
        this.resolver =
            layout.layout === 'long'
                ? new CellResolver(ctx, ds, layout.elementAliases, layout.optionAliases)
                : new CellResolver(ctx, ds)
        this.aoc = DEFAULT_COC
        if (layout.attributeOptionCombo && ds) {
            const c = ctx.metadata.coc(ds.categoryCombo, layout.attributeOptionCombo)
            if (c) this.aoc = c.id
        }
    }

    private readonly operands = new Map<string, Map<string, Operand>>()

    /** Data element and COC of a long-layout row, resolved once per distinct pair of cells. */
    private operand(elementCell: string, disaggCell: string): Operand {
        let byDisagg = this.operands.get(elementCell)
        if (!byDisagg) this.operands.set(elementCell, (byDisagg = new Map()))
        let r = byDisagg.get(disaggCell)
        if (r) return r
        const de = this.resolver.element(elementCell)
        if (isProblem(de)) r = { problem: de, column: 'element', element: undefined }
        else {
            const coc = this.resolver.coc(de, disaggCell)
            r = isProblem(coc)
                ? { problem: coc, column: 'disagg', element: de }
                : { de, coc, op: this.opNumber(de.id, coc.id) }
        }
        byDisagg.set(disaggCell, r)
        return r
    }

    private opNumber(de: string, coc: string): number {
        const k = de + '|' + coc
        let n = this.opNumbers.get(k)
        if (n === undefined) this.opNumbers.set(k, (n = this.opNumbers.size))
        return n
    }

    begin(header: SourceHeader, sink: ValueSink): boolean {
        this.header = header
        const at = { file: header.file, sheet: header.sheet, row: header.row }
        if (!this.resolver.dataSet) {
            sink.issue(
                makeIssue('MAPPING_INVALID', at, {
                    detail: `data set ${this.layout.dataSet} absent de DHIS2 / not in DHIS2 (layout ${this.layout.name})`,
                })
            )
            return false
        }
        const names = header.names
        const groups = header.groups ?? []
        const required: Array<[keyof typeof this.col, ColumnSpec | undefined, boolean]> =
            this.layout.layout === 'long'
                ? [
                      ['facility', this.layout.columns.facility, true],
                      ['period', this.layout.columns.period, true],
                      ['element', this.layout.columns.dataElement, true],
                      ['disagg', this.layout.columns.disaggregation, false],
                      ['value', this.layout.columns.value, true],
                      ['comment', this.layout.columns.comment, false],
                  ]
                : [
                      ['facility', this.layout.columns.facility, true],
                      ['period', this.layout.columns.period, true],
                      ['comment', this.layout.columns.comment, false],
                  ]
        let ok = true
        const used = new Set<number>()
        for (const [key, spec, mandatory] of required) {
            if (!spec) continue
            const i = findColumn(spec, names, groups)
            this.col[key] = i
            if (i >= 0) used.add(i)
            else if (mandatory) {
                ok = false
                sink.issue(makeIssue('MISSING_COLUMN', { ...at, column: spec.name }))
            }
        }
        if (this.layout.layout === 'wide') {
            const nameCol = this.layout.columns.facilityName
            if (nameCol) {
                const i = findColumn(nameCol, names, groups)
                if (i >= 0) used.add(i)
            }
            this.wide = []
            for (const f of this.layout.fields) {
                const i = findColumn({ name: f.column, aliases: f.aliases }, names, groups)
                if (i < 0) continue
                used.add(i)
                const de = this.resolver.element(f.dataElement)
                if (isProblem(de)) {
                    sink.issue(
                        makeIssue(de.problem, { ...at, column: names[i], value: f.dataElement }, de.params)
                    )
                    continue
                }
                const coc = this.resolver.coc(de, f.options.join('/'))
                if (isProblem(coc)) {
                    sink.issue(
                        makeIssue(
                            'MAPPING_INVALID',
                            { ...at, column: names[i] },
                            { detail: `${f.column}: ${coc.problem}` }
                        )
                    )
                    continue
                }
                this.wide.push({
                    index: i,
                    column: names[i] ?? f.column,
                    de,
                    coc,
                    op: this.opNumber(de.id, coc.id),
                })
            }
            if (ok && this.wide.length === 0) {
                ok = false
                sink.issue(
                    makeIssue('MISSING_COLUMN', { ...at, column: this.layout.fields[0]?.column ?? '?' })
                )
            }
        }
        const named = (i: number): string | undefined => (i >= 0 ? names[i] : undefined)
        this.sourceColumns = {}
        for (const [k, i] of [
            ['orgUnit', this.col.facility],
            ['period', this.col.period],
            ['dataElement', this.col.element],
            ['categoryOptionCombo', this.col.disagg],
        ] as const) {
            const n = named(i)
            if (n) this.sourceColumns[k] = n
        }
        if (ok)
            names.forEach((n, i) => {
                if (n && !used.has(i))
                    sink.issue(makeIssue('UNKNOWN_COLUMN', { ...at, column: n }, {}, 'warning'))
            })
        return ok
    }

    private problem(p: Problem, record: SourceRecord, colIndex: number, sink: ValueSink): void {
        const h = record.header
        sink.issue(
            makeIssue(
                p.problem,
                {
                    file: h.file,
                    sheet: h.sheet,
                    row: record.row,
                    column: h.names[colIndex],
                    value: record.cells[colIndex] ?? '',
                },
                p.params,
                p.severity ?? 'error'
            )
        )
    }

    record(record: SourceRecord, sink: ValueSink): void {
        const cells = record.cells
        const c = this.col
        const facilityCell = cells[c.facility] ?? ''
        const periodCell = cells[c.period] ?? ''
        let bad = false
        if (!facilityCell) {
            bad = true
            this.problem({ problem: 'MISSING_VALUE' }, record, c.facility, sink)
        }
        if (!periodCell) {
            bad = true
            this.problem({ problem: 'MISSING_VALUE' }, record, c.period, sink)
        }
        const fac = facilityCell ? this.resolver.facility(facilityCell) : null
        if (fac && isProblem(fac)) {
            bad = true
            this.problem(fac, record, c.facility, sink)
        }
        const per = periodCell ? this.resolver.period(periodCell) : null
        if (per && isProblem(per)) {
            bad = true
            this.problem(per, record, c.period, sink)
        }
        if (fac && per && !isProblem(fac) && !isProblem(per) && fac.ou.closedDate) {
            // DHIS2's dataValueSets import does not check closed facilities: say it, do not block
            const closed = fac.ou.closedDate.slice(0, 7).replace('-', '')
            if (per.iso >= closed)
                this.problem(
                    {
                        problem: 'ORG_UNIT_CLOSED',
                        params: {
                            facility: fac.ou.code ?? fac.ou.id,
                            closed: fac.ou.closedDate.slice(0, 10),
                        },
                        severity: 'warning',
                    },
                    record,
                    c.facility,
                    sink
                )
        }
        const comment = c.comment >= 0 ? cells[c.comment] || undefined : undefined
        if (this.layout.layout === 'long') {
            const elementCell = cells[c.element] ?? ''
            const valueCell = cells[c.value] ?? ''
            if (!elementCell) {
                this.problem({ problem: 'MISSING_VALUE' }, record, c.element, sink)
                return
            }
            const pair = this.operand(elementCell, c.disagg >= 0 ? (cells[c.disagg] ?? '') : '')
            if ('problem' in pair) {
                this.problem(pair.problem, record, pair.column === 'element' ? c.element : c.disagg, sink)
                if (pair.column === 'element') return
                bad = true
            }
            const de = 'de' in pair ? pair.de : pair.element
            if (!valueCell) {
                // an empty value is "not reported", not an error; it is said so the clinic can check
                this.problem({ problem: 'MISSING_VALUE', severity: 'warning' }, record, c.value, sink)
                return
            }
            if (!de) return
            const v = this.resolver.value(de, valueCell)
            if (isProblem(v)) {
                this.problem(v, record, c.value, sink)
                return
            }
            if (bad || !fac || !per || isProblem(fac) || isProblem(per) || !('coc' in pair)) return
            const { coc, op } = pair
            this.emit(record, c.value, de, coc, op, fac.ou, fac.num, per, v, comment, sink)
            return
        }
        for (const w of this.wide) {
            const cell = cells[w.index]
            if (!cell) continue
            const v = this.resolver.value(w.de, cell)
            if (isProblem(v)) {
                this.problem(v, record, w.index, sink)
                continue
            }
            if (bad || !fac || !per || isProblem(fac) || isProblem(per)) continue
            this.emit(record, w.index, w.de, w.coc, w.op, fac.ou, fac.num, per, v, comment, sink)
        }
    }

    private emit(
        record: SourceRecord,
        colIndex: number,
        de: DataElementMeta,
        coc: CocMeta,
        op: number,
        ou: { id: string; code?: string | undefined; name?: string | undefined },
        ouNum: number,
        per: { iso: string; num: number },
        checked: { value: string; num: number },
        comment: string | undefined,
        sink: ValueSink
    ): void {
        const value = checked.value
        const vn = checked.num
        // scope = org unit × month, below 2^31 for 500 000 org units and 4 000 years of months
        const prev = this.dup.seen(ouNum * 4096 + per.num, op, vn, record.row)
        if (prev) {
            const h = record.header
            const params = {
                element: `${de.code ?? de.id}${coc.id === DEFAULT_COC ? '' : ` (${coc.name ?? coc.code})`}`,
                facility: ou.code ?? ou.id,
                period: per.iso,
                other: prev.value <= TEXT_MARK ? '…' : String(prev.value),
                otherRow: prev.row,
            }
            const at = { file: h.file, sheet: h.sheet, row: record.row, column: h.names[colIndex], value }
            if (prev.value === vn) sink.issue(makeIssue('DUPLICATE_SAME', at, params, 'warning'))
            else sink.issue(makeIssue('DUPLICATE_CONFLICT', at, params))
            return
        }
        const h = record.header
        const v: MappedValue = {
            dataSet: this.resolver.dataSet?.id ?? '',
            dataElement: de.id,
            categoryOptionCombo: coc.id,
            attributeOptionCombo: this.aoc,
            orgUnit: ou.id,
            period: per.iso,
            value,
            dataElementCode: de.code ?? de.id,
            categoryOptionComboCode: coc.code ?? coc.name ?? coc.id,
            orgUnitCode: ou.code ?? ou.id,
            file: h.file,
            row: record.row,
            column: h.names[colIndex] ?? '',
            sourceColumns: this.sourceColumns,
            // always present (possibly undefined): one object shape keeps the hot loops monomorphic
            comment,
            sheet: h.sheet,
        }
        sink.value(v)
    }

    end(): void {}
}

export function headerScore(
    layout: FacilityReportLayout,
    names: readonly string[],
    groups: readonly string[]
): number {
    const base = [layout.columns.facility, layout.columns.period]
    let score = 0
    for (const s of base) if (findColumn(s, names, groups) >= 0) score += 10
    if (score < 20) return 0
    if (layout.layout === 'long') {
        const l: LongLayout = layout
        for (const s of [l.columns.dataElement, l.columns.value])
            if (findColumn(s, names, groups) >= 0) score += 10
        return score
    }
    const w: WideLayout = layout
    for (const f of w.fields)
        if (findColumn({ name: f.column, aliases: f.aliases }, names, groups) >= 0) score += 1
    return score
}
