// District profiles of the demo database: population and the level and trend of each MAP indicator,
// drawn deterministically within ranges that follow Mali's known geography (higher malaria in the
// south, lower coverage in the north, Bamako ahead on most services).
import { Prng } from './prng.js'
import type { DemoOrgUnit } from './org-units.js'

export type Zone = 'bamako' | 'south' | 'centre' | 'north'

export const FIRST_YEAR = 2019
export const LAST_YEAR = 2025
/** Population is a projection: it is published ahead of the routine data, so 2026 denominators exist. */
export const LAST_POPULATION_YEAR = 2026

/** Mali's population in 2019 and its yearly growth (RGPH projections: about 3 % a year). */
export const MALI_POPULATION_2019 = 19_600_000
export const POPULATION_GROWTH = 0.029

/** Approximate regional shares of the population (RGPH 2009 projected), normalised below. */
const REGION_SHARES: Record<string, number> = {
    'ML-1': 12.5,
    'ML-2': 18.0,
    'ML-3': 17.5,
    'ML-4': 14.0,
    'ML-5': 13.0,
    'ML-6': 4.5,
    'ML-7': 3.5,
    'ML-8': 0.5,
    'ML-9': 0.5,
    'ML-10': 0.3,
    'ML-BKO': 14.0,
}

const BAMAKO_COMMUNE_SHARES: Record<string, number> = {
    'ML-BKO-C1': 16,
    'ML-BKO-C2': 10,
    'ML-BKO-C3': 7,
    'ML-BKO-C4': 17,
    'ML-BKO-C5': 20,
    'ML-BKO-C6': 30,
}

/** District holding the regional capital: more people than the average district. */
const CAPITALS = new Set(['KAY', 'KOU', 'SIK', 'SEG', 'MPT', 'TBK', 'GAO', 'KID', 'MEN', 'TAO'])

export function zoneOf(regionCode: string): Zone {
    if (regionCode === 'ML-BKO') return 'bamako'
    if (regionCode === 'ML-5') return 'centre'
    if (['ML-1', 'ML-2', 'ML-3', 'ML-4'].includes(regionCode)) return 'south'
    return 'north'
}

type Range = readonly [number, number]
interface ZoneRanges {
    /** % of expected births assisted by skilled personnel in 2019, and percentage points per year. */
    sba: Range
    sbaTrend: Range
    /** Confirmed malaria per 1 000 a year, and relative change per year. */
    malaria: Range
    malariaTrend: Range
    /** TB notifications per 100 000 a year, relative change per year. */
    tb: Range
    tbTrend: Range
    /** Modern contraceptive users, % of women 15-49, and points per year. */
    cpr: Range
    cprTrend: Range
    /** Fully vaccinated, % of surviving infants, and points per year. */
    vac: Range
    vacTrend: Range
    /** New adult HIV diagnoses per 1 000 a year, relative change per year. */
    hiv: Range
    hivTrend: Range
    /** AIDS deaths per 100 000 a year, relative change per year. */
    aids: Range
    aidsTrend: Range
    /** Share of facility-months with no report. */
    missing: number
}

const ZONES: Record<Zone, ZoneRanges> = {
    bamako: {
        sba: [82, 89],
        sbaTrend: [0.3, 1.2],
        malaria: [60, 95],
        malariaTrend: [-0.05, 0.02],
        tb: [50, 62],
        tbTrend: [-0.03, 0.01],
        cpr: [22, 27],
        cprTrend: [0.8, 2.0],
        vac: [68, 80],
        vacTrend: [-0.5, 1.5],
        hiv: [0.9, 1.3],
        hivTrend: [-0.06, -0.01],
        aids: [18, 26],
        aidsTrend: [-0.06, 0],
        missing: 0.02,
    },
    south: {
        sba: [58, 76],
        sbaTrend: [0.4, 3.5],
        malaria: [140, 195],
        malariaTrend: [-0.05, 0.02],
        tb: [32, 52],
        tbTrend: [-0.03, 0.01],
        cpr: [15, 21],
        cprTrend: [0.5, 2.0],
        vac: [50, 75],
        vacTrend: [-1, 3],
        hiv: [0.5, 0.9],
        hivTrend: [-0.06, -0.01],
        aids: [12, 20],
        aidsTrend: [-0.06, 0],
        missing: 0.04,
    },
    centre: {
        sba: [52, 64],
        sbaTrend: [-0.5, 2.5],
        malaria: [100, 150],
        malariaTrend: [-0.04, 0.03],
        tb: [30, 45],
        tbTrend: [-0.03, 0.01],
        cpr: [11, 16],
        cprTrend: [0.3, 1.5],
        vac: [42, 58],
        vacTrend: [-1, 2.5],
        hiv: [0.4, 0.7],
        hivTrend: [-0.05, 0],
        aids: [10, 16],
        aidsTrend: [-0.05, 0],
        missing: 0.08,
    },
    north: {
        sba: [45, 58],
        sbaTrend: [-0.5, 2],
        malaria: [60, 90],
        malariaTrend: [-0.04, 0.03],
        tb: [30, 42],
        tbTrend: [-0.03, 0.02],
        cpr: [4, 8],
        cprTrend: [0.1, 0.6],
        vac: [25, 42],
        vacTrend: [-1, 2],
        hiv: [0.3, 0.6],
        hivTrend: [-0.05, 0],
        aids: [8, 14],
        aidsTrend: [-0.05, 0],
        missing: 0.12,
    },
}

export interface DistrictProfile {
    code: string
    zone: Zone
    /** Population in 2019. */
    population2019: number
    missingRate: number
    sba: (t: number) => number
    malaria: (t: number) => number
    tb: (t: number) => number
    cpr: (t: number) => number
    vac: (t: number) => number
    hiv: (t: number) => number
    aids: (t: number) => number
    /** Institutional maternal deaths per 100 000 live births, neonatal deaths per 1 000. */
    mmr: number
    neonatal: number
    /** Curative consultations per inhabitant per year. */
    utilisation: number
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value))

function linear(prng: Prng, base: Range, trend: Range, min: number, max: number): (t: number) => number {
    const start = prng.between(base[0], base[1])
    const slope = prng.between(trend[0], trend[1])
    return (t) => clamp(start + slope * t, min, max)
}

function geometric(prng: Prng, base: Range, trend: Range): (t: number) => number {
    const start = prng.between(base[0], base[1])
    const rate = prng.between(trend[0], trend[1])
    return (t) => start * (1 + rate) ** t
}

/** Profiles by district code; `t` in the functions is years since 1 January 2019. */
export function districtProfiles(units: DemoOrgUnit[]): Map<string, DistrictProfile> {
    const districts = units.filter((u) => u.level === 3)
    const totalShare = Object.values(REGION_SHARES).reduce((a, b) => a + b, 0)
    const weights = new Map<string, number>()
    for (const district of districts) {
        const prng = new Prng(`weight:${district.code}`)
        const short = district.code.split('-').at(-1) ?? ''
        const weight =
            BAMAKO_COMMUNE_SHARES[district.code] ?? prng.between(0.6, 1.5) * (CAPITALS.has(short) ? 1.6 : 1)
        weights.set(district.code, weight)
    }
    const regionWeight = new Map<string, number>()
    for (const district of districts) {
        const region = district.regionCode ?? ''
        regionWeight.set(region, (regionWeight.get(region) ?? 0) + (weights.get(district.code) ?? 0))
    }
    const profiles = new Map<string, DistrictProfile>()
    for (const district of districts) {
        const region = district.regionCode ?? ''
        const zone = zoneOf(region)
        const ranges = ZONES[zone]
        const prng = new Prng(`profile:${district.code}`)
        const regionPopulation = (MALI_POPULATION_2019 * (REGION_SHARES[region] ?? 1)) / totalShare
        const share = (weights.get(district.code) ?? 1) / (regionWeight.get(region) ?? 1)
        profiles.set(district.code, {
            code: district.code,
            zone,
            population2019: Math.round(regionPopulation * share),
            missingRate: ranges.missing,
            sba: linear(prng, ranges.sba, ranges.sbaTrend, 20, 97),
            malaria: geometric(prng, ranges.malaria, ranges.malariaTrend),
            tb: geometric(prng, ranges.tb, ranges.tbTrend),
            cpr: linear(prng, ranges.cpr, ranges.cprTrend, 1, 45),
            vac: linear(prng, ranges.vac, ranges.vacTrend, 10, 95),
            hiv: geometric(prng, ranges.hiv, ranges.hivTrend),
            aids: geometric(prng, ranges.aids, ranges.aidsTrend),
            mmr: prng.between(120, 280),
            neonatal: prng.between(8, 18),
            utilisation: prng.between(0.3, 0.6),
        })
    }
    return profiles
}

/** Monthly share of the year's malaria cases: the rainy-season peak (July-November) of the Sahel. */
export const MALARIA_SEASON = [0.055, 0.04, 0.04, 0.04, 0.05, 0.06, 0.09, 0.13, 0.15, 0.15, 0.12, 0.075]

export function populationIn(population2019: number, year: number): number {
    return Math.round(population2019 * (1 + POPULATION_GROWTH) ** (year - FIRST_YEAR))
}
