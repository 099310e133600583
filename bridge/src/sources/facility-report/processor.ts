// Records of a clinic report → mapped values, one issue per bad cell, bad rows never blocking good ones.
import { reportKey } from '../../complete/select.js'
import { makeIssue } from '../../i18n/issues.js'
import { messageFor, type MessageCode } from '../../i18n/messages.js'
import {
    valueKey,
    type MappedValue,
    type SourceColumns,
    type SourceHeader,
    type SourceRecord,
    type ValidationIssue,
} from '../../core/types.js'
import { DEFAULT_COC, type CocMeta, type DataElementMeta } from '../../metadata-snapshot/types.js'
import { placeLabel, RunCells } from '../../checks/cells.js'
import { TEXT_MARK } from '../../checks/duplicates.js'
import { checkComment } from '../../checks/values.js'
import type { RecordProcessor, ValueSink } from '../../read/processor.js'
import type { KindContext } from '../types.js'
import { matcherFor, type ColumnMatcher } from './columns.js'
import type { ColumnSpec, FacilityReportLayout, WideLayout } from './layout.js'
import { CellResolver, isProblem, ProblemResult, type Problem } from './resolve.js'
import { announcedMonth, contradicts, type AnnouncedMonth } from './title-period.js'

/** Index of the column matching a spec, by meaning (see headers.ts). */
export function findColumn(
    layout: FacilityReportLayout,
    spec: ColumnSpec,
    names: readonly string[],
    groups: readonly string[] = []
): number {
    return matcherFor(layout).find(spec, names, groups)
}

/** The layout named in a missing-column message: which template the header was read against. */
function layoutLabels(layout: FacilityReportLayout): Record<string, string> {
    const c = layout.columns
    const expected =
        layout.layout === 'long'
            ? [c.facility.name, c.period.name, layout.columns.dataElement.name, layout.columns.value.name]
            : [c.facility.name, c.period.name, layout.fields[0]?.column ?? '', '…']
    return layout.layout === 'long'
        ? {
              layoutFr: 'format long (une valeur par ligne)',
              layoutEn: 'long layout (one value per row)',
              expected: expected.join(', '),
          }
        : {
              layoutFr: 'format large (une colonne par indicateur)',
              layoutEn: 'wide layout (one column per indicator)',
              expected: expected.join(', '),
          }
}

/** A float32 from the duplicate table, written back as people wrote it (12.3, not 12.300000190734863). */
function shownNumber(n: number): string {
    return n <= TEXT_MARK ? '…' : String(Number(n.toPrecision(7)))
}

/** An issue of one code told with a more precise sentence of the catalogue (same code for scripts and tests). */
function worded<T extends { message: unknown; hint?: unknown }>(
    issue: T,
    variant: MessageCode,
    params: Record<string, string | number | undefined>
): T {
    const { message, hint } = messageFor(variant, params)
    return hint ? { ...issue, message, hint } : { ...issue, message }
}

function missingColumn(
    layout: FacilityReportLayout,
    at: { file: string; sheet?: string | undefined; row: number },
    column: string
): ValidationIssue {
    return worded(makeIssue('MISSING_COLUMN', { ...at, column }), 'MISSING_COLUMN_LAYOUT', {
        column,
        ...layoutLabels(layout),
    })
}

interface PeriodMismatch {
    rows: number
    firstRow: number
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
    private readonly cells: RunCells
    private readonly matcher: ColumnMatcher
    private place = 0
    private header: SourceHeader | null = null
    /** A column that looks like a template column was not recognised: the table's reports stay incomplete. */
    private droppedColumn = false
    private titleMonth: AnnouncedMonth | undefined
    private fileMonth: AnnouncedMonth | undefined
    private readonly titleMismatches = new Map<string, PeriodMismatch>()
    private readonly fileMismatches = new Map<string, PeriodMismatch>()
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
        // alone (unit tests), a processor still checks its own table
        this.cells = ctx.cells ?? new RunCells()
        this.matcher = matcherFor(layout)
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
        return this.cells.op(de, coc, this.aoc)
    }

    begin(header: SourceHeader, sink: ValueSink): boolean {
        this.header = header
        this.place = this.cells.place(header.file, header.sheet)
        this.titleMonth = header.sheet !== undefined ? announcedMonth(header.sheet) : undefined
        this.fileMonth = announcedMonth(header.file)
        const at = { file: header.file, sheet: header.sheet, row: header.row }
        const m = this.matcher
        if (!this.resolver.dataSet) {
            sink.issue(
                makeIssue('MAPPING_DATA_SET_MISSING', at, {
                    dataSet: this.layout.dataSet,
                    layout: this.layout.name,
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
            const i = m.find(spec, names, groups)
            this.col[key] = i
            if (i >= 0) used.add(i)
            else if (mandatory) {
                ok = false
                sink.issue(missingColumn(this.layout, at, spec.name))
            }
        }
        if (this.layout.layout === 'wide') {
            const nameCol = this.layout.columns.facilityName
            if (nameCol) {
                const i = m.find(nameCol, names, groups)
                if (i >= 0) used.add(i)
            }
            this.wide = []
            const fieldSpecs = m.fieldSpecs()
            this.layout.fields.forEach((f, fi) => {
                const spec = fieldSpecs[fi]
                const found = spec ? m.findAll(spec, names, groups).filter((i) => !used.has(i)) : []
                const [first, ...others] = found
                if (first === undefined) return
                for (const i of found) used.add(i)
                // two columns with one meaning: both are read, and the cells where they differ are blocked
                for (const o of others)
                    sink.issue(
                        makeIssue(
                            'DUPLICATE_COLUMN',
                            { ...at, column: names[o] },
                            { other: names[first] ?? f.column },
                            'warning'
                        )
                    )
                for (const i of found) this.addWide(f, i, names, at, sink)
            })
            if (ok && this.wide.length === 0) {
                ok = false
                sink.issue(missingColumn(this.layout, at, this.layout.fields[0]?.column ?? '?'))
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
                if (!n || used.has(i)) return
                const suggestion = m.suggest(n, groups[i] || undefined)
                if (suggestion) {
                    this.droppedColumn = true
                    sink.issue(makeIssue('UNRECOGNISED_COLUMN', { ...at, column: n }, { suggestion }))
                } else sink.issue(makeIssue('UNKNOWN_COLUMN', { ...at, column: n }, {}, 'warning'))
            })
        return ok
    }

    private addWide(
        f: WideLayout['fields'][number],
        i: number,
        names: readonly string[],
        at: { file: string; sheet?: string | undefined; row: number },
        sink: ValueSink
    ): void {
        const de = this.resolver.element(f.dataElement)
        if (isProblem(de)) {
            sink.issue(makeIssue(de.problem, { ...at, column: names[i], value: f.dataElement }, de.params))
            return
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
            return
        }
        this.wide.push({ index: i, column: names[i] ?? f.column, de, coc, op: this.opNumber(de.id, coc.id) })
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
        if (fac && per && !isProblem(fac) && !isProblem(per)) {
            if (this.droppedColumn) this.cells.incompleteReports.add(this.reportOf(fac.ou.id, per.iso))
            if (this.titleMonth) {
                if (contradicts(this.titleMonth, per.iso)) {
                    // a sheet copied for another month whose period cells were left: none of its values go
                    this.mismatch(this.titleMismatches, per.iso, record.row)
                    return
                }
            } else if (this.fileMonth && contradicts(this.fileMonth, per.iso))
                this.mismatch(this.fileMismatches, per.iso, record.row)
        }
        if (comment !== undefined) {
            const tooLong = checkComment(comment)
            if (tooLong) {
                sink.issue(
                    makeIssue(
                        tooLong.code,
                        {
                            file: record.header.file,
                            sheet: record.header.sheet,
                            row: record.row,
                            column: record.header.names[c.comment],
                        },
                        { length: comment.length, max: tooLong.max }
                    )
                )
                return
            }
        }
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
        const prev = this.cells.seen(ouNum * 4096 + per.num, op, vn, record.row, this.place)
        if (prev) {
            this.duplicate(record, colIndex, de, coc, ou, per.iso, value, vn, prev, sink)
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

    private duplicate(
        record: SourceRecord,
        colIndex: number,
        de: DataElementMeta,
        coc: CocMeta,
        ou: { id: string; code?: string | undefined },
        period: string,
        value: string,
        vn: number,
        prev: { row: number; value: number; place: number },
        sink: ValueSink
    ): void {
        const h = record.header
        const there = this.cells.placeOf(prev.place)
        const params = {
            element: `${de.code ?? de.id}${coc.id === DEFAULT_COC ? '' : ` (${coc.name ?? coc.code})`}`,
            facility: ou.code ?? ou.id,
            period,
            other: shownNumber(prev.value),
            otherRow: prev.row,
            here: placeLabel(h.sheet === undefined ? { file: h.file } : { file: h.file, sheet: h.sheet }),
            there: placeLabel(there),
            row: record.row,
        }
        const at = { file: h.file, sheet: h.sheet, row: record.row, column: h.names[colIndex], value }
        const all = { ...params, value }
        if (prev.value === vn) {
            sink.issue(
                worded(makeIssue('DUPLICATE_SAME', at, params, 'warning'), 'DUPLICATE_SAME_PLACES', all)
            )
            return
        }
        const key = valueKey({
            dataElement: de.id,
            period,
            orgUnit: ou.id,
            categoryOptionCombo: coc.id,
            attributeOptionCombo: this.aoc,
        })
        this.cells.block(key, { place: prev.place, row: prev.row })
        this.cells.incompleteReports.add(this.reportOf(ou.id, period))
        sink.issue(worded(makeIssue('DUPLICATE_CONFLICT', at, params), 'DUPLICATE_CONFLICT_PLACES', all))
    }

    private reportOf(orgUnit: string, period: string): string {
        return reportKey({
            dataSet: this.resolver.dataSet?.id ?? '',
            orgUnit,
            period,
            attributeOptionCombo: this.aoc,
        })
    }

    private mismatch(map: Map<string, PeriodMismatch>, iso: string, row: number): void {
        const m = map.get(iso)
        if (m) m.rows++
        else map.set(iso, { rows: 1, firstRow: row })
    }

    /** One message per contradicted period of the table, with how many rows it covers. */
    end(sink: ValueSink): void {
        const h = this.header
        if (!h) return
        const report = (
            code: MessageCode,
            map: Map<string, PeriodMismatch>,
            announced: AnnouncedMonth | undefined,
            severity: 'error' | 'warning'
        ): void => {
            if (!announced) return
            for (const [iso, m] of map)
                sink.issue(
                    makeIssue(
                        code,
                        {
                            file: h.file,
                            sheet: h.sheet,
                            row: m.firstRow,
                            column: this.col.period >= 0 ? h.names[this.col.period] : undefined,
                        },
                        {
                            period: `${iso.slice(0, 4)}-${iso.slice(4)}`,
                            announced: announced.text,
                            rows: m.rows,
                        },
                        severity
                    )
                )
            map.clear()
        }
        report('SHEET_PERIOD_MISMATCH', this.titleMismatches, this.titleMonth, 'error')
        report('FILE_PERIOD_MISMATCH', this.fileMismatches, this.fileMonth, 'warning')
    }
}

export function headerScore(
    layout: FacilityReportLayout,
    names: readonly string[],
    groups: readonly string[]
): number {
    const m = matcherFor(layout)
    let score = 0
    for (const spec of [layout.columns.facility, layout.columns.period])
        if (m.find(spec, names, groups) >= 0) score += 10
    if (score < 20) return 0
    if (layout.layout === 'long') {
        for (const spec of [layout.columns.dataElement, layout.columns.value])
            if (m.find(spec, names, groups) >= 0) score += 10
        return score
    }
    for (const spec of m.fieldSpecs()) if (m.find(spec, names, groups) >= 0) score += 1
    return score
}
