// How installed apps' files and /api answers are served: validators, caching headers, the --gzip front, and
// what DHIS2 refuses (bad zips, X-Forwarded-Host). Each case names the dhis2-core source it is taken from.
import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { gunzipSync } from 'node:zlib'
import AdmZip from 'adm-zip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, smallSeed } from './seed.js'

const APP_JS = `console.log(${JSON.stringify('odd3 '.repeat(200))})`
const INDEX =
    '<html><head><meta name="dhis2-base-url" content="__DHIS2_BASE_URL__"></head><body>' +
    'ODD '.repeat(100) +
    '</body></html>'

function appZip(extra: Record<string, string> = {}): Buffer {
    const zip = new AdmZip()
    const manifest = { appType: 'APP', short_name: 'odd3-scorecard', name: 'ODD 3', version: '1.2.0' }
    zip.addFile('manifest.webapp', Buffer.from(JSON.stringify(manifest)))
    zip.addFile('index.html', Buffer.from(INDEX))
    zip.addFile('assets/app.js', Buffer.from(APP_JS))
    for (const [name, text] of Object.entries(extra)) zip.addFile(name, Buffer.from(text))
    return zip.toBuffer()
}

/** adm-zip normalises names it is given; a hostile zip is written with the name as it comes. */
function zipWithEntryName(name: string): Buffer {
    const zip = new AdmZip(appZip({ 'assets/placeholder.js': 'x' }))
    const entry = zip.getEntry('assets/placeholder.js')
    if (!entry) throw new Error('no entry')
    entry.entryName = name
    return zip.toBuffer()
}

interface Raw {
    status: number
    headers: Record<string, string | string[] | undefined>
    body: Buffer
}

/** node:http, so that Host can be set and nothing is decompressed behind the test's back. */
function get(sim: RunningSimulator, path: string, headers: Record<string, string> = {}): Promise<Raw> {
    return new Promise((resolve, reject) => {
        const url = new URL(path, sim.url)
        const req = request(url, { headers: { ...ADMIN, ...headers } }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
            )
        })
        req.on('error', reject)
        req.end()
    })
}

async function install(sim: RunningSimulator, zip: Buffer): Promise<Response> {
    const form = new FormData()
    form.append('file', new Blob([zip]), 'odd3-scorecard-1.2.0.zip')
    return fetch(sim.url + '/api/apps', { method: 'POST', headers: ADMIN, body: form })
}

async function startWithApp(serverVersion: string, gzip = false): Promise<RunningSimulator> {
    const sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion, gzip })
    expect((await install(sim, appZip())).status).toBe(204)
    return sim
}

const md5 = (text: string | Buffer): string => createHash('md5').update(text).digest('hex')

let v41: RunningSimulator
let v41gzip: RunningSimulator
let v42: RunningSimulator

beforeAll(async () => {
    ;[v41, v41gzip, v42] = await Promise.all([
        startWithApp('2.41.3'),
        startWithApp('2.41.3', true),
        startWithApp('2.42.3'),
    ])
})
afterAll(async () => {
    await Promise.all([v41, v41gzip, v42].map((sim) => sim?.close()))
})

describe('app files in 2.39-2.41 (AppController.renderApp, ExcludableShallowEtagHeaderFilter)', () => {
    it('sends Last-Modified and a body-hash ETag, and no Cache-Control', async () => {
        const js = await get(v41, '/api/apps/odd3-scorecard/assets/app.js')
        expect(js.status).toBe(200)
        expect(js.body.toString()).toBe(APP_JS)
        expect(js.headers['content-type']).toBe('application/javascript;charset=UTF-8')
        expect(Date.parse(String(js.headers['last-modified']))).toBeGreaterThan(Date.now() - 60_000)
        // ShallowEtagHeaderFilter.generateETagHeaderValue: "0" + MD5 of the body, quoted.
        expect(js.headers.etag).toBe(`"0${md5(APP_JS)}"`)
        expect(js.headers['cache-control']).toBeUndefined()
        expect(js.headers['content-encoding']).toBeUndefined()
    })

    it('answers 304 to If-Modified-Since (checkNotModified(lastModified)) and to If-None-Match', async () => {
        const first = await get(v41, '/api/apps/odd3-scorecard/assets/app.js')
        const since = String(first.headers['last-modified'])
        const bySince = await get(v41, '/api/apps/odd3-scorecard/assets/app.js', {
            'If-Modified-Since': since,
        })
        expect(bySince.status).toBe(304)
        expect(bySince.body.length).toBe(0)
        expect(bySince.headers['last-modified']).toBe(since)
        const byTag = await get(v41, '/api/apps/odd3-scorecard/assets/app.js', {
            'If-None-Match': String(first.headers.etag),
        })
        expect(byTag.status).toBe(304)
        const earlier = new Date(Date.parse(since) - 1000).toUTCString()
        const stale = await get(v41, '/api/apps/odd3-scorecard/assets/app.js', {
            'If-Modified-Since': earlier,
        })
        expect(stale.status).toBe(200)
    })

    it('labels the substituted index.html Content-Encoding: UTF-8 in 2.41.0-2.41.5 only', async () => {
        const index = await get(v41, '/api/apps/odd3-scorecard/index.html')
        expect(index.headers['content-encoding']).toBe('UTF-8')
        expect(index.body.toString()).toContain(`content="${v41.url}"`)
        const later = await startWithApp('2.41.6')
        try {
            const page = await get(later, '/api/apps/odd3-scorecard/index.html')
            expect(page.headers['content-encoding']).toBeUndefined()
        } finally {
            await later.close()
        }
    })
})

describe('app files a user may not open (AppController.renderApp)', () => {
    it("answers 403 with the version's text", async () => {
        const officer = {
            Authorization: 'Basic ' + Buffer.from('mcd.kadiolo:Kadiolo@2024').toString('base64'),
        }
        const old = await get(v41, '/api/apps/odd3-scorecard/index.html', officer)
        expect(old.status).toBe(403)
        expect(JSON.parse(old.body.toString())).toMatchObject({
            httpStatusCode: 403,
            message: "You don't have access to application odd3-scorecard.",
        })
        const modern = await get(v42, '/api/apps/odd3-scorecard/index.html', officer)
        expect(JSON.parse(modern.body.toString()).message).toBe(
            "User does not have access to app 'odd3-scorecard'."
        )
    })
})

describe('app files in 2.42 (AppController.serveResource, AppHtmlNoCacheFilter)', () => {
    it('tags files with the MD5 of "<version>-<lastModified>" and keeps HTML out of caches', async () => {
        const js = await get(v42, '/api/apps/odd3-scorecard/assets/app.js')
        const lastModified = Date.parse(String(js.headers['last-modified']))
        expect(js.headers.etag).toBe(`"${md5(`1.2.0-${lastModified}`)}"`)
        expect(js.headers['cache-control']).toBeUndefined()
        const index = await get(v42, '/api/apps/odd3-scorecard/index.html')
        expect(index.headers['cache-control']).toBe('no-cache, no-store, max-age=0, must-revalidate')
        expect(index.headers['content-encoding']).toBeUndefined()
        const root = await get(v42, '/api/apps/odd3-scorecard/')
        expect(root.headers['cache-control']).toBe('no-cache, no-store, max-age=0, must-revalidate')
    })

    it('lets If-None-Match decide alone when it is sent (checkNotModified(etag, lastModified))', async () => {
        const js = await get(v42, '/api/apps/odd3-scorecard/assets/app.js')
        const since = String(js.headers['last-modified'])
        expect(
            (
                await get(v42, '/api/apps/odd3-scorecard/assets/app.js', {
                    'If-None-Match': String(js.headers.etag),
                })
            ).status
        ).toBe(304)
        const otherTag = await get(v42, '/api/apps/odd3-scorecard/assets/app.js', {
            'If-None-Match': '"other"',
            'If-Modified-Since': since,
        })
        expect(otherTag.status).toBe(200)
        expect(
            (await get(v42, '/api/apps/odd3-scorecard/assets/app.js', { 'If-Modified-Since': since })).status
        ).toBe(304)
    })
})

describe('/api JSON (ExcludableShallowEtagHeaderFilter, WebMessageControllerAdvice)', () => {
    it('tags GET answers with a body-hash ETag and answers 304 to it, up to 2.41', async () => {
        const me = await get(v41, '/api/me?fields=id')
        expect(me.status).toBe(200)
        expect(me.headers.etag).toBe(`"0${md5(me.body)}"`)
        expect(me.headers['cache-control']).toBeUndefined()
        const again = await get(v41, '/api/me?fields=id', { 'If-None-Match': String(me.headers.etag) })
        expect(again.status).toBe(304)
        expect(again.body.length).toBe(0)
    })

    it('leaves out the endpoints the filter excludes, errors, and 2.42', async () => {
        const values = await get(v41, '/api/dataValueSets?dataSet=none&period=202401&orgUnit=none')
        expect(values.headers.etag).toBeUndefined()
        const missing = await get(v41, '/api/organisationUnits/xxxxxxxxxxx')
        expect(missing.status).toBe(404)
        expect(missing.headers.etag).toBeUndefined()
        expect((await get(v42, '/api/me?fields=id')).headers.etag).toBeUndefined()
    })
})

describe('error answers (WebMessageControllerAdvice.beforeBodyWrite)', () => {
    it('marks 4xx WebMessages no-cache, private, and leaves 2xx answers without Cache-Control', async () => {
        const missing = await get(v41, '/api/organisationUnits/xxxxxxxxxxx')
        expect(missing.status).toBe(404)
        expect(missing.headers['cache-control']).toBe('no-cache, private')
        const ok = await get(v41, '/api/me?fields=id')
        expect(ok.headers['cache-control']).toBeUndefined()
    })
})

describe('--gzip: the reverse proxy in front of DHIS2 (nginx gzip, gzip_vary)', () => {
    it('compresses text answers for clients that accept gzip, with Vary and a weakened ETag', async () => {
        const js = await get(v41gzip, '/api/apps/odd3-scorecard/assets/app.js', { 'Accept-Encoding': 'gzip' })
        expect(js.headers['content-encoding']).toBe('gzip')
        expect(js.headers.vary).toContain('Accept-Encoding')
        expect(gunzipSync(js.body).toString()).toBe(APP_JS)
        expect(Number(js.headers['content-length'])).toBe(js.body.length)
        expect(js.headers.etag).toBe(`W/"0${md5(APP_JS)}"`)
        const revalidated = await get(v41gzip, '/api/apps/odd3-scorecard/assets/app.js', {
            'Accept-Encoding': 'gzip',
            'If-None-Match': String(js.headers.etag),
        })
        expect(revalidated.status).toBe(304)
    })

    it('sends identity to clients without gzip, and leaves small or labelled answers alone', async () => {
        const plain = await get(v41gzip, '/api/apps/odd3-scorecard/assets/app.js')
        expect(plain.headers['content-encoding']).toBeUndefined()
        expect(plain.headers.vary).toContain('Accept-Encoding')
        expect(plain.body.toString()).toBe(APP_JS)
        const refused = await get(v41gzip, '/api/apps/odd3-scorecard/assets/app.js', {
            'Accept-Encoding': 'gzip;q=0, deflate',
        })
        expect(refused.headers['content-encoding']).toBeUndefined()
        // 2.41.3 labels index.html "Content-Encoding: UTF-8"; nginx does not compress what is already labelled.
        const index = await get(v41gzip, '/api/apps/odd3-scorecard/index.html', { 'Accept-Encoding': 'gzip' })
        expect(index.headers['content-encoding']).toBe('UTF-8')
        const ping = await get(v41gzip, '/api/system/ping', { 'Accept-Encoding': 'gzip' })
        expect(ping.headers['content-encoding']).toBeUndefined()
    })

    it('is off by default: DHIS2 itself does not compress', async () => {
        const js = await get(v41, '/api/apps/odd3-scorecard/assets/app.js', { 'Accept-Encoding': 'gzip' })
        expect(js.headers['content-encoding']).toBeUndefined()
        expect(js.headers.vary).toBeUndefined()
    })
})

describe('app zips DHIS2 refuses (ZipFileUtils.validateFilePaths, 2.39.10+, 2.40.9+, 2.41.5+, 2.42)', () => {
    it.each(['../escape.js', 'assets/../../escape.js', '/etc/escape.js', 'assets/a..b.js'])(
        'refuses an entry named %s with 409 "Zip file could not be read"',
        async (name) => {
            const sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed() })
            try {
                const response = await install(sim, zipWithEntryName(name))
                expect(response.status).toBe(409)
                // AppController.installApp: WebMessageUtils.conflict(i18n of AppStatus.INVALID_ZIP_FORMAT).
                const body = (await response.json()) as Record<string, unknown>
                expect(body).toMatchObject({
                    httpStatus: 'Conflict',
                    httpStatusCode: 409,
                    status: 'ERROR',
                    message: 'Zip file could not be read',
                })
                expect(body.errorCode).toBeUndefined()
                const apps = (await (
                    await fetch(sim.url + '/api/apps', { headers: ADMIN })
                ).json()) as unknown[]
                expect(apps).toEqual([])
            } finally {
                await sim.close()
            }
        }
    )
})

describe('base URL (HttpServletRequestPaths.getContextPath)', () => {
    it('ignores X-Forwarded-Host and takes the scheme and port from X-Forwarded-Proto/-Port', async () => {
        const spoofed = await get(v41, '/api/apps/odd3-scorecard/index.html', {
            'X-Forwarded-Host': 'evil.example.org',
        })
        expect(spoofed.body.toString()).toContain(`content="${v41.url}"`)
        expect(spoofed.body.toString()).not.toContain('evil.example.org')
        const proxied = await get(v41, '/api/apps/odd3-scorecard/index.html', {
            Host: 'dhis2.sante.gov.ml',
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Port': '443',
        })
        expect(proxied.body.toString()).toContain('content="https://dhis2.sante.gov.ml"')
        const ftp = await get(v41, '/api/apps/odd3-scorecard/index.html', {
            Host: 'dhis2.sante.gov.ml:8080',
            'X-Forwarded-Proto': 'ftp',
        })
        expect(ftp.body.toString()).toContain('content="http://dhis2.sante.gov.ml:8080"')
    })
})
