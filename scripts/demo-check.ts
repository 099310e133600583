// What `npm run demo -- --check` verifies once the demo is loaded: the things a person following the README
// would see. Every request goes through the HTTP API as a user would send it, so a demo that only works
// in-process fails here.
import { uidFromCode as uid } from '@odd3/mappings/uid'

interface AnalyticsResponse {
    headers: Array<{ name: string }>
    rows: string[][]
}

const ADMIN = 'Basic ' + Buffer.from('admin:district').toString('base64')

async function get(baseUrl: string, path: string): Promise<Response> {
    return fetch(`${baseUrl}/api/${path}`, { headers: { Authorization: ADMIN }, redirect: 'manual' })
}

async function analytics(baseUrl: string, query: string): Promise<AnalyticsResponse> {
    const response = await get(baseUrl, `analytics?${query}`)
    if (response.status !== 200) throw new Error(`analytics?${query} answered HTTP ${response.status}`)
    return (await response.json()) as AnalyticsResponse
}

function total(response: AnalyticsResponse): number {
    const valueColumn = response.headers.findIndex((h) => h.name === 'value')
    return response.rows.reduce((sum, row) => sum + Number(row[valueColumn]), 0)
}

/** A browser's cookie jar, reduced to what logging in to the intake needs. */
class IntakeVisitor {
    private readonly jar = new Map<string, string>()
    constructor(private readonly baseUrl: string) {}

    async request(
        path: string,
        form?: Record<string, string>
    ): Promise<{ status: number; body: string; location: string | null }> {
        const headers: Record<string, string> = {
            cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        }
        if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
        const response = await fetch(this.baseUrl + path, {
            method: form ? 'POST' : 'GET',
            headers,
            redirect: 'manual',
            ...(form ? { body: new URLSearchParams(form) } : {}),
        })
        for (const c of response.headers.getSetCookie()) {
            const pair = c.split(';')[0] ?? ''
            const eq = pair.indexOf('=')
            this.jar.set(pair.slice(0, eq), pair.slice(eq + 1))
        }
        return {
            status: response.status,
            body: await response.text(),
            location: response.headers.get('location'),
        }
    }
}

const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** One description per check that failed; empty when the demo is what the README promises. */
export async function checkDemo(baseUrl: string, intakeUrl?: string): Promise<string[]> {
    const failures: string[] = []
    const check = async (name: string, run: () => Promise<string | null>): Promise<void> => {
        try {
            const failure = await run()
            console.log(`  ${failure === null ? '✔' : '✘'} ${name}${failure === null ? '' : `: ${failure}`}`)
            if (failure !== null) failures.push(`${name}: ${failure}`)
        } catch (error) {
            console.log(`  ✘ ${name}: ${(error as Error).message}`)
            failures.push(`${name}: ${(error as Error).message}`)
        }
    }

    await check(
        'the API answers with a DHIS2 version (curl -u admin:district …/api/system/info)',
        async () => {
            const response = await get(baseUrl, 'system/info')
            if (response.status !== 200) return `HTTP ${response.status}`
            const info = (await response.json()) as { version?: string }
            return /^2\.\d+/.test(info.version ?? '') ? null : `version ${info.version ?? 'missing'}`
        }
    )

    await check('the ODD-3 app is installed and served', async () => {
        const response = await get(baseUrl, 'apps/odd3-scorecard/index.html')
        if (response.status !== 200) return `HTTP ${response.status}`
        const html = await response.text()
        return html.includes('<script') ? null : 'index.html has no script'
    })

    await check('the clinics pushed by the bridge show in Commune V analytics, private sector', async () => {
        const sector = uid('organisationUnitGroupSet', 'SECTEUR')
        const privateGroup = uid('organisationUnitGroup', 'SECT_PRIVE_LUCRATIF')
        const query =
            `dimension=dx:${uid('dataElement', 'CONSULT_CURATIVE')}&dimension=${sector}:${privateGroup}` +
            `&filter=ou:${uid('organisationUnit', 'ML-BKO-C5')}&filter=pe:202401`
        const value = total(await analytics(baseUrl, query))
        return value > 0 ? null : 'no private curative consultations for January 2024'
    })

    await check('the laboratory line lists landed as aggregates', async () => {
        const query =
            `dimension=dx:${uid('dataElement', 'LAB_PALU_TDR')};${uid('dataElement', 'LAB_VIH_TEST')}` +
            `&filter=ou:${uid('organisationUnit', 'FS-C5-019')}&filter=pe:2025`
        const value = total(await analytics(baseUrl, query))
        return value > 0 ? null : 'no laboratory tests in 2025 for FS-C5-019'
    })

    await check('the mutuelles feed insurance coverage (IND_AMU_COUVERTURE, Kolokani)', async () => {
        const query =
            `dimension=dx:${uid('indicator', 'IND_AMU_COUVERTURE')}` +
            `&filter=ou:${uid('organisationUnit', 'ML-2-KLK')}&filter=pe:2025`
        const value = total(await analytics(baseUrl, query))
        return value > 0 ? null : 'no coverage for Kolokani in 2025'
    })

    if (intakeUrl) {
        await check('the intake service shows its login page in French', async () => {
            const page = await new IntakeVisitor(intakeUrl).request('/connexion')
            if (page.status !== 200) return `HTTP ${page.status}`
            return page.body.includes('Connectez-vous avec votre compte DHIS2')
                ? null
                : 'no French login form'
        })

        await check('a demo clinic logs in to the intake and sees its own facility', async () => {
            const clinic = new IntakeVisitor(intakeUrl)
            const form = await clinic.request('/connexion')
            const login = await clinic.request('/connexion', {
                _csrf: csrfOf(form.body),
                username: 'clinique.commune5',
                password: 'Clinique5@2024',
            })
            if (login.status !== 303 || login.location !== '/rapports')
                return `login answered HTTP ${login.status}`
            const home = await clinic.request('/rapports')
            if (home.status !== 200) return `Mes rapports answered HTTP ${home.status}`
            return home.body.includes('Clinique Médicale de Badalabougou')
                ? null
                : 'its facility is not listed'
        })
    }

    return failures
}
