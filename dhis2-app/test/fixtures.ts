import { FetchError } from '@dhis2/app-runtime'
import type { CustomData, ResolvedQuery } from './render'

// Canned DHIS2 answers for component tests, shaped like the simulator's (and DHIS2's) responses.
export const MALI = { id: 'OuMali00001', displayName: 'Mali', level: 1, path: '/OuMali00001' }
export const SIKASSO = {
    id: 'OuRegSik001',
    displayName: 'Sikasso',
    level: 2,
    path: '/OuMali00001/OuRegSik001',
}
export const KADIOLO = {
    id: 'OuDisKad001',
    displayName: 'Kadiolo',
    level: 3,
    path: '/OuMali00001/OuRegSik001/OuDisKad001',
}
export const KOUTIALA = {
    id: 'OuDisKou001',
    displayName: 'Koutiala',
    level: 3,
    path: '/OuMali00001/OuRegSik001/OuDisKou001',
}

export const BIRTHS_UID = 'yxPQ4JORtB5'
export const HIV_UID = 'Zeew5LhY674'
const SECTOR_SET = 'GsSecteur01'
const GROUPS = {
    SECT_PUBLIC: 'GrPublic001',
    SECT_COMMUNAUTAIRE: 'GrCommun001',
    SECT_PRIVE_LUCRATIF: 'GrPrivLuc01',
}
const DS_PRIVATE = 'DsPrive0001'

function grid(names: string[], rows: string[][]) {
    return {
        headers: names.map((name) => ({ name })),
        metaData: {},
        rows,
        height: rows.length,
        width: names.length,
    }
}

type Json = Awaited<ReturnType<Extract<CustomData[string], (...args: never[]) => unknown>>>

function dimensions(query: ResolvedQuery): string[] {
    const value = query.params?.dimension
    return Array.isArray(value) ? value.map(String) : []
}

export interface Dhis2Answers {
    analyticsCalls: string[][]
    data: CustomData
}

/** Answers for drs.sikasso looking at Sikasso; `analytics` can be replaced to test failures. */
export function sikassoAnswers(overrides: { analytics?: () => Promise<Json> } = {}): Dhis2Answers {
    const analyticsCalls: string[][] = []
    const analytics = async (_type: string, query: ResolvedQuery): Promise<Json> => {
        analyticsCalls.push(dimensions(query))
        if (overrides.analytics) return overrides.analytics()
        const dims = dimensions(query).join(',')
        if (dims.includes('ACTUAL_REPORTS')) {
            return grid(
                ['dx', 'pe', 'ou', SECTOR_SET, 'value'],
                [
                    ['DeAccouch01', '2024', SIKASSO.id, GROUPS.SECT_PUBLIC, '600'],
                    ['DeAccouch01', '2024', SIKASSO.id, GROUPS.SECT_COMMUNAUTAIRE, '300'],
                    ['DeAccouch01', '2024', SIKASSO.id, GROUPS.SECT_PRIVE_LUCRATIF, '100'],
                    ['DeAccouch01', '2024', KADIOLO.id, GROUPS.SECT_PUBLIC, '90'],
                    [`${DS_PRIVATE}.ACTUAL_REPORTS`, '2024', SIKASSO.id, GROUPS.SECT_PRIVE_LUCRATIF, '18'],
                    [`${DS_PRIVATE}.EXPECTED_REPORTS`, '2024', SIKASSO.id, GROUPS.SECT_PRIVE_LUCRATIF, '24'],
                ]
            )
        }
        return grid(
            ['dx', 'pe', 'ou', 'value'],
            [
                [BIRTHS_UID, '2023', SIKASSO.id, '72.1'],
                [BIRTHS_UID, '2024', SIKASSO.id, '74.2'],
                [BIRTHS_UID, '2024', KADIOLO.id, '80.5'],
                [BIRTHS_UID, '2024', KOUTIALA.id, '60.3'],
                [HIV_UID, '2024', SIKASSO.id, '0.53'],
            ]
        )
    }
    return {
        analyticsCalls,
        data: {
            me: { id: 'UsDrsSik001', displayName: 'Awa Coulibaly', organisationUnits: [SIKASSO] },
            organisationUnits: async (_type: string, query: ResolvedQuery): Promise<Json> => {
                if (query.id === SIKASSO.id) {
                    return {
                        ...SIKASSO,
                        ancestors: [{ id: MALI.id, displayName: 'Mali', level: 1 }],
                        children: [KADIOLO, KOUTIALA],
                    }
                }
                if (query.id === KADIOLO.id) {
                    return { ...KADIOLO, ancestors: [MALI, SIKASSO], children: [] }
                }
                throw new FetchError({
                    type: 'unknown',
                    message: 'Not found',
                    details: { httpStatusCode: 404 },
                })
            },
            'dataStore/odd3-scorecard/targets': async (): Promise<Json> => {
                throw new FetchError({
                    type: 'unknown',
                    message: "Key 'targets' not found in namespace 'odd3-scorecard'",
                    details: { httpStatusCode: 404 },
                })
            },
            indicators: {
                indicators: [
                    {
                        id: BIRTHS_UID,
                        code: 'IND_ACCOUCH_ASSISTES',
                        numerator: '#{DeAccouch01}',
                        decimals: 1,
                    },
                    { id: HIV_UID, code: 'IND_VIH_INCIDENCE', numerator: '#{DeVihNouv01}', decimals: 2 },
                ],
            },
            organisationUnitGroupSets: {
                organisationUnitGroupSets: [
                    {
                        id: SECTOR_SET,
                        organisationUnitGroups: Object.entries(GROUPS).map(([code, id]) => ({ id, code })),
                    },
                ],
            },
            dataSets: { dataSets: [{ id: DS_PRIVATE, code: 'DS_PRIVE_MENSUEL' }] },
            analytics,
        },
    }
}
