import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { metadataIndex } from '@odd3/mappings/metadata'
import { uidFromCode } from '@odd3/mappings/uid'
import type { StoredDataValue } from '../../src/core/types.js'
import { buildDemoSeed, dataSetAssignment, demoOrgUnits, type DemoOrgUnit } from '../../src/demo/index.js'
import { districtIndicators, districtYearTotals } from './raw-indicators.js'

const units = demoOrgUnits()
const byId = new Map(units.map((u) => [u.id, u]))
const index = metadataIndex()
const seed = buildDemoSeed({ includePackage: true })
const values: StoredDataValue[] = Array.from(seed.dataValues)
const totals = districtYearTotals(values, units)
const districts = units.filter((u) => u.level === 3)

function digest(iterable: Iterable<StoredDataValue>): string {
    const hash = createHash('sha256')
    for (const v of iterable) {
        hash.update(
            `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}|${v.value}|${v.created}\n`
        )
    }
    return hash.digest('hex')
}

describe('demo database: org units', () => {
    it('has Mali, its 11 health regions, real districts and 400-700 facilities', () => {
        expect(units.filter((u) => u.level === 1).map((u) => u.code)).toEqual(['ML'])
        const regions = units.filter((u) => u.level === 2)
        expect(regions).toHaveLength(11)
        expect(regions.map((r) => r.name)).toContain('District de Bamako')
        expect(regions.map((r) => r.name)).toContain('Ségou')
        expect(districts.length).toBeGreaterThanOrEqual(60)
        const bamako = districts.filter((d) => d.regionCode === 'ML-BKO').map((d) => d.name)
        expect(bamako).toEqual([
            'Commune I',
            'Commune II',
            'Commune III',
            'Commune IV',
            'Commune V',
            'Commune VI',
        ])
        for (const name of [
            'Kadiolo',
            'Koutiala',
            'Kolokani',
            'Nioro du Sahel',
            'Djenné',
            'Gourma-Rharous',
        ]) {
            expect(districts.map((d) => d.name)).toContain(name)
        }
        const facilities = units.filter((u) => u.level === 4)
        expect(facilities.length).toBeGreaterThanOrEqual(400)
        expect(facilities.length).toBeLessThanOrEqual(700)
    })

    it('gives every unit the right path, level, parent and code', () => {
        const codes = new Set<string>()
        for (const unit of units) {
            expect(unit.id).toBe(uidFromCode('organisationUnit', unit.code))
            const segments = unit.path.split('/').slice(1)
            expect(segments).toHaveLength(unit.level)
            expect(segments.at(-1)).toBe(unit.id)
            if (unit.parentId) {
                const parent = byId.get(unit.parentId)
                expect(parent?.level).toBe(unit.level - 1)
                expect(unit.path).toBe(`${parent?.path}/${unit.id}`)
            }
            expect(unit.shortName.length).toBeLessThanOrEqual(50)
            // Every demo period (2019 on) must be reportable: DHIS2 refuses periods before the opening date.
            expect(unit.openingDate < '2019-01-01', unit.code).toBe(true)
            codes.add(unit.code)
            const pattern = [/^ML$/, /^ML-(\d+|BKO)$/, /^ML-(\d+|BKO)-[A-Z0-9]+$/, /^FS-[A-Z0-9]+-\d{3}$/][
                unit.level - 1
            ]
            expect(unit.code).toMatch(pattern ?? /^$/)
        }
        expect(codes.size).toBe(units.length)
    })

    it('has one CSRef per district and the private sector where it is', () => {
        for (const district of districts) {
            const inside = units.filter((u) => u.parentId === district.id)
            expect(
                inside.filter((u) => u.type === 'CSREF'),
                district.name
            ).toHaveLength(1)
            expect(inside.filter((u) => u.type === 'CSCOM').length, district.name).toBeGreaterThanOrEqual(2)
        }
        const commune5 = units.filter((u) => u.districtCode === 'ML-BKO-C5')
        expect(
            commune5.filter((u) => u.type === 'CLINIQUE' && u.sector === 'PRIVE_LUCRATIF').length
        ).toBeGreaterThanOrEqual(3)
        expect(commune5.filter((u) => u.type === 'LABO').length).toBeGreaterThanOrEqual(1)
        for (const region of ['ML-3', 'ML-4', 'ML-1', 'ML-5']) {
            const privateUnits = units.filter((u) => u.regionCode === region && u.sector?.startsWith('PRIVE'))
            expect(privateUnits.length, region).toBeGreaterThanOrEqual(5)
        }
        expect(units.some((u) => u.sector === 'PRIVE_NON_LUCRATIF')).toBe(true)
        expect(units.some((u) => u.name.includes('é'))).toBe(true)
    })

    it('puts every facility in one sector group and one type group', () => {
        const groups = seed.metadata.organisationUnitGroups ?? []
        const memberships = new Map<string, string[]>()
        for (const group of groups) {
            for (const ref of group.organisationUnits as Array<{ id: string }>) {
                memberships.set(ref.id, [...(memberships.get(ref.id) ?? []), String(group.code)])
            }
        }
        for (const unit of units.filter((u) => u.level === 4)) {
            const codes = memberships.get(unit.id) ?? []
            expect(
                codes.filter((c) => c.startsWith('SECT_')),
                unit.code
            ).toHaveLength(1)
            expect(
                codes.filter((c) => c.startsWith('TYPE_')),
                unit.code
            ).toHaveLength(1)
        }
    })
})

describe('demo database: data', () => {
    it('is deterministic', () => {
        expect(digest(buildDemoSeed({ includePackage: true }).dataValues)).toBe(digest(values))
    })

    it('stays within a million values, with no zeros and only known metadata', () => {
        expect(values.length).toBeGreaterThan(100_000)
        expect(values.length).toBeLessThanOrEqual(1_000_000)
        const des = new Set(index.pkg.dataElements.map((d) => d.id))
        const cocs = new Set([...index.pkg.categoryOptionCombos.map((c) => c.id), 'HllvX50cXC0'])
        const bad = values.filter(
            (v) =>
                !(Number(v.value) > 0) ||
                !des.has(v.dataElement) ||
                !cocs.has(v.categoryOptionCombo) ||
                !byId.has(v.orgUnit)
        )
        expect(bad.slice(0, 3)).toEqual([])
    })

    it('leaves private facilities and laboratories empty, and writes only to assigned data sets', () => {
        const dataSetsOf = new Map<string, string[]>()
        for (const ds of index.pkg.dataSets) {
            for (const code of index.dataSetElementCodes(ds.code)) {
                dataSetsOf.set(index.dataElementUid(code), [
                    ...(dataSetsOf.get(index.dataElementUid(code)) ?? []),
                    ds.code,
                ])
            }
        }
        for (const v of values) {
            const unit = byId.get(v.orgUnit) as DemoOrgUnit
            if (unit.sector?.startsWith('PRIVE')) throw new Error(`private facility has data: ${unit.code}`)
            const assigned = (dataSetsOf.get(v.dataElement) ?? []).some((ds) => dataSetAssignment(ds, unit))
            if (!assigned) throw new Error(`${unit.code} not assigned for ${v.dataElement}`)
        }
    })

    it('has Mali at 20-23 million people growing about 3 % a year', () => {
        const national = (year: number): number =>
            districts.reduce((sum, d) => sum + totals.get(d.code, year, 'POP_TOTALE'), 0)
        expect(national(2019)).toBeGreaterThan(19_000_000)
        expect(national(2019)).toBeLessThan(21_000_000)
        expect(national(2025)).toBeGreaterThan(22_000_000)
        expect(national(2025)).toBeLessThan(24_500_000)
        const growth = (national(2025) / national(2019)) ** (1 / 6) - 1
        expect(growth).toBeGreaterThan(0.025)
        expect(growth).toBeLessThan(0.035)
        const bamako = districts
            .filter((d) => d.regionCode === 'ML-BKO')
            .reduce((sum, d) => sum + totals.get(d.code, 2019, 'POP_TOTALE'), 0)
        expect(bamako / national(2019)).toBeGreaterThan(0.1)
        expect(bamako / national(2019)).toBeLessThan(0.18)
    })

    it('gives plausible district indicators that differ between districts', () => {
        const ranges: Record<string, [number, number]> = {
            sba: [30, 100],
            malaria: [30, 230],
            tb: [15, 90],
            cpr: [2, 45],
            vac: [15, 100],
            hiv: [0.1, 2],
        }
        for (const district of districts) {
            if (
                district.regionCode === 'ML-8' ||
                district.regionCode === 'ML-9' ||
                district.regionCode === 'ML-10'
            )
                continue
            for (const year of [2019, 2022, 2025]) {
                const values = districtIndicators(totals, district.code, year)
                for (const [key, [min, max]] of Object.entries(ranges)) {
                    expect(values[key], `${district.code} ${year} ${key}`).toBeGreaterThanOrEqual(min)
                    expect(values[key], `${district.code} ${year} ${key}`).toBeLessThanOrEqual(max)
                }
            }
        }
        const malaria2022 = districts.map((d) => districtIndicators(totals, d.code, 2022).malaria ?? 0)
        expect(Math.max(...malaria2022) / Math.min(...malaria2022)).toBeGreaterThan(2)
        const south = districtIndicators(totals, 'ML-3-SIK', 2022).malaria ?? 0
        const north = districtIndicators(totals, 'ML-6-TBK', 2022).malaria ?? 0
        expect(south).toBeGreaterThan(north)
    })

    it('trends: skilled births and contraception rise nationally; some districts are behind the MAP, some ahead', () => {
        const nationalRate = (year: number, numerator: string, denominator: string): number => {
            let n = 0
            let d = 0
            for (const district of districts) {
                n += totals.get(district.code, year, numerator)
                d += totals.get(district.code, year, denominator)
            }
            return n / d
        }
        expect(nationalRate(2025, 'ACCOUCH_ASSISTES', 'POP_NAISS_ATTENDUES')).toBeGreaterThan(
            nationalRate(2019, 'ACCOUCH_ASSISTES', 'POP_NAISS_ATTENDUES')
        )
        expect(nationalRate(2025, 'PF_UTILISATRICES', 'POP_FEMMES_15_49')).toBeGreaterThan(
            nationalRate(2019, 'PF_UTILISATRICES', 'POP_FEMMES_15_49')
        )
        // MAP 2023 target for skilled birth attendance: 73.4 %.
        const sba2023 = districts.map((d) => districtIndicators(totals, d.code, 2023).sba ?? 0)
        expect(sba2023.filter((v) => v >= 73.4).length).toBeGreaterThan(3)
        expect(sba2023.filter((v) => v < 73.4).length).toBeGreaterThan(3)
    })

    it('peaks malaria in the rainy season (July-November)', () => {
        const palu = index.dataElementUid('PALU_CONFIRMES')
        const byMonth = new Array<number>(12).fill(0)
        for (const v of values) {
            const month = Number(v.period.slice(4, 6)) - 1
            if (v.dataElement === palu) byMonth[month] = (byMonth[month] ?? 0) + Number(v.value)
        }
        const total = byMonth.reduce((a, b) => a + b, 0)
        const rainy = byMonth.slice(6, 11).reduce((a, b) => a + b, 0)
        expect(rainy / total).toBeGreaterThan(0.55)
        expect(byMonth[8]).toBeGreaterThan(2 * (byMonth[2] ?? 0))
    })

    it('has low but non-zero mutuelle coverage in Kolokani, on the district with the mutuelle as attribute', () => {
        const amu = districtIndicators(totals, 'ML-2-KLK', 2024).amu ?? 0
        expect(amu).toBeGreaterThan(0.2)
        expect(amu).toBeLessThan(10)
        const beneficiaries = index.dataElementUid('MUT_BENEFICIAIRES')
        const kolokani = index.cocUid('CC_MUTUELLE', ['MUT_KOLOKANI'])
        const rows = values.filter(
            (v) => v.dataElement === beneficiaries && v.attributeOptionCombo === kolokani
        )
        expect(rows.length).toBeGreaterThan(12)
        for (const row of rows) expect(row.orgUnit).toBe(uidFromCode('organisationUnit', 'ML-2-KLK'))
        expect(districtIndicators(totals, 'ML-3-KAD', 2024).amu).toBe(0)
    })

    it('registers most public facility-months as complete, not all', () => {
        const registrations = Array.from(seed.completeRegistrations)
        const publicUnits = units.filter((u) => u.type === 'CSREF' || u.type === 'CSCOM')
        const expected = publicUnits.length * 84
        expect(registrations.length / expected).toBeGreaterThan(0.85)
        expect(registrations.length).toBeLessThan(expected)
        const slis = index.dataSetUid('DS_SLIS_MENSUEL')
        for (const r of registrations) expect(r.dataSet).toBe(slis)
    })
})

describe('demo database: without the package', () => {
    it('has org units and users only', () => {
        const bare = buildDemoSeed({ includePackage: false })
        expect(bare.metadata.organisationUnits?.length).toBe(units.length)
        expect(bare.metadata.dataElements).toBeUndefined()
        expect(bare.metadata.dataSets).toBeUndefined()
        expect(Array.from(bare.dataValues)).toHaveLength(0)
        expect(bare.users.map((u) => u.username)).toContain('bridge')
    })
})
