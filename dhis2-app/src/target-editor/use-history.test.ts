import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from './history'
import type { TargetStore } from './save'
import { useHistory } from './use-history'

type Listing = Array<{ key: string; entry: HistoryEntry }>

const entry = (outcome: HistoryEntry['outcome']): HistoryEntry => ({
    type: 'odd3-target-history',
    code: 'ODD-3.3.3',
    orgUnit: null,
    outcome,
    old: null,
    new: null,
    reason: 'test',
    via: 'editor',
})

/**
 * A store whose history listings answer only when the test says, in any order: the race between the first
 * read and a reload cannot be timed against a real server. The other methods are not used by the hook.
 */
function slowStore() {
    const pending: Array<(listing: Listing) => void> = []
    const unused = () => Promise.reject(new Error('not used by useHistory'))
    const store: TargetStore = {
        readDocument: unused,
        createDocument: unused,
        replaceDocument: unused,
        createEntry: unused,
        share: unused,
        entryMeta: () => Promise.resolve({ id: 'entry' }),
        listHistory: () => new Promise<Listing>((resolve) => pending.push(resolve)),
    }
    return { store, answer: (read: number, listing: Listing) => pending[read]?.(listing) }
}

describe('useHistory', () => {
    it('keeps the answer to the latest read when an older one arrives after it', async () => {
        const { store, answer } = slowStore()
        const { result } = renderHook(() => useHistory(store, 'ODD-3.3.3'))
        expect(result.current.loading).toBe(true)
        let reloaded: Promise<void> = Promise.resolve()
        act(() => {
            reloaded = result.current.reload()
        })
        // the reload (read 1) answers first with the saved entry, then the first read (read 0) with nothing
        await act(async () => {
            answer(1, [{ key: 'history-0000000000002-aaaaaa', entry: entry('saved') }])
            await reloaded
        })
        await act(async () => {
            answer(0, [])
            await Promise.resolve()
        })
        await waitFor(() => expect(result.current.loading).toBe(false))
        expect(result.current.items.map((i) => i.entry.outcome)).toEqual(['saved'])
    })
})
