import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AdmZip from 'adm-zip'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, smallSeed } from './seed.js'

const dirs: string[] = []
const running: RunningSimulator[] = []

function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'dhis2-sim-'))
    dirs.push(dir)
    return dir
}

async function start(dir: string): Promise<RunningSimulator> {
    const sim = await startSimulator({ port: 0, dataDir: dir, seed: smallSeed() })
    running.push(sim)
    return sim
}

afterEach(async () => {
    for (const sim of running.splice(0)) await sim.close()
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function appZip(): Buffer {
    const zip = new AdmZip()
    zip.addFile(
        'manifest.webapp',
        Buffer.from(JSON.stringify({ short_name: 'demo-app', name: 'Demo', version: '1' }))
    )
    zip.addFile('index.html', Buffer.from('<p>demo</p>'))
    return zip.toBuffer()
}

describe('persistence (dataDir)', () => {
    it('keeps the sharing of a dataStore entry across a restart (docs/dhis2-api.md §9.3)', async () => {
        const dir = dataDir()
        const first = await start(dir)
        const json = { ...ADMIN, 'Content-Type': 'application/json' }
        expect(
            (
                await fetch(first.url + '/api/dataStore/odd3/targets', {
                    method: 'POST',
                    headers: json,
                    body: '{}',
                })
            ).status
        ).toBe(201)
        const meta = (await (
            await fetch(first.url + '/api/dataStore/odd3/targets/metaData', { headers: ADMIN })
        ).json()) as {
            id: string
        }
        const shared = await fetch(`${first.url}/api/sharing?type=dataStore&id=${meta.id}`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ object: { publicAccess: 'r-------' } }),
        })
        expect(shared.status).toBe(200)
        await first.close()
        const second = await start(dir)
        const after = (await (
            await fetch(second.url + '/api/dataStore/odd3/targets/metaData', { headers: ADMIN })
        ).json()) as {
            id: string
            sharing: { public: string }
        }
        expect(after.id).toBe(meta.id)
        expect(after.sharing.public).toBe('r-------')
    })

    it('replays every change after a restart, on top of the seed', async () => {
        const dir = dataDir()
        const first = await start(dir)
        const put = await fetch(first.url + '/api/dataStore/odd3/ML-3', {
            method: 'PUT',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: '{"cible":85}',
        })
        expect(put.status).toBe(201)
        const metadata = await fetch(first.url + '/api/metadata', {
            method: 'POST',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                indicatorTypes: [{ id: 'ItPerMille1', name: 'Pour mille', factor: 1000 }],
            }),
        })
        expect(metadata.status).toBe(200)
        const now = new Date().toISOString()
        first.db.dataValues.put({
            dataElement: IDS.cpn4,
            period: '202401',
            orgUnit: IDS.clinic,
            categoryOptionCombo: 'HllvX50cXC0',
            attributeOptionCombo: 'HllvX50cXC0',
            value: '12',
            comment: null,
            followup: false,
            storedBy: 'bridge',
            created: now,
            lastUpdated: now,
            deleted: false,
        })
        const form = new FormData()
        form.append('file', new Blob([appZip()]), 'demo.zip')
        expect(
            (await fetch(first.url + '/api/apps', { method: 'POST', headers: ADMIN, body: form })).status
        ).toBe(204)
        const token = await fetch(first.url + '/api/apiToken', {
            method: 'POST',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: '{}',
        })
        const key = ((await token.json()) as { response: { key: string } }).response.key
        await first.runAnalytics()
        await first.close()
        expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).not.toContain(key)

        const second = await start(dir)
        const value = await fetch(second.url + '/api/dataStore/odd3/ML-3', { headers: ADMIN })
        expect(await value.json()).toEqual({ cible: 85 })
        expect(second.db.metadata.get('indicatorTypes', 'ItPerMille1')?.name).toBe('Pour mille')
        expect(
            second.db.dataValues.get({
                dataElement: IDS.cpn4,
                period: '202401',
                orgUnit: IDS.clinic,
                categoryOptionCombo: 'HllvX50cXC0',
                attributeOptionCombo: 'HllvX50cXC0',
            })?.value
        ).toBe('12')
        expect(second.db.analytics.lastRun).not.toBeNull()
        expect((await fetch(second.url + '/api/apps/demo-app/index.html', { headers: ADMIN })).status).toBe(
            200
        )
        const me = await fetch(second.url + '/api/me?fields=username', {
            headers: { Authorization: `ApiToken ${key}` },
        })
        expect(me.status).toBe(200)
    })

    it('skips a torn last line left by a crash', async () => {
        const dir = dataDir()
        const first = await start(dir)
        await fetch(first.url + '/api/dataStore/ns/a', {
            method: 'PUT',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: '1',
        })
        await first.close()
        appendFileSync(join(dir, 'journal.jsonl'), '{"t":"db","change":{"kind":"dataStore.put","us')
        const second = await start(dir)
        expect(await (await fetch(second.url + '/api/dataStore/ns/a', { headers: ADMIN })).json()).toBe(1)
        await fetch(second.url + '/api/dataStore/ns/b', {
            method: 'PUT',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: '2',
        })
        await second.close()
        const third = await start(dir)
        expect(await (await fetch(third.url + '/api/dataStore/ns', { headers: ADMIN })).json()).toEqual([
            'a',
            'b',
        ])
    })

    it('forgets every change on reset and on POST /__sim/reset', async () => {
        const dir = dataDir()
        const sim = await start(dir)
        const write = () =>
            fetch(sim.url + '/api/dataStore/ns/a', {
                method: 'PUT',
                headers: { ...ADMIN, 'Content-Type': 'application/json' },
                body: '1',
            })
        await write()
        await sim.reset()
        expect((await fetch(sim.url + '/api/dataStore/ns/a', { headers: ADMIN })).status).toBe(404)
        await write()
        const officer = {
            Authorization: 'Basic ' + Buffer.from('mcd.kadiolo:Kadiolo@2024').toString('base64'),
        }
        expect((await fetch(sim.url + '/__sim/reset', { method: 'POST', headers: officer })).status).toBe(403)
        expect((await fetch(sim.url + '/__sim/reset', { method: 'POST', headers: ADMIN })).status).toBe(200)
        expect((await fetch(sim.url + '/api/dataStore/ns/a', { headers: ADMIN })).status).toBe(404)
        await sim.close()
        const again = await start(dir)
        expect((await fetch(again.url + '/api/dataStore/ns/a', { headers: ADMIN })).status).toBe(404)
    })
})
