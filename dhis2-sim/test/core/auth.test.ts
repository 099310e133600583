import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, basic, smallSeed } from './seed.js'

let sim: RunningSimulator
const XHR = { 'X-Requested-With': 'XMLHttpRequest' }

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed() })
})
afterAll(async () => {
    await sim.close()
})

describe('unauthenticated calls (docs/dhis2-api.md §12.4)', () => {
    it('answers 401 JSON to scripts and redirects browsers to the login page', async () => {
        const xhr = await fetch(sim.url + '/api/me', { headers: { ...XHR, Authorization: '' } })
        expect(xhr.status).toBe(401)
        expect(await xhr.json()).toEqual({
            httpStatus: 'Unauthorized',
            httpStatusCode: 401,
            status: 'ERROR',
            message: 'Unauthorized',
        })
        const browser = await fetch(sim.url + '/api/me', { redirect: 'manual' })
        expect(browser.status).toBe(302)
        expect(browser.headers.get('location')).toBe(`${sim.url}/dhis-web-login/`)
        const empty = await fetch(sim.url + '/api/me', { redirect: 'manual', headers: { Authorization: '' } })
        expect(empty.status).toBe(302)
    })

    it('answers 401 to wrong Basic credentials', async () => {
        const wrong = await fetch(sim.url + '/api/me', { headers: basic('admin', 'wrong') })
        expect(wrong.status).toBe(401)
        expect(((await wrong.json()) as { message: string }).message).toBe('Unauthorized')
        const right = await fetch(sim.url + '/api/me?fields=id', { headers: ADMIN })
        expect(await right.json()).toEqual({ id: IDS.admin })
    })
})

describe('CORS (docs/dhis2-api.md §12.5)', () => {
    it('answers an allowed preflight with 204 without authentication', async () => {
        const response = await fetch(sim.url + '/api/41/me', {
            method: 'OPTIONS',
            headers: {
                Origin: 'http://localhost:3000',
                'Access-Control-Request-Method': 'GET',
                'Access-Control-Request-Headers': 'x-requested-with,content-type',
            },
        })
        expect(response.status).toBe(204)
        expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
        expect(response.headers.get('access-control-allow-credentials')).toBe('true')
        expect(response.headers.get('access-control-allow-methods')).toBe('GET')
        expect(response.headers.get('access-control-allow-headers')).toBe('x-requested-with,content-type')
        expect(response.headers.get('access-control-max-age')).toBe('3600')
    })

    it('echoes allowed origins on ordinary requests and ignores others', async () => {
        const allowed = await fetch(sim.url + '/api/system/info', {
            headers: { ...ADMIN, Origin: 'http://localhost:3000' },
        })
        expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
        expect(allowed.headers.get('vary')).toBe('Origin')
        const other = await fetch(sim.url + '/api/system/info', {
            headers: { ...ADMIN, Origin: 'http://evil.test' },
        })
        expect(other.status).toBe(200)
        expect(other.headers.get('access-control-allow-origin')).toBeNull()
    })

    it('manages the allow-list through /api/configuration/corsWhitelist', async () => {
        const set = await fetch(sim.url + '/api/configuration/corsWhitelist', {
            method: 'POST',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: JSON.stringify(['http://localhost:3000', 'http://*.example.org']),
        })
        expect(set.status).toBe(204)
        const list = await fetch(sim.url + '/api/configuration/corsWhitelist', { headers: ADMIN })
        expect(await list.json()).toEqual(['http://localhost:3000', 'http://*.example.org'])
        const glob = await fetch(sim.url + '/api/system/info', {
            headers: { ...ADMIN, Origin: 'http://app.example.org' },
        })
        expect(glob.headers.get('access-control-allow-origin')).toBe('http://app.example.org')
    })
})

describe('session login as the app shell does it (docs/dhis2-api.md §12.3)', () => {
    it('logs in through loginConfig, auth/login and the JSESSIONID cookie', async () => {
        const config = await fetch(sim.url + '/api/loginConfig', { headers: XHR })
        expect(config.status).toBe(200)
        expect(((await config.json()) as { uiLocale: string }).uiLocale).toBe('fr')

        const bad = await fetch(sim.url + '/api/auth/login', {
            method: 'POST',
            headers: { ...XHR, 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'admin', password: 'nope' }),
        })
        expect(bad.status).toBe(401)

        const login = await fetch(sim.url + '/api/auth/login', {
            method: 'POST',
            headers: { ...XHR, 'Content-Type': 'application/json' },
            body: JSON.stringify({ username: 'admin', password: 'district' }),
        })
        expect(login.status).toBe(200)
        expect(await login.json()).toEqual({ loginStatus: 'SUCCESS', redirectUrl: '/dhis-web-dashboard' })
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
        expect(cookie).toMatch(/^JSESSIONID=\w+$/)

        const info = await fetch(sim.url + '/api/system/info', { headers: { ...XHR, Cookie: cookie } })
        expect(info.status).toBe(200)
        const me = await fetch(sim.url + '/api/me?fields=username', {
            headers: { ...XHR, Cookie: cookie, Authorization: '' },
        })
        expect(me.status).toBe(200)
        expect(await me.json()).toEqual({ username: 'admin' })

        const logout = await fetch(sim.url + '/dhis-web-commons-security/logout.action', {
            headers: { Cookie: cookie },
            redirect: 'manual',
        })
        expect(logout.status).toBe(302)
        const after = await fetch(sim.url + '/api/me', { headers: { ...XHR, Cookie: cookie } })
        expect(after.status).toBe(401)
    })

    it('sends a browser back to the page it asked for after logging in', async () => {
        const app = await fetch(sim.url + '/api/apps/some-app/index.html', { redirect: 'manual' })
        expect(app.status).toBe(302)
        const anonymous = (app.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
        const login = await fetch(sim.url + '/api/auth/login', {
            method: 'POST',
            headers: { ...XHR, 'Content-Type': 'application/json', Cookie: anonymous },
            body: JSON.stringify({ username: 'admin', password: 'district' }),
        })
        expect(await login.json()).toEqual({
            loginStatus: 'SUCCESS',
            redirectUrl: '/api/apps/some-app/index.html',
        })
        const session = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
        expect(session).not.toBe(anonymous)
        const stale = await fetch(sim.url + '/api/me', { headers: { ...XHR, Cookie: anonymous } })
        expect(stale.status).toBe(401)
    })

    it('accepts the legacy login.action form', async () => {
        const response = await fetch(sim.url + '/dhis-web-commons-security/login.action', {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'j_username=mcd.kadiolo&j_password=Kadiolo%402024',
            redirect: 'manual',
        })
        expect(response.status).toBe(302)
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
        const me = await fetch(sim.url + '/api/me?fields=username', { headers: { ...XHR, Cookie: cookie } })
        expect(await me.json()).toEqual({ username: 'mcd.kadiolo' })
    })

    it('has no loginConfig before 2.41, so the shell falls back to the form', async () => {
        const old = await startSimulator({
            port: 0,
            dataDir: null,
            seed: smallSeed(),
            serverVersion: '2.40.4',
        })
        try {
            const response = await fetch(old.url + '/api/loginConfig', { headers: XHR })
            expect(response.status).toBe(404)
            // 2.40 still issues V1 tokens.
            const token = await fetch(old.url + '/api/apiToken', {
                method: 'POST',
                headers: { ...ADMIN, 'Content-Type': 'application/json' },
                body: '{}',
            })
            const key = ((await token.json()) as { response: { key: string } }).response.key
            expect(key).toMatch(/^d2pat_[A-Za-z0-9]{32}\d{10}$/)
            const me = await fetch(old.url + '/api/me?fields=username', {
                headers: { Authorization: `ApiToken ${key}` },
            })
            expect(me.status).toBe(200)
        } finally {
            await old.close()
        }
    })
})

describe('personal access tokens (docs/dhis2-api.md §12.2)', () => {
    it('creates a V2 token and authenticates with it', async () => {
        const response = await fetch(sim.url + '/api/apiToken', {
            method: 'POST',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: '{}',
        })
        expect(response.status).toBe(201)
        const body = (await response.json()) as {
            httpStatus: string
            response: { responseType: string; key: string; uid: string }
        }
        expect(body.httpStatus).toBe('Created')
        expect(body.response.responseType).toBe('ApiTokenCreationResponse')
        expect(body.response.key).toMatch(/^d2p_[A-Za-z0-9]{50}$/)
        const me = await fetch(sim.url + '/api/me?fields=username', {
            headers: { Authorization: `ApiToken ${body.response.key}` },
        })
        expect(me.status).toBe(200)
        expect(await me.json()).toEqual({ username: 'admin' })
    })

    it('refuses unknown and expired tokens with DHIS2 messages', async () => {
        const unknown = await fetch(sim.url + '/api/me', {
            headers: { Authorization: 'ApiToken d2p_nothing' },
        })
        expect(unknown.status).toBe(401)
        expect(((await unknown.json()) as { message: string }).message).toBe('The API token does not exists')

        const created = await fetch(sim.url + '/api/apiTokens', {
            method: 'POST',
            headers: { ...ADMIN, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                expire: Date.now() + 200,
                attributes: [{ type: 'MethodAllowedList', allowedMethods: ['GET'] }],
            }),
        })
        const key = ((await created.json()) as { response: { key: string } }).response.key
        const post = await fetch(sim.url + '/api/dataStore/x/y', {
            method: 'POST',
            headers: { Authorization: `ApiToken ${key}`, 'Content-Type': 'application/json' },
            body: '1',
        })
        expect(post.status).toBe(401)
        await new Promise((resolve) => setTimeout(resolve, 300))
        const expired = await fetch(sim.url + '/api/me', { headers: { Authorization: `ApiToken ${key}` } })
        expect(expired.status).toBe(401)
        expect(((await expired.json()) as { message: string }).message).toBe(
            'Failed to authenticate API token, token has expired.'
        )
    })
})
