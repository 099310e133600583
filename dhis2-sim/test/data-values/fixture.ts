// A small hand-built database for the data value tests, and a way to call the routes directly.
import { createDatabase } from '../../src/core/database.js'
import type {
    Database,
    DatabaseSeed,
    MetadataObject,
    Route,
    SeedUser,
    SimRequest,
    SimResponse,
} from '../../src/core/types.js'
import { dataValueRoutes } from '../../src/completeness/routes.js'

export const NOW = new Date('2024-06-15T10:00:00.000Z')

export const OU = {
    mali: 'OuMali00001',
    region: 'OuRegion001',
    districtA: 'OuDistA0001',
    districtB: 'OuDistB0001',
    facilityA: 'OuFacA00001',
    facilityB: 'OuFacB00001',
    facilityA2: 'OuFacA00002',
}

export const DE = {
    number: 'DeNumber001',
    integer: 'DeInteger01',
    zeroPos: 'DeZeroPos01',
    sex: 'DeSex000001',
    significant: 'DeSignif001',
    bool: 'DeBool00001',
    mutuelle: 'DeMutuel001',
    expiring: 'DeExpire001',
}

export const COC = {
    default: 'HllvX50cXC0',
    male: 'CocMale0001',
    female: 'CocFemale01',
    mutA: 'CocMutA0001',
    mutB: 'CocMutB0001',
    mutOld: 'CocMutOld01',
    mutB2: 'CocMutDist1',
}

export const DS = { monthly: 'DsMonthly01', mutuelle: 'DsMutuel001', expiring: 'DsExpire001' }

export const USERS = {
    admin: 'UsAdmin0001',
    district: 'UsDistA0001',
    french: 'UsFrench001',
    reader: 'UsReader001',
}

const DATA_SHARING = { publicAccess: 'rwrw----', sharing: { public: 'rwrw----', users: {}, userGroups: {} } }
const META_SHARING = { publicAccess: 'rw------', sharing: { public: 'rw------', users: {}, userGroups: {} } }

function ou(id: string, code: string, name: string, parent?: string): MetadataObject {
    return {
        id,
        code,
        name,
        shortName: name,
        openingDate: '1990-01-01',
        ...(parent ? { parent: { id: parent } } : {}),
    }
}

function de(
    id: string,
    code: string,
    valueType: string,
    extra: Record<string, unknown> = {}
): MetadataObject {
    return {
        id,
        code,
        name: `Element ${code}`,
        shortName: code,
        valueType,
        aggregationType: 'SUM',
        domainType: 'AGGREGATE',
        zeroIsSignificant: false,
        categoryCombo: { id: 'bjDvmb4bfuf' },
        ...extra,
    }
}

function user(
    id: string,
    username: string,
    orgUnits: string[],
    authorities: string[],
    locale = 'en'
): SeedUser {
    return {
        id,
        username,
        password: 'Secret@2024',
        firstName: username,
        surname: 'Test',
        organisationUnits: orgUnits,
        dataViewOrganisationUnits: orgUnits,
        authorities,
        userRoles: [],
        userGroups: [],
        settings: { keyUiLocale: locale },
    }
}

export function buildSeed(): DatabaseSeed {
    return {
        metadata: {
            organisationUnits: [
                ou(OU.mali, 'ML', 'Mali'),
                ou(OU.region, 'ML-1', 'Région Test', OU.mali),
                ou(OU.districtA, 'ML-1-A', 'District A', OU.region),
                ou(OU.districtB, 'ML-1-B', 'District B', OU.region),
                ou(OU.facilityA, 'FS-A-001', 'CSCom A', OU.districtA),
                ou(OU.facilityB, 'FS-B-001', 'CSCom B', OU.districtB),
                ou(OU.facilityA2, 'FS-A-002', 'Clinique A2', OU.districtA),
            ],
            organisationUnitGroups: [
                {
                    id: 'OugPublic01',
                    code: 'SECT_PUBLIC',
                    name: 'Public',
                    organisationUnits: [{ id: OU.facilityA }, { id: OU.facilityB }],
                },
            ],
            categoryOptions: [
                { id: 'CoMale00001', code: 'SEXE_M', name: 'Masculin', ...DATA_SHARING },
                { id: 'CoFemale001', code: 'SEXE_F', name: 'Féminin', ...DATA_SHARING },
                { id: 'CoMutA00001', code: 'MUT_A', name: 'Mutuelle A', ...DATA_SHARING },
                { id: 'CoMutB00001', code: 'MUT_B', name: 'Mutuelle B', ...META_SHARING },
                {
                    id: 'CoMutOld001',
                    code: 'MUT_OLD',
                    name: 'Mutuelle ancienne',
                    endDate: '2020-12-31',
                    ...DATA_SHARING,
                },
                {
                    id: 'CoMutDist01',
                    code: 'MUT_DIST_B',
                    name: 'Mutuelle du district B',
                    organisationUnits: [{ id: OU.districtB }],
                    ...DATA_SHARING,
                },
            ],
            categories: [
                {
                    id: 'CatSexe0001',
                    code: 'CAT_SEXE',
                    name: 'Sexe',
                    dataDimensionType: 'DISAGGREGATION',
                    categoryOptions: [{ id: 'CoMale00001' }, { id: 'CoFemale001' }],
                },
                {
                    id: 'CatMutuel01',
                    code: 'CAT_MUTUELLE',
                    name: 'Mutuelle',
                    dataDimensionType: 'ATTRIBUTE',
                    categoryOptions: [
                        { id: 'CoMutA00001' },
                        { id: 'CoMutB00001' },
                        { id: 'CoMutOld001' },
                        { id: 'CoMutDist01' },
                    ],
                },
            ],
            categoryCombos: [
                {
                    id: 'CcSexe00001',
                    code: 'CC_SEXE',
                    name: 'Sexe',
                    dataDimensionType: 'DISAGGREGATION',
                    categories: [{ id: 'CatSexe0001' }],
                },
                {
                    id: 'CcMutuel001',
                    code: 'CC_MUTUELLE',
                    name: 'Mutuelle',
                    dataDimensionType: 'ATTRIBUTE',
                    categories: [{ id: 'CatMutuel01' }],
                },
            ],
            categoryOptionCombos: [
                {
                    id: COC.male,
                    code: 'CC_SEXE_SEXE_M',
                    name: 'Masculin',
                    categoryCombo: { id: 'CcSexe00001' },
                    categoryOptions: [{ id: 'CoMale00001' }],
                },
                {
                    id: COC.female,
                    code: 'CC_SEXE_SEXE_F',
                    name: 'Féminin',
                    categoryCombo: { id: 'CcSexe00001' },
                    categoryOptions: [{ id: 'CoFemale001' }],
                },
                {
                    id: COC.mutA,
                    code: 'CC_MUT_A',
                    name: 'Mutuelle A',
                    categoryCombo: { id: 'CcMutuel001' },
                    categoryOptions: [{ id: 'CoMutA00001' }],
                },
                {
                    id: COC.mutB,
                    code: 'CC_MUT_B',
                    name: 'Mutuelle B',
                    categoryCombo: { id: 'CcMutuel001' },
                    categoryOptions: [{ id: 'CoMutB00001' }],
                },
                {
                    id: COC.mutOld,
                    code: 'CC_MUT_OLD',
                    name: 'Mutuelle ancienne',
                    categoryCombo: { id: 'CcMutuel001' },
                    categoryOptions: [{ id: 'CoMutOld001' }],
                },
                {
                    id: COC.mutB2,
                    code: 'CC_MUT_DIST_B',
                    name: 'Mutuelle du district B',
                    categoryCombo: { id: 'CcMutuel001' },
                    categoryOptions: [{ id: 'CoMutDist01' }],
                },
            ],
            dataElements: [
                de(DE.number, 'DE_NUMBER', 'NUMBER'),
                de(DE.integer, 'DE_INTEGER', 'INTEGER'),
                de(DE.zeroPos, 'DE_ZERO_POS', 'INTEGER_ZERO_OR_POSITIVE'),
                de(DE.sex, 'DE_SEX', 'INTEGER_ZERO_OR_POSITIVE', { categoryCombo: { id: 'CcSexe00001' } }),
                de(DE.significant, 'DE_SIGNIFICANT', 'NUMBER', { zeroIsSignificant: true }),
                de(DE.bool, 'DE_BOOL', 'BOOLEAN'),
                de(DE.mutuelle, 'DE_MUTUELLE', 'INTEGER_ZERO_OR_POSITIVE', { aggregationType: 'LAST' }),
                de(DE.expiring, 'DE_EXPIRING', 'NUMBER'),
            ],
            dataSets: [
                {
                    id: DS.monthly,
                    code: 'DS_MONTHLY',
                    name: 'Rapport mensuel',
                    periodType: 'Monthly',
                    categoryCombo: { id: 'bjDvmb4bfuf' },
                    openFuturePeriods: 0,
                    expiryDays: 0,
                    dataSetElements: [DE.number, DE.integer, DE.zeroPos, DE.sex, DE.significant, DE.bool].map(
                        (id) => ({
                            dataElement: { id },
                        })
                    ),
                    organisationUnits: [{ id: OU.facilityA }, { id: OU.facilityB }],
                    ...DATA_SHARING,
                },
                {
                    id: DS.mutuelle,
                    code: 'DS_MUTUELLE',
                    name: 'Mutuelles',
                    periodType: 'Monthly',
                    categoryCombo: { id: 'CcMutuel001' },
                    openFuturePeriods: 0,
                    expiryDays: 0,
                    dataSetElements: [{ dataElement: { id: DE.mutuelle } }],
                    organisationUnits: [{ id: OU.districtA }, { id: OU.districtB }],
                    ...DATA_SHARING,
                },
                {
                    id: DS.expiring,
                    code: 'DS_EXPIRING',
                    name: 'Rapport qui expire',
                    periodType: 'Monthly',
                    categoryCombo: { id: 'bjDvmb4bfuf' },
                    openFuturePeriods: 0,
                    expiryDays: 10,
                    dataSetElements: [{ dataElement: { id: DE.expiring } }],
                    organisationUnits: [{ id: OU.facilityA }],
                    ...META_SHARING,
                },
            ],
        },
        users: [
            user(USERS.admin, 'admin', [OU.mali], ['ALL']),
            user(USERS.district, 'district.a', [OU.districtA], ['F_DATAVALUE_ADD']),
            user(USERS.french, 'francais', [OU.mali], ['F_DATAVALUE_ADD'], 'fr'),
            user(USERS.reader, 'lecteur', [OU.mali], ['M_dhis-web-dashboard']),
        ],
        dataValues: [],
        completeRegistrations: [],
        systemSettings: {},
    }
}

export interface Fixture {
    db: Database
    seed: DatabaseSeed
}

export function fixture(): Fixture {
    const seed = buildSeed()
    return { db: createDatabase(structuredClone(seed)), seed }
}

function matches(pattern: string, path: string): Record<string, string> | null {
    const parts = pattern.split('/')
    const segments = path.split('/')
    if (parts.length !== segments.length) return null
    const params: Record<string, string> = {}
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string
        const segment = segments[i] as string
        if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment)
        else if (part !== segment) return null
    }
    return params
}

export interface CallOptions {
    user?: string
    query?: Record<string, string> | URLSearchParams
    body?: unknown
    contentType?: string
    apiVersion?: number | null
    serverVersion?: string
    format?: string | null
    accept?: string
    now?: Date
}

/** Calls a route handler as the core router would, without HTTP. */
export async function call(
    f: Fixture,
    method: Route['method'],
    path: string,
    options: CallOptions = {}
): Promise<SimResponse> {
    const username = options.user ?? 'admin'
    const seedUser = f.seed.users.find((candidate) => candidate.username === username)
    if (!seedUser) throw new Error(`No user ${username}`)
    const { password: _password, ...simUser } = seedUser
    const route = dataValueRoutes.find(
        (candidate) => candidate.method === method && matches(candidate.pattern, path)
    )
    if (!route) throw new Error(`No route ${method} ${path}`)
    const body =
        options.body === undefined
            ? Buffer.alloc(0)
            : Buffer.isBuffer(options.body)
              ? options.body
              : typeof options.body === 'string'
                ? Buffer.from(options.body)
                : Buffer.from(JSON.stringify(options.body))
    const headers: Record<string, string> = {}
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json'
    if (options.accept) headers.accept = options.accept
    const request: SimRequest = {
        method,
        path,
        apiVersion: options.apiVersion ?? null,
        format: options.format ?? null,
        params: matches(route.pattern, path) ?? {},
        query:
            options.query instanceof URLSearchParams
                ? options.query
                : new URLSearchParams(options.query ?? {}),
        headers,
        body,
        user: simUser,
        db: f.db,
        baseUrl: 'http://localhost:8080',
        serverVersion: options.serverVersion ?? '2.41.3',
        now: () => options.now ?? NOW,
    }
    return route.handler(request)
}

export interface Envelope {
    httpStatus: string
    httpStatusCode: number
    status: string
    message?: string
    errorCode?: string
    response?: Summary
}

export interface Summary {
    responseType: string
    status: string
    description?: string
    importOptions: Record<string, unknown>
    importCount: { imported: number; updated: number; ignored: number; deleted: number }
    conflicts: Array<{
        object?: string
        objects: Record<string, string>
        value: string
        errorCode?: string
        property?: string
        indexes?: number[]
    }>
    rejectedIndexes?: number[]
    dataSetComplete?: string
}

export function envelope(response: SimResponse): Envelope {
    return response.body as Envelope
}

export function summary(response: SimResponse): Summary {
    const body = response.body as Envelope
    if (!body.response) throw new Error(`No import summary in ${JSON.stringify(body)}`)
    return body.response
}
