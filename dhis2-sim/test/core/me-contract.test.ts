// Contract tests of the current-user, user-setting, system-info and login endpoints, each written from the
// assertions of a dhis2-core web API test (tag 2.41.3 unless another tag is named) and the controller it
// exercises. Sources: docs/dhis2-api.md §10 and §12.3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, OFFICER, smallSeed } from './seed.js'

const VERSIONS = ['2.39.10', '2.40.7', '2.41.3', '2.42.5'] as const
const sims = new Map<string, RunningSimulator>()

beforeAll(async () => {
    for (const version of VERSIONS) {
        sims.set(
            version,
            await startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion: version })
        )
    }
})
afterAll(async () => {
    for (const sim of sims.values()) await sim.close()
})

async function call(version: string, path: string, init: RequestInit = {}, auth = ADMIN) {
    const sim = sims.get(version)
    if (!sim) throw new Error(`no simulator for ${version}`)
    const response = await fetch(sim.url + path, { ...init, headers: { ...auth, ...(init.headers ?? {}) } })
    const text = await response.text()
    let body: unknown = text
    try {
        body = JSON.parse(text)
    } catch {
        // a text/plain answer stays a string
    }
    return { status: response.status, body: body as Record<string, unknown>, text, response }
}

describe('/api/me (web-test MeControllerTest, webapi/controller/user/MeController)', () => {
    it('testGetCurrentUser: GET /me answers the signed-in user', async () => {
        const { status, body } = await call('2.41.3', '/api/me', {}, OFFICER)
        expect(status).toBe(200)
        expect(body.id).toBe(IDS.officer)
    })

    it('testGetAuthorities: GET /me/authorities lists ALL for a superuser', async () => {
        const { status, body } = await call('2.41.3', '/api/me/authorities')
        expect(status).toBe(200)
        expect(body).toEqual(['ALL'])
    })

    it('testHasAuthority: GET /me/authorities/{authority} is a JSON boolean (ALL passes every check)', async () => {
        for (const version of VERSIONS) {
            expect((await call(version, '/api/me/authorities/ALL')).body).toBe(true)
            expect((await call(version, '/api/me/authorities/F_ANYTHING')).body).toBe(true)
            expect((await call(version, '/api/me/authorities/missing', {}, OFFICER)).body).toBe(false)
            expect((await call(version, '/api/me/authorization/F_DATAVALUE_ADD', {}, OFFICER)).body).toBe(
                true
            )
        }
    })

    it('testGetSettings: GET /me/settings is the user settings with system fallbacks', async () => {
        const { status, body } = await call('2.41.3', '/api/me/settings')
        expect(status).toBe(200)
        expect(body.keyMessageSmsNotification).toBe(true)
        // the admin of the seed has no own locale: the system setting (fr in the simulator) is the fallback
        expect(body.keyUiLocale).toBe('fr')
        expect((await call('2.41.3', '/api/me/settings', {}, OFFICER)).body.keyUiLocale).toBe('en')
    })

    it('testGetSetting: GET /me/settings/{key} is the value as JSON', async () => {
        const { status, text, response } = await call('2.41.3', '/api/me/settings/keyUiLocale', {}, OFFICER)
        expect(status).toBe(200)
        expect(response.headers.get('content-type')).toMatch(/^application\/json/)
        expect(text).toBe('"en"')
        expect((await call('2.41.3', '/api/me/settings/keyMessageSmsNotification')).text).toBe('true')
    })

    it('testGetSetting_Missing: an unknown key is a client error "Key is not supported: <key>"', async () => {
        const v41 = await call('2.41.3', '/api/me/settings/missing')
        expect(v41.status).toBe(409)
        // 2.40+ throw ConflictException (E1004); 2.39 builds the WebMessage itself, without a code
        expect(v41.body).toMatchObject({
            status: 'ERROR',
            message: 'Key is not supported: missing',
            errorCode: 'E1004',
        })
        const v39 = await call('2.39.10', '/api/me/settings/missing')
        expect(v39.status).toBe(409)
        expect(v39.body.message).toBe('Key is not supported: missing')
        expect(v39.body.errorCode).toBeUndefined()
    })

    it('MeController#getSetting: a key without value even after fallback is 404 "User setting not found"', async () => {
        const { status, body } = await call('2.41.3', '/api/me/settings/keyDbLocale')
        expect(status).toBe(404)
        expect(body).toMatchObject({
            message: 'User setting not found for key: keyDbLocale',
            errorCode: 'E1005',
        })
    })

    it('testGetDashboard: GET /me/dashboard counts unread interpretations and conversations', async () => {
        const { body } = await call('2.41.3', '/api/me/dashboard')
        expect(body.unreadInterpretations).toBe(0)
        expect(body.unreadMessageConversations).toBe(0)
    })

    it('testLegacyUserCredentialsIdPresent: fields=id,userCredentials gives userCredentials.id', async () => {
        const { body } = await call('2.41.3', '/api/me?fields=id,userCredentials')
        expect((body.userCredentials as { id?: string }).id).toBeTruthy()
    })

    it('without credentials /me is 401 (MeController @CurrentUser(required = true))', async () => {
        const { status } = await call(
            '2.41.3',
            '/api/me/settings',
            { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
            {}
        )
        expect(status).toBe(401)
    })
})

describe('/api/userSettings (webapi UserSettingController 2.39-2.41; web-test UserSettingsControllerTest 2.42.5)', () => {
    it('testGetAllUserSettings_ByKey: ?key= narrows the answer to the keys asked', async () => {
        for (const version of VERSIONS) {
            const one = await call(version, '/api/userSettings?key=keyMessageSmsNotification')
            expect(Object.keys(one.body)).toEqual(['keyMessageSmsNotification'])
            const two = await call(version, '/api/userSettings?key=keyMessageSmsNotification&key=keyUiLocale')
            expect(new Set(Object.keys(two.body))).toEqual(
                new Set(['keyMessageSmsNotification', 'keyUiLocale'])
            )
        }
    })

    it('testGetUserSettingByKey: GET /userSettings/{key} is the bare value as text/plain', async () => {
        const { text, response } = await call('2.42.5', '/api/userSettings/keyUiLocale', {}, OFFICER)
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
        expect(text).toBe('en')
    })

    it('an unknown key is 404, worded per release (getUserSettingKey 2.39-2.41, checkKeyExists 2.42)', async () => {
        for (const version of ['2.39.10', '2.40.7', '2.41.3']) {
            const { status, body } = await call(version, '/api/userSettings/nope')
            expect(status).toBe(404)
            expect(body.message).toBe('No user setting found with key: nope')
            expect(body.errorCode).toBeUndefined()
        }
        const v42 = await call('2.42.5', '/api/userSettings/nope')
        expect(v42.status).toBe(404)
        expect(v42.body).toMatchObject({ message: 'Setting does not exist: nope', errorCode: 'E1005' })
        for (const method of ['POST', 'DELETE']) {
            expect((await call('2.41.3', '/api/userSettings/nope?value=x', { method })).status).toBe(404)
        }
        expect((await call('2.41.3', '/api/userSettings?key=nope')).status).toBe(404)
    })

    it('2.39-2.41 print a setting without value as "null" (PrintWriter.print of a null Serializable)', async () => {
        const { status, text } = await call('2.41.3', '/api/userSettings/keyDbLocale')
        expect(status).toBe(200)
        expect(text).toBe('null')
    })
})

describe('/api/system/info (web-test SystemControllerTest)', () => {
    it('testGetSystemInfo: a superuser sees javaVersion and serverDate', async () => {
        const { status, body } = await call('2.41.3', '/api/system/info')
        expect(status).toBe(200)
        expect(typeof body.javaVersion).toBe('string')
        expect(typeof body.serverDate).toBe('string')
    })

    it('testGetSystemInfo_NonSuperUser: another user gets no javaVersion but still serverDate', async () => {
        const { status, body } = await call('2.41.3', '/api/system/info', {}, OFFICER)
        expect(status).toBe(200)
        expect(body.javaVersion).toBeUndefined()
        expect(typeof body.serverDate).toBe('string')
    })
})

describe('/api/auth/login (web-test security/AuthenticationControllerTest)', () => {
    const login = (version: string, username: string, password: string) =>
        call(
            version,
            '/api/auth/login',
            {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
                body: JSON.stringify({ username, password }),
            },
            {}
        )

    it('testSuccessfulLogin: SUCCESS and redirectUrl /dhis-web-dashboard (context path + start module)', async () => {
        const { status, body } = await login('2.41.3', 'admin', 'district')
        expect(status).toBe(200)
        expect(body).toEqual({ loginStatus: 'SUCCESS', redirectUrl: '/dhis-web-dashboard' })
    })

    it('2.42 AuthenticationController#getRedirectUrl: the context root', async () => {
        const { body } = await login('2.42.5', 'admin', 'district')
        expect(body).toEqual({ loginStatus: 'SUCCESS', redirectUrl: '/' })
    })

    it('testWrongUsernameOrPassword: 401 WebMessage "Bad credentials"', async () => {
        const { status, body } = await login('2.41.3', 'admin', 'district9')
        expect(status).toBe(401)
        expect(body).toMatchObject({
            httpStatus: 'Unauthorized',
            httpStatusCode: 401,
            status: 'ERROR',
            message: 'Bad credentials',
        })
    })
})

describe('401 answers (webapi/security/FormLoginBasicAuthenticationEntryPoint#commence)', () => {
    const unauthorized = {
        httpStatus: 'Unauthorized',
        httpStatusCode: 401,
        status: 'ERROR',
        message: 'Unauthorized',
    }

    it('without credentials, an XMLHttpRequest gets the 401 WebMessage "Unauthorized"', async () => {
        const { status, body } = await call(
            '2.41.3',
            '/api/me',
            { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
            {}
        )
        expect(status).toBe(401)
        expect(body).toEqual(unauthorized)
    })

    it('wrong Basic credentials get the same 401 WebMessage', async () => {
        const wrong = { Authorization: 'Basic ' + Buffer.from('admin:wrong').toString('base64') }
        const { status, body } = await call('2.41.3', '/api/me', {}, wrong)
        expect(status).toBe(401)
        expect(body).toEqual(unauthorized)
    })

    it('without credentials nor XMLHttpRequest, a redirect to the login page', async () => {
        const sim = sims.get('2.41.3')
        const response = await fetch(`${sim?.url ?? ''}/api/me`, { redirect: 'manual' })
        expect(response.status).toBe(302)
        // 2.41 and 2.42 send /dhis-web-login, 2.39-2.40 /dhis-web-commons/security/login.action; the simulator
        // always sends /dhis-web-login/ (docs/dhis2-sim.md, known differences)
        expect(response.headers.get('location')).toMatch(/\/dhis-web-login\/?$/)
    })
})
