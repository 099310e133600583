import { useCallback, useEffect, useRef, useState } from 'react'
import { toUserFacingError, type UserFacingError } from '../shared/errors'
import { newestFirst, type HistoryItem } from './history'
import type { TargetStore } from './save'

export interface HistoryState {
    loading: boolean
    error: UserFacingError | null
    items: HistoryItem[]
    reload: () => Promise<void>
}

interface HistoryRead {
    error: UserFacingError | null
    items: HistoryItem[]
}

/**
 * The save attempts for one indicator, newest first. One request lists the entries; who and when are read
 * from each entry's DHIS2 metadata (one small request per entry of this indicator).
 */
async function readHistory(store: TargetStore, code: string): Promise<HistoryRead> {
    try {
        const entries = (await store.listHistory()).filter((h) => h.entry.code === code)
        const items = await Promise.all(
            entries.map(async ({ key, entry }): Promise<HistoryItem> => {
                const meta = await store.entryMeta(key).catch(() => null)
                return { key, entry, by: meta?.createdBy ?? null, at: meta?.created ?? null }
            })
        )
        return { error: null, items: newestFirst(items) }
    } catch (error) {
        return { error: toUserFacingError(error), items: [] }
    }
}

/** The history of one indicator's targets, read when the indicator changes and again on `reload()`. */
export function useHistory(store: TargetStore, code: string | null): HistoryState {
    // What was last read and for which indicator: loading until it is the one asked for.
    const [read, setRead] = useState<HistoryRead & { code: string | null; reloading: boolean }>({
        code: null,
        reloading: false,
        error: null,
        items: [],
    })
    // Reads can overlap (the indicator's first read and the reload after a quick save): only the answer to the
    // latest one started is kept, so an older answer never replaces a newer one nor ends 'reloading' early.
    const latest = useRef(0)
    useEffect(() => {
        latest.current += 1
        if (code === null) return
        const ticket = latest.current
        void readHistory(store, code).then((r) => {
            if (ticket === latest.current) setRead({ ...r, code, reloading: false })
        })
    }, [store, code])
    const reload = useCallback(async () => {
        if (code === null) return
        latest.current += 1
        const ticket = latest.current
        setRead((r) => ({ ...r, reloading: true }))
        const r = await readHistory(store, code)
        if (ticket === latest.current) setRead({ ...r, code, reloading: false })
    }, [store, code])
    const loading = code !== null && (read.code !== code || read.reloading)
    return { loading, error: read.error, items: read.items, reload }
}
