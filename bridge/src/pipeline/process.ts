// read → validate → map for a list of files of one source kind: values stream to the caller's
// sink, issues are collected (bounded, counted beyond the bound).
import { basename } from 'node:path'
import { makeIssue } from '../core/issues.js'
import type { MappedValue, ValidationIssue } from '../core/types.js'
import { readFileRows } from '../read/index.js'
import { TableAssembler, type HeaderCandidate } from '../read/table.js'
import '../sources/index.js'
import { getSourceKind, sourceKinds } from '../sources/registry.js'
import type { KindContext, LayoutInfo } from '../sources/types.js'

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
}

export class UnknownKindError extends Error {}

export async function processFiles(
    paths: readonly string[],
    ctx: KindContext,
    options: ProcessOptions,
    onValue: (v: MappedValue) => void
): Promise<ProcessResult> {
    const kind = getSourceKind(options.kind)
    if (!kind)
        throw new UnknownKindError(
            `Type de source inconnu / unknown source kind: ${options.kind} (${sourceKinds()
                .map((k) => k.id)
                .join(', ')})`
        )
    let layouts: Array<LayoutInfo & { layout: unknown }> = await kind.loadLayouts(options.mappingsRoot)
    if (options.layout) layouts = layouts.filter((l) => l.name === options.layout)
    if (layouts.length === 0)
        throw new UnknownKindError(`Format inconnu / unknown layout: ${options.layout ?? '(none)'}`)
    const candidates: HeaderCandidate<unknown>[] = layouts.map((l) => ({
        layout: l.layout,
        searchRows: searchRowsOf(l.layout),
        score: (names, groups) => kind.matches(l.layout, names, groups),
        createProcessor: () => kind.createProcessor(l.layout, ctx),
    }))
    const max = options.maxIssues ?? 10_000
    const result: ProcessResult = {
        files: [],
        issues: [],
        errorCount: 0,
        warningCount: 0,
        valueCount: 0,
        droppedIssues: 0,
    }
    for (const path of paths) {
        const file = basename(path)
        const report: FileReport = { file, path, rows: 0, values: 0, errors: 0, warnings: 0 }
        const sink = {
            value(v: MappedValue): void {
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
    return result
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
