import i18n from '@dhis2/d2-i18n'
import { localized } from '../progress/labels'
import type { IndicatorTarget } from '../progress/target'
import type { TargetRecord } from '../progress/target-record'
import { csvDocument } from '../shared/csv-values'
import { parseCsv } from './csv'
import { isPlaceholder } from './numbers'
import { draftFromRecord, type RecordContent, type RecordDraft, type SurveyDraft } from './record-draft'
import { readDraft, type FieldId } from './validation'
import { inheritedValues } from './inherited'

// The whole target set as the planning team circulates it by e-mail: one line per indicator and level.

type Column =
    | 'code'
    | 'indicator'
    | 'orgUnitId'
    | 'orgUnitName'
    | 'baselineValue'
    | 'baselineYear'
    | 'baselineSource'
    | 'target2023'
    | 'target2030'
    | 'surveys'
    | 'notesFr'
    | 'notesEn'

const COLUMNS: readonly Column[] = [
    'code',
    'indicator',
    'orgUnitId',
    'orgUnitName',
    'baselineValue',
    'baselineYear',
    'baselineSource',
    'target2023',
    'target2030',
    'surveys',
    'notesFr',
    'notesEn',
]

/** The English header (also the i18n key): a file written in either language is read back. */
const ENGLISH: Record<Column, string> = {
    code: 'Code',
    indicator: 'Indicator',
    orgUnitId: 'Organisation unit ID',
    orgUnitName: 'Organisation unit',
    baselineValue: 'Baseline',
    baselineYear: 'Baseline year',
    baselineSource: 'Baseline source',
    target2023: 'Target 2023',
    target2030: 'Target 2030',
    surveys: 'Survey values',
    notesFr: 'Note (French)',
    notesEn: 'Note (English)',
}

function header(column: Column): string {
    switch (column) {
        case 'code':
            return i18n.t('Code')
        case 'indicator':
            return i18n.t('Indicator')
        case 'orgUnitId':
            return i18n.t('Organisation unit ID')
        case 'orgUnitName':
            return i18n.t('Organisation unit')
        case 'baselineValue':
            return i18n.t('Baseline')
        case 'baselineYear':
            return i18n.t('Baseline year')
        case 'baselineSource':
            return i18n.t('Baseline source')
        case 'target2023':
            return i18n.t('Target 2023')
        case 'target2030':
            return i18n.t('Target 2030')
        case 'surveys':
            return i18n.t('Survey values')
        case 'notesFr':
            return i18n.t('Note (French)')
        case 'notesEn':
            return i18n.t('Note (English)')
    }
}

/** Survey values in one cell: `280 (2023, EDSM VII) | 250,5 (2024, EMOP)`. */
function surveysCell(surveys: SurveyDraft[]): string {
    return surveys.map((s) => `${s.value} (${s.year}, ${s.source})`).join(' | ')
}

function parseSurveys(cell: string): SurveyDraft[] | null {
    if (cell.trim() === '') return []
    const out: SurveyDraft[] = []
    for (const part of cell.split('|')) {
        const match = /^\s*([^()]+?)\s*\(\s*([^,()]*?)\s*,\s*(.+?)\s*\)\s*$/.exec(part)
        if (!match) return null
        out.push({ value: match[1] ?? '', year: match[2] ?? '', source: match[3] ?? '' })
    }
    return out
}

export interface OrgUnitRef {
    id: string
    name: string
    /** The levels above, the country (null) first: where the unit inherits from. */
    above: Array<string | null>
}

/**
 * Every stored record, plus one blank national line per indicator that has none, so the file is also the
 * template to fill in.
 */
export function targetSetCsv(
    records: readonly TargetRecord[],
    indicators: readonly IndicatorTarget[],
    orgUnits: ReadonlyMap<string, OrgUnitRef>,
    country: string
): string {
    const order = new Map(indicators.map((t, i) => [t.code, i]))
    const lines = [...records]
        .sort(
            (a, b) =>
                (order.get(a.code) ?? 999) - (order.get(b.code) ?? 999) ||
                (a.orgUnit === null ? -1 : b.orgUnit === null ? 1 : 0) ||
                (orgUnits.get(a.orgUnit ?? '')?.name ?? '').localeCompare(
                    orgUnits.get(b.orgUnit ?? '')?.name ?? ''
                )
        )
        .map((record) => line(record, indicators, orgUnits, country))
    for (const indicator of indicators) {
        if (!records.some((r) => r.code === indicator.code && r.orgUnit === null)) {
            lines.push(line({ code: indicator.code, orgUnit: null }, indicators, orgUnits, country))
        }
    }
    return csvDocument([COLUMNS.map(header), ...lines])
}

function line(
    record: RecordContent,
    indicators: readonly IndicatorTarget[],
    orgUnits: ReadonlyMap<string, OrgUnitRef>,
    country: string
): string[] {
    const draft = draftFromRecord(record)
    const indicator = indicators.find((t) => t.code === record.code)
    const values: Record<Column, string> = {
        code: record.code,
        indicator: indicator ? localized(indicator.name) : '',
        orgUnitId: record.orgUnit ?? '',
        orgUnitName: record.orgUnit === null ? country : (orgUnits.get(record.orgUnit)?.name ?? ''),
        baselineValue: draft.baselineValue,
        baselineYear: draft.baselineYear,
        baselineSource: draft.baselineSource,
        target2023: draft.target2023,
        target2030: draft.target2030,
        surveys: surveysCell(draft.surveys),
        notesFr: draft.notesFr,
        notesEn: draft.notesEn,
    }
    return COLUMNS.map((c) => values[c])
}

export interface ImportError {
    line: number
    /** The column header as the planner sees it. */
    field: string
    message: string
}

export interface ImportedLine {
    line: number
    record: RecordContent
    /** True when the line sets nothing (a blank template line). */
    blank: boolean
}

export interface ImportResult {
    lines: ImportedLine[]
    errors: ImportError[]
    warnings: ImportError[]
}

function fieldColumn(field: FieldId): Column {
    if (field.startsWith('surveys.')) return 'surveys'
    switch (field) {
        case 'baseline.value':
            return 'baselineValue'
        case 'baseline.year':
            return 'baselineYear'
        case 'baseline.source':
            return 'baselineSource'
        case 'targets.2023':
            return 'target2023'
        case 'targets.2030':
            return 'target2030'
        case 'notes.fr':
            return 'notesFr'
        case 'notes.en':
            return 'notesEn'
        default:
            return 'code'
    }
}

/**
 * Reads a target set file with the editor's own validation. Each error names its line and column; the
 * caller imports nothing while any error remains.
 */
export function parseTargetSetCsv(
    text: string,
    context: {
        indicators: readonly IndicatorTarget[]
        orgUnits: ReadonlyMap<string, OrgUnitRef>
        /** Records stored now: a region's line inherits from the national record. */
        records: readonly TargetRecord[]
        currentYear: number
    }
): ImportResult {
    const rows = parseCsv(text)
    const errors: ImportError[] = []
    const warnings: ImportError[] = []
    const lines: ImportedLine[] = []
    const headerRow = rows[0]
    if (!headerRow) {
        return { lines, errors: [{ line: 1, field: '', message: i18n.t('The file is empty') }], warnings }
    }
    const position = new Map<Column, number>()
    headerRow.fields.forEach((name, i) => {
        const column = COLUMNS.find((c) => [ENGLISH[c], header(c)].includes(name.trim()))
        if (column) position.set(column, i)
    })
    for (const column of ['code', 'orgUnitId', 'target2023', 'target2030'] as const) {
        if (!position.has(column)) {
            errors.push({
                line: headerRow.line,
                field: header(column),
                message: i18n.t('Missing column {{column}}', { column: header(column) }),
            })
        }
    }
    if (errors.length > 0) return { lines, errors, warnings }

    const seen = new Map<string, number>()
    for (const row of rows.slice(1)) {
        const cell = (column: Column) => {
            const i = position.get(column)
            return i === undefined ? '' : (row.fields[i] ?? '').trim()
        }
        const fail = (column: Column, message: string) =>
            errors.push({ line: row.line, field: header(column), message })
        const code = cell('code')
        const indicator = context.indicators.find((t) => t.code === code)
        if (!indicator) {
            fail('code', i18n.t('Unknown indicator code {{code}}', { code }))
            continue
        }
        const orgUnitId = cell('orgUnitId')
        const orgUnit = orgUnitId === '' ? null : orgUnitId
        const unit = orgUnit === null ? null : context.orgUnits.get(orgUnit)
        if (orgUnit !== null && !unit) {
            fail('orgUnitId', i18n.t('Unknown region or district {{id}}', { id: orgUnitId }))
            continue
        }
        const key = `${code}|${orgUnit ?? ''}`
        const previous = seen.get(key)
        if (previous !== undefined) {
            fail('code', i18n.t('Same indicator and level as line {{line}}', { line: previous }))
            continue
        }
        seen.set(key, row.line)
        const surveys = parseSurveys(cell('surveys'))
        if (surveys === null) {
            fail('surveys', i18n.t('Write survey values as 280 (2023, EDSM VII), separated by |'))
            continue
        }
        const draft: RecordDraft = {
            baselineValue: cell('baselineValue'),
            baselineYear: cell('baselineYear'),
            baselineSource: cell('baselineSource'),
            target2023: isPlaceholder(cell('target2023')) ? 'XX' : cell('target2023'),
            target2030: isPlaceholder(cell('target2030')) ? 'XX' : cell('target2030'),
            surveys,
            notesFr: cell('notesFr'),
            notesEn: cell('notesEn'),
        }
        const reading = readDraft(draft, {
            code,
            orgUnit,
            factor: indicator.factor,
            direction: indicator.direction,
            unitLabel: localized(indicator.unit),
            inherited: inheritedValues(context.records, indicator, unit?.above ?? []),
            currentYear: context.currentYear,
        })
        for (const issue of reading.issues) {
            const target = issue.severity === 'error' ? errors : warnings
            target.push({ line: row.line, field: header(fieldColumn(issue.field)), message: issue.message })
        }
        if (reading.record) {
            const blank = Object.values(draft).every((v) => (Array.isArray(v) ? v.length === 0 : v === ''))
            lines.push({ line: row.line, record: reading.record, blank })
        }
    }
    return { lines, errors, warnings }
}
