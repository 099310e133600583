// The demo database inside the real simulator: analytics over the seeded data equals what the raw values give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metadataIndex } from '../../../mappings/src/package.js'
import { uidFromCode } from '../../../mappings/src/uid.js'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { buildDemoSeed, demoOrgUnits } from '../../src/demo/index.js'
import { districtYearTotals } from './raw-indicators.js'

const basic = (user: string, password: string): string =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

describe('analytics over the demo database', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
        await sim.runAnalytics()
    }, 120_000)
    afterAll(async () => {
        await sim.close()
    })

    it('gives a region the malaria incidence its raw values give', async () => {
        const index = metadataIndex()
        const units = demoOrgUnits()
        const totals = districtYearTotals(buildDemoSeed({ includePackage: true }).dataValues, units)
        const sikasso = units.filter((u) => u.level === 3 && u.regionCode === 'ML-3').map((u) => u.code)
        const sum = (code: string): number => sikasso.reduce((acc, d) => acc + totals.get(d, 2023, code), 0)
        // 2023 has 365 days, so DHIS2's annualisation factor (365 / days) is 1.
        const expected = (1000 * sum('PALU_CONFIRMES')) / sum('POP_TOTALE')

        const indicator = index.indicatorUid('IND_PALU_INCIDENCE')
        const region = uidFromCode('organisationUnit', 'ML-3')
        const response = await fetch(
            `${sim.url}/api/41/analytics?dimension=dx:${indicator}&dimension=pe:2023&dimension=ou:${region}`,
            { headers: { Authorization: basic('admin', 'district') } }
        )
        expect(response.status).toBe(200)
        const json = (await response.json()) as { headers: Array<{ name: string }>; rows: string[][] }
        const valueColumn = json.headers.findIndex((h) => h.name === 'value')
        const value = Number(json.rows[0]?.[valueColumn])
        expect(expected).toBeGreaterThan(60)
        expect(value).toBeCloseTo(expected, 0)
    })
})
