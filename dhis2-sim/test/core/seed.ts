// A small seed for the core contract tests: Mali > Sikasso > Kadiolo > two facilities.
import type { DatabaseSeed } from '../../src/core/types.js'

export const IDS = {
    mali: 'OuMali00001',
    sikasso: 'OuRegSik001',
    kadiolo: 'OuDistKad01',
    cscom: 'OuCscom0001',
    clinic: 'OuCliniq001',
    dataSet: 'DsPrivMth01',
    cpn4: 'DeCpn4Visit',
    births: 'DeAccouchem',
    groupPrivate: 'OugPrive001',
    groupSet: 'OugsSecteur',
    indicatorType: 'ItPct000001',
    admin: 'UsAdmin0001',
    officer: 'UsMcdKad001',
} as const

export function smallSeed(): DatabaseSeed {
    return {
        metadata: {
            organisationUnits: [
                { id: IDS.mali, code: 'ML', name: 'Mali', shortName: 'Mali', openingDate: '1960-01-01' },
                {
                    id: IDS.sikasso,
                    code: 'ML-3',
                    name: 'Sikasso',
                    shortName: 'Sikasso',
                    openingDate: '1960-01-01',
                    parent: { id: IDS.mali },
                },
                {
                    id: IDS.kadiolo,
                    code: 'ML-3-KAD',
                    name: 'Kadiolo',
                    shortName: 'Kadiolo',
                    openingDate: '1960-01-01',
                    parent: { id: IDS.sikasso },
                },
                {
                    id: IDS.cscom,
                    code: 'FS-KAD-001',
                    name: 'CSCom de Misséni',
                    shortName: 'Misséni',
                    openingDate: '1990-01-01',
                    parent: { id: IDS.kadiolo },
                },
                {
                    id: IDS.clinic,
                    code: 'FS-KAD-002',
                    name: 'Clinique Pasteur',
                    shortName: 'Pasteur',
                    openingDate: '2005-01-01',
                    parent: { id: IDS.kadiolo },
                },
            ],
            organisationUnitGroups: [
                {
                    id: IDS.groupPrivate,
                    code: 'SECT_PRIVE_LUCRATIF',
                    name: 'Privé lucratif',
                    shortName: 'Privé',
                    organisationUnits: [{ id: IDS.clinic }],
                },
            ],
            organisationUnitGroupSets: [
                {
                    id: IDS.groupSet,
                    code: 'SECTEUR',
                    name: 'Secteur',
                    shortName: 'Secteur',
                    dataDimension: true,
                    compulsory: true,
                    organisationUnitGroups: [{ id: IDS.groupPrivate }],
                },
            ],
            dataElements: [
                {
                    id: IDS.cpn4,
                    code: 'CPN4',
                    name: 'Consultations prénatales, 4e visite',
                    shortName: 'CPN4',
                    valueType: 'INTEGER_ZERO_OR_POSITIVE',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                    categoryCombo: { id: 'bjDvmb4bfuf' },
                },
                {
                    id: IDS.births,
                    code: 'ACCOUCH_TOTAL',
                    name: 'Accouchements (total)',
                    shortName: 'Accouchements',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                    categoryCombo: { id: 'bjDvmb4bfuf' },
                },
            ],
            dataSets: [
                {
                    id: IDS.dataSet,
                    code: 'DS_PRIVE_MENSUEL',
                    name: 'Rapport mensuel privé',
                    shortName: 'Privé mensuel',
                    periodType: 'Monthly',
                    categoryCombo: { id: 'bjDvmb4bfuf' },
                    dataSetElements: [{ dataElement: { id: IDS.cpn4 } }, { dataElement: { id: IDS.births } }],
                    organisationUnits: [{ id: IDS.clinic }],
                },
            ],
            indicatorTypes: [
                { id: IDS.indicatorType, code: 'IT_PCT', name: 'Pourcentage', factor: 100, number: false },
            ],
        },
        users: [
            {
                id: IDS.admin,
                username: 'admin',
                password: 'district',
                firstName: 'Admin',
                surname: 'National',
                organisationUnits: [IDS.mali],
                dataViewOrganisationUnits: [IDS.mali],
                authorities: ['ALL'],
                userRoles: [],
                userGroups: [],
                settings: {},
            },
            {
                id: IDS.officer,
                username: 'mcd.kadiolo',
                password: 'Kadiolo@2024',
                firstName: 'Moussa',
                surname: 'Diarra',
                organisationUnits: [IDS.kadiolo],
                dataViewOrganisationUnits: [IDS.kadiolo],
                authorities: ['F_DATAVALUE_ADD', 'M_dhis-web-dashboard'],
                userRoles: [],
                userGroups: [],
                settings: { keyUiLocale: 'en' },
            },
        ],
        dataValues: [],
        completeRegistrations: [],
        systemSettings: { keyUiLocale: 'fr' },
    }
}

export function basic(username: string, password: string): Record<string, string> {
    return { Authorization: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64') }
}

export const ADMIN = basic('admin', 'district')
export const OFFICER = basic('mcd.kadiolo', 'Kadiolo@2024')
