import {
    findRecord,
    TARGET_SET_KEY,
    type TargetRecord,
    type TargetSetDocument,
} from '../progress/target-record'
import { historyKey, type EntryMeta, type HistoryEntry, type UserRef } from './history'
import type { RecordContent } from './record-draft'

export const PUBLIC_ACCESS = 'r-------'
export const PLANNERS_ACCESS = 'rw------'

/** The dataStore operations a save needs (DHIS2 through app-runtime in the app, plain fetch in tests). */
export interface TargetStore {
    /** The document, or null when the key does not exist yet (404). */
    readDocument(): Promise<TargetSetDocument | null>
    /** POST: fails with 409 when someone created it meanwhile. */
    createDocument(document: TargetSetDocument): Promise<void>
    /** PUT of the whole document. */
    replaceDocument(document: TargetSetDocument): Promise<void>
    createEntry(key: string, value: HistoryEntry): Promise<void>
    /** `GET /api/dataStore/<ns>/<key>/metaData`: the entry's uid, who created and last updated it, when. */
    entryMeta(key: string): Promise<EntryMeta>
    /** `POST /api/sharing?type=dataStore&id=<uid>`: readable by everyone, writable by the planners. */
    share(entryUid: string, plannersGroupId: string): Promise<void>
    /** Every history entry of the namespace (one request). */
    listHistory(): Promise<Array<{ key: string; entry: HistoryEntry }>>
}

export interface Change {
    record: RecordContent
    /** The revision the planner loaded; null when the level had no record then. */
    loadedRevision: number | null
}

export interface Conflict {
    code: string
    orgUnit: string | null
    /** The record as stored now (undefined if someone removed it). */
    current: TargetRecord | undefined
    /** Who made the change the planner did not see, and when, from DHIS2's metadata. */
    by: UserRef | null
    at: string | null
}

export type SaveResult =
    | { outcome: 'saved'; document: TargetSetDocument }
    | { outcome: 'refused'; conflicts: Conflict[]; document: TargetSetDocument }

export interface SaveRequest {
    changes: readonly Change[]
    reason: string
    via: HistoryEntry['via']
    /** Uid of the ODD3_PLANIFICATEURS group; needed only to share a newly created document. */
    plannersGroupId: string | null
    now: () => Date
}

/** Thrown when the document must be created but the planners' group is unknown (metadata not installed). */
export class MissingPlannersGroupError extends Error {
    constructor() {
        super('planners group missing')
        this.name = 'MissingPlannersGroupError'
    }
}

function isConflictStatus(error: unknown): boolean {
    if (typeof error !== 'object' || error === null) return false
    const details: unknown = Reflect.get(error, 'details')
    return typeof details === 'object' && details !== null && Reflect.get(details, 'httpStatusCode') === 409
}

/**
 * DHIS2's dataStore has no conditional write (no ETag, no If-Match), so the refusal of a concurrent edit is
 * read-then-write: the document is read again right before the PUT and the save is refused if a record's
 * revision moved since the planner loaded it. Two saves within one round trip can still cross.
 */
export async function saveChanges(
    store: TargetStore,
    request: SaveRequest,
    retry = true
): Promise<SaveResult> {
    const stored = await store.readDocument()
    const document: TargetSetDocument = stored ?? { version: 2, records: [] }
    const conflicting = request.changes.filter((change) => {
        const current = findRecord(document.records, change.record.code, change.record.orgUnit)
        return (current?.revision ?? null) !== change.loadedRevision
    })
    if (conflicting.length > 0) {
        const conflicts = await describeConflicts(store, document, conflicting)
        // One entry per record; written side by side (the browser queues them) so a large import stays quick.
        await Promise.all(
            request.changes.map((change) =>
                writeHistory(store, request, {
                    code: change.record.code,
                    orgUnit: change.record.orgUnit,
                    outcome: 'refused',
                    old: findRecord(document.records, change.record.code, change.record.orgUnit) ?? null,
                    new: { ...change.record, revision: change.loadedRevision ?? 0 },
                })
            )
        )
        return { outcome: 'refused', conflicts, document }
    }

    const saved: Array<{ old: TargetRecord | null; next: TargetRecord }> = []
    let records = [...document.records]
    for (const change of request.changes) {
        const current = findRecord(records, change.record.code, change.record.orgUnit)
        const next: TargetRecord = { ...change.record, revision: (current?.revision ?? 0) + 1 }
        records = current ? records.map((r) => (r === current ? next : r)) : [...records, next]
        saved.push({ old: current ?? null, next })
    }
    const next: TargetSetDocument = { version: 2, records }
    if (stored === null) {
        if (request.plannersGroupId === null) throw new MissingPlannersGroupError()
        try {
            await store.createDocument(next)
        } catch (error) {
            // Someone created the document between our read and our POST: judge again against theirs.
            if (retry && isConflictStatus(error)) return saveChanges(store, request, false)
            throw error
        }
        const meta = await store.entryMeta(TARGET_SET_KEY)
        await store.share(meta.id, request.plannersGroupId)
    } else {
        await store.replaceDocument(next)
        // A document created outside the editor (by hand through the API) keeps DHIS2's default sharing,
        // writable by every user of the app: a planner's save puts the intended sharing back.
        if (request.plannersGroupId !== null) {
            const meta = await store.entryMeta(TARGET_SET_KEY)
            if (!sharedAsIntended(meta, request.plannersGroupId))
                await store.share(meta.id, request.plannersGroupId)
        }
    }
    await Promise.all(
        saved.map(({ old, next: record }) =>
            writeHistory(store, request, {
                code: record.code,
                orgUnit: record.orgUnit,
                outcome: 'saved',
                old,
                new: record,
            })
        )
    )
    return { outcome: 'saved', document: next }
}

/** Readable by everyone, writable by the planners' group only. */
export function sharedAsIntended(meta: EntryMeta, plannersGroupId: string): boolean {
    return (
        meta.sharing?.public === PUBLIC_ACCESS &&
        meta.sharing.userGroups?.[plannersGroupId]?.access === PLANNERS_ACCESS
    )
}

async function writeHistory(
    store: TargetStore,
    request: SaveRequest,
    fields: Pick<HistoryEntry, 'code' | 'orgUnit' | 'outcome' | 'old' | 'new'>
): Promise<void> {
    const key = historyKey(request.now())
    await store.createEntry(key, {
        type: 'odd3-target-history',
        ...fields,
        reason: request.reason,
        via: request.via,
    })
    if (request.plannersGroupId !== null) {
        const meta = await store.entryMeta(key)
        await store.share(meta.id, request.plannersGroupId)
    }
}

/**
 * Names who made each change the planner missed: the creator of the history entry that saved the current
 * revision, else the document's last updater. Both come from DHIS2, never from a payload.
 */
async function describeConflicts(
    store: TargetStore,
    document: TargetSetDocument,
    changes: readonly Change[]
): Promise<Conflict[]> {
    const history = await store.listHistory().catch(() => [])
    let documentMeta: EntryMeta | null | undefined
    const out: Conflict[] = []
    for (const change of changes) {
        const { code, orgUnit } = change.record
        const current = findRecord(document.records, code, orgUnit)
        const origin = history
            .filter(
                (h) =>
                    h.entry.outcome === 'saved' &&
                    h.entry.code === code &&
                    h.entry.orgUnit === orgUnit &&
                    h.entry.new?.revision === current?.revision
            )
            .sort((a, b) => (a.key < b.key ? 1 : -1))[0]
        if (origin) {
            const meta = await store.entryMeta(origin.key).catch(() => null)
            if (meta) {
                out.push({ code, orgUnit, current, by: meta.createdBy ?? null, at: meta.created ?? null })
                continue
            }
        }
        if (documentMeta === undefined) documentMeta = await store.entryMeta(TARGET_SET_KEY).catch(() => null)
        out.push({
            code,
            orgUnit,
            current,
            by: documentMeta?.lastUpdatedBy ?? null,
            at: documentMeta?.lastUpdated ?? null,
        })
    }
    return out
}
