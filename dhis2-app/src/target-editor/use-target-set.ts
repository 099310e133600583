import { useDataEngine } from '@dhis2/app-runtime'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { toUserFacingError, type UserFacingError } from '../shared/errors'
import type { TargetSetDocument } from '../progress/target-record'
import { dataStoreTargetStore } from './data-store-client'
import type { TargetStore } from './save'

export interface TargetSetState {
    /** True until the document has been read once (a reload keeps the view on screen). */
    loading: boolean
    error: UserFacingError | null
    /** The document as loaded; an empty set when the key does not exist yet. */
    document: TargetSetDocument
    /** Reads the document again (after a save, or to see a colleague's change). */
    reload: () => Promise<void>
    store: TargetStore
}

const EMPTY: TargetSetDocument = { version: 2, records: [] }

/** The planners' target set as this editor loaded it; revisions are compared against it when saving. */
export function useTargetSet(): TargetSetState {
    const engine = useDataEngine()
    const store = useMemo(() => dataStoreTargetStore(engine), [engine])
    const [state, setState] = useState<{
        loading: boolean
        error: UserFacingError | null
        document: TargetSetDocument
    }>({ loading: true, error: null, document: EMPTY })
    const reload = useCallback(async () => {
        try {
            const document = (await store.readDocument()) ?? EMPTY
            setState({ loading: false, error: null, document })
        } catch (error) {
            setState((s) => ({ ...s, loading: false, error: toUserFacingError(error) }))
        }
    }, [store])
    useEffect(() => {
        void reload()
    }, [reload])
    return { ...state, reload, store }
}
