// The save protocol of the targets editor against the simulator's dataStore (DHIS2's per-entry sharing):
// read-then-write refusal of a concurrent edit, history entries, sharing of a new document, 403 for others.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../dhis2-sim/src/index'
import { parseHistoryList } from '../src/target-editor/data-store-client'
import { entryMetaSchema, HISTORY_FIELDS, type HistoryEntry } from '../src/target-editor/history'
import { saveChanges, type TargetStore } from '../src/target-editor/save'
import {
    PLANNERS_GROUP_CODE,
    TARGET_SET_KEY,
    TARGETS_NAMESPACE,
    targetSetDocumentSchema,
    type TargetSetDocument,
} from '../src/progress/target-record'

interface Credentials {
    username: string
    password: string
}

const ADMIN = { username: 'admin', password: 'district' }
const PLANNER = { username: 'planificateur', password: 'Planif@2024' }
const DISTRICT_OFFICER = { username: 'mcd.commune5', password: 'Commune5@2024' }

class HttpError extends Error {
    details: { httpStatusCode: number }
    constructor(status: number, text: string) {
        super(`${status} ${text.slice(0, 200)}`)
        this.details = { httpStatusCode: status }
    }
}

/** Node's own HTTP client: happy-dom's fetch keeps a response cache a re-read must not go through. */
function send(url: string, method: string, headers: Record<string, string>, body?: string) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(url, { method, headers }, (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
        })
        req.on('error', reject)
        req.end(body)
    })
}

function client(sim: RunningSimulator, who: Credentials) {
    const auth = `Basic ${Buffer.from(`${who.username}:${who.password}`).toString('base64')}`
    return async (method: string, path: string, body?: unknown): Promise<unknown> => {
        const response = await send(
            `${sim.url}/api/${path}`,
            method,
            { Authorization: auth, 'Content-Type': 'application/json' },
            body === undefined ? undefined : JSON.stringify(body)
        )
        if (response.status >= 400) throw new HttpError(response.status, response.text)
        return response.text === '' ? undefined : (JSON.parse(response.text) as unknown)
    }
}

/** The same operations as the app's app-runtime store, over plain fetch. */
function fetchStore(sim: RunningSimulator, who: Credentials): TargetStore {
    const call = client(sim, who)
    const base = `dataStore/${TARGETS_NAMESPACE}`
    return {
        async readDocument() {
            try {
                return targetSetDocumentSchema.parse(await call('GET', `${base}/${TARGET_SET_KEY}`))
            } catch (error) {
                if (error instanceof HttpError && error.details.httpStatusCode === 404) return null
                throw error
            }
        },
        createDocument: async (document: TargetSetDocument) => {
            await call('POST', `${base}/${TARGET_SET_KEY}`, document)
        },
        replaceDocument: async (document: TargetSetDocument) => {
            await call('PUT', `${base}/${TARGET_SET_KEY}`, document)
        },
        createEntry: async (key: string, value: HistoryEntry) => {
            await call('POST', `${base}/${key}`, value)
        },
        entryMeta: async (key: string) => entryMetaSchema.parse(await call('GET', `${base}/${key}/metaData`)),
        share: async (uid: string, groupId: string) => {
            await call('POST', `sharing?type=dataStore&id=${uid}`, {
                object: {
                    publicAccess: 'r-------',
                    userGroupAccesses: [{ id: groupId, access: 'rw------' }],
                },
            })
        },
        listHistory: async () =>
            parseHistoryList(await call('GET', `${base}?fields=${HISTORY_FIELDS.join(',')}&paging=false`)),
    }
}

const malaria2030 = (value: number | null) => ({
    code: 'ODD-3.3.3',
    orgUnit: null,
    targets: { '2030': value },
})

describe('saving planners targets in the dataStore', { timeout: 60_000 }, () => {
    let sim: RunningSimulator
    let groupId: string
    const now = () => new Date()

    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
        const groups = (await client(sim, PLANNER)(
            'GET',
            `userGroups?filter=code:eq:${PLANNERS_GROUP_CODE}&fields=id`
        )) as {
            userGroups: Array<{ id: string }>
        }
        groupId = groups.userGroups[0]?.id ?? ''
        expect(groupId).not.toBe('')
        // the demo database takes a few seconds to build on a busy machine
    }, 120_000)

    afterAll(async () => {
        await sim?.close()
    })

    it('creates the document on the first save and shares it: public read, planners write', async () => {
        const result = await saveChanges(fetchStore(sim, PLANNER), {
            changes: [{ record: malaria2030(40), loadedRevision: null }],
            reason: 'Plan national 2024-2030',
            via: 'editor',
            plannersGroupId: groupId,
            now,
        })
        expect(result.outcome).toBe('saved')
        const meta = (await client(sim, ADMIN)(
            'GET',
            `dataStore/${TARGETS_NAMESPACE}/${TARGET_SET_KEY}/metaData`
        )) as {
            sharing: { public: string; userGroups: Record<string, { access: string }> }
        }
        expect(meta.sharing.public).toBe('r-------')
        expect(meta.sharing.userGroups[groupId]?.access).toBe('rw------')
        const doc = await fetchStore(sim, DISTRICT_OFFICER).readDocument()
        expect(doc?.records).toEqual([{ ...malaria2030(40), revision: 1 }])
    })

    it('refuses a save based on an older revision, naming who changed it from DHIS2, and keeps both in the history', async () => {
        // Two planners loaded revision 1; the first saves, the second is refused.
        const first = await saveChanges(fetchStore(sim, PLANNER), {
            changes: [{ record: malaria2030(38), loadedRevision: 1 }],
            reason: 'Revue à mi-parcours',
            via: 'editor',
            plannersGroupId: groupId,
            now,
        })
        expect(first.outcome).toBe('saved')
        const second = await saveChanges(fetchStore(sim, ADMIN), {
            changes: [{ record: malaria2030(45), loadedRevision: 1 }],
            reason: 'Autre avis',
            via: 'editor',
            plannersGroupId: groupId,
            now,
        })
        expect(second.outcome).toBe('refused')
        if (second.outcome !== 'refused') return
        expect(second.conflicts).toHaveLength(1)
        expect(second.conflicts[0]?.by?.name).toBe('Fatoumata Traoré')
        expect(second.conflicts[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/)
        expect(second.conflicts[0]?.current?.targets?.['2030']).toBe(38)
        const doc = await fetchStore(sim, PLANNER).readDocument()
        expect(doc?.records[0]?.targets?.['2030']).toBe(38)

        const history = (await fetchStore(sim, PLANNER).listHistory()).filter(
            (h) => h.entry.code === 'ODD-3.3.3'
        )
        expect(
            history.map((h) => [h.entry.outcome, h.entry.new?.targets?.['2030'], h.entry.reason]).sort()
        ).toEqual([
            ['refused', 45, 'Autre avis'],
            ['saved', 38, 'Revue à mi-parcours'],
            ['saved', 40, 'Plan national 2024-2030'],
        ])
    })

    it('lets DHIS2 refuse a district officer with 403, on the document and on its sharing', async () => {
        const officer = fetchStore(sim, DISTRICT_OFFICER)
        const doc = await officer.readDocument()
        if (!doc) throw new Error('document missing')
        await expect(officer.replaceDocument(doc)).rejects.toMatchObject({ details: { httpStatusCode: 403 } })
        const meta = await officer.entryMeta(TARGET_SET_KEY)
        await expect(officer.share(meta.id, groupId)).rejects.toMatchObject({
            details: { httpStatusCode: 403 },
        })
    })
    it('puts the intended sharing back on a document someone shared otherwise', async () => {
        const admin = client(sim, ADMIN)
        const meta = await fetchStore(sim, ADMIN).entryMeta(TARGET_SET_KEY)
        await admin('POST', `sharing?type=dataStore&id=${meta.id}`, {
            object: { publicAccess: 'rw------', userGroupAccesses: [] },
        })
        const planner = fetchStore(sim, PLANNER)
        const doc = await planner.readDocument()
        const current = doc?.records.find((r) => r.code === 'ODD-3.3.3' && r.orgUnit === null)
        const result = await saveChanges(planner, {
            changes: [{ record: malaria2030(36), loadedRevision: current?.revision ?? null }],
            reason: 'Arbitrage du ministre',
            via: 'editor',
            plannersGroupId: groupId,
            now,
        })
        expect(result.outcome).toBe('saved')
        const after = await planner.entryMeta(TARGET_SET_KEY)
        expect(after.sharing?.public).toBe('r-------')
        expect(after.sharing?.userGroups?.[groupId]?.access).toBe('rw------')
        const officer = fetchStore(sim, DISTRICT_OFFICER)
        await expect(officer.replaceDocument(result.document)).rejects.toMatchObject({
            details: { httpStatusCode: 403 },
        })
    })
    it('saves an import of several records at once, one history entry each', async () => {
        const planner = fetchStore(sim, PLANNER)
        const before = await planner.readDocument()
        const records = [
            { code: 'ODD-3.1.2', orgUnit: null, targets: { '2023': 75, '2030': 88 } },
            { code: 'ODD-3.7.1', orgUnit: null, baseline: { value: 17, year: 2018, source: 'EDSM VI' } },
        ]
        const result = await saveChanges(planner, {
            changes: records.map((record) => ({ record, loadedRevision: null })),
            reason: 'Import du fichier de la CPS',
            via: 'import',
            plannersGroupId: groupId,
            now,
        })
        expect(result.outcome).toBe('saved')
        const after = await planner.readDocument()
        expect(after?.records).toHaveLength((before?.records.length ?? 0) + 2)
        expect(after?.records.slice(-2)).toEqual(records.map((r) => ({ ...r, revision: 1 })))
        const imported = (await planner.listHistory()).filter((h) => h.entry.via === 'import')
        expect(imported.map((h) => h.entry.code).sort()).toEqual(['ODD-3.1.2', 'ODD-3.7.1'])
        expect(new Set(imported.map((h) => h.key)).size).toBe(2)
    })
})
