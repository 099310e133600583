// Labs and mutuelles end to end on the demo database (one simulator: the demo takes long to build).
// Labs: convert and push the registers with the bridge's handlers, run analytics, check the malaria
// incidence of the labs' districts, then search every file of the run for the patients' values.
// Mutuelles: push membership and claims, run analytics, check each district's AMU coverage.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { renderReport } from '../../src/cli/render.js'
import { runConvert } from '../../src/convert/handler.js'
import { runPush } from '../../src/push/handler.js'
import { uidFromCode } from '@odd3/mappings/uid'
import { completedReports, indicatorByOrgUnit, runAnalyticsJob } from './analytics-helpers.js'

const FIXTURES = new URL('../../../fixtures/labs/', import.meta.url).pathname
const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname
const MUT_FIXTURES = new URL('../../../fixtures/mutuelles/', import.meta.url).pathname
const DISTRICTS: Record<string, string> = { 'FS-C5': 'ML-BKO-C5', 'FS-SIK': 'ML-3-SIK', 'FS-SEG': 'ML-4-SEG' }

async function filesUnder(dir: string): Promise<string[]> {
    const out: string[] = []
    for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) out.push(...(await filesUnder(path)))
        else out.push(path)
    }
    return out
}

/** June 2025 beneficiaries per district, read from the fixture without the bridge. */
async function juneBeneficiaries(): Promise<Map<string, number>> {
    const mapping = JSON.parse(await readFile(join(MAPPINGS, 'mutuelles/mutuelles.json'), 'utf8')) as {
        mutuelles: Record<string, { district: string; names: string[] }>
    }
    const lines = (await readFile(join(MUT_FIXTURES, 'adhesions-2025S1.csv'), 'utf8'))
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

describe('laboratory and mutuelle files into DHIS2', () => {
    let sim: RunningSimulator
    let runDir: string
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
        runDir = await mkdtemp(join(tmpdir(), 'lab-run-'))
    }, 60_000)
    afterAll(async () => {
        await sim.close()
        await rm(runDir, { recursive: true, force: true })
    })

    it('lands the aggregates, moves the districts’ malaria incidence, and leaks no patient value', async () => {
        const files = (await readdir(FIXTURES))
            .filter((f) => f.startsWith('registre-'))
            .map((f) => join(FIXTURES, f))
        const indicator = uidFromCode('indicator', 'IND_PALU_INCIDENCE')
        const districtIds = Object.values(DISTRICTS).map((c) => uidFromCode('organisationUnit', c))
        await runAnalyticsJob(sim)
        const before = await indicatorByOrgUnit(sim, indicator, districtIds, '2025')

        const common = {
            files,
            source: 'lab',
            mappingsRoot: MAPPINGS,
            stateDir: join(runDir, 'state'),
            lang: 'fr' as const,
            dhis2: {
                baseUrl: sim.url,
                auth: { kind: 'basic' as const, username: 'bridge', password: 'Bridge@2024' },
            },
        }
        const converted = await runConvert({ ...common, out: join(runDir, 'valeurs.json') })
        await writeFile(join(runDir, 'convert.log'), renderReport(converted, 'fr'))
        const pushed = await runPush(common)
        await writeFile(join(runDir, 'push.log'), renderReport(pushed, 'fr'))
        await writeFile(join(runDir, 'push.json'), JSON.stringify(pushed, null, 2))
        expect(pushed.push?.rejected).toBe(0)
        expect(pushed.push?.saved).toBe(converted.values)

        // Positive malaria tests per district, from the converted file.
        const dvs = JSON.parse(await readFile(join(runDir, 'valeurs.json'), 'utf8')) as {
            dataValues: Array<{
                dataElement: string
                categoryOptionCombo: string
                attributeOptionCombo: string
                orgUnit: string
                period: string
                value: string
            }>
        }
        // each lab's monthly report with data is registered complete (the line lists aggregate to it)
        const labReports = new Set(
            dvs.dataValues.map((v) => `${v.orgUnit}|${v.period}|${v.attributeOptionCombo}`)
        )
        expect(pushed.complete?.registered).toBe(labReports.size)
        expect(
            await completedReports(sim, uidFromCode('dataSet', 'DS_LABO_MENSUEL'), '2025-01-01', '2025-12-31')
        ).toEqual(labReports)
        const positive = new Set(
            ['CC_RESULTAT_AGE_RES_POS_AGE_LT5', 'CC_RESULTAT_AGE_RES_POS_AGE_5PLUS'].map((c) =>
                uidFromCode('categoryOptionCombo', c)
            )
        )
        const malaria = new Set(['LAB_PALU_TDR', 'LAB_PALU_GE'].map((c) => uidFromCode('dataElement', c)))
        const labDistrict = new Map(
            sim.db.metadata
                .list('organisationUnits')
                .filter((o) => typeof o.code === 'string' && o.code.startsWith('FS-'))
                .map((o) => [o.id, String((o.parent as { id: string } | undefined)?.id)])
        )
        const added = new Map<string, number>()
        for (const v of dvs.dataValues) {
            if (!malaria.has(v.dataElement) || !positive.has(v.categoryOptionCombo)) continue
            const district = labDistrict.get(v.orgUnit) ?? ''
            added.set(district, (added.get(district) ?? 0) + Number(v.value))
        }

        await runAnalyticsJob(sim)
        const after = await indicatorByOrgUnit(sim, indicator, districtIds, '2025')
        for (const district of districtIds) {
            const b = before.get(district)
            const a = after.get(district)
            const plus = added.get(district) ?? 0
            expect(plus, district).toBeGreaterThan(0)
            expect(a?.numerator).toBe((b?.numerator ?? 0) + plus)
            // Annualised over a whole year: value = numerator × 1000 / population.
            const expected = (((b?.numerator ?? 0) + plus) * 1000) / (a?.denominator ?? 1)
            expect(a?.value).toBeCloseTo(expected, 6)
            expect(a?.value ?? 0).toBeGreaterThan(b?.value ?? 0)
        }

        // Every log and output file of the run: the report, the dataValueSet, the ledger, the audit.
        const outputs = await filesUnder(runDir)
        expect(outputs.length).toBeGreaterThanOrEqual(5)
        const text = (await Promise.all(outputs.map((f) => readFile(f, 'utf8')))).join('\n')
        const patientValues = JSON.parse(
            await readFile(join(FIXTURES, 'patient-values.json'), 'utf8')
        ) as string[]
        expect(patientValues.filter((p) => text.includes(p))).toEqual([])
    })

    it('lands membership and claims, and the AMU coverage of each district reflects them', async () => {
        const expected = await juneBeneficiaries()
        expect(expected.size).toBe(5)
        const common = {
            files: [join(MUT_FIXTURES, 'adhesions-2025S1.csv'), join(MUT_FIXTURES, 'prestations-2025S1.csv')],
            source: 'mutuelle',
            mappingsRoot: MAPPINGS,
            stateDir: join(runDir, 'mutuelle-state'),
            dhis2: {
                baseUrl: sim.url,
                auth: { kind: 'basic' as const, username: 'bridge', password: 'Bridge@2024' },
            },
        }
        await runConvert({ ...common, out: join(runDir, 'mutuelles.json') })
        const report = await runPush(common)
        expect(report.errors).toBe(4)
        expect(report.push?.rejected).toBe(0)
        expect(report.push?.saved).toBe(report.values)

        // membership is the district's report with the mutuelle as attribute option combo: completed as such
        const converted = JSON.parse(await readFile(join(runDir, 'mutuelles.json'), 'utf8')) as {
            dataValues: Array<{ orgUnit: string; period: string; attributeOptionCombo: string }>
        }
        const reports = new Set(
            converted.dataValues.map((v) => `${v.orgUnit}|${v.period}|${v.attributeOptionCombo}`)
        )
        expect([...reports].some((r) => !r.endsWith('|HllvX50cXC0'))).toBe(true)
        expect(report.complete?.registered).toBe(reports.size)
        expect(
            await completedReports(
                sim,
                uidFromCode('dataSet', 'DS_MUTUELLE_MENSUEL'),
                '2025-01-01',
                '2025-12-31'
            )
        ).toEqual(reports)

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
