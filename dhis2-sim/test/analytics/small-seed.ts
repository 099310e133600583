// A small database for engine tests: two regions, three districts, four facilities split by a
// sector group set, one disaggregated data element, a yearly population and one indicator.
import { createDatabase, type SimDatabase } from '../../src/core/database.js'
import type { CompleteRegistration, DatabaseSeed, SeedUser, StoredDataValue } from '../../src/core/types.js'

export const DEFAULT_COC = 'HllvX50cXC0'

const ref = (id: string) => ({ id })

function unit(id: string, name: string, parent?: string) {
    return {
        id,
        name,
        shortName: name,
        code: id,
        openingDate: '2000-01-01',
        ...(parent ? { parent: ref(parent) } : {}),
    }
}

function user(username: string, units: string[], authorities: string[]): SeedUser {
    return {
        id: `U${username.padEnd(10, 'x').slice(0, 10)}`,
        username,
        password: 'district',
        firstName: username,
        surname: 'Test',
        organisationUnits: units,
        dataViewOrganisationUnits: units,
        authorities,
        userRoles: [],
        userGroups: [],
        settings: {},
    }
}

export const USERS = {
    admin: user('admin', ['OuMali00001'], ['ALL']),
    district: user('district1', ['OuDist00001'], ['F_DATAVALUE_ADD']),
}

/** Deterministic monthly cases per facility, COC and month. */
export function cases(facility: number, coc: number, year: number, month: number): number {
    return ((facility * 7 + coc * 3 + month * 5 + year) % 23) + 1
}

export function smallSeed(): DatabaseSeed {
    const facilities = ['OuFac000001', 'OuFac000002', 'OuFac000003', 'OuFac000004']
    const dataValues: StoredDataValue[] = []
    const value = (
        dataElement: string,
        period: string,
        orgUnit: string,
        coc: string,
        v: number
    ): StoredDataValue => ({
        dataElement,
        period,
        orgUnit,
        categoryOptionCombo: coc,
        attributeOptionCombo: DEFAULT_COC,
        value: String(v),
        comment: null,
        followup: false,
        storedBy: 'seed',
        created: '2025-01-01T00:00:00.000Z',
        lastUpdated: '2025-01-01T00:00:00.000Z',
        deleted: false,
    })
    facilities.forEach((facility, f) => {
        for (const year of [2023, 2024]) {
            dataValues.push(
                value('DePop000001', String(year), facility, DEFAULT_COC, 1000 * (f + 1) + year - 2023)
            )
            for (let month = 1; month <= 12; month++) {
                const period = `${year}${String(month).padStart(2, '0')}`
                dataValues.push(
                    value('DeCases0001', period, facility, 'CocLt500001', cases(f, 0, year, month))
                )
                dataValues.push(
                    value('DeCases0001', period, facility, 'Coc5plus001', cases(f, 1, year, month))
                )
                dataValues.push(value('DeStock0001', period, facility, DEFAULT_COC, 100 * (f + 1) + month))
            }
        }
    })
    // A deleted value and a non-numeric comment-only value never reach analytics.
    dataValues.push({ ...value('DeCases0001', '202201', 'OuFac000001', 'CocLt500001', 999), deleted: true })
    dataValues.push({
        ...value('DeStock0001', '202201', 'OuFac000001', DEFAULT_COC, 0),
        value: null,
        comment: 'vu',
    })

    const completeRegistrations: CompleteRegistration[] = []
    // Facilities 1-3 report January to June 2024; facility 1 reports late in March.
    for (let f = 0; f < 3; f++) {
        for (let month = 1; month <= 6; month++) {
            const period = `2024${String(month).padStart(2, '0')}`
            const late = f === 0 && month === 3
            completeRegistrations.push({
                dataSet: 'DsMonthly01',
                period,
                organisationUnit: facilities[f] ?? '',
                attributeOptionCombo: DEFAULT_COC,
                completed: true,
                date: late ? '2024-06-30' : `2024-${String(month + 1).padStart(2, '0')}-05`,
                storedBy: 'seed',
                lastUpdated: '2024-07-01T00:00:00.000Z',
            })
        }
    }

    return {
        metadata: {
            organisationUnits: [
                unit('OuMali00001', 'Mali'),
                unit('OuReg000001', 'Kayes', 'OuMali00001'),
                unit('OuReg000002', 'Sikasso', 'OuMali00001'),
                unit('OuDist00001', 'Kita', 'OuReg000001'),
                unit('OuDist00002', 'Nioro', 'OuReg000001'),
                unit('OuDist00003', 'Kadiolo', 'OuReg000002'),
                unit('OuFac000001', 'CSRef Kita', 'OuDist00001'),
                unit('OuFac000002', 'Clinique Étoile', 'OuDist00001'),
                unit('OuFac000003', 'CSCom Nioro', 'OuDist00002'),
                unit('OuFac000004', 'Clinique Kadiolo', 'OuDist00003'),
            ],
            organisationUnitLevels: [
                { id: 'OuLevel0001', name: 'Pays', level: 1 },
                { id: 'OuLevel0002', name: 'Région', level: 2 },
                { id: 'OuLevel0003', name: 'District', level: 3 },
                { id: 'OuLevel0004', name: 'Structure', level: 4 },
            ],
            organisationUnitGroups: [
                {
                    id: 'OugPublic01',
                    name: 'Public',
                    organisationUnits: [ref('OuFac000001'), ref('OuFac000003')],
                },
                {
                    id: 'OugPrive001',
                    name: 'Privé lucratif',
                    organisationUnits: [ref('OuFac000002'), ref('OuFac000004')],
                },
            ],
            organisationUnitGroupSets: [
                {
                    id: 'OugsSecteur',
                    name: 'Secteur',
                    dataDimension: true,
                    organisationUnitGroups: [ref('OugPublic01'), ref('OugPrive001')],
                },
            ],
            categoryOptions: [
                { id: 'CoLt5000001', name: 'Moins de 5 ans' },
                { id: 'Co5plus0001', name: '5 ans et plus' },
            ],
            categories: [
                {
                    id: 'CatAge00001',
                    name: 'Âge',
                    dataDimension: true,
                    dataDimensionType: 'DISAGGREGATION',
                    categoryOptions: [ref('CoLt5000001'), ref('Co5plus0001')],
                },
            ],
            categoryCombos: [
                {
                    id: 'CcAge000001',
                    name: 'Âge',
                    dataDimensionType: 'DISAGGREGATION',
                    categories: [ref('CatAge00001')],
                },
            ],
            categoryOptionCombos: [
                {
                    id: 'CocLt500001',
                    name: 'Moins de 5 ans',
                    categoryCombo: ref('CcAge000001'),
                    categoryOptions: [ref('CoLt5000001')],
                },
                {
                    id: 'Coc5plus001',
                    name: '5 ans et plus',
                    categoryCombo: ref('CcAge000001'),
                    categoryOptions: [ref('Co5plus0001')],
                },
            ],
            dataElements: [
                {
                    id: 'DeCases0001',
                    name: 'Cas confirmés',
                    shortName: 'Cas',
                    valueType: 'INTEGER_ZERO_OR_POSITIVE',
                    aggregationType: 'SUM',
                    domainType: 'AGGREGATE',
                    categoryCombo: ref('CcAge000001'),
                },
                {
                    id: 'DePop000001',
                    name: 'Population totale',
                    valueType: 'INTEGER_ZERO_OR_POSITIVE',
                    aggregationType: 'AVERAGE_SUM_ORG_UNIT',
                    domainType: 'AGGREGATE',
                    categoryCombo: ref('bjDvmb4bfuf'),
                },
                {
                    id: 'DeStock0001',
                    name: 'Utilisatrices',
                    valueType: 'INTEGER_ZERO_OR_POSITIVE',
                    aggregationType: 'LAST',
                    domainType: 'AGGREGATE',
                    categoryCombo: ref('bjDvmb4bfuf'),
                },
            ],
            dataSets: [
                {
                    id: 'DsMonthly01',
                    name: 'Rapport mensuel',
                    periodType: 'Monthly',
                    timelyDays: 15,
                    categoryCombo: ref('bjDvmb4bfuf'),
                    dataSetElements: [
                        { dataElement: ref('DeCases0001') },
                        { dataElement: ref('DeStock0001') },
                    ],
                    organisationUnits: facilities.map(ref),
                },
                {
                    id: 'DsYearly001',
                    name: 'Population',
                    periodType: 'Yearly',
                    categoryCombo: ref('bjDvmb4bfuf'),
                    dataSetElements: [{ dataElement: ref('DePop000001') }],
                    organisationUnits: facilities.map(ref),
                },
            ],
            indicatorTypes: [{ id: 'ItPer100001', name: 'Pour 1000', factor: 1000, number: false }],
            indicators: [
                {
                    id: 'IndIncid001',
                    name: 'Incidence',
                    shortName: 'Incidence',
                    indicatorType: ref('ItPer100001'),
                    numerator: '#{DeCases0001}',
                    denominator: '#{DePop000001}',
                    annualized: false,
                },
                {
                    id: 'IndLt5Share',
                    name: 'Part des moins de 5 ans',
                    indicatorType: ref('ItPer100001'),
                    numerator: '#{DeCases0001.CocLt500001} * C{Const000001}',
                    denominator: '#{DeCases0001} * 10',
                    decimals: 1,
                },
            ],
            constants: [{ id: 'Const000001', name: 'Dix', value: 10 }],
        },
        users: [USERS.admin, USERS.district],
        dataValues,
        completeRegistrations,
        systemSettings: {},
    }
}

export function smallDatabase(): SimDatabase {
    return createDatabase(smallSeed())
}
