// `npm run bench` (second part): the intake on the last day before the deadline. 500 private facilities
// submit their month through the real HTTP intake (`bridge serve`'s fastify app, started in this process
// with startIntakeServer, the function the command runs), 50 at a time, each logged in with its own DHIS2
// account scoped to it; then the outbox delivers to the simulator. Measured: every submission accepted, the
// time from the upload request to the receipt page (p50, p95), the time until every value is in the
// simulator, and, as the reference, the simulator's own time to import the same values in one
// POST /api/dataValueSets per facility-month at the worker's concurrency. Exits 1 when a target is missed.
//
// The simulator runs in a child process (this file with `--simulator`), as DHIS2 is a server of its own: in
// this process, its synchronous password hashing (scrypt, ~50 ms per login) would stop the intake's event
// loop and be counted in the intake's receipt times.
import { monthLabel } from '../src/core/month-label.js'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { buildDemoSeed, demoOrgUnits } from '../../dhis2-sim/src/demo/index.js'
import { startSimulator, type SeedUser } from '../../dhis2-sim/src/index.js'
import { uidFromCode } from '@odd3/mappings/uid'
import { startIntakeServer } from '../src/intake/web/server.js'
import { ELEMENTS, VALUES_PER_REPORT } from './monthly-report-cells.js'

const FACILITIES = Number(process.env.BENCH_FACILITIES ?? 500)
const AT_ONCE = 50
/** The outbox worker's default concurrency (startOutboxWorker, `concurrency ?? 4`): `bridge serve` sets none. */
const WORKER_CONCURRENCY = 4
const TARGET = { receiptP95Ms: 1000, drainRatio: 1.5 }
/** The whole bench stops by itself after this, whatever happens. */
const HARD_LIMIT_MS = 8 * 60_000
const HOST = '127.0.0.1'

const root = join(import.meta.dirname, '..', '..')

// --- the facilities and their accounts (the same list in both processes) ---------------------------

interface BenchFacility {
    code: string
    id: string
    name: string
    districtId: string
    username: string
    password: string
}

/** 500 new private clinics spread over the demo's 66 districts, like the demo's own private facilities. */
function benchFacilities(): BenchFacility[] {
    const districts = demoOrgUnits().filter((u) => u.level === 3)
    return Array.from({ length: FACILITIES }, (_, i) => {
        const district = districts[i % districts.length]!
        const n = String(i + 1).padStart(3, '0')
        const code = `FS-BENCH-${n}`
        return {
            code,
            id: uidFromCode('organisationUnit', code),
            name: `Clinique privée d'essai ${n} (${district.name})`,
            districtId: district.id,
            username: `clinique.essai${n}`,
            password: `Essai@${n}-2024`,
        }
    })
}

// --- child process: the simulator with the demo database and the facilities' 500 accounts ----------

async function simulatorChild(): Promise<void> {
    // The simulator has no API that creates a user who can log in (its /api/users are metadata only),
    // so the accounts come with the seed, as the demo's own users do; their org units do not exist yet:
    // the bench creates them through the API, as a DHIS2 administrator would.
    const seed = buildDemoSeed({ includePackage: true })
    const declarant = seed.users.find((u) => u.username === 'clinique.commune5')
    if (!declarant) throw new Error('demo user clinique.commune5 missing')
    for (const f of benchFacilities()) {
        const user: SeedUser = {
            ...declarant,
            id: uidFromCode('user', f.username),
            username: f.username,
            password: f.password,
            firstName: 'Secrétaire',
            surname: f.code,
            organisationUnits: [f.id],
            dataViewOrganisationUnits: [f.id],
            settings: { ...declarant.settings },
        }
        seed.users.push(user)
    }
    const sim = await startSimulator({ port: 0, host: HOST, dataDir: null, seed })
    process.stdout.write(`${JSON.stringify({ port: sim.port })}\n`)
    // the parent gone (or done): stop
    process.stdin.resume()
    process.stdin.on('end', () => {
        sim.close().finally(() => process.exit(0))
    })
    process.on('SIGTERM', () => {
        sim.close().finally(() => process.exit(0))
    })
}

// --- the bench ----------------------------------------------------------------------------------------

function percentile(xs: number[], p: number): number {
    if (xs.length === 0) return NaN
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN
}

const ms = (x: number) => Math.round(x)
const t0 = performance.now()
const stamp = (text: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${text}`)
const seconds = (x: number) => (x / 1000).toFixed(2)
const load = () =>
    loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
    let next = 0
    await Promise.all(
        Array.from({ length: Math.min(n, items.length) }, async () => {
            while (next < items.length) await fn(items[next++]!)
        })
    )
}

/** A person's browser: cookies, the CSRF token of the page, redirects left visible (as the tests do). */
class Browser {
    private readonly jar = new Map<string, string>()
    constructor(private readonly base: string) {}

    private async read(r: Response) {
        for (const c of r.headers.getSetCookie()) {
            const pair = c.split(';')[0] ?? ''
            const eq = pair.indexOf('=')
            const name = pair.slice(0, eq).trim()
            const value = pair.slice(eq + 1).trim()
            if (value === '') this.jar.delete(name)
            else this.jar.set(name, value)
        }
        const body = await r.text()
        return {
            status: r.status,
            location: r.headers.get('location'),
            body,
            csrf: /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '',
        }
    }
    private cookie() {
        return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
    }
    async get(path: string) {
        return this.read(
            await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookie() } })
        )
    }
    async post(path: string, body: URLSearchParams | FormData) {
        return this.read(
            await fetch(this.base + path, {
                method: 'POST',
                redirect: 'manual',
                headers: { cookie: this.cookie() },
                body,
            })
        )
    }
}

/** YYYYMM, `back` months before the given one. */
function monthBefore(date: Date, back: number): string {
    const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1))
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** The facility's month as a long CSV the way French Excel writes it (BOM, `;`), and its sums per element. */
function reportCsv(f: BenchFacility, period: string, index: number) {
    const label = monthLabel(period, 'fr')
    let text = '\ufeffcode_structure;periode;indicateur;ventilation;valeur;commentaire\n'
    const sums = new Map<string, number>()
    let seed = 7919 * (index + 1)
    for (const [de, dis] of ELEMENTS)
        for (const d of dis) {
            seed = (seed * 1103515245 + 12345) & 0x7fffffff
            // never 0: DHIS2 does not store a zero of an element where zero is not significant
            const v = 1 + (seed % 300)
            text += `${f.code};${label};${de};${d};${v};\n`
            sums.set(de, (sums.get(de) ?? 0) + v)
        }
    return { text, sums }
}

interface Dhis2DataValue {
    dataElement: string
    period: string
    orgUnit: string
    categoryOptionCombo: string
    attributeOptionCombo?: string
    value: string
}

async function main(): Promise<void> {
    let child: ChildProcess | undefined
    let intake: Awaited<ReturnType<typeof startIntakeServer>> | undefined
    const hardStop = setTimeout(() => {
        console.error(`intake bench: still running after ${HARD_LIMIT_MS / 60_000} min, stopped`)
        child?.kill('SIGTERM')
        process.exit(2)
    }, HARD_LIMIT_MS)
    hardStop.unref()
    const loadBefore = load()
    const startedAt = new Date()
    const tmp = mkdtempSync(join(tmpdir(), 'intake-bench-'))
    try {
        // --- the simulator -----------------------------------------------------------------------------
        const simStart = performance.now()
        child = spawn(process.execPath, [...process.execArgv, import.meta.filename, '--simulator'], {
            stdio: ['pipe', 'pipe', 'inherit'],
        })
        const simChild = child
        const port = await new Promise<number>((resolve, reject) => {
            const lines = createInterface({ input: simChild.stdout! })
            lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port))
            simChild.once('exit', (code) => reject(new Error(`simulator exited ${code}`)))
        })
        const simUrl = `http://${HOST}:${port}`
        stamp(
            `simulator (demo database + ${FACILITIES} accounts) up in ${seconds(performance.now() - simStart)} s`
        )

        const users = JSON.parse(readFileSync(join(root, 'fixtures', 'demo-db', 'users.json'), 'utf8')) as {
            users: Array<{ username: string; password: string }>
        }
        const passwordOf = (name: string) => {
            const u = users.users.find((x) => x.username === name)
            if (!u) throw new Error(`demo user ${name} missing`)
            return u.password
        }
        const basic = (name: string) =>
            `Basic ${Buffer.from(`${name}:${passwordOf(name)}`).toString('base64')}`
        const api = async (who: string, path: string, init: { method?: string; body?: unknown } = {}) => {
            const r = await fetch(`${simUrl}/api/${path}`, {
                method: init.method ?? 'GET',
                headers: {
                    authorization: basic(who),
                    ...(init.body ? { 'content-type': 'application/json' } : {}),
                },
                ...(init.body ? { body: JSON.stringify(init.body) } : {}),
            })
            const text = await r.text()
            if (!r.ok)
                throw new Error(
                    `${init.method ?? 'GET'} /api/${path}: HTTP ${r.status} ${text.slice(0, 300)}`
                )
            return JSON.parse(text) as Record<string, unknown>
        }

        // --- the facilities, as an administrator creates them: org units, data set, sector group ------
        const facilities = benchFacilities()
        const setupStart = performance.now()
        const one = async (collection: string, code: string) => {
            const list = (
                await api('admin', `${collection}.json?filter=code:eq:${code}&fields=:owner&paging=false`)
            )[collection] as Array<Record<string, unknown>> | undefined
            const found = list?.[0]
            if (!found) throw new Error(`${collection} ${code} not found`)
            return found
        }
        const dataSet = await one('dataSets', 'DS_PRIVE_MENSUEL')
        const group = await one('organisationUnitGroups', 'SECT_PRIVE_LUCRATIF')
        const added = facilities.map((f) => ({ id: f.id }))
        const report = await api('admin', 'metadata?importStrategy=CREATE_AND_UPDATE&atomicMode=ALL', {
            method: 'POST',
            body: {
                organisationUnits: facilities.map((f) => ({
                    id: f.id,
                    code: f.code,
                    name: f.name,
                    shortName: f.name.slice(0, 50),
                    openingDate: '2015-01-01T00:00:00.000',
                    parent: { id: f.districtId },
                })),
            },
        })
        if (report.status !== 'OK')
            throw new Error(`org units not imported: ${JSON.stringify(report).slice(0, 500)}`)
        const assign = await api('admin', 'metadata?importStrategy=UPDATE&atomicMode=ALL', {
            method: 'POST',
            body: {
                dataSets: [
                    {
                        ...dataSet,
                        organisationUnits: [
                            ...((dataSet.organisationUnits as Array<{ id: string }>) ?? []),
                            ...added,
                        ],
                    },
                ],
                organisationUnitGroups: [
                    {
                        ...group,
                        organisationUnits: [
                            ...((group.organisationUnits as Array<{ id: string }>) ?? []),
                            ...added,
                        ],
                    },
                ],
            },
        })
        if (assign.status !== 'OK')
            throw new Error(`assignment not imported: ${JSON.stringify(assign).slice(0, 500)}`)
        // one account checked the way the intake will: its org unit, with its path under the district
        const first = facilities[0]!
        const me = (await (
            await fetch(`${simUrl}/api/me?fields=username,organisationUnits[id,path]`, {
                headers: {
                    authorization: `Basic ${Buffer.from(`${first.username}:${first.password}`).toString('base64')}`,
                },
            })
        ).json()) as { organisationUnits?: Array<{ id: string; path?: string }> }
        if (me.organisationUnits?.[0]?.path?.endsWith(`${first.districtId}/${first.id}`) !== true)
            throw new Error(`/api/me of ${first.username}: ${JSON.stringify(me)}`)
        stamp(
            `${FACILITIES} org units created, assigned and grouped in ${seconds(performance.now() - setupStart)} s`
        )

        const info = await api('admin', 'system/info')
        const today = new Date(String(info.serverDate ?? new Date().toISOString()))
        // the deadline day: last month; the isolated drain and the reference take the two months before
        const [periodDay, periodDrain, periodReference] = [1, 2, 3].map((b) => monthBefore(today, b)) as [
            string,
            string,
            string,
        ]
        const dataSetId = String(dataSet.id)
        const countryId = uidFromCode('organisationUnit', 'ML')
        const elementIds = new Map(
            (
                (
                    await api(
                        'admin',
                        `dataElements.json?fields=id,code&paging=false&filter=code:in:[${ELEMENTS.map((e) => e[0]).join(',')}]`
                    )
                ).dataElements as Array<{ id: string; code: string }>
            ).map((e) => [e.id, e.code])
        )

        const reports = new Map<string, Map<string, ReturnType<typeof reportCsv>>>()
        for (const period of [periodDay, periodDrain])
            reports.set(period, new Map(facilities.map((f, i) => [f.code, reportCsv(f, period, i)])))

        /** The bench's values of one month as the simulator holds them; null until every one is there, exactly. */
        /** Why the last look at the simulator found the month incomplete. */
        let lastGap = ''
        const inDhis2 = async (period: string): Promise<Dhis2DataValue[] | null> => {
            const body = await api(
                'admin',
                `dataValueSets.json?dataSet=${dataSetId}&period=${period}&orgUnit=${countryId}&children=true`
            )
            const ours = new Map(facilities.map((f) => [f.id, f.code]))
            const values = ((body.dataValues as Dhis2DataValue[] | undefined) ?? []).filter((v) =>
                ours.has(v.orgUnit)
            )
            if (values.length !== FACILITIES * VALUES_PER_REPORT) {
                lastGap = `${values.length} of ${FACILITIES * VALUES_PER_REPORT} values`
                return null
            }
            const sums = new Map<string, number>()
            for (const v of values) {
                const key = `${ours.get(v.orgUnit)}|${elementIds.get(v.dataElement)}`
                sums.set(key, (sums.get(key) ?? 0) + Number(v.value))
            }
            for (const f of facilities)
                for (const [de, sum] of reports.get(period)!.get(f.code)!.sums)
                    if (sums.get(`${f.code}|${de}`) !== sum) {
                        lastGap = `${f.code} ${de}: ${sums.get(`${f.code}|${de}`)} in DHIS2, ${sum} sent`
                        return null
                    }
            return values
        }

        // --- the intake: bridge serve's app, the service account of the demo -------------------------
        intake = await startIntakeServer({
            dhis2: {
                baseUrl: simUrl,
                auth: { kind: 'basic', username: 'bridge', password: passwordOf('bridge') },
            },
            stateDir: join(tmp, 'state'),
            port: 0,
            host: HOST,
            // started below with a hook that tells when each submission is settled, as `bridge serve`'s is
            noWorker: true,
            // 500 clinics log in from 500 addresses; here all come from 127.0.0.1 (10 a minute by default)
            loginRateLimit: { max: 100_000, timeWindowMs: 60_000 },
            logger: false,
        })
        const service = intake.service
        const startWorker = () => {
            const settled: Array<{ at: number; outcome: string }> = []
            const waiting: Array<{ n: number; resolve: () => void }> = []
            const worker = service.startWorker({
                onSettled: ({ outcome }) => {
                    settled.push({ at: performance.now(), outcome })
                    for (const w of waiting) if (settled.length >= w.n) w.resolve()
                },
            })
            /** Resolves once the worker has settled n submissions (each delivered, refused or put off). */
            const settledCount = (n: number) =>
                new Promise<void>((resolve) => {
                    if (settled.length >= n) resolve()
                    else waiting.push({ n, resolve })
                })
            return { worker, settled, settledCount }
        }
        const files = join(tmp, 'files')
        mkdirSync(files)

        interface Submitted {
            code: string
            accepted: boolean
            receiptMs: number
            loginMs?: number
            error?: string
        }
        const browsers = new Map<string, Browser>()
        /** One facility's month: (log in,) the upload page, the upload, the receipt page. */
        const submit = async (f: BenchFacility, period: string, login: boolean): Promise<Submitted> => {
            let browser = browsers.get(f.code)
            let loginMs: number | undefined
            if (login || !browser) {
                browser = new Browser(intake!.url)
                browsers.set(f.code, browser)
                const t = performance.now()
                const page = await browser.get('/connexion')
                const answer = await browser.post(
                    '/connexion',
                    new URLSearchParams({ _csrf: page.csrf, username: f.username, password: f.password })
                )
                if (answer.status !== 303 || answer.location !== '/rapports')
                    return { code: f.code, accepted: false, receiptMs: NaN, error: `login ${answer.status}` }
                await browser.get('/rapports')
                loginMs = performance.now() - t
            }
            const form = await browser.get('/envoyer')
            const csv = reports.get(period)!.get(f.code)!.text
            const name = `rapport-${f.code}-${period}.csv`
            writeFileSync(join(files, name), csv)
            const data = new FormData()
            data.append('_csrf', form.csrf)
            data.append('source', 'facility-report')
            data.append('file', new Blob([readFileSync(join(files, name))], { type: 'text/csv' }), name)
            const t0 = performance.now()
            const sent = await browser.post('/envoyer', data)
            const reference = /^\/recu\/(.+)$/.exec(sent.location ?? '')?.[1]
            if (sent.status !== 303 || !reference)
                return {
                    code: f.code,
                    accepted: false,
                    receiptMs: NaN,
                    error: `upload ${sent.status}: ${sent.body
                        .replace(/<[^>]+>/g, ' ')
                        .replace(/\s+/g, ' ')
                        .slice(0, 200)}`,
                    ...(loginMs === undefined ? {} : { loginMs }),
                }
            const receipt = await browser.get(sent.location!)
            const receiptMs = performance.now() - t0
            const ok = receipt.status === 200 && receipt.body.includes(decodeURIComponent(reference))
            return {
                code: f.code,
                accepted: ok,
                receiptMs,
                ...(ok ? {} : { error: `receipt page ${receipt.status}` }),
                ...(loginMs === undefined ? {} : { loginMs }),
            }
        }
        const day = async (period: string, login: boolean) => {
            const results: Submitted[] = []
            const t = performance.now()
            await pool(facilities, AT_ONCE, async (f) => {
                results.push(await submit(f, period, login))
            })
            return { results, ms: performance.now() - t, start: t }
        }
        const waitInDhis2 = async (period: string, from: number, allSettled: Promise<void>) => {
            // the worker says when it settled the last one; the simulator is then asked until it has all
            let timer: NodeJS.Timeout | undefined
            await Promise.race([allSettled, new Promise((r) => (timer = setTimeout(r, 120_000)))])
            clearTimeout(timer)
            const deadline = performance.now() + 15_000
            for (;;) {
                const asked = performance.now()
                const values = await inDhis2(period)
                if (values) return { ms: asked - from, values }
                if (performance.now() > deadline) return null
                await new Promise((r) => setTimeout(r, 250))
            }
        }

        // --- 1. the deadline day: 500 facilities log in and submit, 50 at a time, the worker running -
        stamp(`load average before the day: ${load()}`)
        const w1 = startWorker()
        const day1 = await day(periodDay, true)
        const lastReceipt1 = performance.now()
        const drained1 = await waitInDhis2(
            periodDay,
            day1.start,
            w1.settledCount(day1.results.filter((r) => r.accepted).length)
        )
        const tail1 = drained1 ? drained1.ms - (lastReceipt1 - day1.start) : NaN
        await w1.worker.stop()
        const loadAfterDay = load()
        stamp(
            `day: ${day1.results.filter((r) => r.accepted).length} accepted in ${seconds(day1.ms)} s; load ${loadAfterDay}`
        )

        // --- 2. the same facilities, already logged in, submit the month before, the worker stopped ---
        const day2 = await day(periodDrain, false)

        stamp(
            `month before: ${day2.results.filter((r) => r.accepted).length} accepted in ${seconds(day2.ms)} s`
        )

        // --- 3. the reference: the simulator imports the same values, one request per facility-month -
        const template = drained1?.values ?? []
        const byFacility = new Map<string, Dhis2DataValue[]>()
        for (const v of template)
            byFacility.set(v.orgUnit, [
                ...(byFacility.get(v.orgUnit) ?? []),
                {
                    dataElement: v.dataElement,
                    period: periodReference,
                    orgUnit: v.orgUnit,
                    categoryOptionCombo: v.categoryOptionCombo,
                    value: v.value,
                },
            ])
        const importedOf = (summary: Record<string, unknown>) =>
            (
                (summary.response as { importCount?: { imported?: number } } | undefined)?.importCount ??
                (summary.importCount as { imported?: number } | undefined)
            )?.imported ?? 0
        let referenceImported = 0
        const refStart = performance.now()
        await pool([...byFacility.values()], WORKER_CONCURRENCY, async (dataValues) => {
            const summary = await api('bridge', 'dataValueSets?importStrategy=CREATE_AND_UPDATE', {
                method: 'POST',
                body: { dataValues },
            })
            referenceImported += importedOf(summary)
        })
        const referenceMs = performance.now() - refStart

        // For the reading of the ratio, not a target: the same values with the requests the outbox itself
        // sends per facility-month (read what DHIS2 holds, send, register the report complete), bare.
        const periodRequests = monthBefore(today, 4)
        let requestsImported = 0
        const requestsStart = performance.now()
        await pool([...byFacility.values()], WORKER_CONCURRENCY, async (dataValues) => {
            const orgUnit = dataValues[0]!.orgUnit
            await api(
                'bridge',
                `dataValueSets.json?dataSet=${dataSetId}&period=${periodRequests}&orgUnit=${orgUnit}`
            )
            const summary = await api('bridge', 'dataValueSets?importStrategy=CREATE_AND_UPDATE', {
                method: 'POST',
                body: { dataValues: dataValues.map((v) => ({ ...v, period: periodRequests })) },
            })
            requestsImported += importedOf(summary)
            await api('bridge', 'completeDataSetRegistrations?importStrategy=CREATE_AND_UPDATE', {
                method: 'POST',
                body: {
                    completeDataSetRegistrations: [
                        {
                            dataSet: dataSetId,
                            period: periodRequests,
                            organisationUnit: orgUnit,
                            completed: true,
                            date: today.toISOString().slice(0, 10),
                        },
                    ],
                },
            })
        })
        const requestsMs = performance.now() - requestsStart

        stamp(`references: ${seconds(referenceMs)} s and ${seconds(requestsMs)} s`)

        // --- 4. the outbox drained on its own: the worker starts with the whole month waiting --------
        const w2 = startWorker()
        const drainStart = performance.now()
        const drained2 = await waitInDhis2(
            periodDrain,
            drainStart,
            w2.settledCount(day2.results.filter((r) => r.accepted).length)
        )
        await w2.worker.stop()
        const loadAtEnd = load()
        stamp(`outbox drained in ${drained2 ? seconds(drained2.ms) : '(not all)'} s`)

        // --- report ------------------------------------------------------------------------------------
        const outcomes = (s: Array<{ outcome: string }>) => {
            const c: Record<string, number> = {}
            for (const x of s) c[x.outcome] = (c[x.outcome] ?? 0) + 1
            return JSON.stringify(c)
        }
        const summarise = (d: typeof day1) => {
            const ok = d.results.filter((r) => r.accepted)
            const receipts = ok.map((r) => r.receiptMs)
            const logins = d.results.flatMap((r) => (r.loginMs === undefined ? [] : [r.loginMs]))
            return {
                accepted: ok.length,
                p50: percentile(receipts, 50),
                p95: percentile(receipts, 95),
                max: percentile(receipts, 100),
                loginP50: percentile(logins, 50),
                loginP95: percentile(logins, 95),
                seconds: d.ms / 1000,
                errors: d.results.filter((r) => !r.accepted).map((r) => `${r.code}: ${r.error}`),
            }
        }
        const s1 = summarise(day1)
        const s2 = summarise(day2)
        const ratio = drained2 ? drained2.ms / referenceMs : NaN
        const figures = {
            date: startedAt.toISOString(),
            cores: cpus().length,
            loadBefore,
            loadAfterDay,
            loadAtEnd,
            facilities: FACILITIES,
            valuesPerReport: VALUES_PER_REPORT,
            atOnce: AT_ONCE,
            workerConcurrency: WORKER_CONCURRENCY,
            periods: { day: periodDay, drain: periodDrain, reference: periodReference },
            day: { ...s1, errors: s1.errors.slice(0, 5), allInDhis2Ms: drained1?.ms ?? null, tailMs: tail1 },
            dayWorkerOutcomes: outcomes(w1.settled),
            loggedIn: { ...s2, errors: s2.errors.slice(0, 5) },
            referenceMs,
            referenceImported,
            requestsMs,
            requestsImported,
            drainMs: drained2?.ms ?? null,
            drainWorkerOutcomes: outcomes(w2.settled),
            ratio,
        }
        console.log(JSON.stringify(figures))
        console.log(
            `\nload average (1, 5, 15 min): before ${loadBefore}; after the day ${loadAfterDay}; at the end ${loadAtEnd} (${cpus().length} cores)`
        )
        console.log(
            `\n| run | facilities × values | accepted | receipt p50 ms | receipt p95 ms | receipt max ms | login p50 / p95 ms | all submitted s | all in DHIS2 s (from the first request) | after the last receipt s |`
        )
        console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
        console.log(
            `| deadline day (log in + upload, worker running) | ${FACILITIES} × ${VALUES_PER_REPORT} | ${s1.accepted} | ${ms(s1.p50)} | ${ms(s1.p95)} | ${ms(s1.max)} | ${ms(s1.loginP50)} / ${ms(s1.loginP95)} | ${seconds(day1.ms)} | ${drained1 ? seconds(drained1.ms) : 'not all'} | ${seconds(tail1)} |`
        )
        console.log(
            `| month before (logged in, upload, worker stopped) | ${FACILITIES} × ${VALUES_PER_REPORT} | ${s2.accepted} | ${ms(s2.p50)} | ${ms(s2.p95)} | ${ms(s2.max)} | – | ${seconds(day2.ms)} | – | – |`
        )
        console.log(`\n| ${FACILITIES} facility-months, ${WORKER_CONCURRENCY} at a time | seconds | ratio |`)
        console.log('| --- | --- | --- |')
        console.log(
            `| simulator's own import, one POST /api/dataValueSets each (${referenceImported} values imported) | ${seconds(referenceMs)} | 1.00 |`
        )
        console.log(
            `| for reading: the outbox's own requests, bare (GET dataValueSets, POST dataValueSets, POST completeDataSetRegistrations; ${requestsImported} values imported) | ${seconds(requestsMs)} | ${(requestsMs / referenceMs).toFixed(2)} |`
        )
        console.log(
            `| outbox drained (worker started with all ${FACILITIES} waiting; every value read back from the simulator) | ${drained2 ? seconds(drained2.ms) : 'not all'} | ${ratio.toFixed(2)} |`
        )

        const missed: string[] = []
        for (const [what, s] of [
            ['deadline day', s1],
            ['month before', s2],
        ] as const) {
            if (s.accepted !== FACILITIES)
                missed.push(
                    `${what}: ${s.accepted}/${FACILITIES} accepted (${s.errors.slice(0, 3).join('; ')})`
                )
        }
        if (!(s1.p95 < TARGET.receiptP95Ms))
            missed.push(`deadline day: receipt p95 ${ms(s1.p95)} ms (target < ${TARGET.receiptP95Ms} ms)`)
        if (!drained1) missed.push(`deadline day: not every value reached the simulator (${lastGap})`)
        if (referenceImported !== FACILITIES * VALUES_PER_REPORT)
            missed.push(
                `reference: ${referenceImported} values imported, ${FACILITIES * VALUES_PER_REPORT} sent`
            )
        if (!drained2) missed.push(`drain: not every value reached the simulator (${lastGap})`)
        else if (!(ratio <= TARGET.drainRatio))
            missed.push(
                `drain ${seconds(drained2.ms)} s = ${ratio.toFixed(2)} × the simulator's own ${seconds(referenceMs)} s (target ≤ ${TARGET.drainRatio})`
            )
        for (const m of missed) console.error(`TARGET MISSED: ${m}`)
        if (missed.length > 0) process.exitCode = 1
        else console.log('\nall intake targets met')
        stamp('done')
    } finally {
        await intake?.close().catch(() => undefined)
        child?.stdin?.end()
        child?.kill('SIGTERM')
        rmSync(tmp, { recursive: true, force: true })
        clearTimeout(hardStop)
    }
}

// last: every constant above is initialised before either part runs
if (process.argv.includes('--simulator')) await simulatorChild()
else await main()
