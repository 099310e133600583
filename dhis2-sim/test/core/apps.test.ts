import AdmZip from 'adm-zip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, OFFICER, basic, smallSeed } from './seed.js'

let sim: RunningSimulator

function appZip(): Buffer {
    const zip = new AdmZip()
    const manifest = {
        appType: 'APP',
        short_name: 'odd3-scorecard',
        name: 'Tableau de bord ODD 3',
        version: '1.0.0',
        launch_path: 'index.html',
        activities: { dhis: { href: '*', namespace: 'odd3-scorecard' } },
        icons: { '48': 'dhis2-app-icon.png' },
    }
    zip.addFile('manifest.webapp', Buffer.from(JSON.stringify(manifest)))
    zip.addFile(
        'index.html',
        Buffer.from(
            '<html><head><meta name="dhis2-base-url" content="__DHIS2_BASE_URL__"></head><body>ODD</body></html>'
        )
    )
    zip.addFile('assets/app.js', Buffer.from('console.log("odd3")'))
    zip.addFile('manifest.json', Buffer.from('{"name":"pwa"}'))
    return zip.toBuffer()
}

async function install(headers: Record<string, string>, zip: Buffer) {
    const form = new FormData()
    form.append('file', new Blob([zip]), 'odd3-scorecard-1.0.0.zip')
    return fetch(sim.url + '/api/apps', { method: 'POST', headers, body: form })
}

beforeAll(async () => {
    const seed = smallSeed()
    seed.users.push({
        ...seed.users[1]!,
        id: 'UsPlanif001',
        username: 'planificateur',
        password: 'Planif@2024',
        authorities: ['M_odd3scorecard'],
    })
    sim = await startSimulator({ port: 0, dataDir: null, seed })
})
afterAll(async () => {
    await sim.close()
})

describe('installed apps (docs/dhis2-api.md §14)', () => {
    it('installs a bundle with a multipart upload and lists it', async () => {
        expect((await install(OFFICER, appZip())).status).toBe(403)
        expect((await install(ADMIN, Buffer.from('not a zip'))).status).toBe(409)
        const response = await install(ADMIN, appZip())
        expect(response.status).toBe(204)
        const apps = (await (await fetch(sim.url + '/api/apps', { headers: ADMIN })).json()) as Array<
            Record<string, unknown>
        >
        expect(apps).toHaveLength(1)
        expect(apps[0]).toMatchObject({
            key: 'odd3-scorecard',
            name: 'Tableau de bord ODD 3',
            launchUrl: `${sim.url}/api/apps/odd3-scorecard/index.html`,
            baseUrl: `${sim.url}/api/apps/odd3-scorecard`,
            appState: 'OK',
        })
    })

    it('serves files with the base URL substituted in index.html', async () => {
        const index = await fetch(sim.url + '/api/apps/odd3-scorecard/index.html', { headers: ADMIN })
        expect(index.status).toBe(200)
        expect(index.headers.get('content-type')).toContain('text/html')
        expect(await index.text()).toContain(`content="${sim.url}"`)
        const root = await fetch(sim.url + '/api/apps/odd3-scorecard/', { headers: ADMIN })
        expect(await root.text()).toContain('ODD')
        const asset = await fetch(sim.url + '/api/apps/odd3-scorecard/assets/app.js', { headers: ADMIN })
        expect(await asset.text()).toBe('console.log("odd3")')
        const json = await fetch(sim.url + '/api/apps/odd3-scorecard/manifest.json', { headers: ADMIN })
        expect(await json.json()).toEqual({ name: 'pwa' })
        const missing = await fetch(sim.url + '/api/apps/odd3-scorecard/nothing.js', { headers: ADMIN })
        expect(missing.status).toBe(404)
    })

    it('requires the app authority and protects its dataStore namespace', async () => {
        const planner = basic('planificateur', 'Planif@2024')
        expect(
            (await fetch(sim.url + '/api/apps/odd3-scorecard/index.html', { headers: OFFICER })).status
        ).toBe(403)
        expect(
            (await fetch(sim.url + '/api/apps/odd3-scorecard/index.html', { headers: planner })).status
        ).toBe(200)
        const put = (headers: Record<string, string>) =>
            fetch(sim.url + '/api/dataStore/odd3-scorecard/ML-3', {
                method: 'PUT',
                headers: { ...headers, 'Content-Type': 'application/json' },
                body: '{"cible":1}',
            })
        const denied = await put(OFFICER)
        expect(denied.status).toBe(403)
        expect(((await denied.json()) as { message: string }).message).toBe(
            "Namespace 'odd3-scorecard' is protected, access denied"
        )
        expect((await put(planner)).status).toBe(201)
        expect((await put(ADMIN)).status).toBe(200)
        const menu = await fetch(sim.url + '/api/apps/menu', { headers: planner })
        expect(
            ((await menu.json()) as { modules: Array<{ name: string }> }).modules.map((m) => m.name)
        ).toEqual(['odd3-scorecard'])
    })

    it('uninstalls an app, keeping its data unless asked', async () => {
        const response = await fetch(sim.url + '/api/apps/odd3-scorecard', {
            method: 'DELETE',
            headers: ADMIN,
        })
        expect(response.status).toBe(204)
        expect(
            (await fetch(sim.url + '/api/apps/odd3-scorecard/index.html', { headers: ADMIN })).status
        ).toBe(404)
        const data = await fetch(sim.url + '/api/dataStore/odd3-scorecard/ML-3', { headers: OFFICER })
        expect(data.status).toBe(200)
    })
})
