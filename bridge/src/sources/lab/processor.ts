// Turns lab rows into aggregated data values. Patient-level columns are never read: only the
// indexes of the columns the layout names are kept, so their cells never leave the reader's row.
import type { SourceHeader, SourceRecord, ValidationIssue } from '../../core/types.js'
import { normalizeLabel } from '../../metadata-snapshot/index.js'
import type { DataSetMeta } from '../../metadata-snapshot/types.js'
import { Aggregator, type AggregateTarget } from '../../aggregate/aggregate.js'
import { latestOpenMonth, parsePeriod } from '../../read/period.js'
import type { RecordProcessor, ValueSink } from '../../read/processor.js'
import type { KindContext } from '../types.js'
import { findColumn, lookup, synonymIndex, type Column } from '../line-list/columns.js'
import { locateColumns, type ExpectedTitles } from '../line-list/header.js'
import type { LabLayoutFile } from './layout.js'
import { lineListIssue, type CellAt } from '../line-list/messages.js'
import { ageAt, LabClassifier, parseAge, parseTestDate, type LabRules } from './rules.js'
import { findCoc, findOrgUnit } from '../line-list/targets.js'

export interface LabLayout {
    file: LabLayoutFile
    rules: LabRules
    /** The titles of every layout of the folder, for a file whose title row is missing. */
    expected?: ExpectedTitles[]
}

/** The titles the template of a layout has (required first), as `lab template` writes them. */
export function labExpectedTitles(layout: LabLayoutFile): ExpectedTitles {
    const columns = layout.columns as Partial<Record<Field, Column>>
    const fields = Object.keys(columns) as Field[]
    const required = fields.filter((f) => REQUIRED[layout.layout].includes(f))
    const optional = fields.filter((f) => !REQUIRED[layout.layout].includes(f) && f !== 'birthDate')
    return {
        layout: layout.name,
        titles: [...required, ...optional].map((f) => columns[f]?.name ?? f),
    }
}

type Field =
    'facility' | 'date' | 'period' | 'test' | 'result' | 'age' | 'ageGroup' | 'sex' | 'birthDate' | 'count'

const REQUIRED: Record<LabLayoutFile['layout'], Field[]> = {
    'line-list': ['facility', 'date', 'test', 'result'],
    aggregate: ['facility', 'period', 'test', 'result', 'count'],
}

/** How well a header fits a layout: named columns found, or 0 when a required one is missing. */
export function layoutScore(layout: LabLayoutFile, header: readonly string[]): number {
    const columns = layout.columns as Partial<Record<Field, Column>>
    let found = 0
    for (const [field, column] of Object.entries(columns) as Array<[Field, Column | undefined]>) {
        if (column === undefined) continue
        if (findColumn(header, column) >= 0) found++
        else if (REQUIRED[layout.layout].includes(field)) return 0
    }
    return found
}

export class LabProcessor implements RecordProcessor {
    private readonly classifier: LabClassifier
    private readonly aggregator = new Aggregator()
    private readonly ageGroups: Map<string, string>
    private index: Partial<Record<Field, number>> = {}
    private header: SourceHeader | null = null
    private dataSet: DataSetMeta | undefined
    private latest = ''

    constructor(
        private readonly layout: LabLayout,
        private readonly ctx: KindContext
    ) {
        this.classifier = new LabClassifier(layout.rules)
        this.ageGroups = synonymIndex(layout.file.layout === 'aggregate' ? layout.file.ageGroupAliases : {})
    }

    begin(header: SourceHeader, sink: ValueSink): boolean {
        this.header = header
        const file = header.file
        const columns = this.layout.file.columns as Partial<Record<Field, Column>>
        const required = REQUIRED[this.layout.file.layout]
        const index = locateColumns(
            header,
            columns,
            (f) => required.includes(f),
            this.layout.expected ?? [labExpectedTitles(this.layout.file)],
            sink
        )
        // a row that is not a recognised header may be a patient's row: nothing more is said of it
        if (index === null) return false
        this.index = index
        const patient = new Set(this.layout.file.patientColumns.map(normalizeLabel))
        const used = new Set(Object.values(this.index))
        const dropped = header.names.filter((n, i) => !used.has(i) && patient.has(normalizeLabel(n)))
        const where = {
            file,
            row: header.row,
            ...(header.sheet !== undefined ? { sheet: header.sheet } : {}),
        }
        if (dropped.length > 0) {
            // titles spelt as the layout lists them, not as typed: the header row quotes nothing
            const spelt = dropped.map(
                (n) =>
                    this.layout.file.patientColumns.find((p) => normalizeLabel(p) === normalizeLabel(n)) ?? n
            )
            sink.issue(
                lineListIssue('PATIENT_COLUMNS_DROPPED', where, { columns: spelt.join(', ') }, 'warning')
            )
        }
        for (const [i, n] of header.names.entries()) {
            if (used.has(i) || patient.has(normalizeLabel(n)) || n.trim().length === 0) continue
            sink.issue(lineListIssue('UNKNOWN_COLUMN', { ...where, column: n }, {}, 'warning'))
        }
        this.dataSet = this.ctx.metadata.dataSet(this.layout.rules.dataSet)
        if (this.dataSet === undefined) {
            sink.issue(lineListIssue('DATA_SET_MISSING', { file }, { dataSet: this.layout.rules.dataSet }))
            return false
        }
        this.latest = latestOpenMonth(this.ctx.today, this.dataSet.openFuturePeriods)
        return true
    }

    record(record: SourceRecord, sink: ValueSink): void {
        const header = this.header
        const dataSet = this.dataSet
        if (header === null || dataSet === undefined) return
        const file = header.file
        const cell = (field: Field): string => {
            const i = this.index[field]
            return i === undefined ? '' : (record.cells[i] ?? '').trim()
        }
        const colName = (field: Field): string => {
            const i = this.index[field]
            return i === undefined ? field : (header.names[i] ?? field)
        }
        // where, never what: the cell's text stays in this function
        const at = (field: Field): CellAt => {
            const a: CellAt = { file, row: record.row, column: colName(field) }
            if (header.sheet !== undefined) a.sheet = header.sheet
            return a
        }
        const issues: ValidationIssue[] = []
        const required = (field: Field): string | undefined => {
            const v = cell(field)
            if (v.length === 0) {
                issues.push(lineListIssue('MISSING_VALUE', at(field)))
                return undefined
            }
            return v
        }

        // An entirely empty row (spacer line in Excel) is not a problem.
        if ((['facility', 'test', 'result'] as Field[]).every((f) => cell(f).length === 0)) return

        const facilityText = required('facility')
        const orgUnit = facilityText === undefined ? undefined : findOrgUnit(this.ctx, facilityText)
        if (facilityText !== undefined && orgUnit === undefined) {
            issues.push(lineListIssue('UNKNOWN_FACILITY', at('facility')))
        }

        const testText = required('test')
        const deCode = testText === undefined ? undefined : this.classifier.test(testText)
        if (testText !== undefined && deCode === undefined) {
            issues.push(lineListIssue('LAB_UNKNOWN_TEST', at('test')))
        }
        const testRule = deCode === undefined ? undefined : this.layout.rules.tests[deCode]
        const dataElement = deCode === undefined ? undefined : this.ctx.metadata.dataElement(deCode)
        if (deCode !== undefined && dataElement === undefined) {
            issues.push(lineListIssue('UNKNOWN_DATA_ELEMENT', at('test'), { value: deCode }))
        }

        let period: string | undefined
        let testDate: { year: number; month: number; day: number } | undefined
        if (this.layout.file.layout === 'line-list') {
            const dateText = required('date')
            testDate = dateText === undefined ? undefined : parseTestDate(dateText)
            if (dateText !== undefined && testDate === undefined)
                issues.push(lineListIssue('LAB_BAD_DATE', at('date')))
            if (testDate !== undefined) period = `${testDate.year}${String(testDate.month).padStart(2, '0')}`
        } else {
            const periodText = required('period')
            const parsed = periodText === undefined ? undefined : parsePeriod(periodText)
            if (periodText !== undefined && (parsed === undefined || parsed.type !== 'Monthly')) {
                issues.push(lineListIssue('BAD_PERIOD', at('period')))
            } else period = parsed?.iso
        }
        if (period !== undefined && period > this.latest) {
            issues.push(
                lineListIssue('FUTURE_PERIOD', at(this.index.date !== undefined ? 'date' : 'period'), {
                    value: period,
                    latest: this.latest,
                })
            )
            period = undefined
        }

        const resultText = required('result')
        const result = resultText === undefined ? undefined : this.classifier.result(resultText)
        if (resultText !== undefined && result === undefined)
            issues.push(lineListIssue('LAB_UNKNOWN_RESULT', at('result')))

        const wants = new Set(testRule?.disaggregation ?? [])
        let ageOption: string | undefined
        if (wants.has('age')) ageOption = this.readAge(cell, at, testDate, issues)
        let sexOption: string | undefined
        if (wants.has('sex')) {
            const sexText = required('sex')
            sexOption = sexText === undefined ? undefined : this.classifier.sex(sexText)
            if (sexText !== undefined && sexOption === undefined)
                issues.push(lineListIssue('LAB_UNKNOWN_SEX', at('sex')))
        }

        let amount = 1
        if (this.layout.file.layout === 'aggregate') {
            const countText = required('count')
            if (countText !== undefined) {
                const n = Number(countText.replace(/\s/g, ''))
                if (!Number.isFinite(n)) issues.push(lineListIssue('NOT_A_NUMBER', at('count')))
                else if (n < 0) issues.push(lineListIssue('NEGATIVE_COUNT', at('count')))
                else if (!Number.isInteger(n)) issues.push(lineListIssue('NOT_AN_INTEGER', at('count')))
                else amount = n
            }
        }

        for (const i of issues) sink.issue(i)
        if (issues.length > 0) return
        if (result === 'EXCLUDED') {
            sink.issue(lineListIssue('LAB_RESULT_EXCLUDED', at('result'), {}, 'warning'))
            return
        }
        if (
            orgUnit === undefined ||
            dataElement === undefined ||
            testRule === undefined ||
            deCode === undefined
        )
            return
        if (period === undefined || result === undefined) return

        const options: string[] = []
        for (const d of testRule.disaggregation) {
            const o = d === 'result' ? result : d === 'age' ? ageOption : sexOption
            if (o === undefined) return
            options.push(o)
        }
        const coc = findCoc(this.ctx, dataElement, testRule.categoryCombo, options)
        if (coc === undefined) {
            sink.issue(
                lineListIssue('COC_NOT_IN_COMBO', at('result'), {
                    value: options.join(' + '),
                    element: deCode,
                    allowed: testRule.categoryCombo,
                })
            )
            return
        }
        const target: AggregateTarget = {
            dataSet: dataSet.id,
            dataElement: dataElement.id,
            categoryOptionCombo: coc.id,
            attributeOptionCombo: 'HllvX50cXC0',
            orgUnit: orgUnit.id,
            period,
            dataElementCode: deCode,
            categoryOptionComboCode: coc.code ?? [testRule.categoryCombo, ...options].join('_'),
            orgUnitCode: orgUnit.code ?? orgUnit.id,
        }
        const item = { target, amount, file, row: record.row, column: colName('result') }
        this.aggregator.add(header.sheet === undefined ? item : { ...item, sheet: header.sheet })
    }

    end(sink: ValueSink): void {
        for (const v of this.aggregator.values()) sink.value(v)
    }

    private readAge(
        cell: (f: Field) => string,
        at: (f: Field) => CellAt,
        testDate: { year: number; month: number; day: number } | undefined,
        issues: ValidationIssue[]
    ): string | undefined {
        if (this.layout.file.layout === 'aggregate') {
            const text = cell('ageGroup')
            if (text.length === 0) {
                issues.push(lineListIssue('MISSING_VALUE', at('ageGroup')))
                return undefined
            }
            const option = lookup(this.ageGroups, text)
            if (option === undefined) issues.push(lineListIssue('LAB_UNKNOWN_AGE_GROUP', at('ageGroup')))
            return option
        }
        const text = cell('age')
        let years: number | undefined
        if (text.length > 0) {
            years = parseAge(text)
            if (years === undefined || years > this.layout.rules.maxAgeYears) {
                issues.push(lineListIssue('LAB_BAD_AGE', at('age')))
                return undefined
            }
        } else {
            // The birth date is read only to compute the age and is never quoted, even when unreadable.
            const birth = parseTestDate(cell('birthDate'))
            if (birth === undefined || testDate === undefined) {
                if (cell('birthDate').length > 0)
                    issues.push(lineListIssue('LAB_BAD_BIRTH_DATE', at('birthDate')))
                else issues.push(lineListIssue('MISSING_VALUE', at('age')))
                return undefined
            }
            years = ageAt(birth, testDate)
        }
        return this.classifier.ageGroup(years)
    }
}
