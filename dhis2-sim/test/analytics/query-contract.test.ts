// Contract tests of how an analytics query is read and refused, each written from the assertions of a
// dhis2-core test (tag 2.41.3): `it/analytics/data/DataQueryServiceTest` (dimensions, relative periods,
// org unit keywords), `unit: analytics QueryValidatorTest` and the `DefaultQueryValidator` it exercises
// (the E71xx chain). Sources: docs/dhis2-api.md §7.1-§7.3 and §7.7.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { smallSeed } from './small-seed.js'

const ADMIN = { Authorization: 'Basic ' + Buffer.from('admin:district').toString('base64') }
const DISTRICT = { Authorization: 'Basic ' + Buffer.from('district1:district').toString('base64') }

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed(), serverVersion: '2.41.3' })
    await sim.runAnalytics()
})
afterAll(async () => {
    await sim.close()
})

interface Grid {
    rows: string[][]
    headers: Array<{ name: string }>
    metaData: { dimensions: Record<string, string[]>; items: Record<string, { name: string }> }
}

async function analytics(query: string, auth = ADMIN) {
    const response = await fetch(`${sim.url}/api/41/analytics?${query}`, { headers: auth })
    return { status: response.status, body: (await response.json()) as Grid & Record<string, unknown> }
}

async function refusal(query: string): Promise<string> {
    const { status, body } = await analytics(query)
    expect(status).toBe(409)
    expect(body.httpStatus).toBe('Conflict')
    expect(body.status).toBe('ERROR')
    return `${String(body.errorCode)} ${String(body.message)}`
}

describe('dimensions as DataQueryService reads them (it DataQueryServiceTest)', () => {
    it('testGetFromUrlA: pe:LAST_12_MONTHS gives 12 periods; an ou filter keeps its two units', async () => {
        const { status, body } = await analytics(
            'dimension=dx:DeCases0001;DePop000001&dimension=pe:LAST_12_MONTHS' +
                '&filter=ou:OuReg000001;OuReg000002&relativePeriodDate=2025-03-15&skipData=true'
        )
        expect(status).toBe(200)
        expect(body.metaData.dimensions.pe).toHaveLength(12)
        // "last" keywords exclude the running month: March 2024 to February 2025
        expect(body.metaData.dimensions.pe?.[0]).toBe('202403')
        expect(body.metaData.dimensions.pe?.[11]).toBe('202502')
        expect(body.metaData.dimensions.ou).toEqual(['OuReg000001', 'OuReg000002'])
    })

    it('testGetFromUrlUserOrgUnit: ou:USER_ORGUNIT is the user’s one unit', async () => {
        const { status, body } = await analytics(
            'dimension=ou:USER_ORGUNIT&dimension=dx:DeCases0001&dimension=pe:2023;2024&skipData=true',
            DISTRICT
        )
        expect(status).toBe(200)
        expect(body.metaData.dimensions.ou).toEqual(['OuDist00001'])
        expect(body.metaData.dimensions.pe).toEqual(['2023', '2024'])
    })

    it('testGetFromUrlOrgUnitLevel: ou:LEVEL-2 is every unit of level 2', async () => {
        const { status, body } = await analytics(
            'dimension=ou:LEVEL-2&dimension=dx:DeCases0001&dimension=pe:2023;2024&skipData=true'
        )
        expect(status).toBe(200)
        expect([...(body.metaData.dimensions.ou ?? [])].sort()).toEqual(['OuReg000001', 'OuReg000002'])
    })

    it('testGetFromUrlNoDx / testGetFromUrlNoPeriods: a dx or pe dimension without items is E7124', async () => {
        expect(await refusal('dimension=dx&dimension=pe:2024')).toBe(
            'E7124 Dimension is present in query without any valid dimension options: `dx`'
        )
        expect(await refusal('dimension=dx:DeCases0001&dimension=pe')).toBe(
            'E7124 Dimension is present in query without any valid dimension options: `pe`'
        )
    })

    it('testGetFromUrlNoOrganisationUnits: an ou dimension without items is E7143', async () => {
        expect(await refusal('dimension=dx:DeCases0001&dimension=ou&dimension=pe:2024')).toBe(
            'E7143 Organisation unit or organisation unit level is not valid'
        )
    })

    it('testGetFromUrlInvalidDimension: an unknown dimension id is E7125', async () => {
        expect(await refusal('dimension=dx:DeCases0001&dimension=yebo:2012&dimension=pe:2024')).toBe(
            'E7125 Dimension identifier does not reference any dimension: `yebo`'
        )
    })
})

describe('DefaultQueryValidator#validateForErrorMessage (unit QueryValidatorTest)', () => {
    it('validateFailureNoPeriods: no period and no dates is E7104', async () => {
        expect(await refusal('dimension=dx:DeCases0001&dimension=ou:OuMali00001')).toBe(
            'E7104 At least one period as dimension or filter, or start and dates, must be specified'
        )
    })

    it('validateFailureNoDataItems: no data item is E7102', async () => {
        expect(await refusal('dimension=ou:OuMali00001&filter=pe:2024')).toMatch(/^E7102 /)
    })

    it('validateFailureSingleIndicatorAsFilter: an indicator in a dx filter of several items is E7108', async () => {
        expect(
            await refusal('dimension=ou:OuMali00001&dimension=pe:2024&filter=dx:IndIncid001;DeCases0001')
        ).toBe('E7108 Only a single indicator can be specified as filter')
        expect(
            (await analytics('dimension=ou:OuMali00001&dimension=pe:2024&filter=dx:IndIncid001')).status
        ).toBe(200)
    })

    it('E7109: a reporting rate in a dx filter of several items', async () => {
        expect(
            await refusal(
                'dimension=ou:OuMali00001&dimension=pe:2024&filter=dx:DsMonthly01.REPORTING_RATE;DeCases0001'
            )
        ).toBe('E7109 Only a single reporting rate can be specified as filter')
    })

    it('validateFailureReportingRatesAndStartEndDates: reporting rates with start and end dates are E7107', async () => {
        expect(
            await refusal(
                'dimension=dx:DsMonthly01.REPORTING_RATE&dimension=ou:OuMali00001&startDate=2024-01-01&endDate=2024-12-31'
            )
        ).toBe('E7107 Start and end dates cannot be specified for reporting rates')
    })

    it('validateFailureReportingRatesAndDataElementGroupSetAsDimensions: E7112 outside the completeness types', async () => {
        const answer = await refusal(
            'dimension=dx:DsMonthly01.REPORTING_RATE;DeCases0001&dimension=ou:OuMali00001&dimension=pe:2024&dimension=co'
        )
        expect(answer).toMatch(
            /^E7112 Reporting rates can only be specified together with dimensions of type: `\[/
        )
        // the org unit group set of the sector split is a completeness type
        const split = await analytics(
            'dimension=dx:DsMonthly01.ACTUAL_REPORTS&dimension=ou:OuMali00001&dimension=pe:2024&dimension=OugsSecteur'
        )
        expect(split.status).toBe(200)
    })

    it('validateFailureOptionCombosWithIndicators: co with an indicator is E7114, co without data element E7113', async () => {
        expect(
            await refusal(
                'dimension=dx:DeCases0001;IndIncid001&dimension=ou:OuMali00001&dimension=pe:2024&dimension=co'
            )
        ).toBe('E7114 Assigned categories can only be specified together with data elements')
        expect(
            await refusal('dimension=dx:IndIncid001&dimension=ou:OuMali00001&dimension=pe:2024&dimension=co')
        ).toBe('E7113 Assigned categories cannot be specified when data elements are not specified')
    })

    it('E7110: co as a filter', async () => {
        expect(
            await refusal('dimension=dx:DeCases0001&dimension=ou:OuMali00001&dimension=pe:2024&filter=co')
        ).toBe('E7110 Category option combos cannot be specified as filter')
    })

    it('the chain overrides the first check: no dimension and no period is E7104, not E7101', async () => {
        expect(await refusal('filter=dx:DeCases0001')).toMatch(/^E7104 /)
        expect(await refusal('filter=pe:2024')).toBe('E7101 At least one dimension must be specified')
    })
})
