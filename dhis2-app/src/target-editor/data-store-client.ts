import type { useDataEngine } from '@dhis2/app-runtime'
import {
    TARGET_SET_KEY,
    TARGETS_NAMESPACE,
    targetSetDocumentSchema,
    type TargetSetDocument,
} from '../progress/target-record'
import {
    entryMetaSchema,
    HISTORY_FIELDS,
    HISTORY_PREFIX,
    historyEntrySchema,
    type HistoryEntry,
} from './history'
import { PLANNERS_ACCESS, PUBLIC_ACCESS, type TargetStore } from './save'

type Engine = ReturnType<typeof useDataEngine>

const BASE = `dataStore/${TARGETS_NAMESPACE}`

function httpStatus(error: unknown): number | null {
    if (typeof error !== 'object' || error === null) return null
    const details: unknown = Reflect.get(error, 'details')
    if (typeof details !== 'object' || details === null) return null
    const status: unknown = Reflect.get(details, 'httpStatusCode')
    return typeof status === 'number' ? status : null
}

/** Parses the namespace query answer: `{entries: [...]}` (paging=false) or a bare list (headless). */
export function parseHistoryList(data: unknown): Array<{ key: string; entry: HistoryEntry }> {
    const entries: unknown = Array.isArray(data)
        ? data
        : typeof data === 'object' && data !== null
          ? Reflect.get(data, 'entries')
          : []
    if (!Array.isArray(entries)) return []
    return entries.flatMap((raw: unknown) => {
        if (typeof raw !== 'object' || raw === null) return []
        const key: unknown = Reflect.get(raw, 'key')
        if (typeof key !== 'string' || !key.startsWith(HISTORY_PREFIX)) return []
        // DHIS2 leaves out fields that are null in the value (national level, no old record on a first save).
        const parsed = historyEntrySchema.safeParse({
            ...raw,
            orgUnit: Reflect.get(raw, 'orgUnit') ?? null,
            old: Reflect.get(raw, 'old') ?? null,
            new: Reflect.get(raw, 'new') ?? null,
        })
        return parsed.success ? [{ key, entry: parsed.data }] : []
    })
}

/** The planners' target set in DHIS2's dataStore, through app-runtime (every call goes to the server). */
export function dataStoreTargetStore(engine: Engine): TargetStore {
    return {
        async readDocument() {
            try {
                const { doc } = await engine.query({ doc: { resource: `${BASE}/${TARGET_SET_KEY}` } })
                return targetSetDocumentSchema.parse(doc)
            } catch (error) {
                if (httpStatus(error) === 404) return null
                throw error
            }
        },
        async createDocument(document: TargetSetDocument) {
            await engine.mutate({ resource: `${BASE}/${TARGET_SET_KEY}`, type: 'create', data: document })
        },
        async replaceDocument(document: TargetSetDocument) {
            await engine.mutate({ resource: BASE, id: TARGET_SET_KEY, type: 'replace', data: document })
        },
        async createEntry(key: string, value: HistoryEntry) {
            await engine.mutate({ resource: `${BASE}/${key}`, type: 'create', data: value })
        },
        async entryMeta(key: string) {
            const { meta } = await engine.query({ meta: { resource: `${BASE}/${key}/metaData` } })
            return entryMetaSchema.parse(meta)
        },
        async share(entryUid: string, plannersGroupId: string) {
            await engine.mutate({
                resource: 'sharing',
                type: 'create',
                params: { type: 'dataStore', id: entryUid },
                data: {
                    object: {
                        publicAccess: PUBLIC_ACCESS,
                        userGroupAccesses: [{ id: plannersGroupId, access: PLANNERS_ACCESS }],
                    },
                },
            })
        },
        async listHistory() {
            const { list } = await engine.query({
                list: { resource: BASE, params: { fields: HISTORY_FIELDS.join(','), paging: 'false' } },
            })
            return parseHistoryList(list)
        },
    }
}

export { httpStatus }
