import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UID_PATTERN } from '@odd3/mappings/uid'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, OFFICER, smallSeed } from './seed.js'

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion: '2.41.3' })
})
afterAll(async () => {
    await sim.close()
})

async function getJson(path: string, headers: Record<string, string> = ADMIN) {
    const response = await fetch(sim.url + path, { headers })
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, response }
}

describe('system endpoints the app shell needs', () => {
    it('answers /api/system/info with exactly 200 and the configured version', async () => {
        const { status, body } = await getJson('/api/system/info')
        expect(status).toBe(200)
        expect(body.version).toBe('2.41.3')
        expect(body.calendar).toBe('iso8601')
        expect(body.contextPath).toBe(sim.url)
        expect(body.lastAnalyticsTableSuccess).toBeUndefined()
        expect(body.databaseInfo).toBeDefined()
    })

    it('reduces system/info for non-superusers and honours fields', async () => {
        const { body } = await getJson('/api/41/system/info', OFFICER)
        expect(body.version).toBe('2.41.3')
        expect(body.databaseInfo).toBeUndefined()
        expect(body.javaVersion).toBeUndefined()
        const { body: only } = await getJson('/api/system/info?fields=version,calendar')
        expect(only).toEqual({ version: '2.41.3', calendar: 'iso8601' })
    })

    it('shows the last analytics run', async () => {
        await sim.runAnalytics()
        const { body } = await getJson('/api/system/info')
        expect(body.lastAnalyticsTableSuccess).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/)
    })

    it('answers ping and system/id', async () => {
        const ping = await fetch(sim.url + '/api/system/ping')
        expect(ping.status).toBe(200)
        expect(await ping.text()).toBe('pong')
        const { body } = await getJson('/api/system/id?limit=3')
        expect(body.codes).toHaveLength(3)
        for (const code of body.codes as string[]) expect(code).toMatch(UID_PATTERN)
    })

    it('serves /api/me with fields and sub-selections', async () => {
        const { status, body } = await getJson(
            '/api/41/me?fields=id,username,organisationUnits[id,name,level,path],authorities,settings',
            OFFICER
        )
        expect(status).toBe(200)
        expect(body).toEqual({
            id: IDS.officer,
            username: 'mcd.kadiolo',
            organisationUnits: [
                {
                    id: IDS.kadiolo,
                    name: 'Kadiolo',
                    level: 3,
                    path: `/${IDS.mali}/${IDS.sikasso}/${IDS.kadiolo}`,
                },
            ],
            authorities: ['F_DATAVALUE_ADD', 'M_dhis-web-dashboard'],
            settings: {
                keyStyle: 'light_blue/light_blue.css',
                keyMessageEmailNotification: true,
                keyMessageSmsNotification: true,
                keyUiLocale: 'en',
                keyAnalysisDisplayProperty: 'name',
            },
        })
        const { body: all } = await getJson('/api/me')
        expect(all.organisationUnits).toEqual([{ id: IDS.mali }])
        expect(all.dataSets).toEqual([IDS.dataSet])
        expect(all.authorities).toContain('ALL')
    })

    it('answers me/authorization, me/dashboard and user settings', async () => {
        expect((await getJson('/api/me/authorization', OFFICER)).body).toEqual([
            'F_DATAVALUE_ADD',
            'M_dhis-web-dashboard',
        ])
        const check = await fetch(sim.url + '/api/me/authorization/F_DATAVALUE_ADD', { headers: OFFICER })
        expect(await check.json()).toBe(true)
        const denied = await fetch(sim.url + '/api/me/authorization/F_METADATA_IMPORT', { headers: OFFICER })
        expect(await denied.json()).toBe(false)
        expect((await getJson('/api/41/me/dashboard')).body).toEqual({
            unreadInterpretations: 0,
            unreadMessageConversations: 0,
        })
        const settings = await getJson('/api/41/userSettings')
        expect(settings.status).toBe(200)
        expect(settings.body.keyUiLocale).toBe('fr')
        const locale = await fetch(sim.url + '/api/userSettings/keyUiLocale', { headers: OFFICER })
        expect(await locale.text()).toBe('en')
    })

    it('saves a user setting, refuses an empty value with 409 as DHIS2 does, and clears it with DELETE', async () => {
        const url = sim.url + '/api/userSettings/keyUiLocale'
        const get = async () => (await fetch(url, { headers: OFFICER })).text()
        const systemDefault = await (await fetch(url, { headers: ADMIN })).text()
        const saved = await fetch(url + '?value=pt', { method: 'POST', headers: OFFICER })
        expect(saved.status).toBe(200)
        expect(await get()).toBe('pt')
        const empty = await fetch(url + '?value=', { method: 'POST', headers: OFFICER })
        expect(empty.status).toBe(409)
        expect(await empty.json()).toMatchObject({
            httpStatusCode: 409,
            status: 'ERROR',
            message: 'You need to specify a new value',
        })
        expect(await get()).toBe('pt')
        const cleared = await fetch(url, { method: 'DELETE', headers: OFFICER })
        expect(cleared.status).toBe(200)
        expect(await get()).toBe(systemDefault)
        expect(systemDefault).not.toBe('pt')
        // as the seed had it, for the tests after this one
        await fetch(url + '?value=en', { method: 'POST', headers: OFFICER })
    })

    it('answers system settings and the header-bar menu', async () => {
        expect((await getJson('/api/41/systemSettings/applicationTitle')).body).toEqual({
            applicationTitle: 'DHIS 2',
        })
        const menu = await fetch(sim.url + '/dhis-web-commons/menu/getModules.action', { headers: ADMIN })
        expect(menu.status).toBe(200)
        expect(await menu.json()).toEqual({ modules: [] })
        const logo = await fetch(sim.url + '/api/41/staticContent/logo_banner', { headers: ADMIN })
        expect(logo.status).toBe(404)
        const set = await fetch(sim.url + '/api/systemSettings/applicationTitle?value=Mali%20DHIS2', {
            method: 'POST',
            headers: ADMIN,
        })
        expect(set.status).toBe(200)
        expect((await getJson('/api/systemSettings/applicationTitle')).body).toEqual({
            applicationTitle: 'Mali DHIS2',
        })
        const forbidden = await fetch(sim.url + '/api/systemSettings/applicationTitle?value=x', {
            method: 'POST',
            headers: OFFICER,
        })
        expect(forbidden.status).toBe(403)
    })

    it('routes unversioned, versioned and suffixed paths to the same handler', async () => {
        for (const path of ['/api/dataSets', '/api/41/dataSets', '/api/39/dataSets.json']) {
            const { status, body } = await getJson(path)
            expect(status).toBe(200)
            expect(body.dataSets).toEqual([{ id: IDS.dataSet, displayName: 'Rapport mensuel privé' }])
        }
    })
})
