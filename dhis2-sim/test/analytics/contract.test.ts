// Contract tests for analytics, each written from the assertions of a dhis2-core test (tag 2.41.3) or, where
// no test asserts the behaviour, from the dhis2-core method that implements it (named in the test title).
// Sources and the wording of DHIS2's answers: docs/dhis2-api.md §7.6 (reporting rates) and §7.7 (E7144).
import { afterEach, describe, expect, it } from 'vitest'
import type { CompleteRegistration, Database } from '../../src/core/types.js'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { runAnalyticsJob } from '../../src/analytics/job.js'
import { runAnalyticsQuery } from '../../src/analytics/query.js'
import { DEFAULT_COC, USERS, smallDatabase, smallSeed } from './small-seed.js'

const ADMIN = { Authorization: 'Basic ' + Buffer.from('admin:district').toString('base64') }
const NOW = new Date('2025-03-15T10:00:00Z')

let sim: RunningSimulator | null = null
afterEach(async () => {
    await sim?.close()
    sim = null
})

async function start(serverVersion: string): Promise<RunningSimulator> {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion })
    return sim
}

async function get(running: RunningSimulator, path: string) {
    const response = await fetch(`${running.url}/api/${path}`, { headers: ADMIN })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** `POST /api/resourceTables/analytics`, then polls the job's notifications until it completes. */
async function runJobOverHttp(running: RunningSimulator): Promise<void> {
    const started = await fetch(`${running.url}/api/resourceTables/analytics`, {
        method: 'POST',
        headers: ADMIN,
    })
    expect(started.status).toBe(200)
    const body = (await started.json()) as { response: { relativeNotifierEndpoint: string } }
    for (let i = 0; i < 200; i++) {
        const poll = await fetch(`${running.url}${body.response.relativeNotifierEndpoint}`, {
            headers: ADMIN,
        })
        const notifications = (await poll.json()) as Array<{ completed: boolean }>
        if (notifications[0]?.completed) return
        await new Promise((resolve) => setTimeout(resolve, 25))
    }
    throw new Error('the analytics job did not complete')
}

// The aggregate query of NoAnalyticsTablesErrorsScenariosTest, on the small seed's ids.
const AGGREGATE_QUERY =
    'analytics?dimension=dx:DeCases0001;IndIncid001,ou:USER_ORGUNIT;USER_ORGUNIT_CHILDREN&filter=pe:THIS_YEAR'

describe('analytics before the analytics tables exist (docs/dhis2-api.md §7.7)', () => {
    it('answers 409 E7144 with the SQL state (e2e NoAnalyticsTablesErrorsScenariosTest#testAggregateAnalyticsWhenAnalyticsTablesAreMissing)', async () => {
        const running = await start('2.41.3')
        const { status, body } = await get(running, AGGREGATE_QUERY)
        expect(status).toBe(409)
        expect(body).toEqual({
            httpStatus: 'Conflict',
            httpStatusCode: 409,
            status: 'ERROR',
            message:
                'Query failed because a referenced table does not exist. Please ensure analytics job was run (SqlState: 42P01)',
            devMessage: 'SqlState: 42P01',
            errorCode: 'E7144',
        })
        // Reporting rates read the completeness tables, which are missing too.
        const rates = await get(
            running,
            'analytics?dimension=dx:DsMonthly01.REPORTING_RATE,pe:2024,ou:OuMali00001'
        )
        expect(rates).toMatchObject({ status: 409, body: { errorCode: 'E7144' } })
    })

    it('validates the query first: an illegal query keeps its own code (DefaultQueryValidator runs before JdbcAnalyticsManager)', async () => {
        const running = await start('2.41.3')
        const { status, body } = await get(running, 'analytics?dimension=dx:DeCases0001,ou:OuMali00001')
        expect(status).toBe(409)
        expect(body.errorCode).toBe('E7104')
    })

    it('reads no table with skipData=true (DataHandler adds data only without skipData)', async () => {
        const running = await start('2.41.3')
        const { status, body } = await get(
            running,
            'analytics?dimension=dx:DeCases0001,pe:2024,ou:OuMali00001&skipData=true'
        )
        expect(status).toBe(200)
        expect(body.rows).toEqual([])
    })

    it('answers once the analytics job has run (web-test ResourceTableControllerTest#testAnalytics starts it)', async () => {
        const running = await start('2.41.3')
        await runJobOverHttp(running)
        // THIS_YEAR moved to 2024, the seed's year.
        const { status, body } = await get(running, `${AGGREGATE_QUERY}&relativePeriodDate=2024-06-01`)
        expect(status).toBe(200)
        expect((body.rows as unknown[]).length).toBeGreaterThan(0)
    })

    it('follows --version: E7144 from 2.39.4 and 2.40.2, an empty grid before (JdbcAnalyticsManager#getAggregatedDataValues)', async () => {
        for (const [version, failing] of [
            ['2.39.3', false],
            ['2.39.4', true],
            ['2.40.1', false],
            ['2.40.2', true],
            ['2.42.0', true],
        ] as const) {
            const running = await start(version)
            const { status, body } = await get(running, AGGREGATE_QUERY)
            if (failing)
                expect({ version, status, code: body.errorCode }).toEqual({
                    version,
                    status: 409,
                    code: 'E7144',
                })
            else expect({ version, status, rows: body.rows }).toEqual({ version, status: 200, rows: [] })
            await running.close()
            sim = null
        }
    })
})

// Reporting rates on the small seed: DsMonthly01 is assigned to four facilities; facilities 1-3 complete
// January to June 2024, facility 4 (Clinique Kadiolo, district Kadiolo) never reports.
const METRICS = ['REPORTING_RATE', 'ACTUAL_REPORTS', 'EXPECTED_REPORTS'] as const

function rates(db: Database, pe: string, ou: string, mode: 'dimension' | 'filter' = 'dimension') {
    const dx = METRICS.map((m) => `DsMonthly01.${m}`).join(';')
    const qs =
        mode === 'dimension'
            ? `dimension=dx:${dx},pe:${pe},ou:${ou}`
            : `dimension=dx:${dx},ou:${ou}&filter=pe:${pe}`
    const grid = runAnalyticsQuery(db, USERS.admin, new URLSearchParams(qs), NOW)
    const value = grid.headers.findIndex((h) => h.name === 'value')
    const periodColumn = grid.headers.findIndex((h) => h.name === 'pe')
    const ouColumn = grid.headers.findIndex((h) => h.name === 'ou')
    const out: Record<string, string> = {}
    for (const row of grid.rows) {
        const metric = String(row[0]).split('.')[1] ?? ''
        const key = [metric, periodColumn >= 0 ? row[periodColumn] : '', row[ouColumn]]
            .filter(Boolean)
            .join(' ')
        out[key] = String(row[value])
    }
    return out
}

function setDates(db: Database, ou: string, dates: { openingDate?: string; closedDate?: string }) {
    const unit = db.metadata.get('organisationUnits', ou)
    if (!unit) throw new Error(ou)
    db.metadata.upsert('organisationUnits', { ...unit, ...dates })
}

function register(db: Database, ou: string, period: string) {
    const registration: CompleteRegistration = {
        dataSet: 'DsMonthly01',
        period,
        organisationUnit: ou,
        attributeOptionCombo: DEFAULT_COC,
        completed: true,
        date: '2024-02-05',
        storedBy: 'test',
        lastUpdated: '2024-02-05T00:00:00.000Z',
    }
    db.completeRegistrations.put(registration)
}

describe('reporting rates (docs/dhis2-api.md §7.6)', () => {
    it('gives "0.0" rows when nothing was reported (unit AnalyticsServiceReportingRateTest#verifyNullValueIsZeroForReportingRate)', async () => {
        const db = smallDatabase()
        await runAnalyticsJob(db, () => NOW)
        // Facility 4 is expected every month and never reports.
        expect(rates(db, '202401', 'OuFac000004')).toEqual({
            'REPORTING_RATE 202401 OuFac000004': '0.0',
            'ACTUAL_REPORTS 202401 OuFac000004': '0.0',
            'EXPECTED_REPORTS 202401 OuFac000004': '1.0',
        })
        // Facilities 1-3 report only until June.
        expect(rates(db, '2024Q3', 'OuMali00001')).toEqual({
            'REPORTING_RATE 2024Q3 OuMali00001': '0.0',
            'ACTUAL_REPORTS 2024Q3 OuMali00001': '0.0',
            'EXPECTED_REPORTS 2024Q3 OuMali00001': '12.0',
        })
    })

    it('multiplies the target by the periods of a filter (unit AnalyticsServiceReportingRateTest#verifyReportingRatesValueWhenPeriodIsFilter)', async () => {
        const db = smallDatabase()
        await runAnalyticsJob(db, () => NOW)
        // Ten months as a filter: 4 units × 10 months expected, 3 × 6 received.
        const months = Array.from({ length: 10 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`).join(';')
        expect(rates(db, months, 'OuMali00001', 'filter')).toEqual({
            'REPORTING_RATE OuMali00001': '45.0',
            'ACTUAL_REPORTS OuMali00001': '18.0',
            'EXPECTED_REPORTS OuMali00001': '40.0',
        })
    })

    it('gives no row without a target, even with reports (unit AnalyticsServiceReportingRateTest#verifyNullTargetIsNullForReportingRate)', async () => {
        const db = smallDatabase()
        // A report from the district itself, which the data set is not assigned to.
        register(db, 'OuDist00001', '202401')
        await runAnalyticsJob(db, () => NOW)
        expect(rates(db, '202401', 'OuDist00001;OuDist00002')).toEqual({
            'REPORTING_RATE 202401 OuDist00001': '100.0',
            'ACTUAL_REPORTS 202401 OuDist00001': '3.0',
            'EXPECTED_REPORTS 202401 OuDist00001': '2.0',
            'REPORTING_RATE 202401 OuDist00002': '100.0',
            'ACTUAL_REPORTS 202401 OuDist00002': '1.0',
            'EXPECTED_REPORTS 202401 OuDist00002': '1.0',
        })
        // The rate above is capped at 100 (DataHandler#getReportingRate: min(actual × 100 / target, 100)).
        setDates(db, 'OuFac000003', { closedDate: '2023-12-31' })
        expect(rates(db, '202401', 'OuDist00002')).toEqual({})
    })

    it('expects no report from a facility before its opening date (JdbcAnalyticsManager, ouopeningdate restriction)', async () => {
        const db = smallDatabase()
        // Facility 4 opened mid-year.
        setDates(db, 'OuFac000004', { openingDate: '2024-07-01T00:00:00.000' })
        await runAnalyticsJob(db, () => NOW)
        expect(rates(db, '202406;202407', 'OuFac000004')).toEqual({
            'REPORTING_RATE 202407 OuFac000004': '0.0',
            'ACTUAL_REPORTS 202407 OuFac000004': '0.0',
            'EXPECTED_REPORTS 202407 OuFac000004': '1.0',
        })
        // A unit counts for a period only when open from its first day: not in the year 2024 at all, and the
        // region's months before July expect only the other facilities.
        expect(rates(db, '2024', 'OuFac000004')).toEqual({})
        expect(rates(db, '2024Q2;2024Q3', 'OuMali00001')).toMatchObject({
            'EXPECTED_REPORTS 2024Q2 OuMali00001': '9.0',
            'EXPECTED_REPORTS 2024Q3 OuMali00001': '12.0',
        })
        // With a period filter the restriction is the first filter period (groupByStartEndDateRestriction).
        expect(rates(db, '202407;202408', 'OuFac000004', 'filter')).toMatchObject({
            'EXPECTED_REPORTS OuFac000004': '2.0',
        })
        expect(rates(db, '202406;202407', 'OuFac000004', 'filter')).toEqual({})
    })

    it('expects no report from a facility after its closing date (JdbcAnalyticsManager, oucloseddate restriction)', async () => {
        const db = smallDatabase()
        // Facility 3 (Nioro) closed on 15 March 2024; its reports of January to June still count as received.
        setDates(db, 'OuFac000003', { closedDate: '2024-03-15T00:00:00.000' })
        await runAnalyticsJob(db, () => NOW)
        expect(rates(db, '202402;202403', 'OuDist00002')).toEqual({
            'REPORTING_RATE 202402 OuDist00002': '100.0',
            'ACTUAL_REPORTS 202402 OuDist00002': '1.0',
            'EXPECTED_REPORTS 202402 OuDist00002': '1.0',
        })
    })
})
