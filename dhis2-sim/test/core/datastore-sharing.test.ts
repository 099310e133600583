// Contract tests for per-entry dataStore sharing and /api/sharing?type=dataStore, written from the assertions of
// dhis2-core 2.41.3 web-test DatastoreControllerTest (…_ProtectedNamespaceWithSharing), SharingControllerTest,
// integration DatastoreSharingTest, and the code they exercise (DefaultDatastoreService, DefaultAclService,
// HibernateDatastoreStore, SharingController). docs/dhis2-api.md §9.3. Demo users: docs/data-model.md.
import AdmZip from 'adm-zip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'

const NS = 'odd3-scorecard'
const ADMIN = 'admin:district'
const PLANNER = 'planificateur:Planif@2024'
const OFFICER = 'mcd.commune5:Commune5@2024'

let sim: RunningSimulator

function appZip(): Buffer {
    const zip = new AdmZip()
    const manifest = {
        appType: 'APP',
        short_name: 'odd3-scorecard',
        name: 'Tableau de bord ODD 3',
        version: '1.0.0',
        launch_path: 'index.html',
        activities: { dhis: { href: '*', namespace: NS } },
    }
    zip.addFile('manifest.webapp', Buffer.from(JSON.stringify(manifest)))
    zip.addFile('index.html', Buffer.from('<html><body>ODD</body></html>'))
    return zip.toBuffer()
}

async function start(serverVersion: string): Promise<void> {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo', serverVersion })
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(appZip())]), 'odd3-scorecard-1.0.0.zip')
    const installed = await fetch(`${sim.url}/api/apps`, { method: 'POST', headers: auth(ADMIN), body: form })
    expect(installed.status).toBe(204)
}

function auth(credentials: string): Record<string, string> {
    return { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
}

interface Answer {
    status: number
    body: unknown
}

async function call(who: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(sim.url + path, {
        method,
        headers: { ...auth(who), 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

async function idOf(who: string, ns: string, key: string): Promise<string> {
    const meta = await call(who, 'GET', `/api/dataStore/${ns}/${key}/metaData`)
    expect(meta.status).toBe(200)
    return (meta.body as { id: string }).id
}

async function plannersGroupId(): Promise<string> {
    const groups = await call(
        ADMIN,
        'GET',
        '/api/userGroups?filter=code:eq:ODD3_PLANIFICATEURS&fields=id,name,code,users[id,username]'
    )
    return (groups.body as { userGroups: Array<{ id: string }> }).userGroups[0]!.id
}

/** What the app does: public read-only, planners' group read-write. */
async function shareWithPlanners(ns: string, key: string): Promise<void> {
    const id = await idOf(ADMIN, ns, key)
    const groupId = await plannersGroupId()
    const shared = await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
        object: {
            publicAccess: 'r-------',
            externalAccess: false,
            userAccesses: [],
            userGroupAccesses: [{ id: groupId, access: 'rw------' }],
        },
    })
    expect(shared).toEqual({
        status: 200,
        body: { httpStatus: 'OK', httpStatusCode: 200, status: 'OK', message: 'Access control set' },
    })
}

function message(answer: Answer): unknown {
    return (answer.body as { message?: unknown }).message
}

describe('dataStore entry sharing on 2.41 (docs/dhis2-api.md §9.3)', () => {
    // The demo database takes several seconds to build on a busy machine.
    beforeAll(async () => start('2.41.3'), 120_000)
    afterAll(async () => sim.close())

    it('shows the planners group to every user, with its members (user groups in the demo database)', async () => {
        const groups = await call(
            OFFICER,
            'GET',
            '/api/userGroups?filter=code:eq:ODD3_PLANIFICATEURS&fields=id,name,code,users[id,username]'
        )
        expect(groups.status).toBe(200)
        const list = (groups.body as { userGroups: unknown[] }).userGroups
        expect(list).toEqual([
            {
                id: expect.any(String),
                name: 'Planificateurs ODD 3 (CPS)',
                code: 'ODD3_PLANIFICATEURS',
                users: [{ id: expect.any(String), username: 'planificateur' }],
            },
        ])
        const me = await call(PLANNER, 'GET', '/api/me?fields=userGroups[id,name,code]')
        expect(me.body).toEqual({
            userGroups: [
                {
                    id: await plannersGroupId(),
                    name: 'Planificateurs ODD 3 (CPS)',
                    code: 'ODD3_PLANIFICATEURS',
                },
            ],
        })
        expect((await call(OFFICER, 'GET', '/api/me?fields=userGroups[id,name,code]')).body).toEqual({
            userGroups: [],
        })
    })

    it('gives a new entry owner = creator and public rw------ (HibernateIdentifiableObjectStore#save, DatastoreSharingTest#testGetNamespaceKeys_DefaultPublicAccess)', async () => {
        expect((await call(PLANNER, 'POST', `/api/dataStore/${NS}/fresh`, { a: 1 })).status).toBe(201)
        const meta = await call(OFFICER, 'GET', `/api/dataStore/${NS}/fresh/metaData`)
        expect(meta.status).toBe(200)
        const body = meta.body as Record<string, unknown>
        expect(body).toMatchObject({
            namespace: NS,
            key: 'fresh',
            createdBy: {
                username: 'planificateur',
                name: expect.any(String),
                displayName: expect.any(String),
            },
            lastUpdatedBy: { username: 'planificateur' },
            user: { username: 'planificateur' },
            sharing: { external: false, users: {}, userGroups: {}, public: 'rw------' },
            // DatastoreControllerTest#testGetKeyJsonValueMetaData: access has these five members.
            access: { manage: true, write: true, read: true, update: true, delete: true, externalize: false },
        })
        expect((body.sharing as { owner: string }).owner).toBe((body.createdBy as { id: string }).id)
        expect(body).not.toHaveProperty('value')
        expect(body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/)
        // DatastoreSharingTest#updateWithDefaultPublicAccess: another user may update with the default sharing.
        expect((await call(OFFICER, 'PUT', `/api/dataStore/${NS}/fresh`, { a: 2 })).status).toBe(200)
    })

    it('lets a district officer read an entry shared r------- + planners rw------, and refuses his PUT and DELETE (DatastoreControllerTest#testDeleteKeyJsonValue_ProtectedNamespaceWithSharing)', async () => {
        expect(
            (await call(ADMIN, 'POST', `/api/dataStore/${NS}/targets`, { version: 2, records: [] })).status
        ).toBe(201)
        await shareWithPlanners(NS, 'targets')

        expect(await call(OFFICER, 'GET', `/api/dataStore/${NS}/targets`)).toEqual({
            status: 200,
            body: { version: 2, records: [] },
        })
        const meta = await call(OFFICER, 'GET', `/api/dataStore/${NS}/targets/metaData`)
        expect(meta.body).toMatchObject({
            access: {
                read: true,
                write: false,
                update: false,
                delete: false,
                manage: false,
                externalize: false,
            },
        })
        const put = await call(OFFICER, 'PUT', `/api/dataStore/${NS}/targets`, { version: 2, records: [1] })
        expect(put.status).toBe(403)
        expect(put.body).toEqual({
            httpStatus: 'Forbidden',
            httpStatusCode: 403,
            status: 'ERROR',
            message: `Access denied for key 'targets' in namespace '${NS}'`,
        })
        const del = await call(OFFICER, 'DELETE', `/api/dataStore/${NS}/targets`)
        expect(del.status).toBe(403)
        expect(message(del)).toBe(`Access denied for key 'targets' in namespace '${NS}'`)
        // DatastoreControllerTest#testDeleteNamespace_ProtectedNamespaceWithSharing: every entry is checked.
        const dropNs = await call(OFFICER, 'DELETE', `/api/dataStore/${NS}`)
        expect(dropNs.status).toBe(403)
        expect(message(dropNs)).toBe(`Access denied for key 'targets' in namespace '${NS}'`)
        // addEntry reads first: the key exists and is readable, so 409.
        expect((await call(OFFICER, 'POST', `/api/dataStore/${NS}/targets`, {})).status).toBe(409)
        // Neither may he change the sharing (SharingController#postSharing: canManage = write access).
        const id = await idOf(OFFICER, NS, 'targets')
        const grab = await call(OFFICER, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: 'rw------' },
        })
        expect(grab).toEqual({
            status: 403,
            body: {
                httpStatus: 'Forbidden',
                httpStatusCode: 403,
                status: 'ERROR',
                message: 'You do not have manage access to this object.',
            },
        })
        expect(await call(OFFICER, 'GET', `/api/dataStore/${NS}/targets`)).toEqual({
            status: 200,
            body: { version: 2, records: [] },
        })
    })

    it('lets a planner (group rw------) and the superuser write it (DefaultAclService#checkSharingPermission)', async () => {
        expect(
            (await call(PLANNER, 'PUT', `/api/dataStore/${NS}/targets`, { version: 2, records: ['p'] }))
                .status
        ).toBe(200)
        expect(await call(OFFICER, 'GET', `/api/dataStore/${NS}/targets`)).toEqual({
            status: 200,
            body: { version: 2, records: ['p'] },
        })
        const meta = await call(PLANNER, 'GET', `/api/dataStore/${NS}/targets/metaData`)
        expect(meta.body).toMatchObject({ access: { read: true, write: true, manage: true, delete: true } })
        // 2.41: the native SQL update leaves lastUpdatedBy as it was (the sharing change by admin).
        expect(meta.body).toMatchObject({ lastUpdatedBy: { username: 'admin' } })
        expect(
            (await call(ADMIN, 'PUT', `/api/dataStore/${NS}/targets`, { version: 2, records: ['a'] })).status
        ).toBe(200)
    })

    it('answers 403 on reads of an entry not shared with the user, and leaves it out of key lists and ?fields= (DatastoreControllerTest#testGetKeyJsonValue_ProtectedNamespaceWithSharing, HibernateDatastoreStore#getKeysInNamespace)', async () => {
        expect((await call(ADMIN, 'POST', `/api/dataStore/${NS}/private`, { secret: 1 })).status).toBe(201)
        const id = await idOf(ADMIN, NS, 'private')
        expect(
            (
                await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
                    object: { publicAccess: '--------' },
                })
            ).status
        ).toBe(200)

        const read = await call(PLANNER, 'GET', `/api/dataStore/${NS}/private`)
        expect(read).toEqual({
            status: 403,
            body: {
                httpStatus: 'Forbidden',
                httpStatusCode: 403,
                status: 'ERROR',
                message: `Access denied for key 'private' in namespace '${NS}'`,
            },
        })
        expect((await call(PLANNER, 'GET', `/api/dataStore/${NS}/private/metaData`)).status).toBe(403)
        // putEntry and addEntry read the entry first: 403, not 409 nor an update.
        expect((await call(PLANNER, 'PUT', `/api/dataStore/${NS}/private`, { secret: 2 })).status).toBe(403)
        expect((await call(PLANNER, 'POST', `/api/dataStore/${NS}/private`, { secret: 2 })).status).toBe(403)
        expect((await call(PLANNER, 'GET', `/api/sharing?type=dataStore&id=${id}`)).status).toBe(403)

        const keys = (await call(PLANNER, 'GET', `/api/dataStore/${NS}/keys`)).body as string[]
        expect(keys).toContain('targets')
        expect(keys).not.toContain('private')
        const entries = (await call(PLANNER, 'GET', `/api/dataStore/${NS}?fields=.&paging=false`)).body as {
            entries: Array<{ key: string }>
        }
        expect(entries.entries.map((entry) => entry.key)).not.toContain('private')
        // The superuser bypasses sharing (DatastoreSharingTest#testGetNamespaceKeys_NoPublicAccess_SuperUser).
        expect((await call(ADMIN, 'GET', `/api/dataStore/${NS}/keys`)).body).toContain('private')
        expect((await call(ADMIN, 'GET', `/api/dataStore/${NS}/private`)).status).toBe(200)
    })

    it('answers 403 for the namespace before any entry check to a user without the app (DatastoreControllerTest#testPutEntry_EntryExistsWithRestrictedProtectionAndUserHasNoPermission)', async () => {
        const bridge = 'bridge:Bridge@2024'
        const put = await call(bridge, 'PUT', `/api/dataStore/${NS}/targets`, {})
        expect(put.status).toBe(403)
        expect(message(put)).toBe(`Namespace '${NS}' is protected, access denied`)
    })

    it('reads the sharing of an entry (SharingControllerTest#testGetSharing)', async () => {
        const id = await idOf(ADMIN, NS, 'targets')
        const groupId = await plannersGroupId()
        const sharing = await call(OFFICER, 'GET', `/api/sharing?type=dataStore&id=${id}`)
        expect(sharing).toEqual({
            status: 200,
            body: {
                meta: { allowPublicAccess: true, allowExternalAccess: false },
                object: {
                    id,
                    publicAccess: 'r-------',
                    externalAccess: false,
                    user: { id: 'M5zQapPyTZI', name: expect.any(String) },
                    userGroupAccesses: [
                        {
                            id: groupId,
                            name: 'Planificateurs ODD 3 (CPS)',
                            displayName: 'Planificateurs ODD 3 (CPS)',
                            access: 'rw------',
                        },
                    ],
                    userAccesses: [],
                },
            },
        })
    })

    it('refuses unknown types, unknown ids and invalid access strings like SharingController (SharingControllerTest#testPostSharing_NoSuchType, #testPostSharing_NoSuchObject, #testPostSharing_InvalidPublicSharing)', async () => {
        expect(await call(ADMIN, 'POST', '/api/sharing?type=xyz&id=abc', {})).toEqual({
            status: 409,
            body: {
                httpStatus: 'Conflict',
                httpStatusCode: 409,
                status: 'ERROR',
                message: 'Type xyz is not supported.',
            },
        })
        expect(await call(ADMIN, 'POST', '/api/sharing?type=dataStore&id=xyz', {})).toEqual({
            status: 404,
            body: {
                httpStatus: 'Not Found',
                httpStatusCode: 404,
                status: 'ERROR',
                message: 'Object of type dataStore with ID xyz was not found.',
            },
        })
        expect((await call(ADMIN, 'GET', '/api/sharing?type=dataStore&id=xyz')).status).toBe(404)
        const id = await idOf(ADMIN, NS, 'targets')
        const invalid = await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: 'xyz' },
        })
        expect(invalid.status).toBe(409)
        expect(message(invalid)).toBe('Invalid public access string: xyz')
        const badGroup = await call(ADMIN, 'PUT', `/api/sharing?type=dataStore&id=${id}`, {
            object: {
                publicAccess: 'r-------',
                userGroupAccesses: [{ id: await plannersGroupId(), access: 'rx------' }],
            },
        })
        expect(message(badGroup)).toBe('Invalid user group access string: rx------')
        // Nothing changed: the officer still reads, the planner still writes.
        expect(
            (await call(PLANNER, 'PUT', `/api/dataStore/${NS}/targets`, { version: 2, records: [] })).status
        ).toBe(200)
    })

    it('strips data sharing and drops unknown groups and users (SharingController#postSharing, schema not data shareable)', async () => {
        expect((await call(ADMIN, 'POST', `/api/dataStore/${NS}/strip`, {})).status).toBe(201)
        const id = await idOf(ADMIN, NS, 'strip')
        const groupId = await plannersGroupId()
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: {
                publicAccess: 'r-r-----',
                userGroupAccesses: [
                    { id: groupId, access: 'rwrw----' },
                    { id: 'NoSuchGroup', access: 'rw------' },
                ],
                userAccesses: [{ id: 'NoSuchUser1', access: 'rw------' }],
            },
        })
        const meta = await call(ADMIN, 'GET', `/api/dataStore/${NS}/strip/metaData`)
        expect((meta.body as { sharing: unknown }).sharing).toEqual({
            owner: 'M5zQapPyTZI',
            external: false,
            users: {},
            userGroups: { [groupId]: { id: groupId, access: 'rw------' } },
            public: 'r-------',
        })
    })

    it('enforces sharing outside app namespaces too from 2.39.5/2.40.3/2.41 (DefaultDatastoreService#readProtectedIn)', async () => {
        expect((await call(ADMIN, 'POST', '/api/dataStore/other/k', { x: 1 })).status).toBe(201)
        const id = await idOf(ADMIN, 'other', 'k')
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: '--------' },
        })
        expect((await call(OFFICER, 'GET', '/api/dataStore/other/k')).status).toBe(403)
        // The namespace exists but nothing in it is readable: an empty list, not 404.
        expect(await call(OFFICER, 'GET', '/api/dataStore/other')).toEqual({ status: 200, body: [] })
    })
})

describe('dataStore entry sharing by release', () => {
    afterAll(async () => sim.close())

    it('2.40.8: PUT sets lastUpdatedBy (Hibernate update in DefaultDatastoreService#updateEntry)', async () => {
        await start('2.40.8')
        expect((await call(ADMIN, 'POST', `/api/dataStore/${NS}/targets`, {})).status).toBe(201)
        await shareWithPlanners(NS, 'targets')
        expect((await call(PLANNER, 'PUT', `/api/dataStore/${NS}/targets`, { v: 1 })).status).toBe(200)
        const meta = await call(PLANNER, 'GET', `/api/dataStore/${NS}/targets/metaData`)
        expect(meta.body).toMatchObject({
            lastUpdatedBy: { username: 'planificateur' },
            createdBy: { username: 'admin' },
        })
        expect((await call(OFFICER, 'PUT', `/api/dataStore/${NS}/targets`, {})).status).toBe(403)
        await sim.close()
    }, 120_000)

    it('2.39.4: app namespaces check entries, other namespaces and key lists do not; metaData has no access (DatastoreController#getKeyJsonValueMetaData)', async () => {
        await start('2.39.4')
        expect((await call(ADMIN, 'POST', `/api/dataStore/${NS}/private`, {})).status).toBe(201)
        const id = await idOf(ADMIN, NS, 'private')
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: '--------' },
        })
        expect((await call(PLANNER, 'GET', `/api/dataStore/${NS}/private`)).status).toBe(403)
        expect((await call(PLANNER, 'GET', `/api/dataStore/${NS}/keys`)).body).toEqual(['private'])
        const meta = await call(ADMIN, 'GET', `/api/dataStore/${NS}/private/metaData`)
        expect(meta.body).not.toHaveProperty('access')
        expect(meta.body).toMatchObject({ sharing: { public: '--------' } })

        expect((await call(ADMIN, 'POST', '/api/dataStore/other/k', {})).status).toBe(201)
        const other = await idOf(ADMIN, 'other', 'k')
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${other}`, {
            object: { publicAccess: '--------' },
        })
        expect((await call(OFFICER, 'GET', '/api/dataStore/other/k')).status).toBe(200)
        await sim.close()
    }, 120_000)

    it('2.42: a read refused by sharing carries E1006 (ForbiddenException), a write refusal none', async () => {
        await start('2.42.1')
        expect((await call(ADMIN, 'POST', `/api/dataStore/${NS}/private`, {})).status).toBe(201)
        const id = await idOf(ADMIN, NS, 'private')
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: 'r-------' },
        })
        const read = await call(PLANNER, 'GET', `/api/dataStore/${NS}/private`)
        expect(read.status).toBe(200)
        const write = await call(PLANNER, 'PUT', `/api/dataStore/${NS}/private`, { v: 1 })
        expect(write.status).toBe(403)
        expect(write.body).not.toHaveProperty('errorCode')
        await call(ADMIN, 'POST', `/api/sharing?type=dataStore&id=${id}`, {
            object: { publicAccess: '--------' },
        })
        const denied = await call(PLANNER, 'GET', `/api/dataStore/${NS}/private`)
        expect(denied.body).toMatchObject({ httpStatusCode: 403, errorCode: 'E1006' })
    }, 120_000)
})
