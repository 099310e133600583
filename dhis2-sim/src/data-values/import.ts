// The data value set import of DHIS2 2.38-2.42 (DefaultDataValueSetService + DataValueSetImportValidator),
// docs/dhis2-api.md §3.1 and §3.3: the import context and its data-set level aborts (import-context.ts), the
// per-value checks in DHIS2's order stopping at the first failure (value-checks.ts), grouped conflicts, and
// the write with its counting rules (value-writer.ts).
import {
    createImportContext,
    DATA_SET_CHECKS,
    handleComplete,
    type ImportContextInput,
} from './import-context.js'
import { EMPTY_COUNT } from './import-support.js'
import type { DataValueSetPayload } from './payload.js'
import { ConflictCollector, type ImportConflict, type ImportCount, type ImportStatus } from './summary.js'
import { checkValue } from './value-checks.js'
import { createValueWriter } from './value-writer.js'

export type { ImportContextInput } from './import-context.js'

export interface ImportResult {
    status: ImportStatus
    description: string
    importCount: ImportCount
    conflicts: ImportConflict[]
    rejectedIndexes: number[]
    /** Undefined when the import was aborted. */
    dataSetComplete?: string
}

/** A summary for a body that could not be read (DVS catches the parser exception). */
export function failedImport(message: string): ImportResult {
    return {
        status: 'ERROR',
        description: `The import process failed: ${message}`,
        importCount: EMPTY_COUNT(),
        conflicts: [],
        rejectedIndexes: [],
    }
}

export function importDataValueSet(payload: DataValueSetPayload, input: ImportContextInput): ImportResult {
    const ctx = createImportContext(payload, input)
    // InputUtils throws an IllegalQueryException, which the import reports as a failure.
    if ('illegal' in ctx) return failedImport(ctx.illegal)

    for (const check of DATA_SET_CHECKS) {
        const failure = check(ctx)
        if (failure) {
            return {
                status: 'ERROR',
                description: 'Import process was aborted',
                importCount: EMPTY_COUNT(),
                conflicts: [failure],
                rejectedIndexes: [],
            }
        }
    }

    const { dataSetComplete, conflicts: completionConflicts } = handleComplete(ctx)
    const collector = new ConflictCollector()
    for (const c of completionConflicts) collector.add(c)
    const counts = EMPTY_COUNT()
    const write = createValueWriter(ctx, counts, collector)
    payload.dataValues.forEach((entry, i) => {
        const result = checkValue(entry, ctx)
        if (!('element' in result)) {
            collector.add(result, i)
            counts.ignored++
            return
        }
        write(entry, i, result)
    })

    const conflicts = collector.list()
    return {
        status: conflicts.length > 0 ? 'WARNING' : 'SUCCESS',
        description: 'Import process completed successfully',
        importCount: counts,
        conflicts,
        rejectedIndexes: collector.rejectedIndexes(),
        ...(dataSetComplete !== undefined ? { dataSetComplete } : {}),
    }
}
