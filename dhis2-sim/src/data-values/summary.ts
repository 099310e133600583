// The ImportSummary of a data value import (docs/dhis2-api.md §4.1-§4.4): conflicts grouped per (code, objects)
// with their indexes, the counts, and the HTTP status matrix of WebMessageUtils.importSummary.
import type { SimResponse } from '../core/types.js'
import { webMessage } from '../core/web-message.js'

export type ImportStatus = 'SUCCESS' | 'WARNING' | 'ERROR'

export interface ImportConflict {
    object?: string
    objects: Record<string, string>
    value: string
    errorCode?: string
    property?: string
    indexes?: number[]
}

export interface ImportCount {
    imported: number
    updated: number
    ignored: number
    deleted: number
}

export interface ImportSummary {
    responseType: 'ImportSummary'
    status: ImportStatus
    importOptions: Record<string, unknown>
    description?: string
    importCount: ImportCount
    conflicts: ImportConflict[]
    rejectedIndexes?: number[]
    dataSetComplete?: string
}

/** Collects conflicts, merging those with the same code and objects (ImportSummary.addConflict). */
export class ConflictCollector {
    private readonly byKey = new Map<string, ImportConflict>()
    readonly rejected = new Set<number>()

    add(conflict: ImportConflict, index?: number): void {
        const key = `${conflict.errorCode ?? ''}|${conflict.errorCode ? '' : `${conflict.object ?? ''}|${conflict.value}`}|${JSON.stringify(conflict.objects)}`
        const existing = this.byKey.get(key)
        if (existing) {
            if (index !== undefined) existing.indexes?.push(index)
        } else {
            const copy = { ...conflict }
            if (index !== undefined) copy.indexes = [index]
            this.byKey.set(key, copy)
        }
        if (index !== undefined) this.rejected.add(index)
    }

    reject(index: number): void {
        this.rejected.add(index)
    }

    get size(): number {
        return this.byKey.size
    }

    list(): ImportConflict[] {
        return [...this.byKey.values()].map((conflict) => {
            // Field order as DHIS2 serialises ImportConflict.
            const out: ImportConflict =
                conflict.object !== undefined
                    ? { object: conflict.object, objects: conflict.objects, value: conflict.value }
                    : { objects: conflict.objects, value: conflict.value }
            if (conflict.errorCode !== undefined) out.errorCode = conflict.errorCode
            if (conflict.property !== undefined) out.property = conflict.property
            if (conflict.indexes !== undefined) out.indexes = conflict.indexes
            return out
        })
    }

    rejectedIndexes(): number[] {
        return [...this.rejected].sort((a, b) => a - b)
    }
}

export function summaryBody(
    summary: Omit<ImportSummary, 'responseType'>,
    minorVersion: number
): ImportSummary {
    const body: ImportSummary = {
        responseType: 'ImportSummary',
        status: summary.status,
        importOptions: summary.importOptions,
        description: summary.description,
        importCount: summary.importCount,
        conflicts: summary.conflicts,
    }
    if (summary.description === undefined) delete body.description
    if (minorVersion >= 39) body.rejectedIndexes = summary.rejectedIndexes ?? []
    if (summary.dataSetComplete !== undefined) body.dataSetComplete = summary.dataSetComplete
    return body
}

/** Minor version of a `2.41.3`-style version string. */
export function minorVersion(serverVersion: string): number {
    const match = /^\d+\.(\d+)/.exec(serverVersion)
    return match ? Number(match[1]) : 41
}

/**
 * WebMessageUtils.importSummary for the server version, plus the plain-summary answer of
 * `/api/37/…` and below on 2.38-2.41.
 */
export function importSummaryResponse(
    summary: ImportSummary,
    serverVersion: string,
    apiVersion: number | null
): SimResponse {
    const minor = minorVersion(serverVersion)
    if (apiVersion !== null && apiVersion < 38 && minor <= 41) return { status: 200, body: summary }
    if (summary.status === 'ERROR') {
        return webMessage(409, 'ERROR', 'An error occurred, please check import summary.', {
            response: summary,
        })
    }
    if (summary.status === 'WARNING') {
        if (minor >= 43) {
            return webMessage(
                200,
                'WARNING',
                'Import completed with warnings, please check import summary.',
                {
                    response: summary,
                }
            )
        }
        return webMessage(409, 'WARNING', 'One more conflicts encountered, please check import summary.', {
            response: summary,
        })
    }
    return webMessage(200, 'OK', 'Import was successful.', { response: summary })
}
