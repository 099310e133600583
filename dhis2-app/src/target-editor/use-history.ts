import { useCallback, useEffect, useState } from 'react'
import { toUserFacingError, type UserFacingError } from '../shared/errors'
import { newestFirst, type HistoryItem } from './history'
import type { TargetStore } from './save'

export interface HistoryState {
    loading: boolean
    error: UserFacingError | null
    items: HistoryItem[]
    reload: () => Promise<void>
}

/**
 * The save attempts for one indicator, newest first. One request lists the entries; who and when are read
 * from each entry's DHIS2 metadata (one small request per entry of this indicator).
 */
export function useHistory(store: TargetStore, code: string | null): HistoryState {
    const [state, setState] = useState<Omit<HistoryState, 'reload'>>({
        loading: false,
        error: null,
        items: [],
    })
    const reload = useCallback(async () => {
        if (code === null) return
        setState((s) => ({ ...s, loading: true }))
        try {
            const entries = (await store.listHistory()).filter((h) => h.entry.code === code)
            const items = await Promise.all(
                entries.map(async ({ key, entry }): Promise<HistoryItem> => {
                    const meta = await store.entryMeta(key).catch(() => null)
                    return { key, entry, by: meta?.createdBy ?? null, at: meta?.created ?? null }
                })
            )
            setState({ loading: false, error: null, items: newestFirst(items) })
        } catch (error) {
            setState({ loading: false, error: toUserFacingError(error), items: [] })
        }
    }, [store, code])
    useEffect(() => {
        void reload()
    }, [reload])
    return { ...state, reload }
}
