// Analytics through the Web API, as an operator would: start the analytics job, wait for it, query.
import axios from 'axios'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { uidFromCode } from '@odd3/mappings/uid'

const AUTH = { username: 'admin', password: 'district' }

/** `POST /api/resourceTables/analytics`, then waits until the job has refreshed the tables. */
export async function runAnalyticsJob(sim: RunningSimulator): Promise<void> {
    const before = sim.db.analytics.lastRun
    const response = await axios.post(`${sim.url}/api/resourceTables/analytics`, undefined, { auth: AUTH })
    if (response.status >= 300) throw new Error(`analytics job: HTTP ${response.status}`)
    for (let i = 0; i < 600; i++) {
        if (sim.db.analytics.lastRun !== null && sim.db.analytics.lastRun !== before) return
        await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('analytics job did not finish')
}

export interface IndicatorRow {
    value: number
    numerator: number
    denominator: number
}

/** One indicator for some org units and one period, with numerator and denominator, unrounded. */
export async function indicatorByOrgUnit(
    sim: RunningSimulator,
    indicator: string,
    orgUnits: readonly string[],
    period: string
): Promise<Map<string, IndicatorRow>> {
    const response = await axios.get(`${sim.url}/api/analytics`, {
        auth: AUTH,
        params: {
            dimension: [`dx:${indicator}`, `ou:${orgUnits.join(';')}`],
            filter: `pe:${period}`,
            includeNumDen: true,
            skipRounding: true,
            displayProperty: 'NAME',
        },
        paramsSerializer: { indexes: null },
    })
    const body = response.data as { headers: Array<{ name: string }>; rows: string[][] }
    const col = (name: string): number => body.headers.findIndex((h) => h.name === name)
    const out = new Map<string, IndicatorRow>()
    for (const row of body.rows) {
        out.set(row[col('ou')] ?? '', {
            value: Number(row[col('value')]),
            numerator: Number(row[col('numerator')]),
            denominator: Number(row[col('denominator')]),
        })
    }
    return out
}

/** Registrations of a data set as complete, anywhere in Mali, over a date range: `ou|pe|aoc` keys. */
export async function completedReports(
    sim: RunningSimulator,
    dataSet: string,
    startDate: string,
    endDate: string
): Promise<Set<string>> {
    const response = await axios.get(`${sim.url}/api/completeDataSetRegistrations`, {
        auth: AUTH,
        params: {
            dataSet,
            orgUnit: uidFromCode('organisationUnit', 'ML'),
            children: true,
            startDate,
            endDate,
        },
    })
    // `{}` when nothing is registered, as DHIS2 answers (docs/dhis2-api.md §11).
    const body = response.data as {
        completeDataSetRegistrations?: Array<{
            organisationUnit: string
            period: string
            attributeOptionCombo: string
            completed: boolean
        }>
    }
    return new Set(
        (body.completeDataSetRegistrations ?? [])
            .filter((r) => r.completed)
            .map((r) => `${r.organisationUnit}|${r.period}|${r.attributeOptionCombo}`)
    )
}
