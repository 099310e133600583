// JSON reports: an array of row objects (long or wide), or `{ "rows": [...] }`, optionally with
// `facility`/`period` at the top applying to every row. Clinic files are small: read whole.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { makeIssue } from '../core/issues.js'
import type { RawRowSink, ReadStats } from './raw.js'

function text(v: unknown): string {
    if (v === null || v === undefined) return ''
    if (typeof v === 'string') return v.trim()
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    return JSON.stringify(v)
}

export async function readJson(path: string, sink: RawRowSink, displayName?: string): Promise<ReadStats> {
    const file = displayName ?? basename(path)
    const raw = await readFile(path)
    const stats: ReadStats = { bytes: raw.length, rows: 0, encoding: 'utf8' }
    sink.table({ file })
    let data: unknown
    try {
        const s = raw.toString('utf8').replace(/^\uFEFF/, '')
        data = s.trim() === '' ? [] : JSON.parse(s)
    } catch (e) {
        sink.issue(
            makeIssue(
                'UNREADABLE_FILE',
                { file },
                { detail: `JSON : ${e instanceof Error ? e.message : String(e)}` }
            )
        )
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
