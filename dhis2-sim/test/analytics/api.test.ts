// GET /api/analytics and the analytics job over HTTP, against the real simulator with the Mali demo
// database. Expected values are recomputed here from the raw data values and the org unit paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import type { MetadataObject } from '../../src/core/types.js'

const NOW = new Date('2025-03-15T10:00:00.000Z')
const auth = (user: string, password: string) =>
    'Basic ' + Buffer.from(`${user}:${password}`).toString('base64')
const ADMIN = auth('admin', 'district')
const SIKASSO_USER = auth('drs.sikasso', 'Sikasso@2024')
const COMMUNE5_USER = auth('mcd.commune5', 'Commune5@2024')

interface Grid {
    headers: Array<{
        name: string
        column: string
        valueType: string
        type: string
        hidden: boolean
        meta: boolean
    }>
    metaData: {
        items: Record<string, { name?: string; organisationUnits?: string[] }>
        dimensions: Record<string, string[]>
    }
    rowContext: Record<string, never>
    rows: string[][]
    height: number
    width: number
    headerWidth: number
}

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo', now: () => NOW })
    await sim.runAnalytics()
}, 90_000)

afterAll(async () => {
    await sim.close()
})

async function get(path: string, authorization = ADMIN): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${sim.url}/api/${path}`, {
        headers: { Authorization: authorization, 'X-Requested-With': 'XMLHttpRequest' },
    })
    return { status: response.status, body: await response.json() }
}

async function analytics(query: string, authorization = ADMIN): Promise<Grid> {
    const { status, body } = await get(`41/analytics?${query}`, authorization)
    expect(status, JSON.stringify(body)).toBe(200)
    return body as Grid
}

function byCode(
    collection:
        | 'organisationUnits'
        | 'indicators'
        | 'dataElements'
        | 'dataSets'
        | 'organisationUnitGroupSets'
        | 'organisationUnitGroups',
    code: string
): MetadataObject {
    const object = sim.db.metadata.findBy(collection, 'CODE', code)
    if (!object) throw new Error(`No ${collection} with code ${code}`)
    return object
}

function inside(orgUnit: string, ancestor: string): boolean {
    return String(sim.db.metadata.get('organisationUnits', orgUnit)?.path ?? '')
        .split('/')
        .includes(ancestor)
}

/** Raw sum of a data element (or operand) under an org unit for a year, from the stored values. */
function rawYearSum(
    dataElement: string,
    coc: string | null,
    ancestor: string,
    year: string
): { sum: number; found: boolean } {
    let sum = 0
    let found = false
    for (const dv of sim.db.dataValues.all()) {
        if (dv.deleted || dv.value === null || dv.dataElement !== dataElement) continue
        if (coc !== null && dv.categoryOptionCombo !== coc) continue
        // Monthly (yyyyMM) and yearly (yyyy) values of the year.
        if (!(dv.period === year || (dv.period.length === 6 && dv.period.startsWith(year)))) continue
        if (!inside(dv.orgUnit, ancestor)) continue
        sum += Number(dv.value)
        found = true
    }
    return { sum, found }
}

/** Evaluates a sum of `#{de}` / `#{de.coc}` items (the shape of the MAP indicators) from raw values. */
function rawExpression(expression: string, ancestor: string, year: string): number {
    const terms = expression.split('+').map((term) => term.trim())
    let total = 0
    for (const term of terms) {
        const match = /^#\{(\w{11})(?:\.(\w{11}))?\}$/.exec(term)
        if (!match) throw new Error(`Unexpected indicator expression term: ${term}`)
        total += rawYearSum(match[1] ?? '', match[2] ?? null, ancestor, year).sum
    }
    return total
}

/** DHIS2's indicator value: numerator × factor / denominator, annualized, rounded to the indicator's decimals. */
function expectedIndicator(code: string, ancestor: string, year: string): number {
    const indicator = byCode('indicators', code)
    const type = sim.db.metadata.get('indicatorTypes', (indicator.indicatorType as { id: string }).id)
    const factor = Number(type?.factor ?? 1)
    const numerator = rawExpression(String(indicator.numerator), ancestor, year)
    const denominator = rawExpression(String(indicator.denominator), ancestor, year)
    const daysInYear = Number(year) % 4 === 0 ? 366 : 365
    const annualization = indicator.annualized === true ? 365 / daysInYear : 1
    const decimals = typeof indicator.decimals === 'number' ? indicator.decimals : 2
    const scale = 10 ** decimals
    return Math.round(((numerator * factor * annualization) / denominator) * scale) / scale
}

describe('GET /api/analytics on the demo database', () => {
    it.each(['IND_PALU_INCIDENCE', 'IND_ACCOUCH_ASSISTES'])(
        '%s for a region in 2024 equals the value recomputed from raw data values',
        async (code) => {
            const indicator = byCode('indicators', code)
            const region = byCode('organisationUnits', 'ML-3')
            const joined = await analytics(`dimension=dx:${indicator.id},pe:2024,ou:${region.id}`)
            // app-runtime joins the array with ',' and URI-encodes each element.
            const encoded = await analytics(
                `dimension=${encodeURIComponent(`dx:${indicator.id}`)},${encodeURIComponent('pe:2024')},${encodeURIComponent(`ou:${region.id}`)}`
            )
            const repeated = await analytics(
                `dimension=dx:${indicator.id}&dimension=pe:2024&dimension=ou:${region.id}`
            )
            expect(encoded).toEqual(joined)
            expect(repeated).toEqual(joined)

            expect(joined.headers).toEqual([
                {
                    name: 'dx',
                    column: 'Data',
                    valueType: 'TEXT',
                    type: 'java.lang.String',
                    hidden: false,
                    meta: true,
                },
                {
                    name: 'pe',
                    column: 'Period',
                    valueType: 'TEXT',
                    type: 'java.lang.String',
                    hidden: false,
                    meta: true,
                },
                {
                    name: 'ou',
                    column: 'Organisation unit',
                    valueType: 'TEXT',
                    type: 'java.lang.String',
                    hidden: false,
                    meta: true,
                },
                {
                    name: 'value',
                    column: 'Value',
                    valueType: 'NUMBER',
                    type: 'java.lang.Double',
                    hidden: false,
                    meta: false,
                },
            ])
            expect(Object.keys(joined)).toEqual([
                'headers',
                'metaData',
                'rowContext',
                'rows',
                'height',
                'width',
                'headerWidth',
            ])
            expect(joined).toMatchObject({ rowContext: {}, height: 1, width: 4, headerWidth: 4 })
            expect(joined.metaData.dimensions).toEqual({
                dx: [indicator.id],
                pe: ['2024'],
                ou: [region.id],
                co: [],
            })
            expect(joined.metaData.items).toMatchObject({
                [indicator.id]: { name: indicator.name },
                [region.id]: { name: 'Sikasso' },
                '2024': { name: '2024' },
                dx: { name: 'Data' },
                pe: { name: 'Period' },
                ou: { name: 'Organisation unit' },
            })
            const [row] = joined.rows
            expect(row?.slice(0, 3)).toEqual([indicator.id, '2024', region.id])
            const value = row?.[3] ?? ''
            expect(value).toMatch(/^\d+\.\d{1,2}$/)
            expect(Number(value)).toBe(expectedIndicator(code, region.id, '2024'))
        }
    )

    it('answers on unversioned and .json paths too', async () => {
        const indicator = byCode('indicators', 'IND_ACCOUCH_ASSISTES')
        const region = byCode('organisationUnits', 'ML-3')
        const query = `dimension=dx:${indicator.id},pe:2024,ou:${region.id}`
        const versioned = await analytics(query)
        expect((await get(`analytics?${query}`)).body).toEqual(versioned)
        expect((await get(`analytics.json?${query}`)).body).toEqual(versioned)
    })

    it('splits by the sector group set; the sectors sum to the total', async () => {
        const de = byCode('dataElements', 'ACCOUCH_ASSISTES')
        const region = byCode('organisationUnits', 'ML-3')
        const sectors = byCode('organisationUnitGroupSets', 'SECTEUR')
        const split = await analytics(`dimension=dx:${de.id},pe:2024,ou:${region.id},${sectors.id}`)
        expect(split.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'ou', sectors.id, 'value'])
        expect(split.headers[3]?.column).toBe(sectors.name)
        const total = rawYearSum(de.id, null, region.id, '2024').sum
        expect(split.rows.reduce((sum, row) => sum + Number(row[4]), 0)).toBe(total)
        expect(split.rows.length).toBeGreaterThan(1)
        expect(split.metaData.dimensions[sectors.id]?.length).toBe(4)
        const publicGroup = byCode('organisationUnitGroups', 'SECT_PUBLIC')
        expect(split.metaData.items[publicGroup.id]).toEqual({ name: publicGroup.name })
    })

    it('resolves relative periods, LEVEL-n, USER_ORGUNIT_CHILDREN and filters', async () => {
        const indicator = byCode('indicators', 'IND_ACCOUCH_ASSISTES')
        const sikasso = byCode('organisationUnits', 'ML-3')
        const children = await analytics(
            `dimension=dx:${indicator.id},pe:LAST_YEAR,ou:USER_ORGUNIT_CHILDREN&relativePeriodDate=2025-03-01`,
            SIKASSO_USER
        )
        const districts = sim.db.metadata
            .list('organisationUnits')
            .filter((ou) => (ou.parent as { id?: string } | undefined)?.id === sikasso.id)
            .map((ou) => ou.id)
        expect(children.metaData.dimensions.pe).toEqual(['2024'])
        expect(children.metaData.items.LAST_YEAR).toEqual({ name: 'Last year' })
        expect([...(children.metaData.dimensions.ou ?? [])].sort()).toEqual([...districts].sort())
        expect([...(children.metaData.items.USER_ORGUNIT_CHILDREN?.organisationUnits ?? [])].sort()).toEqual(
            [...districts].sort()
        )
        for (const row of children.rows) {
            expect(Number(row[3])).toBe(expectedIndicator('IND_ACCOUCH_ASSISTES', row[2] ?? '', '2024'))
        }

        const regions = await analytics(`dimension=dx:${indicator.id},ou:LEVEL-2&filter=pe:2024`)
        expect(regions.headers.map((h) => h.name)).toEqual(['dx', 'ou', 'value'])
        expect(regions.metaData.dimensions.ou).toHaveLength(11)
        expect(regions.metaData.dimensions.pe).toEqual(['2024'])

        const months = await analytics(
            `dimension=dx:${indicator.id},pe:LAST_12_MONTHS&filter=ou:${sikasso.id}&relativePeriodDate=2025-01-15`
        )
        expect(months.metaData.dimensions.pe).toEqual(
            Array.from({ length: 12 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`)
        )
        expect(months.metaData.items['202401']).toEqual({ name: 'January 2024' })
        expect(months.rows).toHaveLength(12)
    })

    it('answers DHIS2 errors as 409 envelopes with error codes', async () => {
        const indicator = byCode('indicators', 'IND_ACCOUCH_ASSISTES')
        const kayes = byCode('organisationUnits', 'ML-1')
        const refused = await get(
            `41/analytics?dimension=dx:${indicator.id},pe:2024,ou:${kayes.id}`,
            SIKASSO_USER
        )
        expect(refused).toEqual({
            status: 409,
            body: {
                httpStatus: 'Conflict',
                httpStatusCode: 409,
                status: 'ERROR',
                message: `User: \`drs.sikasso\` is not allowed to view org unit: \`${kayes.id}\``,
                errorCode: 'E7120',
            },
        })
        const noPeriod = await get(`41/analytics?dimension=dx:${indicator.id},ou:${kayes.id}`)
        expect(noPeriod.status).toBe(409)
        expect(noPeriod.body).toMatchObject({ errorCode: 'E7104' })
        const badDimension = await get(`41/analytics?dimension=dx:${indicator.id},pe:2024,nothing:here`)
        expect(badDimension.body).toMatchObject({ errorCode: 'E7125' })
        const badUnit = await get(`41/analytics?dimension=dx:${indicator.id},pe:2024,ou:notAnOrgUnit`)
        expect(badUnit.body).toMatchObject({ errorCode: 'E7143' })
    })

    it('computes reporting rates of a data set from complete registrations', async () => {
        const ds = byCode('dataSets', 'DS_SLIS_MENSUEL')
        const region = byCode('organisationUnits', 'ML-3')
        const grid = await analytics(
            `dimension=dx:${ds.id}.REPORTING_RATE;${ds.id}.ACTUAL_REPORTS;${ds.id}.EXPECTED_REPORTS,pe:2024,ou:${region.id}`
        )
        let actual = 0
        for (const reg of sim.db.completeRegistrations.all()) {
            if (
                reg.completed &&
                reg.dataSet === ds.id &&
                /^2024\d\d$/.test(reg.period) &&
                inside(reg.organisationUnit, region.id)
            ) {
                actual++
            }
        }
        const assigned = (ds.organisationUnits as Array<{ id: string }>).filter((ou) =>
            inside(ou.id, region.id)
        ).length
        const value = (metric: string) => grid.rows.find((row) => row[0] === `${ds.id}.${metric}`)?.[3]
        expect(actual).toBeGreaterThan(0)
        expect(value('ACTUAL_REPORTS')).toBe(`${actual}.0`)
        expect(value('EXPECTED_REPORTS')).toBe(`${assigned * 12}.0`)
        expect(Number(value('REPORTING_RATE'))).toBe(
            Math.round(((actual * 100) / (assigned * 12)) * 100) / 100
        )
        expect(grid.metaData.items[`${ds.id}.REPORTING_RATE`]?.name).toBe(`${ds.name} - Reporting rate`)
    })

    it('shows pushed values only after POST /api/resourceTables/analytics has run', async () => {
        const de = byCode('dataElements', 'ACCOUCH_ASSISTES')
        const privateGroup = byCode('organisationUnitGroups', 'SECT_PRIVE_LUCRATIF')
        const commune5 = byCode('organisationUnits', 'ML-BKO-C5')
        const clinic = (privateGroup.organisationUnits as Array<{ id: string }>)
            .map((ou) => ou.id)
            .find((id) => inside(id, commune5.id))
        expect(clinic).toBeDefined()
        const query = `dimension=dx:${de.id},pe:202401,ou:${clinic}`
        expect((await analytics(query)).rows).toEqual([])

        const pushed = await fetch(`${sim.url}/api/41/dataValueSets`, {
            method: 'POST',
            headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
            body: JSON.stringify({
                dataValues: [{ dataElement: de.id, period: '202401', orgUnit: clinic, value: '7' }],
            }),
        })
        expect(pushed.status).toBe(200)
        expect((await analytics(query)).rows).toEqual([])

        const refused = await fetch(`${sim.url}/api/41/resourceTables/analytics`, {
            method: 'POST',
            headers: { Authorization: COMMUNE5_USER },
        })
        expect(refused.status).toBe(403)

        const lastRun = sim.db.analytics.lastRun
        const started = await fetch(`${sim.url}/api/41/resourceTables/analytics`, {
            method: 'POST',
            headers: { Authorization: ADMIN },
        })
        expect(started.status).toBe(200)
        const envelope = (await started.json()) as {
            status: string
            message: string
            response: { id: string; jobType: string; relativeNotifierEndpoint: string }
        }
        expect(envelope).toMatchObject({ status: 'OK', response: { jobType: 'ANALYTICS_TABLE' } })
        expect(envelope.message).toMatch(/^Initiated ANALYTICS_TABLE/)
        expect(envelope.response.relativeNotifierEndpoint).toBe(
            `/api/system/tasks/ANALYTICS_TABLE/${envelope.response.id}`
        )
        let completed = false
        for (let attempt = 0; attempt < 200 && !completed; attempt++) {
            const { body } = await get(`41/system/tasks/ANALYTICS_TABLE/${envelope.response.id}`)
            completed =
                Array.isArray(body) && (body[0] as { completed?: boolean } | undefined)?.completed === true
            if (!completed) await new Promise((resolve) => setTimeout(resolve, 50))
        }
        expect(completed).toBe(true)
        expect(sim.db.analytics.lastRun).not.toBe(lastRun)
        expect((await analytics(query)).rows).toEqual([[de.id, '202401', clinic, '7']])
        // The district officer of Commune V sees it in the private sector of the district.
        const sectors = byCode('organisationUnitGroupSets', 'SECTEUR')
        const split = await analytics(
            `dimension=dx:${de.id},pe:202401,ou:USER_ORGUNIT,${sectors.id}:${privateGroup.id}`,
            COMMUNE5_USER
        )
        expect(split.rows).toEqual([[de.id, '202401', commune5.id, privateGroup.id, '7']])
    })
})
