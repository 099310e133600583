// JSON reports: an array of row objects (long or wide), or `{ "rows": [...] }`, optionally with
// `facility`/`period` at the top applying to every row. Clinic files are small: read whole, under a
// size cap checked before reading. A syntax error is reported by line and column only: JSON.parse's own
// message quotes the text around the fault, which may be a patient's name.
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { jsonErrorPosition } from '../core/json-position.js'
import { makeIssue } from '../i18n/issues.js'
import type { RawRowSink, ReadStats } from './raw.js'

export const JSON_LIMITS = { fileBytes: 50 * 1024 * 1024 }

const MIB = 1024 * 1024

function text(v: unknown): string {
    if (v === null || v === undefined) return ''
    if (typeof v === 'string') return v.trim()
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    return JSON.stringify(v)
}

export async function readJson(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    const file = displayName ?? basename(path)
    const { size } = await stat(path)
    if (size > JSON_LIMITS.fileBytes) {
        const params = { size: Math.ceil(size / MIB), limit: JSON_LIMITS.fileBytes / MIB }
        sink.issue(makeIssue('JSON_TOO_LARGE', { file }, params))
        return { bytes: 0, rows: 0, encoding: 'utf8' }
    }
    const raw = await readFile(path)
    const stats: ReadStats = { bytes: raw.length, rows: 0, encoding: 'utf8' }
    sink.table({ file })
    let data: unknown
    const s = raw.toString('utf8').replace(/^\uFEFF/, '')
    try {
        data = s.trim() === '' ? [] : JSON.parse(s)
    } catch {
        const at = jsonErrorPosition(s) ?? { line: 1, column: 1 }
        sink.issue(makeIssue('JSON_SYNTAX', { file }, { line: at.line, col: at.column }))
        sink.endTable()
        return stats
    }
    let rows: unknown[] = []
    let shared: Record<string, unknown> = {}
    if (Array.isArray(data)) rows = data
    else if (data && typeof data === 'object') {
        const obj = data as Record<string, unknown>
        const list = obj.rows ?? obj.values ?? obj.data
        if (Array.isArray(list)) rows = list
        shared = Object.fromEntries(
            Object.entries(obj).filter(([k, v]) => !Array.isArray(v) && typeof v !== 'object' && k !== 'rows')
        )
    }
    const names: string[] = []
    const seen = new Set<string>()
    const objects = rows.filter(
        (r): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r)
    )
    for (const o of [shared, ...objects])
        for (const k of Object.keys(o))
            if (!seen.has(k)) {
                seen.add(k)
                names.push(k)
            }
    if (objects.length === 0) {
        sink.endTable()
        return stats
    }
    // Row 1 is the (virtual) header; row n+1 is the n-th object, as a person counts them.
    sink.row(1, names)
    objects.forEach((o, i) => {
        const cells = names.map((k) => text(k in o ? o[k] : shared[k]))
        stats.rows++
        sink.row(i + 2, cells)
    })
    sink.endTable()
    return stats
}
