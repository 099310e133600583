import { useCallback, useSyncExternalStore } from 'react'
import { parseSelection, selectionToHash, type Selection } from './selection'

const CHANGE_EVENT = 'odd3-selection-change'

function subscribe(onChange: () => void): () => void {
    window.addEventListener('popstate', onChange)
    window.addEventListener('hashchange', onChange)
    window.addEventListener(CHANGE_EVENT, onChange)
    return () => {
        window.removeEventListener('popstate', onChange)
        window.removeEventListener('hashchange', onChange)
        window.removeEventListener(CHANGE_EVENT, onChange)
    }
}

function currentHash(): string {
    return window.location.hash
}

export interface SelectionControls {
    selection: Selection
    /** Changes part of the selection as a new history entry (so Back returns to the previous view). */
    select: (patch: Partial<Selection>) => void
    /** Corrects the selection in place (no history entry), e.g. an org unit of a link that cannot be shown. */
    replace: (patch: Partial<Selection>) => void
}

/** The selection kept in the URL hash, with a setter that pushes a history entry. */
export function useSelection(): SelectionControls {
    const hash = useSyncExternalStore(subscribe, currentHash, currentHash)
    const selection = parseSelection(hash)
    const select = useCallback((patch: Partial<Selection>) => {
        const next = selectionToHash({ ...parseSelection(window.location.hash), ...patch })
        if (next === (window.location.hash || '#/')) return
        window.history.pushState(null, '', next)
        window.dispatchEvent(new Event(CHANGE_EVENT))
    }, [])
    const replace = useCallback((patch: Partial<Selection>) => {
        const next = selectionToHash({ ...parseSelection(window.location.hash), ...patch })
        window.history.replaceState(null, '', next)
        window.dispatchEvent(new Event(CHANGE_EVENT))
    }, [])
    return { selection, select, replace }
}
