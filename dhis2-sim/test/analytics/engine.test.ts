// The analytics engine against a small database whose expected values are computed here from the
// raw data values (never through the engine).
import { describe, expect, it } from 'vitest'
import type { Database, SimUser, StoredDataValue } from '../../src/core/types.js'
import { AnalyticsQueryError } from '../../src/analytics/errors.js'
import { runAnalyticsJob } from '../../src/analytics/job.js'
import { runAnalyticsQuery } from '../../src/analytics/query.js'
import { DEFAULT_COC, USERS, smallDatabase } from './small-seed.js'

const NOW = new Date('2025-03-15T10:00:00Z')

function query(db: Database, qs: string, user: SimUser = USERS.admin) {
    return runAnalyticsQuery(db, user, new URLSearchParams(qs), NOW)
}

function errorOf(db: Database, qs: string, user: SimUser = USERS.admin): string {
    try {
        query(db, qs, user)
    } catch (error) {
        if (error instanceof AnalyticsQueryError) return `${error.errorCode} ${error.message}`
        throw error
    }
    return 'no error'
}

/** Raw sum of a data element under an org unit over periods starting with `prefix`. */
function rawSum(
    db: Database,
    de: string,
    under: string,
    prefix: string,
    filter?: (dv: StoredDataValue) => boolean
) {
    let sum = 0
    for (const dv of db.dataValues.all()) {
        if (dv.deleted || dv.value === null || dv.dataElement !== de || !dv.period.startsWith(prefix))
            continue
        const path = String(db.metadata.get('organisationUnits', dv.orgUnit)?.path ?? '')
        if (!path.split('/').includes(under)) continue
        if (filter && !filter(dv)) continue
        sum += Number(dv.value)
    }
    return sum
}

async function ready(): Promise<Database> {
    const db = smallDatabase()
    await runAnalyticsJob(db, () => NOW)
    return db
}

describe('analytics engine', () => {
    it('answers the DHIS2 shape for a data element total, comma-joined or repeated', async () => {
        const db = await ready()
        const joined = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000001&displayProperty=NAME')
        const repeated = query(db, 'dimension=dx:DeCases0001&dimension=pe:2024&dimension=ou:OuReg000001')
        expect(joined).toEqual(repeated)
        expect(joined.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'ou', 'value'])
        expect(joined.headers[3]).toEqual({
            name: 'value',
            column: 'Value',
            valueType: 'NUMBER',
            type: 'java.lang.Double',
            hidden: false,
            meta: false,
        })
        expect(joined.rows).toEqual([
            ['DeCases0001', '2024', 'OuReg000001', String(rawSum(db, 'DeCases0001', 'OuReg000001', '2024'))],
        ])
        expect(joined).toMatchObject({ height: 1, width: 4, headerWidth: 4, rowContext: {} })
        expect(joined.metaData).toMatchObject({
            items: {
                DeCases0001: { name: 'Cas confirmés' },
                '2024': { name: '2024' },
                OuReg000001: { name: 'Kayes' },
                dx: { name: 'Data' },
                pe: { name: 'Period' },
                ou: { name: 'Organisation unit' },
                CocLt500001: { name: 'Moins de 5 ans' },
            },
            dimensions: {
                dx: ['DeCases0001'],
                pe: ['2024'],
                ou: ['OuReg000001'],
                co: ['CocLt500001', 'Coc5plus001'],
            },
        })
    })

    it('computes an indicator from numerator and denominator, with the factor and two decimals', async () => {
        const db = await ready()
        const grid = query(
            db,
            'dimension=ou:OuReg000001;OuDist00003,dx:IndIncid001&dimension=pe:2023;2024&includeNumDen=true'
        )
        // dx first, then the other dimensions in request order.
        expect(grid.headers.map((h) => h.name)).toEqual([
            'dx',
            'ou',
            'pe',
            'value',
            'numerator',
            'denominator',
            'factor',
            'multiplier',
            'divisor',
        ])
        expect(grid.height).toBe(4)
        for (const row of grid.rows) {
            const [, ou = '', pe = '', value] = row
            const num = rawSum(db, 'DeCases0001', ou, pe)
            const den = rawSum(db, 'DePop000001', ou, pe)
            const expected = Math.round((num * 1000 * 100) / den) / 100
            expect(Number(value)).toBeCloseTo(expected, 10)
            expect(value).toMatch(/^\d+\.\d{1,2}$/)
            expect(row.slice(4)).toEqual([`${num}.0`, `${den}.0`, '1000.0', '1000', '1'])
        }
        expect(grid.metaData).toMatchObject({ dimensions: { co: [] } })
    })

    it('uses the yearly population for each month of a monthly query (disaggregation)', async () => {
        const db = await ready()
        const grid = query(
            db,
            'dimension=dx:DePop000001;IndIncid001&dimension=pe:202403;202404&filter=ou:OuFac000001'
        )
        const pop = rawSum(db, 'DePop000001', 'OuFac000001', '2024')
        expect(grid.headers.map((h) => h.name)).toEqual(['dx', 'pe', 'value'])
        const popRows = grid.rows.filter((r) => r[0] === 'DePop000001')
        expect(popRows).toEqual([
            ['DePop000001', '202403', String(pop)],
            ['DePop000001', '202404', String(pop)],
        ])
        const march = grid.rows.find((r) => r[0] === 'IndIncid001' && r[1] === '202403')
        const marchCases = rawSum(db, 'DeCases0001', 'OuFac000001', '202403')
        expect(Number(march?.[2])).toBeCloseTo(Math.round((marchCases * 1000 * 100) / pop) / 100, 10)
        // Only types that average over time disaggregate: as SUM, yearly data is not in any month.
        const asSum = query(
            db,
            'dimension=dx:DePop000001&dimension=pe:202403&filter=ou:OuFac000001&aggregationType=SUM'
        )
        expect(asSum.rows).toEqual([])
        // A two-year filter averages the yearly values over time (days-weighted).
        const twoYears = query(db, 'dimension=dx:DePop000001&filter=pe:2023;2024&filter=ou:OuFac000001')
        const pop2023 = rawSum(db, 'DePop000001', 'OuFac000001', '2023')
        expect(Number(twoYears.rows[0]?.[1])).toBeCloseTo(
            Math.round(((pop2023 * 365 + pop * 366) / 731) * 100) / 100,
            10
        )
    })

    it('hides values pushed after the last analytics run until the job runs again', async () => {
        const db = await ready()
        const before = query(db, 'dimension=dx:DeCases0001,pe:202401,ou:OuFac000001')
        const put: StoredDataValue = {
            dataElement: 'DeCases0001',
            period: '202401',
            orgUnit: 'OuFac000001',
            categoryOptionCombo: 'CocLt500001',
            attributeOptionCombo: DEFAULT_COC,
            value: '500',
            comment: null,
            followup: false,
            storedBy: 'test',
            created: NOW.toISOString(),
            lastUpdated: NOW.toISOString(),
            deleted: false,
        }
        db.dataValues.put(put)
        expect(query(db, 'dimension=dx:DeCases0001,pe:202401,ou:OuFac000001').rows).toEqual(before.rows)
        await runAnalyticsJob(db, () => NOW)
        const after = query(db, 'dimension=dx:DeCases0001,pe:202401,ou:OuFac000001')
        expect(after.rows[0]?.[3]).toBe(String(rawSum(db, 'DeCases0001', 'OuFac000001', '202401')))
        expect(after.rows).not.toEqual(before.rows)
    })

    it('refuses queries before the first run (E7144; no rows before 2.39.4 / 2.40.2) and rebuilds lazily when only lastRun was restored', async () => {
        const db = smallDatabase()
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuMali00001')).toMatch(/^E7144 /)
        const params = new URLSearchParams('dimension=dx:DeCases0001,pe:2024,ou:OuMali00001')
        expect(runAnalyticsQuery(db, USERS.admin, params, NOW, '2.40.1')).toMatchObject({
            rows: [],
            height: 0,
            width: 0,
        })
        db.analytics.lastRun = '2025-03-01T00:00:00.000Z'
        expect(query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuMali00001').height).toBe(1)
    })

    it('splits by the sector group set; the groups sum to the total', async () => {
        const db = await ready()
        const split = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuMali00001,OugsSecteur')
        expect(split.headers.map((h) => [h.name, h.column])).toEqual([
            ['dx', 'Data'],
            ['pe', 'Period'],
            ['ou', 'Organisation unit'],
            ['OugsSecteur', 'Secteur'],
            ['value', 'Value'],
        ])
        const total = rawSum(db, 'DeCases0001', 'OuMali00001', '2024')
        expect(split.rows.reduce((sum, row) => sum + Number(row[4]), 0)).toBe(total)
        expect(split.rows.map((r) => r[3]).sort()).toEqual(['OugPrive001', 'OugPublic01'])
        expect(split.metaData).toMatchObject({
            items: { OugsSecteur: { name: 'Secteur' }, OugPublic01: { name: 'Public' } },
            dimensions: { OugsSecteur: ['OugPublic01', 'OugPrive001'] },
        })
        const one = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuMali00001,OugsSecteur:OugPublic01')
        const publicSum = rawSum(db, 'DeCases0001', 'OuMali00001', '2024', (dv) =>
            ['OuFac000001', 'OuFac000003'].includes(dv.orgUnit)
        )
        expect(one.rows).toEqual([['DeCases0001', '2024', 'OuMali00001', 'OugPublic01', String(publicSum)]])
        const filtered = query(
            db,
            'dimension=dx:DeCases0001,pe:2024,ou:OuMali00001&filter=OugsSecteur:OugPublic01'
        )
        expect(filtered.rows).toEqual([['DeCases0001', '2024', 'OuMali00001', String(publicSum)]])
    })

    it('splits by category option combo and by category', async () => {
        const db = await ready()
        const co = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000002,co')
        const lt5 = rawSum(
            db,
            'DeCases0001',
            'OuReg000002',
            '2024',
            (dv) => dv.categoryOptionCombo === 'CocLt500001'
        )
        expect(co.rows).toContainEqual(['DeCases0001', '2024', 'OuReg000002', 'CocLt500001', String(lt5)])
        const category = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000002,CatAge00001:CoLt5000001')
        expect(category.rows).toEqual([['DeCases0001', '2024', 'OuReg000002', 'CoLt5000001', String(lt5)]])
        const operand = query(db, 'dimension=dx:DeCases0001.CocLt500001,pe:2024,ou:OuReg000002')
        expect(operand.rows).toEqual([['DeCases0001.CocLt500001', '2024', 'OuReg000002', String(lt5)]])
        expect(operand.metaData).toMatchObject({
            items: { 'DeCases0001.CocLt500001': { name: 'Cas confirmés Moins de 5 ans' } },
        })
        // Constants, operands and the indicator's own decimals (1).
        const share = query(db, 'dimension=dx:IndLt5Share,pe:2024,ou:OuReg000002')
        const all = rawSum(db, 'DeCases0001', 'OuReg000002', '2024')
        expect(share.rows[0]?.[3]).toBe(String(Math.round(((lt5 * 10 * 1000) / (all * 10)) * 10) / 10))
    })

    it('resolves relative periods against relativePeriodDate, excluding the current period', async () => {
        const db = await ready()
        const grid = query(
            db,
            'dimension=dx:DeCases0001,pe:LAST_12_MONTHS,ou:OuFac000002&relativePeriodDate=2025-01-10'
        )
        const months = Array.from({ length: 12 }, (_, i) => `2024${String(i + 1).padStart(2, '0')}`)
        expect((grid.metaData as { dimensions: { pe: string[] } }).dimensions.pe).toEqual(months)
        expect(grid.metaData).toMatchObject({
            items: { LAST_12_MONTHS: { name: 'Last 12 months' }, '202401': { name: 'January 2024' } },
        })
        expect(grid.rows.map((r) => r[1])).toEqual(months)
        const years = query(
            db,
            'dimension=dx:DeCases0001,pe:THIS_YEAR;LAST_5_YEARS,ou:OuFac000002&relativePeriodDate=2025-06-01'
        )
        expect((years.metaData as { dimensions: { pe: string[] } }).dimensions.pe).toEqual([
            '2025',
            '2020',
            '2021',
            '2022',
            '2023',
            '2024',
        ])
        expect(years.rows.map((r) => r[1]).sort()).toEqual(['2023', '2024'])
        const quarter = query(
            db,
            'dimension=dx:DeCases0001,pe:LAST_QUARTER,ou:OuFac000002&relativePeriodDate=2024-05-02'
        )
        const q1 = ['202401', '202402', '202403'].reduce(
            (sum, pe) => sum + rawSum(db, 'DeCases0001', 'OuFac000002', pe),
            0
        )
        expect(quarter.rows).toEqual([['DeCases0001', '2024Q1', 'OuFac000002', String(q1)]])
        expect(quarter.metaData).toMatchObject({ items: { '2024Q1': { name: 'January - March 2024' } } })
    })

    it('resolves LEVEL-n with boundaries, OU_GROUP-x and USER_ORGUNIT keywords', async () => {
        const db = await ready()
        const level = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000001;LEVEL-3')
        expect(level.rows.map((r) => r[2])).toEqual(['OuDist00001', 'OuDist00002'])
        const byUid = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:LEVEL-OuLevel0002')
        expect(byUid.rows.map((r) => r[2]).sort()).toEqual(['OuReg000001', 'OuReg000002'])
        const group = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000001;OU_GROUP-OugPrive001')
        expect(group.rows.map((r) => r[2])).toEqual(['OuFac000002'])
        const children = query(
            db,
            'dimension=dx:DeCases0001,pe:2024,ou:USER_ORGUNIT_CHILDREN',
            USERS.district
        )
        expect(children.rows.map((r) => r[2]).sort()).toEqual(['OuFac000001', 'OuFac000002'])
        const items = (children.metaData as { items: Record<string, { organisationUnits?: string[] }> }).items
        expect(items.USER_ORGUNIT_CHILDREN?.organisationUnits?.sort()).toEqual(['OuFac000001', 'OuFac000002'])
        const mine = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:USER_ORGUNIT', USERS.district)
        expect(mine.rows).toEqual([
            ['DeCases0001', '2024', 'OuDist00001', String(rawSum(db, 'DeCases0001', 'OuDist00001', '2024'))],
        ])
        const grand = query(db, 'dimension=dx:DeCases0001,pe:2024,ou:USER_ORGUNIT_GRANDCHILDREN')
        expect(grand.rows.map((r) => r[2]).sort()).toEqual(['OuDist00001', 'OuDist00002', 'OuDist00003'])
    })

    it('aggregates filters and lists filter items in metaData.dimensions', async () => {
        const db = await ready()
        const grid = query(
            db,
            'dimension=dx:DeCases0001&filter=pe:202401;202402&filter=ou:OuReg000001;OuReg000002'
        )
        expect(grid.headers.map((h) => h.name)).toEqual(['dx', 'value'])
        const expected =
            rawSum(db, 'DeCases0001', 'OuMali00001', '202401') +
            rawSum(db, 'DeCases0001', 'OuMali00001', '202402')
        expect(grid.rows).toEqual([['DeCases0001', String(expected)]])
        expect(grid.metaData).toMatchObject({
            dimensions: { pe: ['202401', '202402'], ou: ['OuReg000001', 'OuReg000002'], dx: ['DeCases0001'] },
        })
        const dxFilter = query(db, 'dimension=pe:2024&filter=dx:DeCases0001&dimension=ou:OuFac000003')
        expect(dxFilter.headers.map((h) => h.name)).toEqual(['pe', 'ou', 'value'])
        expect(dxFilter.rows).toEqual([
            ['2024', 'OuFac000003', String(rawSum(db, 'DeCases0001', 'OuFac000003', '2024'))],
        ])
    })

    it('applies LAST: the latest value of each unit in the period, summed over units', async () => {
        const db = await ready()
        const grid = query(db, 'dimension=dx:DeStock0001,pe:2024;2024Q1,ou:OuDist00001')
        // Facilities 1 and 2: 100*(f+1) + month, latest month 12 (year) or 3 (Q1).
        expect(grid.rows).toEqual([
            ['DeStock0001', '2024', 'OuDist00001', String(112 + 212)],
            ['DeStock0001', '2024Q1', 'OuDist00001', String(103 + 203)],
        ])
        const count = query(db, 'dimension=dx:DeStock0001,pe:2024,ou:OuDist00001&aggregationType=COUNT')
        expect(count.rows[0]?.[3]).toBe('24')
        const max = query(db, 'dimension=dx:DeStock0001,pe:2024,ou:OuDist00001&aggregationType=MAX')
        expect(max.rows[0]?.[3]).toBe('212')
        const average = query(db, 'dimension=dx:DeStock0001,pe:2024,ou:OuFac000001&aggregationType=AVERAGE')
        expect(average.rows[0]?.[3]).toBe('106.5')
    })

    it('computes reporting rates from complete registrations and data set assignments', async () => {
        const db = await ready()
        const metrics = [
            'REPORTING_RATE',
            'REPORTING_RATE_ON_TIME',
            'ACTUAL_REPORTS',
            'ACTUAL_REPORTS_ON_TIME',
            'EXPECTED_REPORTS',
        ]
        const grid = query(
            db,
            `dimension=dx:${metrics.map((m) => `DsMonthly01.${m}`).join(';')},pe:2024Q1;2024,ou:OuMali00001`
        )
        const value = (metric: string, pe: string) =>
            grid.rows.find((r) => r[0] === `DsMonthly01.${metric}` && r[1] === pe)?.[3]
        // 4 assigned facilities; 3 report January-June; one March report is late.
        expect(value('EXPECTED_REPORTS', '2024Q1')).toBe('12.0')
        expect(value('ACTUAL_REPORTS', '2024Q1')).toBe('9.0')
        expect(value('ACTUAL_REPORTS_ON_TIME', '2024Q1')).toBe('8.0')
        expect(value('REPORTING_RATE', '2024Q1')).toBe('75.0')
        expect(value('REPORTING_RATE_ON_TIME', '2024Q1')).toBe('66.67')
        expect(value('EXPECTED_REPORTS', '2024')).toBe('48.0')
        expect(value('REPORTING_RATE', '2024')).toBe('37.5')
        expect(grid.metaData).toMatchObject({
            items: { 'DsMonthly01.REPORTING_RATE': { name: 'Rapport mensuel - Reporting rate' } },
        })
    })

    it('answers DHIS2 error codes for invalid queries', async () => {
        const db = await ready()
        expect(errorOf(db, 'filter=pe:2024')).toBe('E7101 At least one dimension must be specified')
        expect(errorOf(db, 'dimension=dx:DeCases0001,ou:OuMali00001')).toBe(
            'E7104 At least one period as dimension or filter, or start and dates, must be specified'
        )
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024&filter=pe:2023')).toBe(
            'E7103 Dimensions cannot be specified as dimension and filter simultaneously: `pe`'
        )
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024,pe:2023')).toMatch(/^E7111 /)
        expect(errorOf(db, 'dimension=dx:nope,pe:2024')).toBe(
            'E7124 Dimension is present in query without any valid dimension options: `dx`'
        )
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024,foo:bar')).toBe(
            'E7125 Dimension identifier does not reference any dimension: `foo`'
        )
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024,ou:nope')).toBe(
            'E7143 Organisation unit or organisation unit level is not valid'
        )
        expect(errorOf(db, 'dimension=pe:2024&filter=dx:IndIncid001;IndLt5Share')).toMatch(/^E7108 /)
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024,ou:OuReg000002', USERS.district)).toBe(
            'E7120 User: `district1` is not allowed to view org unit: `OuReg000002`'
        )
        expect(errorOf(db, 'dimension=dx:DeCases0001,pe:2024&filter=co:CocLt500001')).toMatch(/^E7110 /)
    })

    it('supports skipMeta, skipData, skipRounding, hierarchy metadata and metadata details', async () => {
        const db = await ready()
        const base = 'dimension=dx:IndIncid001,pe:2024,ou:OuFac000002'
        expect(query(db, `${base}&skipMeta=true`).metaData).toEqual({})
        expect(query(db, `${base}&skipData=true`)).toMatchObject({
            rows: [],
            height: 0,
            width: 0,
            headerWidth: 4,
        })
        const raw = query(db, `${base}&skipRounding=true`).rows[0]?.[3] ?? ''
        const num = rawSum(db, 'DeCases0001', 'OuFac000002', '2024')
        const den = rawSum(db, 'DePop000001', 'OuFac000002', '2024')
        expect(Number(raw)).toBeCloseTo((num * 1000) / den, 9)
        const hierarchy = query(db, `${base}&hierarchyMeta=true&showHierarchy=true`, USERS.district)
        expect(hierarchy.metaData).toMatchObject({
            ouHierarchy: { OuFac000002: 'OuDist00001' },
            ouNameHierarchy: { OuFac000002: 'Kita / Clinique Étoile' },
        })
        const details = query(db, `${base}&includeMetadataDetails=true`)
        expect(details.metaData).toMatchObject({
            items: {
                IndIncid001: { dimensionItemType: 'INDICATOR', indicatorType: { factor: 1000 } },
                '2024': { startDate: '2024-01-01T00:00:00.000', endDate: '2024-12-31T00:00:00.000' },
            },
        })
    })
})
