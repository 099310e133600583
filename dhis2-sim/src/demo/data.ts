// Monthly routine data (2019-2025) for public and community facilities, yearly population per health
// area, mutuelle membership and claims, and completeness registrations. Generated lazily and
// deterministically: each facility-month draws from its own seeded stream, so the output does not depend
// on iteration order and two runs give the same values.
import { DEFAULT_UIDS } from '@odd3/mappings/uid'
import type { MetadataIndex } from '@odd3/mappings/metadata'
import { MUTUELLES } from '@odd3/mappings/definitions'
import type { CompleteRegistration, StoredDataValue } from '../core/types.js'
import type { DemoOrgUnit } from './org-units.js'
import {
    FIRST_YEAR,
    LAST_POPULATION_YEAR,
    LAST_YEAR,
    MALARIA_SEASON,
    districtProfiles,
    populationIn,
    type DistrictProfile,
} from './profiles.js'
import { Prng } from './prng.js'

/** Who DHIS2 says stored the seeded values. */
export const DEMO_STORED_BY = 'admin'

/** Facilities that report the public monthly report (SLIS) and hold a health area population. */
export function isPublicCareFacility(unit: DemoOrgUnit): boolean {
    return unit.level === 4 && (unit.type === 'CSREF' || unit.type === 'CSCOM')
}

export interface HealthArea {
    unit: DemoOrgUnit
    district: DistrictProfile
    /** Share of the district population living in the facility's health area. */
    share: number
    /** Per-facility multipliers, so facilities of a district differ. */
    spread: number
}

export function healthAreas(units: DemoOrgUnit[]): HealthArea[] {
    const profiles = districtProfiles(units)
    const byDistrict = new Map<string, Array<{ unit: DemoOrgUnit; weight: number; spread: number }>>()
    for (const unit of units) {
        if (!isPublicCareFacility(unit) || !unit.districtCode) continue
        const prng = new Prng(`area:${unit.code}`)
        const weight = unit.type === 'CSREF' ? 1.2 : prng.between(0.6, 1.4)
        const list = byDistrict.get(unit.districtCode) ?? []
        list.push({ unit, weight, spread: prng.between(0.88, 1.12) })
        byDistrict.set(unit.districtCode, list)
    }
    const areas: HealthArea[] = []
    for (const [districtCode, list] of byDistrict) {
        const district = profiles.get(districtCode)
        if (!district) continue
        const total = list.reduce((sum, item) => sum + item.weight, 0)
        for (const item of list)
            areas.push({ unit: item.unit, district, share: item.weight / total, spread: item.spread })
    }
    return areas
}

export interface DemoPeriod {
    id: string
    year: number
    month: number
}

export function demoMonths(): DemoPeriod[] {
    const months: DemoPeriod[] = []
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
        for (let month = 1; month <= 12; month += 1) {
            months.push({ id: `${year}${String(month).padStart(2, '0')}`, year, month })
        }
    }
    return months
}

/** The report is entered during the following month; a few are late (after the 15 days of timelyDays). */
function reportDate(period: DemoPeriod, prng: Prng): string {
    const year = period.month === 12 ? period.year + 1 : period.year
    const month = period.month === 12 ? 1 : period.month + 1
    const day = 3 + Math.floor(prng.next() * (prng.next() < 0.85 ? 12 : 25))
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00.000`
}

/** Whether a facility sent its report for a month (the same answer for values and completeness). */
export function hasReported(area: HealthArea, period: DemoPeriod): boolean {
    return new Prng(`report:${area.unit.code}:${period.id}`).next() >= area.district.missingRate
}

interface Resolved {
    de: (code: string) => string
    coc: (combo: string, options: string[]) => string
}

function resolver(index: MetadataIndex): Resolved {
    const des = new Map<string, string>()
    // Keyed by combo then options, so that the 700k lookups of a seed build no key string.
    const cocs = new Map<string, Map<string, string>>()
    return {
        de(code) {
            let uid = des.get(code)
            if (!uid) {
                uid = index.dataElementUid(code)
                des.set(code, uid)
            }
            return uid
        },
        coc(combo, options) {
            let byOptions = cocs.get(combo)
            if (!byOptions) cocs.set(combo, (byOptions = new Map()))
            const key = options.length === 1 ? (options[0] ?? '') : options.join('|')
            let uid = byOptions.get(key)
            if (!uid) {
                uid = combo === 'default' ? DEFAULT_UIDS.categoryOptionCombo : index.cocUid(combo, options)
                byOptions.set(key, uid)
            }
            return uid
        },
    }
}

type Emit = (de: string, combo: string, options: string[], value: number) => void

/** One facility-month of the SLIS report. */
function facilityMonth(area: HealthArea, period: DemoPeriod, prng: Prng, emit: Emit): void {
    const d = area.district
    const t = period.year - FIRST_YEAR + (period.month - 0.5) / 12
    const districtPopulation = populationIn(d.population2019, period.year)
    const population = districtPopulation * area.share
    const s = area.spread
    const isCsref = area.unit.type === 'CSREF'

    // Maternal and newborn health.
    const expectedBirths = (population * 0.043) / 12
    const sba = Math.min(0.98, (d.sba(t) / 100) * s)
    const assisted = prng.count(expectedBirths * sba)
    const total = assisted + prng.count(expectedBirths * sba * 0.06)
    const liveBirths = Math.max(0, total - prng.count(total * 0.025))
    emit('ACCOUCH_ASSISTES', 'default', [], assisted)
    emit('ACCOUCH_TOTAL', 'default', [], total)
    emit('NAISS_VIVANTES', 'default', [], liveBirths)
    emit('DECES_MATERNELS', 'default', [], prng.count((liveBirths * d.mmr * (isCsref ? 2.2 : 0.5)) / 100000))
    emit('DECES_NEONATALS', 'default', [], prng.count((liveBirths * d.neonatal) / 1000))
    emit('DECES_MOINS5', 'default', [], prng.count(((population * 0.0004) / 12) * (isCsref ? 3 : 0.6)))
    const cpn1 = prng.count(expectedBirths * Math.min(0.98, sba + 0.15))
    emit('CPN1', 'default', [], cpn1)
    emit('CPN4', 'default', [], prng.count(cpn1 * Math.min(0.75, 0.42 + 0.02 * t)))

    // Family planning: users is a stock (LAST), new users a flow.
    const users = Math.round(population * 0.225 * (d.cpr(t) / 100) * s * (1 + 0.02 * prng.gaussian()))
    emit('PF_UTILISATRICES', 'default', [], Math.max(0, users))
    emit('PF_NOUVELLES', 'default', [], prng.count(users * 0.03))

    // Immunisation of surviving infants.
    const infants = (population * 0.039) / 12
    const vac = Math.min(0.97, (d.vac(t) / 100) * s)
    emit('VAC_COMPLET', 'default', [], prng.count(infants * vac))
    emit('VAC_PENTA3', 'default', [], prng.count(infants * Math.min(0.98, vac / 0.82)))
    emit('VAC_RR1', 'default', [], prng.count(infants * Math.min(0.97, vac / 0.9)))

    // Malaria, with the rainy-season peak.
    const season = MALARIA_SEASON[period.month - 1] ?? 1 / 12
    const confirmed = ((population * d.malaria(t)) / 1000) * season * s
    const positivity = 0.3 + 0.35 * Math.min(1, season / 0.15)
    for (const [age, share] of [
        ['AGE_LT5', 0.42],
        ['AGE_5PLUS', 0.58],
    ] as const) {
        const cases = prng.count(confirmed * share)
        const tested = cases + prng.count((cases * (1 - positivity)) / positivity)
        emit('PALU_CONFIRMES', 'CC_AGE_U5', [age], cases)
        emit('PALU_TESTES', 'CC_AGE_U5', [age], tested)
        emit('PALU_SUSPECTS', 'CC_AGE_U5', [age], tested + prng.count(tested * 0.03))
    }
    const consultations = ((population * d.utilisation) / 12) * (0.8 + 2 * season)
    emit('CONSULT_CURATIVE', 'CC_AGE_U5', ['AGE_LT5'], prng.count(consultations * 0.4))
    emit('CONSULT_CURATIVE', 'CC_AGE_U5', ['AGE_5PLUS'], prng.count(consultations * 0.6))

    // HIV testing everywhere; TB, new HIV cases and AIDS deaths are notified by the district's CSRef.
    const tests = (population * 0.015) / 12
    emit('VIH_TESTES', 'CC_SEXE', ['SEXE_F'], prng.count(tests * 0.62))
    emit('VIH_TESTES', 'CC_SEXE', ['SEXE_M'], prng.count(tests * 0.38))
    if (isCsref) {
        const tb = (districtPopulation * d.tb(t)) / 100000 / 12
        emit('TB_CAS_NOTIFIES', 'CC_SEXE', ['SEXE_M'], prng.count(tb * 0.62))
        emit('TB_CAS_NOTIFIES', 'CC_SEXE', ['SEXE_F'], prng.count(tb * 0.38))
        const hiv = (districtPopulation * d.hiv(t)) / 1000 / 12
        emit('VIH_NOUVEAUX', 'CC_SEXE', ['SEXE_F'], prng.count(hiv * 0.6))
        emit('VIH_NOUVEAUX', 'CC_SEXE', ['SEXE_M'], prng.count(hiv * 0.4))
        emit('SIDA_DECES', 'default', [], prng.count((districtPopulation * d.aids(t)) / 100000 / 12))
    }
}

/** Beneficiaries of each demo mutuelle: first month, value then, value in December 2025. */
const MUTUELLE_GROWTH: Record<string, { start: string; from: number; to: number }> = {
    MUT_KOLOKANI: { start: '201901', from: 5200, to: 9800 },
    MUT_NARA: { start: '201901', from: 3100, to: 5200 },
    MUT_SIMBY: { start: '201901', from: 7800, to: 11500 },
    MUT_BANDIAGARA: { start: '201901', from: 2500, to: 1800 },
    MUT_COMMUNE5: { start: '202101', from: 1500, to: 6400 },
}

/**
 * Months no mutuelle has reported in the demo database: they arrive through the bridge, whose demo push sends
 * `fixtures/mutuelles/*-2025S1.csv`. Seeding them too would make DHIS2 hold other figures for the same cells, which
 * the bridge rightly reports as values entered elsewhere and does not overwrite.
 */
const MONTHS_LEFT_TO_THE_BRIDGE = { from: '202501', to: '202506' }

const CLAIM_RATES: Array<{ option: string; perBeneficiary: number; price: number }> = [
    { option: 'PREST_CONSULT', perBeneficiary: 0.04, price: 1500 },
    { option: 'PREST_HOSPIT', perBeneficiary: 0.004, price: 25000 },
    { option: 'PREST_ACCOUCH', perBeneficiary: 0.002, price: 15000 },
    { option: 'PREST_MEDIC', perBeneficiary: 0.035, price: 3500 },
    { option: 'PREST_ANALYSE', perBeneficiary: 0.01, price: 4000 },
]

export interface DemoDataContext {
    units: DemoOrgUnit[]
    index: MetadataIndex
}

function value(
    dataElement: string,
    period: string,
    orgUnit: string,
    categoryOptionCombo: string,
    attributeOptionCombo: string,
    amount: number,
    date: string
): StoredDataValue {
    return {
        dataElement,
        period,
        orgUnit,
        categoryOptionCombo,
        attributeOptionCombo,
        value: String(amount),
        comment: null,
        followup: false,
        storedBy: DEMO_STORED_BY,
        created: date,
        lastUpdated: date,
        deleted: false,
    }
}

function* routineValues(ctx: DemoDataContext, r: Resolved): Generator<StoredDataValue> {
    const areas = healthAreas(ctx.units)
    const months = demoMonths()
    const aoc = DEFAULT_UIDS.categoryOptionCombo
    const batch: StoredDataValue[] = []
    for (const area of areas) {
        for (const period of months) {
            if (!hasReported(area, period)) continue
            const prng = new Prng(`values:${area.unit.code}:${period.id}`)
            const date = reportDate(period, prng)
            batch.length = 0
            facilityMonth(area, period, prng, (de, combo, options, amount) => {
                // DHIS2 does not store zeros of data elements where zero is not significant.
                if (amount > 0)
                    batch.push(
                        value(r.de(de), period.id, area.unit.id, r.coc(combo, options), aoc, amount, date)
                    )
            })
            yield* batch
        }
    }
}

function* populationValues(ctx: DemoDataContext, r: Resolved): Generator<StoredDataValue> {
    const aoc = DEFAULT_UIDS.categoryOptionCombo
    const coc = DEFAULT_UIDS.categoryOptionCombo
    for (const area of healthAreas(ctx.units)) {
        for (let year = FIRST_YEAR; year <= LAST_POPULATION_YEAR; year += 1) {
            const population = Math.round(populationIn(area.district.population2019, year) * area.share)
            const date = `${year - 1}-12-15T09:00:00.000`
            const id = area.unit.id
            yield value(r.de('POP_TOTALE'), String(year), id, coc, aoc, population, date)
            yield value(
                r.de('POP_FEMMES_15_49'),
                String(year),
                id,
                coc,
                aoc,
                Math.round(population * 0.225),
                date
            )
            yield value(
                r.de('POP_NAISS_ATTENDUES'),
                String(year),
                id,
                coc,
                aoc,
                Math.round(population * 0.043),
                date
            )
            yield value(
                r.de('POP_0_11_MOIS'),
                String(year),
                id,
                coc,
                aoc,
                Math.round(population * 0.039),
                date
            )
        }
    }
}

function* mutuelleValues(ctx: DemoDataContext, r: Resolved): Generator<StoredDataValue> {
    const months = demoMonths()
    for (const mutuelle of MUTUELLES) {
        const growth = MUTUELLE_GROWTH[mutuelle.code]
        const district = ctx.units.find((u) => u.code === mutuelle.district)
        if (!growth || !district) continue
        const careFacility = ctx.units.find((u) => u.districtCode === district.code && u.type === 'CSREF')
        const aoc = r.coc('CC_MUTUELLE', [mutuelle.code])
        const active = months.filter((m) => m.id >= growth.start)
        const out: StoredDataValue[] = []
        active.forEach((period, i) => {
            if (period.id >= MONTHS_LEFT_TO_THE_BRIDGE.from && period.id <= MONTHS_LEFT_TO_THE_BRIDGE.to)
                return
            const prng = new Prng(`mutuelle:${mutuelle.code}:${period.id}`)
            const date = reportDate(period, prng)
            const progress = active.length > 1 ? i / (active.length - 1) : 1
            const beneficiaries = Math.round(
                growth.from + (growth.to - growth.from) * progress + 40 * prng.gaussian()
            )
            const members = Math.round(beneficiaries / 4.2)
            const paidUp = Math.round(members * prng.between(0.55, 0.75))
            const coc = DEFAULT_UIDS.categoryOptionCombo
            out.push(value(r.de('MUT_BENEFICIAIRES'), period.id, district.id, coc, aoc, beneficiaries, date))
            out.push(value(r.de('MUT_ADHERENTS'), period.id, district.id, coc, aoc, members, date))
            out.push(value(r.de('MUT_ADHERENTS_A_JOUR'), period.id, district.id, coc, aoc, paidUp, date))
            if (!careFacility) return
            for (const claim of CLAIM_RATES) {
                const count = prng.count(beneficiaries * claim.perBeneficiary)
                if (count === 0) continue
                const claimCoc = r.coc('CC_PRESTATION', [claim.option])
                const amount = Math.round(count * claim.price * prng.between(0.85, 1.2))
                out.push(
                    value(r.de('MUT_PRESTATIONS'), period.id, careFacility.id, claimCoc, aoc, count, date)
                )
                out.push(
                    value(
                        r.de('MUT_PRESTATIONS_MONTANT'),
                        period.id,
                        careFacility.id,
                        claimCoc,
                        aoc,
                        amount,
                        date
                    )
                )
            }
        })
        yield* out
    }
}

/** Every seeded data value; iterating twice gives the same sequence. */
export function demoDataValues(ctx: DemoDataContext): Iterable<StoredDataValue> {
    return {
        *[Symbol.iterator]() {
            const r = resolver(ctx.index)
            yield* populationValues(ctx, r)
            yield* routineValues(ctx, r)
            yield* mutuelleValues(ctx, r)
        },
    }
}

/** Completeness of the SLIS report: one registration per facility-month that reported. */
export function demoCompleteRegistrations(ctx: DemoDataContext): Iterable<CompleteRegistration> {
    return {
        *[Symbol.iterator]() {
            const dataSet = ctx.index.dataSetUid('DS_SLIS_MENSUEL')
            for (const area of healthAreas(ctx.units)) {
                for (const period of demoMonths()) {
                    if (!hasReported(area, period)) continue
                    const date = reportDate(period, new Prng(`values:${area.unit.code}:${period.id}`))
                    yield {
                        dataSet,
                        period: period.id,
                        organisationUnit: area.unit.id,
                        attributeOptionCombo: DEFAULT_UIDS.categoryOptionCombo,
                        completed: true,
                        date,
                        storedBy: DEMO_STORED_BY,
                        lastUpdated: date,
                    }
                }
            }
        },
    }
}
