// Mutuelle files end to end: push membership and claims with the bridge's handler, run analytics,
// and check the AMU coverage indicator of each mutuelle's district against the fixture.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { uidFromCode } from '../../../mappings/src/uid.js'
import { pushHandler } from '../../src/handlers/push.js'
import { indicatorByOrgUnit, runAnalyticsJob } from '../lab/analytics-helpers.js'

const FIXTURES = new URL('../../../fixtures/mutuelles/', import.meta.url).pathname
const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname

/** June 2025 beneficiaries per district, read from the fixture without the bridge. */
async function juneBeneficiaries(): Promise<Map<string, number>> {
    const mapping = JSON.parse(await readFile(join(MAPPINGS, 'mutuelles/mutuelles.json'), 'utf8')) as {
        mutuelles: Record<string, { district: string; names: string[] }>
    }
    const lines = (await readFile(join(FIXTURES, 'adhesions-2025S1.csv'), 'utf8'))
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
    const out = new Map<string, number>()
    for (const line of lines.slice(1)) {
        const [mutuelle, , month, , beneficiaries] = line.split(';')
        if (!['juin 2025', '06/2025', '2025-06'].includes(month ?? '')) continue
        const entry = Object.entries(mapping.mutuelles).find(
            ([code, m]) => code === mutuelle || m.names.includes(mutuelle ?? '')
        )
        if (entry === undefined) continue
        const district = uidFromCode('organisationUnit', entry[1].district)
        out.set(district, (out.get(district) ?? 0) + Number(beneficiaries))
    }
    return out
}

describe('mutuelle files into DHIS2', () => {
    let sim: RunningSimulator
    let stateDir: string
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
        stateDir = await mkdtemp(join(tmpdir(), 'mut-run-'))
    }, 60_000)
    afterAll(async () => {
        await sim.close()
        await rm(stateDir, { recursive: true, force: true })
    })

    it('lands membership and claims, and the AMU coverage of each district reflects them', async () => {
        const expected = await juneBeneficiaries()
        expect(expected.size).toBe(5)
        const report = await pushHandler({
            files: [join(FIXTURES, 'adhesions-2025S1.csv'), join(FIXTURES, 'prestations-2025S1.csv')],
            source: 'mutuelle',
            mappingsRoot: MAPPINGS,
            stateDir,
            dhis2: { baseUrl: sim.url, auth: { kind: 'basic', username: 'bridge', password: 'Bridge@2024' } },
        })
        expect(report.errors).toBe(4)
        expect(report.push?.rejected).toBe(0)
        expect(report.push?.saved).toBe(report.values)

        await runAnalyticsJob(sim)
        const indicator = uidFromCode('indicator', 'IND_AMU_COUVERTURE')
        const rows = await indicatorByOrgUnit(sim, indicator, [...expected.keys()], '202506')
        for (const [district, beneficiaries] of expected) {
            const row = rows.get(district)
            expect(row?.numerator, district).toBe(beneficiaries)
            expect(row?.denominator ?? 0).toBeGreaterThan(0)
            expect(row?.value).toBeCloseTo((beneficiaries * 100) / (row?.denominator ?? 1), 6)
        }
    })
})
