// read → validate → map for a list of files of one source kind: values stream to the caller's
// sink, issues are collected (bounded, counted beyond the bound). One DHIS2 cell has one meaning per
// run: cells given two different values anywhere in the files are blocked (`conflictedKeys`).
import { basename, join } from 'node:path'
import { makeIssue } from '../i18n/issues.js'
import { LocalizedError } from '../i18n/localized-error.js'
import { valueKey, type MappedValue, type ValidationIssue } from '../core/types.js'
import { messageFor, type MessageCode } from '../i18n/messages.js'
import { readFileRows } from '../read/index.js'
import { TableAssembler, type HeaderCandidate } from '../read/table.js'
import '../sources/index.js'
import { getSourceKind, sourceKinds } from '../sources/registry.js'
import type { KindContext, LayoutInfo } from '../sources/types.js'
import { placeLabel, RunCells } from '../checks/cells.js'
import { valueNumber } from '../checks/duplicates.js'

export interface ProcessOptions {
    kind: string
    /** Layout name to force; auto-detected from the header otherwise. */
    layout?: string
    mappingsRoot: string
    /** Issues kept in memory (the rest are only counted). */
    maxIssues?: number
    onProgress?: (file: string, rows: number, bytes: number) => void
}

export interface FileReport {
    file: string
    path: string
    rows: number
    values: number
    errors: number
    warnings: number
    encoding?: string
}

export interface ProcessResult {
    files: FileReport[]
    issues: ValidationIssue[]
    errorCount: number
    warningCount: number
    valueCount: number
    /** Issues beyond maxIssues, counted but not kept. */
    droppedIssues: number
    /**
     * DHIS2 cells (`valueKey`) given two different values in this run (two rows, sheets or files): neither
     * may be sent. The first of them was already passed to `onValue` before its twin was read: callers
     * that keep or write values MUST drop those whose `valueKey(v)` is here (`withoutConflicts`). Counts
     * (`valueCount`, per-file `values`) already leave them out.
     */
    conflictedKeys: ReadonlySet<string>
    /**
     * Monthly reports (`reportKey` of complete/select.ts) that must not be registered complete: a table
     * of theirs lost a column that looks like a template column, or one of their cells is blocked.
     */
    incompleteReports: ReadonlySet<string>
}

/** The values that may be sent: those of cells not blocked by a conflict. */
export function withoutConflicts<T extends MappedValue>(values: readonly T[], result: ProcessResult): T[] {
    if (result.conflictedKeys.size === 0) return values as T[]
    return values.filter((v) => !result.conflictedKeys.has(valueKey(v)))
}

/** The source kind or layout asked for does not exist. */
export class UnknownKindError extends LocalizedError {}

function unknownKind(code: MessageCode, params: Record<string, string>): UnknownKindError {
    const { message, hint } = messageFor(code, params)
    return new UnknownKindError(message, hint)
}

export async function processFiles(
    paths: readonly string[],
    ctx: KindContext,
    options: ProcessOptions,
    onValue: (v: MappedValue) => void
): Promise<ProcessResult> {
    const kind = getSourceKind(options.kind)
    if (!kind)
        throw unknownKind('SOURCE_KIND_UNKNOWN', {
            kind: options.kind,
            known: sourceKinds()
                .map((k) => k.id)
                .join(', '),
        })
    const all: Array<LayoutInfo & { layout: unknown }> = await kind.loadLayouts(options.mappingsRoot)
    if (all.length === 0)
        throw unknownKind('LAYOUT_NONE', { kind: kind.id, dir: join(options.mappingsRoot, kind.mappingDir) })
    const layouts = options.layout ? all.filter((l) => l.name === options.layout) : all
    if (layouts.length === 0)
        throw unknownKind('LAYOUT_UNKNOWN', {
            kind: kind.id,
            layout: options.layout ?? '',
            known: all.map((l) => l.name).join(', '),
        })
    const cells = new RunCells()
    const runCtx: KindContext = { ...ctx, cells }
    const candidates: HeaderCandidate<unknown>[] = layouts.map((l) => ({
        layout: l.layout,
        searchRows: searchRowsOf(l.layout),
        score: (names, groups) => kind.matches(l.layout, names, groups),
        createProcessor: () => kind.createProcessor(l.layout, runCtx),
    }))
    const max = options.maxIssues ?? 10_000
    const result: ProcessResult = {
        files: [],
        issues: [],
        errorCount: 0,
        warningCount: 0,
        valueCount: 0,
        droppedIssues: 0,
        conflictedKeys: new Set(),
        incompleteReports: cells.incompleteReports,
    }
    // clinic reports check each value as it is made (numbers only: the hot loop); kinds that total their
    // rows at the end of a table (labs, mutuelles) are checked here, value by value
    const checkedByProcessor = kind.id === 'facility-report'
    const byFile = new Map<string, FileReport>()
    for (const path of paths) {
        const file = basename(path)
        const report: FileReport = { file, path, rows: 0, values: 0, errors: 0, warnings: 0 }
        byFile.set(file, report)
        const sink = {
            value(v: MappedValue): void {
                if (!checkedByProcessor && !acceptAggregated(v, cells, sink)) return
                report.values++
                result.valueCount++
                onValue(v)
            },
            issue(i: ValidationIssue): void {
                if (i.severity === 'error') {
                    report.errors++
                    result.errorCount++
                } else {
                    report.warnings++
                    result.warningCount++
                }
                if (result.issues.length < max) result.issues.push(i)
                else result.droppedIssues++
            },
        }
        const assembler = new TableAssembler(candidates, sink)
        try {
            const stats = await readFileRows(path, assembler, file)
            report.rows = stats.rows
            if (stats.encoding) report.encoding = stats.encoding
            options.onProgress?.(file, stats.rows, stats.bytes)
        } catch (e) {
            sink.issue(
                makeIssue('UNREADABLE_FILE', { file }, { detail: e instanceof Error ? e.message : String(e) })
            )
        }
        assembler.finishFile(file)
        result.files.push(report)
    }
    // the first value of each blocked cell went out before its twin was read: it is not counted as valid
    for (const first of cells.conflicted.values()) {
        const r = byFile.get(cells.placeOf(first.place).file)
        if (r) r.values--
        result.valueCount--
    }
    result.conflictedKeys = new Set(cells.conflicted.keys())
    return result
}

/**
 * The run-wide rule for a total made at the end of a table: a second total for the same cell (two lab
 * files for one lab-month) is not added to the first; equal, it is sent once; different, the cell is
 * blocked. Returns whether the value is a first occurrence to pass on.
 */
function acceptAggregated(
    v: MappedValue,
    cells: RunCells,
    sink: { issue(i: ValidationIssue): void }
): boolean {
    const place = cells.place(v.file, v.sheet)
    const prev = cells.seenAggregated(v, place)
    if (!prev) return true
    const there = cells.placeOf(prev.place)
    const params = {
        element: `${v.dataElementCode}${v.categoryOptionComboCode ? ` (${v.categoryOptionComboCode})` : ''}`,
        facility: v.orgUnitCode,
        period: v.period,
        value: v.value,
        other: prev.value,
        otherRow: prev.row,
        row: v.row,
        here: placeLabel(v.sheet === undefined ? { file: v.file } : { file: v.file, sheet: v.sheet }),
        there: placeLabel(there),
    }
    const at = { file: v.file, sheet: v.sheet, row: v.row, column: v.column }
    const same = valueNumber(prev.value) === valueNumber(v.value)
    const issue = makeIssue(
        same ? 'DUPLICATE_SAME' : 'DUPLICATE_CONFLICT',
        at,
        params,
        same ? 'warning' : 'error'
    )
    const { message, hint } = messageFor(same ? 'DUPLICATE_SAME_PLACES' : 'DUPLICATE_CONFLICT_PLACES', params)
    issue.message = message
    if (hint) issue.hint = hint
    sink.issue(issue)
    if (!same && cells.block(valueKey(v), { place: prev.place, row: prev.row }))
        cells.incompleteReports.add(`${v.dataSet}|${v.orgUnit}|${v.period}|${v.attributeOptionCombo}`)
    return false
}

function searchRowsOf(layout: unknown): number {
    if (
        layout &&
        typeof layout === 'object' &&
        'headerSearchRows' in layout &&
        typeof layout.headerSearchRows === 'number'
    )
        return layout.headerSearchRows
    return 10
}
