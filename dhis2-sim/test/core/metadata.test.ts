import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, IDS, OFFICER, smallSeed } from './seed.js'

let sim: RunningSimulator

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: smallSeed() })
})
afterAll(async () => {
    await sim.close()
})

async function get(path: string, headers: Record<string, string> = ADMIN) {
    const response = await fetch(sim.url + path, { headers })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

interface ErrorReportBody {
    errorCode: string
    message: string
}
interface ImportEnvelope {
    httpStatus: string
    httpStatusCode: number
    status: string
    message?: string
    response: {
        responseType: string
        status: string
        stats: Record<string, number>
        typeReports: Array<{
            klass: string
            stats: Record<string, number>
            objectReports: Array<{ uid: string; index: number; errorReports: ErrorReportBody[] }>
        }>
    }
}

async function postMetadata(query: string, payload: unknown) {
    const response = await fetch(`${sim.url}/api/metadata${query}`, {
        method: 'POST',
        headers: { ...ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
    })
    return { status: response.status, body: (await response.json()) as ImportEnvelope }
}

describe('metadata reads (docs/dhis2-api.md §8.1-§8.3)', () => {
    it('lists with the default id,displayName and a pager', async () => {
        const { status, body } = await get('/api/organisationUnits')
        expect(status).toBe(200)
        expect(body.pager).toEqual({ page: 1, total: 5, pageSize: 50, pageCount: 1 })
        // Default order: name, case-insensitive.
        expect((body.organisationUnits as unknown[])[0]).toEqual({
            id: IDS.clinic,
            displayName: 'Clinique Pasteur',
        })
    })

    it('pages with absolute next/prev links and paging=false', async () => {
        const { body } = await get('/api/organisationUnits?pageSize=2&page=2&fields=id&order=level:asc')
        expect(body.pager).toEqual({
            page: 2,
            total: 5,
            pageSize: 2,
            pageCount: 3,
            nextPage: `${sim.url}/api/organisationUnits?page=3&pageSize=2&fields=id&order=level%3Aasc`,
            prevPage: `${sim.url}/api/organisationUnits?page=1&pageSize=2&fields=id&order=level%3Aasc`,
        })
        expect(body.organisationUnits).toEqual([{ id: IDS.kadiolo }, { id: IDS.cscom }])
        const unpaged = await get('/api/organisationUnits?paging=false&fields=id')
        expect(unpaged.body.pager).toBeUndefined()
        expect(unpaged.body.organisationUnits).toHaveLength(5)
    })

    it('derives path, level, ancestors, children and reverse references', async () => {
        const { body } = await get(
            `/api/organisationUnits/${IDS.clinic}?fields=id,level,path,parent,ancestors,leaf,dataSets,organisationUnitGroups[id,name,groupSets]`
        )
        expect(body).toEqual({
            id: IDS.clinic,
            level: 4,
            path: `/${IDS.mali}/${IDS.sikasso}/${IDS.kadiolo}/${IDS.clinic}`,
            parent: { id: IDS.kadiolo },
            ancestors: [{ id: IDS.mali }, { id: IDS.sikasso }, { id: IDS.kadiolo }],
            leaf: true,
            dataSets: [{ id: IDS.dataSet }],
            organisationUnitGroups: [
                { id: IDS.groupPrivate, name: 'Privé lucratif', groupSets: [{ id: IDS.groupSet }] },
            ],
        })
        const district = await get(`/api/organisationUnits/${IDS.kadiolo}?fields=children~size,leaf`)
        expect(district.body).toEqual({ children: 2, leaf: false })
        const element = await get(`/api/dataElements/${IDS.cpn4}?fields=dataSetElements[dataSet[id,name]]`)
        expect(element.body).toEqual({
            dataSetElements: [{ dataSet: { id: IDS.dataSet, name: 'Rapport mensuel privé' } }],
        })
        const combo = await get(
            '/api/categoryCombos/bjDvmb4bfuf?fields=id,name,categoryOptionCombos[id,name]'
        )
        expect(combo.body).toEqual({
            id: 'bjDvmb4bfuf',
            name: 'default',
            categoryOptionCombos: [{ id: 'HllvX50cXC0', name: 'default' }],
        })
    })

    it('parses fields with brackets, presets, exclusions and transformers', async () => {
        const { body } = await get(
            `/api/dataSets/${IDS.dataSet}?fields=id,name~rename(nom),periodType,organisationUnits[id,name,level],dataSetElements~size,categoryCombo`
        )
        expect(body).toEqual({
            id: IDS.dataSet,
            nom: 'Rapport mensuel privé',
            periodType: 'Monthly',
            organisationUnits: [{ id: IDS.clinic, name: 'Clinique Pasteur', level: 4 }],
            dataSetElements: 2,
            categoryCombo: { id: 'bjDvmb4bfuf' },
        })
        const all = await get(`/api/dataElements/${IDS.cpn4}?fields=*,!dataSetElements,!href`)
        expect(all.body.displayName).toBe('Consultations prénatales, 4e visite')
        expect(all.body.displayShortName).toBe('CPN4')
        expect(all.body.categoryCombo).toEqual({ id: 'bjDvmb4bfuf' })
        expect(all.body.dataSetElements).toBeUndefined()
        const plucked = await get(`/api/dataSets/${IDS.dataSet}?fields=organisationUnits~pluck`)
        expect(plucked.body).toEqual({ organisationUnits: [IDS.clinic] })
        const nameable = await get(
            `/api/organisationUnits/${IDS.mali}?fields=:nameable,!href,!created,!lastUpdated`
        )
        expect(nameable.body).toEqual({
            id: IDS.mali,
            name: 'Mali',
            displayName: 'Mali',
            code: 'ML',
            shortName: 'Mali',
            displayShortName: 'Mali',
        })
    })

    it('filters with operators, nested paths and rootJunction', async () => {
        const byLevel = await get('/api/organisationUnits?filter=level:eq:4&fields=id&paging=false')
        expect(byLevel.body.organisationUnits).toEqual([{ id: IDS.clinic }, { id: IDS.cscom }])
        const subtree = await get(
            `/api/organisationUnits?filter=path:like:${IDS.sikasso}&filter=level:ge:3&fields=id`
        )
        expect((subtree.body.organisationUnits as unknown[]).length).toBe(3)
        const nested = await get(
            `/api/dataElements?filter=dataSetElements.dataSet.id:eq:${IDS.dataSet}&fields=id`
        )
        expect(nested.body.dataElements).toHaveLength(2)
        const inList = await get(`/api/organisationUnits?filter=id:in:[${IDS.mali},${IDS.clinic}]&fields=id`)
        expect(inList.body.organisationUnits).toEqual([{ id: IDS.clinic }, { id: IDS.mali }])
        const either = await get(
            '/api/organisationUnits?filter=code:eq:ML&filter=name:ilike:pasteur&rootJunction=OR&fields=code'
        )
        expect(either.body.organisationUnits).toEqual([{ code: 'FS-KAD-002' }, { code: 'ML' }])
        const group = await get(
            `/api/organisationUnits?filter=organisationUnitGroups.id:eq:${IDS.groupPrivate}&fields=id`
        )
        expect(group.body.organisationUnits).toEqual([{ id: IDS.clinic }])
    })

    it('supports the organisation unit extras', async () => {
        expect((await get('/api/organisationUnits?level=2&fields=id')).body.organisationUnits).toEqual([
            { id: IDS.sikasso },
        ])
        expect(
            (await get('/api/organisationUnits?maxLevel=2&fields=id')).body.organisationUnits
        ).toHaveLength(2)
        expect(
            (await get('/api/organisationUnits?userOnly=true&fields=id', OFFICER)).body.organisationUnits
        ).toEqual([{ id: IDS.kadiolo }])
        expect((await get('/api/organisationUnits?query=pasteur&fields=id')).body.organisationUnits).toEqual([
            { id: IDS.clinic },
        ])
        // a list like any other: sorted by name (Query#setDefaultOrder), not the unit first
        const children = await get(
            `/api/organisationUnits/${IDS.kadiolo}?includeChildren=true&fields=id,name`
        )
        const childNames = (children.body.organisationUnits as Array<{ id: string; name: string }>).map(
            (u) => u.name
        )
        expect(childNames).toEqual([...childNames].sort((a, b) => a.localeCompare(b)))
        expect((children.body.organisationUnits as Array<{ id: string }>).map((u) => u.id).sort()).toEqual(
            [IDS.kadiolo, IDS.cscom, IDS.clinic].sort()
        )
        const ancestors = await get(`/api/organisationUnits/${IDS.clinic}?includeAncestors=true&fields=id`)
        expect(ancestors.body.organisationUnits).toHaveLength(4)
        const descendants = await get(
            `/api/organisationUnits/${IDS.sikasso}?includeDescendants=true&fields=id`
        )
        expect(descendants.body.organisationUnits).toHaveLength(4)
    })

    it('answers 404 E1005 for unknown ids', async () => {
        const { status, body } = await get('/api/dataElements/abcdefghijk')
        expect(status).toBe(404)
        expect(body).toEqual({
            httpStatus: 'Not Found',
            httpStatusCode: 404,
            status: 'ERROR',
            message: 'DataElement with id abcdefghijk could not be found.',
            errorCode: 'E1005',
        })
    })
})

describe('POST /api/metadata (docs/dhis2-api.md §8.4)', () => {
    const payload = {
        categoryOptions: [
            { id: 'CoAgeLt5000', code: 'AGE_LT5', name: 'Moins de 5 ans', shortName: 'Moins de 5 ans' },
            { id: 'CoAge5Plus0', code: 'AGE_5PLUS', name: '5 ans et plus', shortName: '5 ans et plus' },
        ],
        categories: [
            {
                id: 'CatAgeU5000',
                code: 'CAT_AGE_U5',
                name: 'Âge',
                shortName: 'Âge',
                dataDimensionType: 'DISAGGREGATION',
                categoryOptions: [{ id: 'CoAgeLt5000' }, { id: 'CoAge5Plus0' }],
            },
        ],
        categoryCombos: [
            {
                id: 'CcAgeU50000',
                code: 'CC_AGE_U5',
                name: 'Âge (moins de 5 ans)',
                dataDimensionType: 'DISAGGREGATION',
                categories: [{ id: 'CatAgeU5000' }],
            },
        ],
        dataElements: [
            {
                id: 'DePaluConf1',
                code: 'PALU_CONFIRMES',
                name: 'Cas de paludisme confirmés',
                shortName: 'Palu confirmés',
                valueType: 'INTEGER_ZERO_OR_POSITIVE',
                domainType: 'AGGREGATE',
                aggregationType: 'SUM',
                categoryCombo: { id: 'CcAgeU50000' },
            },
        ],
    }

    it('validates, commits, then counts existing objects as updated', async () => {
        const validate = await postMetadata('?importMode=VALIDATE', payload)
        expect(validate.status).toBe(200)
        expect(validate.body.status).toBe('OK')
        expect(validate.body.response.responseType).toBe('ImportReport')
        expect(validate.body.response.stats).toEqual({
            created: 5,
            updated: 0,
            deleted: 0,
            ignored: 0,
            total: 5,
        })
        expect((await get('/api/dataElements/DePaluConf1')).status).toBe(404)

        const commit = await postMetadata('', payload)
        expect(commit.status).toBe(200)
        expect(commit.body).toMatchObject({ httpStatus: 'OK', httpStatusCode: 200, status: 'OK' })
        expect(commit.body.response.stats).toEqual({
            created: 5,
            updated: 0,
            deleted: 0,
            ignored: 0,
            total: 5,
        })
        const klasses = (commit.body.response.typeReports as Array<{ klass: string }>).map(
            (report) => report.klass
        )
        expect(klasses).toEqual([
            'org.hisp.dhis.category.CategoryOption',
            'org.hisp.dhis.category.Category',
            'org.hisp.dhis.category.CategoryCombo',
            'org.hisp.dhis.dataelement.DataElement',
        ])
        expect((await get('/api/dataElements/DePaluConf1?fields=categoryCombo[code]')).body).toEqual({
            categoryCombo: { code: 'CC_AGE_U5' },
        })

        const again = await postMetadata('', payload)
        expect(again.body.response.stats).toEqual({
            created: 0,
            updated: 5,
            deleted: 0,
            ignored: 0,
            total: 5,
        })
    })

    it('generates category option combos only through the maintenance endpoint', async () => {
        const before = await get('/api/categoryCombos/CcAgeU50000?fields=categoryOptionCombos')
        expect(before.body.categoryOptionCombos).toEqual([])
        const response = await fetch(sim.url + '/api/maintenance/categoryOptionComboUpdate', {
            method: 'POST',
            headers: ADMIN,
        })
        expect(response.status).toBe(204)
        const after = await get(
            '/api/categoryCombos/CcAgeU50000?fields=categoryOptionCombos[name,categoryOptions]'
        )
        expect(after.body.categoryOptionCombos).toHaveLength(2)
        const again = await fetch(sim.url + '/api/maintenance/categoryOptionComboUpdate', {
            method: 'POST',
            headers: ADMIN,
        })
        expect(again.status).toBe(204)
        expect((await get('/api/categoryCombos/CcAgeU50000?fields=categoryOptionCombos~size')).body).toEqual({
            categoryOptionCombos: 2,
        })
    })

    it('reports missing properties (E4000) with 409 WARNING and commits nothing with atomicMode ALL', async () => {
        const { status, body } = await postMetadata('', {
            dataElements: [
                {
                    id: 'DeNewOk0001',
                    name: 'Nouveau',
                    shortName: 'Nouveau',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
                {
                    id: 'DeNoShort01',
                    name: 'Sans nom court',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
            ],
        })
        expect(status).toBe(409)
        expect(body.status).toBe('WARNING')
        expect(body.message).toBe('One or more errors occurred, please see full details in import report.')
        expect(body.response.status).toBe('ERROR')
        expect(body.response.stats).toEqual({ created: 0, updated: 0, deleted: 0, ignored: 2, total: 2 })
        const report = body.response.typeReports[0]
        expect(report?.klass).toBe('org.hisp.dhis.dataelement.DataElement')
        expect(report?.objectReports).toEqual([
            {
                klass: 'org.hisp.dhis.dataelement.DataElement',
                index: 1,
                uid: 'DeNoShort01',
                displayName: 'Sans nom court',
                errorReports: [
                    {
                        message: 'Missing required property `shortName`',
                        mainKlass: 'org.hisp.dhis.dataelement.DataElement',
                        errorKlass: 'java.lang.String',
                        errorProperty: 'shortName',
                        errorProperties: ['shortName'],
                        errorCode: 'E4000',
                        args: ['shortName'],
                    },
                ],
            },
        ])
        expect((await get('/api/dataElements/DeNewOk0001')).status).toBe(404)

        const partial = await postMetadata('?atomicMode=NONE', {
            dataElements: [
                {
                    id: 'DeNewOk0001',
                    name: 'Nouveau',
                    shortName: 'Nouveau',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
                {
                    id: 'DeNoShort01',
                    name: 'Sans nom court',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
            ],
        })
        expect(partial.status).toBe(409)
        expect(partial.body.response.status).toBe('WARNING')
        expect(partial.body.response.stats).toEqual({
            created: 1,
            updated: 0,
            deleted: 0,
            ignored: 1,
            total: 2,
        })
        expect((await get('/api/dataElements/DeNewOk0001')).status).toBe(200)
    })

    it('checks string lengths against the column lengths (E4001) and PropertyRange minima (E4002) (DefaultSchemaValidatorTest#testStringPropertyTooLong, #testStringPropertyShorterThanMinLength; ObjectBundleServiceTest#testCreateMetadataWithInvalidExpressionValidationRules)', async () => {
        const { status, body } = await postMetadata('?atomicMode=NONE', {
            dataElements: [
                {
                    id: 'DeLongShort',
                    name: 'Nom court trop long',
                    shortName: 'Consultations prénatales (4e visite), secteur privé',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
                {
                    id: 'DeFormName1',
                    name: 'Nom de formulaire trop court',
                    shortName: 'Formulaire court',
                    formName: 'X',
                    code: 'C'.repeat(50),
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
            ],
            indicatorTypes: [{ id: 'ItLongName1', name: 'N'.repeat(1200), factor: 1 }],
        })
        expect(status).toBe(409)
        expect(body.response.stats).toEqual({ created: 0, updated: 0, deleted: 0, ignored: 3, total: 3 })
        const reports = (
            body.response.typeReports as Array<{ objectReports: Array<{ errorReports: unknown[] }> }>
        )
            .flatMap((type) => type.objectReports)
            .flatMap((object) => object.errorReports)
        expect(reports).toEqual([
            {
                message: 'Maximum length of property `shortName`is 50, but given length was 51',
                mainKlass: 'org.hisp.dhis.dataelement.DataElement',
                errorKlass: 'java.lang.String',
                errorProperty: 'shortName',
                errorProperties: ['shortName', 50, 51],
                errorCode: 'E4001',
                args: ['shortName', '50', '51'],
            },
            {
                message: 'Allowed length range for property `formName` is [2 to 230], but given length was 1',
                mainKlass: 'org.hisp.dhis.dataelement.DataElement',
                errorKlass: 'java.lang.String',
                errorProperty: 'formName',
                errorProperties: ['formName', 2, 230, 1],
                errorCode: 'E4002',
                args: ['formName', '2.0', '230.0', '1'],
            },
            {
                message: 'Maximum length of property `name`is 230, but given length was 1,200',
                mainKlass: 'org.hisp.dhis.indicator.IndicatorType',
                errorKlass: 'java.lang.String',
                errorProperty: 'name',
                errorProperties: ['name', 230, 1200],
                errorCode: 'E4001',
                args: ['name', '230', '1200'],
            },
        ])
    })

    it('reports invalid UIDs, unknown references and unique clashes', async () => {
        const { body } = await postMetadata('', {
            dataElements: [
                {
                    id: 'bad',
                    name: 'Mauvais id',
                    shortName: 'Mauvais',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
                {
                    id: 'DeRefMiss01',
                    name: 'Référence',
                    shortName: 'Référence',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                    categoryCombo: { id: 'CcUnknown01' },
                },
                {
                    id: 'DeDupName01',
                    name: 'Accouchements (total)',
                    shortName: 'Doublon',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
            ],
        })
        const codes = (body.response.typeReports[0]?.objectReports ?? []).map((report) =>
            report.errorReports.map((error) => error.errorCode)
        )
        expect(codes).toEqual([['E4014'], ['E5002'], ['E5003']])
        // ReferencesCheck#createError and PreheatIdentifier#getIdentifiersWithName (ErrorCode E5002).
        expect(body.response.typeReports[0]?.objectReports[1]?.errorReports[0]).toEqual({
            message:
                'Invalid reference [CcUnknown01] (CategoryCombo) on object Référence [DeRefMiss01] (DataElement) for association `categoryCombo`',
            mainKlass: 'org.hisp.dhis.dataelement.DataElement',
            mainId: 'DeRefMiss01',
            errorKlass: 'org.hisp.dhis.category.CategoryCombo',
            errorProperty: 'categoryCombo',
            errorProperties: [
                '[CcUnknown01] (CategoryCombo)',
                'Référence [DeRefMiss01] (DataElement)',
                'categoryCombo',
            ],
            errorCode: 'E5002',
            args: ['[CcUnknown01] (CategoryCombo)', 'Référence [DeRefMiss01] (DataElement)', 'categoryCombo'],
        })
        expect(body.response.typeReports[0]?.objectReports[2]?.errorReports[0]?.message).toBe(
            `Property \`name\` with value \`Accouchements (total)\` on object Accouchements (total) [DeDupName01] (DataElement) already exists on object ${IDS.births}`
        )
    })

    it('resolves references by code with identifier=CODE and refuses updates of missing objects', async () => {
        const byCode = await postMetadata('?identifier=AUTO', {
            dataSets: [
                {
                    code: 'DS_PRIVE_MENSUEL',
                    name: 'Rapport mensuel privé',
                    shortName: 'Privé mensuel',
                    periodType: 'Monthly',
                    organisationUnits: [{ code: 'FS-KAD-002' }, { code: 'FS-KAD-001' }],
                    dataSetElements: [{ dataElement: { code: 'CPN4' } }],
                },
            ],
        })
        expect(byCode.status).toBe(200)
        expect(byCode.body.response.stats.updated).toBe(1)
        expect((await get(`/api/organisationUnits/${IDS.cscom}?fields=dataSets`)).body).toEqual({
            dataSets: [{ id: IDS.dataSet }],
        })
        const update = await postMetadata('?importStrategy=UPDATE', {
            indicatorTypes: [{ id: 'ItMissing01', name: 'Pour mille', factor: 1000 }],
        })
        expect(update.status).toBe(409)
        expect(update.body.response.typeReports[0]?.objectReports[0]?.errorReports[0]?.errorCode).toBe(
            'E5001'
        )
    })

    it('exports collections with GET /api/metadata', async () => {
        const { status, body } = await get(
            '/api/metadata?dataSets=true&indicatorTypes=true&fields=id,code&defaults=EXCLUDE&indicatorTypes:filter=code:eq:IT_PCT'
        )
        expect(status).toBe(200)
        expect(Object.keys(body)).toEqual(['system', 'dataSets', 'indicatorTypes'])
        expect(body.dataSets).toEqual([{ id: IDS.dataSet, code: 'DS_PRIVE_MENSUEL' }])
        expect(body.indicatorTypes).toEqual([{ id: IDS.indicatorType, code: 'IT_PCT' }])
    })

    it('creates, updates and deletes single objects with ObjectReports', async () => {
        const send = async (method: string, path: string, body?: unknown) => {
            const response = await fetch(sim.url + path, {
                method,
                headers: { ...ADMIN, 'Content-Type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body),
            })
            return {
                status: response.status,
                location: response.headers.get('location'),
                body: (await response.json()) as Record<string, unknown>,
            }
        }
        const created = await send('POST', '/api/categoryCombos', {
            name: 'Âge (bis)',
            dataDimensionType: 'DISAGGREGATION',
            categories: [{ id: 'CatAgeU5000' }],
        })
        expect(created.status).toBe(201)
        const report = created.body.response as { responseType: string; uid: string; klass: string }
        expect(report.responseType).toBe('ObjectReport')
        expect(report.klass).toBe('org.hisp.dhis.category.CategoryCombo')
        expect(created.location).toBe(`${sim.url}/api/categoryCombos/${report.uid}`)
        // The single-object controller generates the option combos, unlike /api/metadata.
        expect(
            (await get(`/api/categoryCombos/${report.uid}?fields=categoryOptionCombos~size`)).body
        ).toEqual({
            categoryOptionCombos: 2,
        })
        const invalid = await send('POST', '/api/indicatorTypes', { name: 'Sans facteur' })
        expect(invalid.status).toBe(409)
        expect(invalid.body.status).toBe('ERROR')
        const updated = await send('PUT', `/api/indicatorTypes/${IDS.indicatorType}`, {
            name: 'Pourcentage (%)',
            factor: 100,
        })
        expect(updated.status).toBe(200)
        expect((await get(`/api/indicatorTypes/${IDS.indicatorType}?fields=name`)).body).toEqual({
            name: 'Pourcentage (%)',
        })
        expect((await send('DELETE', '/api/indicatorTypes/ItMissing02')).status).toBe(404)
        const deleted = await send('DELETE', `/api/categoryCombos/${report.uid}`)
        expect(deleted.status).toBe(200)
        expect((await get(`/api/categoryCombos/${report.uid}`)).status).toBe(404)
    })

    it('judges each object by the type authorities, not a global import authority (SecurityCheck; MetadataImportIntegrationTest#testUpdateInaccessibleReference, MetadataWorkflowControllerTest)', async () => {
        const payload = {
            indicatorTypes: [{ id: 'ItOfficer01', name: 'Pour mille', factor: 1000 }],
            dataElements: [
                {
                    id: 'DeOfficer01',
                    name: 'Élément de l’agent',
                    shortName: 'Agent',
                    valueType: 'NUMBER',
                    domainType: 'AGGREGATE',
                    aggregationType: 'SUM',
                },
            ],
        }
        const response = await fetch(sim.url + '/api/metadata?atomicMode=NONE', {
            method: 'POST',
            headers: { ...OFFICER, 'Content-Type': 'application/json' },
            body: JSON.stringify(payload),
        })
        expect(response.status).toBe(409)
        const body = (await response.json()) as ImportEnvelope
        const reports = body.response.typeReports.flatMap((type) =>
            type.objectReports.flatMap((object) => object.errorReports)
        )
        const user = `Moussa Diarra [${IDS.officer}] (User)`
        expect(reports).toEqual([
            {
                message: `User \`${user}\` is not allowed to create objects of type Élément de l’agent [DeOfficer01] (DataElement)`,
                mainKlass: 'org.hisp.dhis.dataelement.DataElement',
                errorProperties: [user, 'Élément de l’agent [DeOfficer01] (DataElement)'],
                errorCode: 'E3000',
                args: [user, 'Élément de l’agent [DeOfficer01] (DataElement)'],
            },
            {
                message: `User \`${user}\` is not allowed to create objects of type Pour mille [ItOfficer01] (IndicatorType)`,
                mainKlass: 'org.hisp.dhis.indicator.IndicatorType',
                errorProperties: [user, 'Pour mille [ItOfficer01] (IndicatorType)'],
                errorCode: 'E3000',
                args: [user, 'Pour mille [ItOfficer01] (IndicatorType)'],
            },
        ])
        // AbstractCrudController#postObject / #putObject: 403 E1006 before any validation.
        const single = await fetch(sim.url + '/api/dataElements', {
            method: 'POST',
            headers: { ...OFFICER, 'Content-Type': 'application/json' },
            body: JSON.stringify(payload.dataElements[0]),
        })
        expect(single.status).toBe(403)
        expect(await single.json()).toEqual({
            httpStatus: 'Forbidden',
            httpStatusCode: 403,
            status: 'ERROR',
            message: "You don't have the proper permissions to create this object.",
            errorCode: 'E1006',
        })
        const update = await fetch(`${sim.url}/api/dataElements/${IDS.births}`, {
            method: 'PUT',
            headers: { ...OFFICER, 'Content-Type': 'application/json' },
            body: '{}',
        })
        expect(update.status).toBe(403)
    })
})
