// Contract tests of metadata reads with `filter`, `rootJunction`, `fields` and `defaults`, written from dhis2-core's
// web-test AbstractCrudControllerTest and MetadataImportExportControllerTest (tag 2.41.3). Source:
// docs/dhis2-api.md §8.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { ADMIN, smallSeed } from './seed.js'

const DEFAULT_COMBO = 'bjDvmb4bfuf'
let sim: RunningSimulator

beforeAll(async () => {
    const seed = smallSeed()
    const md = seed.metadata
    // MetadataImportExportControllerTest#setupDataElementsWithCatCombos: three combos and four data elements,
    // one of them on the default combo.
    md.categoryCombos = [
        ...(md.categoryCombos ?? []),
        ...['A', 'B', 'C'].map((letter) => ({
            id: `CatCombo00${letter}`,
            name: `CategoryCombo${letter}`,
            dataDimensionType: 'DISAGGREGATION',
            categories: [],
        })),
    ]
    md.dataElements = [
        ...(md.dataElements ?? []),
        ...['A', 'B', 'C', 'D'].map((letter) => ({
            id: `DataElem00${letter}`,
            name: `DataElement${letter}`,
            shortName: `DataElement${letter}`,
            valueType: 'NUMBER',
            domainType: 'AGGREGATE',
            aggregationType: 'SUM',
            categoryCombo: { id: letter === 'D' ? DEFAULT_COMBO : `CatCombo00${letter}` },
        })),
    ]
    md.dataElementGroups = [
        ...(md.dataElementGroups ?? []),
        { id: 'DeGroup000A', name: 'DataElementGroupA', dataElements: [{ id: 'DataElem00A' }] },
    ]
    sim = await startSimulator({ port: 0, dataDir: null, seed, serverVersion: '2.41.3' })
})
afterAll(async () => {
    await sim.close()
})

async function get(path: string) {
    const response = await fetch(`${sim.url}/api/${path}`, { headers: ADMIN })
    expect(response.status).toBe(200)
    return (await response.json()) as Record<string, Array<Record<string, unknown>>>
}

const comboOf = (element: Record<string, unknown>) =>
    (element.categoryCombo as { id?: string } | undefined)?.id

describe('metadata reads (web-test AbstractCrudControllerTest, MetadataImportExportControllerTest)', () => {
    it('AbstractCrudControllerTest#testRootJunctionOR: a nested in: filter with rootJunction=OR', async () => {
        const body = await get('dataElements?filter=dataElementGroups.id:in:[DeGroup000A]&rootJunction=OR')
        expect(body.dataElements?.map((element) => element.id)).toEqual(['DataElem00A'])
    })

    it('metadataWithCatComboFieldsIncludingDefaultsTest: /metadata keeps the default combo by default', async () => {
        const body = await get('metadata?fields=id,name,categoryCombo[id,name]&dataElements=true')
        const ours = (body.dataElements ?? []).filter((element) => String(element.id).startsWith('DataElem'))
        expect(new Set(ours.map(comboOf))).toEqual(
            new Set(['CatCombo00A', 'CatCombo00B', 'CatCombo00C', DEFAULT_COMBO])
        )
        expect(ours.find((element) => element.id === 'DataElem00A')?.categoryCombo).toEqual({
            id: 'CatCombo00A',
            name: 'CategoryComboA',
        })
    })

    it('metadataExcludingDefaultCatComboTest: defaults=EXCLUDE leaves the default combo out', async () => {
        const body = await get(
            'metadata?fields=id,name,categoryCombo[id,name]&defaults=EXCLUDE&dataElements=true'
        )
        const ours = (body.dataElements ?? []).filter((element) => String(element.id).startsWith('DataElem'))
        expect(ours.filter((element) => comboOf(element) !== undefined)).toHaveLength(3)
        expect(ours.filter((element) => comboOf(element) === undefined)).toHaveLength(1)
    })

    it('code:in:[…] and code:eq: as the app sends them (docs/dhis2-api.md §8.1; no dhis2-core test names them)', async () => {
        const inList = await get(
            'dataSets?filter=code:in:[DS_PRIVE_MENSUEL,NOPE]&fields=id,code&paging=false'
        )
        expect(inList).toEqual({ dataSets: [{ id: expect.any(String) as string, code: 'DS_PRIVE_MENSUEL' }] })
        const eq = await get('organisationUnitGroupSets?filter=code:eq:NOPE&fields=id&paging=false')
        expect(eq).toEqual({ organisationUnitGroupSets: [] })
    })
})
