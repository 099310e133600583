// The intake's door, tried over real HTTP against the real simulator: DHIS2 checks the password and
// nothing of it is kept, sessions are HttpOnly/SameSite (Secure behind HTTPS) and end on logout or
// when idle, no form is taken without its CSRF token, logins are rate-limited, and a clinic reaching
// another facility by URL or form field gets a French 403, an audit entry, and nothing in DHIS2.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uidFromCode } from '@odd3/mappings/uid'
import type { RunningSimulator } from '../../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../../src/dhis2/client.js'
import { buildIntakeApp } from '../../../src/intake/web/app.js'
import { startIntakeServer, type RunningIntake } from '../../../src/intake/web/server.js'
import { listAudit } from '../../../src/storage/audit.js'
import { openSqlite } from '../../../src/storage/sqlite.js'
import { as, startDemo, tempState } from '../../helpers/sim.js'
import { textOf, Visitor } from './visitor.js'

const CLINIC = ['clinique.commune5', 'Clinique5@2024'] as const
const DISTRICT = ['mcd.commune5', 'Commune5@2024'] as const
const ou = (code: string) => uidFromCode('organisationUnit', code)
const OWN = ou('FS-C5-011')
const OTHER = ou('FS-C5-013')
const DISTRICT_TARGET = ou('FS-C5-012')

let sim: RunningSimulator
let intake: RunningIntake
let stateDir: string
let admin: Dhis2Client
let dataSet = ''

function sessionCookie(page: { setCookies: string[] }): string | undefined {
    return page.setCookies.find((c) => c.startsWith('intake_session='))
}

async function dhis2Values(orgUnit: string, period: string): Promise<Array<Record<string, string>>> {
    const body = await admin.get<{ dataValues?: Array<Record<string, string>> }>('dataValueSets', {
        dataSet,
        period,
        orgUnit,
    })
    return body.dataValues ?? []
}

/** Every byte the intake wrote in its state folder (database, WAL, metadata cache). */
function stateBytes(): string {
    return ['bridge.sqlite', 'bridge.sqlite-wal']
        .map((f) => join(stateDir, f))
        .filter((p) => existsSync(p))
        .map((p) => readFileSync(p).toString('latin1'))
        .join('\n')
}

beforeAll(async () => {
    sim = await startDemo()
    stateDir = tempState()
    intake = await startIntakeServer({
        dhis2: as(sim, 'bridge', 'Bridge@2024'),
        stateDir,
        port: 0,
        workerPollMs: 100,
        // the tests below log in many times from one address; the limit has its own test
        loginRateLimit: { max: 1000, timeWindowMs: 60_000 },
    })
    admin = new Dhis2Client(as(sim, 'admin', 'district'))
    const ds = await admin.get<{ dataSets: Array<{ id: string }> }>('dataSets', {
        filter: 'code:eq:DS_PRIVE_MENSUEL',
        fields: 'id',
    })
    dataSet = ds.dataSets[0]?.id ?? ''
}, 120_000)

afterAll(async () => {
    await intake?.close()
    await sim?.close()
})

describe('login and logout', () => {
    it('refuses a wrong password with one French message and no session', async () => {
        const v = new Visitor(intake.url)
        const wrong = await v.login(CLINIC[0], 'pas-le-bon')
        expect(wrong.status).toBe(401)
        expect(textOf(wrong.body)).toContain('Nom d’utilisateur ou mot de passe incorrect')
        expect(sessionCookie(wrong)).toBeUndefined()
        const unknown = await v.login('personne.inconnue', 'Clinique5@2024')
        expect(unknown.status).toBe(401)
        // the same words whether the username exists or not
        expect(textOf(unknown.body)).toContain('Nom d’utilisateur ou mot de passe incorrect')
        expect((await v.get('/rapports')).location).toBe('/connexion')
    })

    it('logs a clinic in with its DHIS2 account, shows only its facility, keeps no password, logs out', async () => {
        const v = new Visitor(intake.url)
        const ok = await v.login(...CLINIC)
        expect(ok.status).toBe(303)
        expect(ok.location).toBe('/rapports')
        const cookie = sessionCookie(ok) ?? ''
        expect(cookie).toMatch(/HttpOnly/i)
        expect(cookie).toMatch(/SameSite=Lax/i)
        // plain HTTP here: a Secure cookie would never come back
        expect(cookie).not.toMatch(/Secure/i)

        const home = await v.get('/rapports')
        expect(home.status).toBe(200)
        const text = textOf(home.body)
        expect(text).toContain('Mes rapports')
        expect(text).toContain('Clinique Médicale de Badalabougou')
        expect(text).not.toContain('Polyclinique de Sabalibougou')
        expect(home.headers.get('cache-control')).toBe('no-store')
        expect(stateBytes()).not.toContain(CLINIC[1])

        // logout is a form like any other: without its token it is refused and the session lives on
        expect((await v.post('/deconnexion', {})).status).toBe(403)
        expect((await v.get('/rapports')).status).toBe(200)
        const stolen = v.jar.get('intake_session')
        const out = await v.post('/deconnexion', { _csrf: home.csrf ?? '' })
        expect(out.status).toBe(303)
        expect(out.location).toBe('/connexion?sortie=1')
        expect(textOf((await v.get('/connexion?sortie=1')).body)).toContain('Vous êtes déconnecté')
        // the old session id is dead on the server, not only forgotten by the browser
        const replay = new Visitor(intake.url)
        replay.jar.set('intake_session', stolen ?? '')
        const after = await replay.get('/rapports')
        expect(after.status).toBe(303)
        expect(after.location).toBe('/connexion?expire=1')
    })

    it('says DHIS2 is not answering, not that the password is wrong, when DHIS2 is down', async () => {
        const v = new Visitor(intake.url)
        const form = await v.get('/connexion')
        sim.setFaults({ rate: 1, kinds: ['503'], paths: ['me'] })
        try {
            const page = await v.post('/connexion', {
                _csrf: form.csrf ?? '',
                username: CLINIC[0],
                password: CLINIC[1],
            })
            expect(page.status).toBe(503)
            expect(textOf(page.body)).toContain('DHIS2 ne répond pas pour le moment')
            expect(textOf(page.body)).not.toContain('mot de passe incorrect')
            expect(sessionCookie(page)).toBeUndefined()
        } finally {
            sim.setFaults(null)
        }
    }, 60_000)

    it('speaks English when asked, and remembers it', async () => {
        const v = new Visitor(intake.url)
        const en = await v.get('/connexion?lang=en')
        expect(textOf(en.body)).toContain('Log in with your DHIS2 account')
        expect(en.body).toContain('<html lang="en">')
        const again = await v.get('/connexion')
        expect(textOf(again.body)).toContain('Log in with your DHIS2 account')
        const fr = await new Visitor(intake.url).get('/connexion')
        expect(textOf(fr.body)).toContain('Connectez-vous avec votre compte DHIS2')
    })
})

describe('CSRF', () => {
    it('refuses a form without its token, or with a token of another session', async () => {
        const stranger = new Visitor(intake.url)
        const noToken = await stranger.post('/connexion', { username: CLINIC[0], password: CLINIC[1] })
        expect(noToken.status).toBe(403)
        expect(textOf(noToken.body)).toContain('Formulaire expiré')
        expect(sessionCookie(noToken)).toBeUndefined()

        const alice = new Visitor(intake.url)
        await alice.login(...CLINIC)
        const aliceForm = await alice.get(`/formulaire?orgUnit=${OWN}&period=202402`)
        expect(aliceForm.status).toBe(200)
        const field = /name="(v_[^"]+)"/.exec(aliceForm.body)?.[1] ?? ''
        expect(field).not.toBe('')

        const bob = new Visitor(intake.url)
        await bob.login(...CLINIC)
        // a token made for Alice's session does not work with Bob's
        const forged = await bob.post('/formulaire', {
            _csrf: aliceForm.csrf ?? '',
            orgUnit: OWN,
            period: '202402',
            [field]: '12',
        })
        expect(forged.status).toBe(403)
        const missing = await bob.post('/formulaire', { orgUnit: OWN, period: '202402', [field]: '12' })
        expect(missing.status).toBe(403)
        const upload = await bob.postFile(
            '/envoyer',
            { source: 'facility-report' },
            { name: 'x.csv', bytes: Buffer.from('code_structure;periode\n') }
        )
        expect(upload.status).toBe(403)
        expect(textOf(upload.body)).toContain('Formulaire expiré')
        // nothing was recorded for the clinic
        expect(textOf((await bob.get('/rapports')).body)).toContain('Aucun envoi pour le moment')
        expect(await dhis2Values(OWN, '202402')).toEqual([])
    })
})

describe('headers, HTTPS and expiry', () => {
    it('sends security headers with a CSP allowing only the service itself', async () => {
        const page = await new Visitor(intake.url).get('/connexion')
        const csp = page.headers.get('content-security-policy') ?? ''
        expect(csp).toContain("default-src 'self'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).toContain("frame-ancestors 'none'")
        expect(csp).not.toContain('unsafe-inline')
        expect(page.headers.get('x-content-type-options')).toBe('nosniff')
        expect(page.body).not.toMatch(/<script/i)
        expect(page.body).not.toMatch(/style="/i)
    })

    it('marks cookies Secure when the request came over HTTPS through a trusted proxy', async () => {
        const app = await buildIntakeApp({ service: intake.service, trustProxy: true })
        try {
            const https = { 'x-forwarded-proto': 'https' }
            const form = await app.inject({ method: 'GET', url: '/connexion', headers: https })
            const csrfCookie = form.cookies.find((c) => c.name === 'intake_csrf')
            expect(csrfCookie?.secure).toBe(true)
            expect(csrfCookie?.httpOnly).toBe(true)
            const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
            const login = await app.inject({
                method: 'POST',
                url: '/connexion',
                headers: { ...https, 'content-type': 'application/x-www-form-urlencoded' },
                cookies: { intake_csrf: csrfCookie?.value ?? '' },
                payload: new URLSearchParams({
                    _csrf: token,
                    username: CLINIC[0],
                    password: CLINIC[1],
                }).toString(),
            })
            expect(login.statusCode).toBe(303)
            const session = login.cookies.find((c) => c.name === 'intake_session')
            expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' })
        } finally {
            await app.close()
        }
    })

    it('ends a session left idle', async () => {
        const app = await buildIntakeApp({ service: intake.service, idleMinutes: 0.01 })
        try {
            const form = await app.inject({ method: 'GET', url: '/connexion' })
            const csrf = form.cookies.find((c) => c.name === 'intake_csrf')?.value ?? ''
            const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
            const login = await app.inject({
                method: 'POST',
                url: '/connexion',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                cookies: { intake_csrf: csrf },
                payload: new URLSearchParams({
                    _csrf: token,
                    username: CLINIC[0],
                    password: CLINIC[1],
                }).toString(),
            })
            const session = login.cookies.find((c) => c.name === 'intake_session')?.value ?? ''
            const cookies = { intake_csrf: csrf, intake_session: session }
            expect((await app.inject({ method: 'GET', url: '/envoyer', cookies })).statusCode).toBe(200)
            await new Promise((r) => setTimeout(r, 900))
            const idle = await app.inject({ method: 'GET', url: '/envoyer', cookies })
            expect(idle.statusCode).toBe(303)
            expect(idle.headers.location).toBe('/connexion?expire=1')
            const again = await app.inject({ method: 'GET', url: '/connexion?expire=1', cookies })
            expect(again.body).toContain('Votre session a expiré')
        } finally {
            await app.close()
        }
    })
})

describe('login rate limit', () => {
    it('refuses the attempts past the limit with a French page, before asking DHIS2', async () => {
        const app = await buildIntakeApp({
            service: intake.service,
            loginRateLimit: { max: 3, timeWindowMs: 60_000 },
        })
        try {
            const form = await app.inject({ method: 'GET', url: '/connexion' })
            const csrf = form.cookies.find((c) => c.name === 'intake_csrf')?.value ?? ''
            const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
            const attempt = (password: string) =>
                app.inject({
                    method: 'POST',
                    url: '/connexion',
                    remoteAddress: '10.9.8.7',
                    headers: { 'content-type': 'application/x-www-form-urlencoded' },
                    cookies: { intake_csrf: csrf },
                    payload: new URLSearchParams({ _csrf: token, username: CLINIC[0], password }).toString(),
                })
            for (let i = 0; i < 3; i++) expect((await attempt(`mauvais-${i}`)).statusCode).toBe(401)
            // even the right password waits: the limit counts attempts, not failures
            const limited = await attempt(CLINIC[1])
            expect(limited.statusCode).toBe(429)
            expect(limited.body).toContain('Trop de tentatives de connexion')
            expect(limited.cookies.find((c) => c.name === 'intake_session')).toBeUndefined()
        } finally {
            await app.close()
        }
    })
})

describe('scope', () => {
    it('refuses another facility by URL, form field, upload or receipt reference; nothing reaches DHIS2', async () => {
        const before = await dhis2Values(OTHER, '202401')

        // a district officer submits for one of its facilities: a reference the clinic must not read
        const district = new Visitor(intake.url)
        await district.login(...DISTRICT)
        const districtForm = await district.get(`/formulaire?orgUnit=${DISTRICT_TARGET}&period=202403`)
        expect(districtForm.status).toBe(200)
        const districtField = /name="(v_[^"]+)"/.exec(districtForm.body)?.[1] ?? ''
        const sent = await district.post('/formulaire', {
            _csrf: districtForm.csrf ?? '',
            orgUnit: DISTRICT_TARGET,
            period: '202403',
            [districtField]: '7',
        })
        expect(sent.status).toBe(303)
        const reference = decodeURIComponent(sent.location?.replace('/recu/', '') ?? '')
        expect(reference).not.toBe('')

        const clinic = new Visitor(intake.url)
        await clinic.login(...CLINIC)

        // by URL: another facility's form
        const byUrl = await clinic.get(`/formulaire?orgUnit=${OTHER}&period=202401`)
        expect(byUrl.status).toBe(403)
        expect(textOf(byUrl.body)).toContain('Accès refusé')
        expect(byUrl.body).not.toContain('value="' + OTHER)

        // by form field: its own form, the org unit changed before sending
        const own = await clinic.get(`/formulaire?orgUnit=${OWN}&period=202401`)
        const field = /name="(v_[^"]+)"/.exec(own.body)?.[1] ?? ''
        const byField = await clinic.post('/formulaire', {
            _csrf: own.csrf ?? '',
            orgUnit: OTHER,
            period: '202401',
            [field]: '99',
        })
        expect(byField.status).toBe(403)
        expect(textOf(byField.body)).toContain('Accès refusé')

        // by upload: a file for another facility
        const upload = await clinic.get('/envoyer')
        const csv =
            '\ufeffcode_structure;periode;indicateur;ventilation;valeur\r\n' +
            'FS-C5-013;janvier 2024;CONSULT_CURATIVE;< 5 ans;99\r\n'
        const file = join(tempState(), 'autre.csv')
        writeFileSync(file, csv)
        const byUpload = await clinic.postFile(
            '/envoyer',
            { _csrf: upload.csrf ?? '', source: 'facility-report' },
            { name: 'autre.csv', bytes: readFileSync(file) }
        )
        expect(byUpload.status).toBe(403)
        expect(textOf(byUpload.body)).toContain('Accès refusé')

        // by receipt reference
        const byReference = await clinic.get(`/recu/${encodeURIComponent(reference)}`)
        expect(byReference.status).toBe(403)
        expect(byReference.body).not.toContain('Polyclinique de Sabalibougou')
        // while the district reads it
        expect((await district.get(`/recu/${encodeURIComponent(reference)}`)).status).toBe(200)

        // the district's submission lands; the clinic's attempts never do
        const deadline = Date.now() + 60_000
        while (
            !textOf((await district.get(`/recu/${encodeURIComponent(reference)}`)).body).includes(
                'Dans DHIS2'
            )
        ) {
            if (Date.now() > deadline) throw new Error('the district submission was not delivered')
            await new Promise((r) => setTimeout(r, 200))
        }
        expect(await dhis2Values(DISTRICT_TARGET, '202403')).toHaveLength(1)
        expect(await dhis2Values(OTHER, '202401')).toEqual(before)
        expect(textOf((await clinic.get('/rapports')).body)).toContain('Aucun envoi pour le moment')

        const db = await openSqlite(join(stateDir, 'bridge.sqlite'))
        try {
            const refused = (await listAudit(db)).filter(
                (a) => a.action === 'access.refused' && a.actor === CLINIC[0]
            )
            expect(refused.length).toBeGreaterThanOrEqual(3)
            expect(refused.some((a) => a.orgUnit === OTHER)).toBe(true)
        } finally {
            await db.close()
        }
    }, 120_000)
})
