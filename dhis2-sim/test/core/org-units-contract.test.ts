// Contract tests of the organisation unit reads, written from the assertions of dhis2-core's
// web-test OrganisationUnitControllerTest (tag 2.41.3) and the OrganisationUnitController it exercises:
// the same tree, created the same way, and the same requests. Source: docs/dhis2-api.md §8.1-§8.2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../src/index.js'

const ADMIN = { Authorization: 'Basic ' + Buffer.from('admin:district').toString('base64') }

let sim: RunningSimulator
const ids: Record<string, string> = {}

async function post(name: string, parent?: string): Promise<string> {
    const body = parent
        ? { name, shortName: name, openingDate: '2021', parent: { id: parent } }
        : { name, shortName: name, openingDate: '2021', description: 'Org desc', code: 'Org code' }
    const response = await fetch(`${sim.url}/api/organisationUnits`, {
        method: 'POST',
        headers: { ...ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
    })
    expect(response.status).toBe(201)
    const answer = (await response.json()) as { response: { uid: string } }
    return answer.response.uid
}

beforeAll(async () => {
    sim = await startSimulator({ port: 0, dataDir: null, seed: 'empty', serverVersion: '2.41.3' })
    // OrganisationUnitControllerTest#setUp
    ids.L0 = await post('L0')
    ids.L1 = await post('L1', ids.L0)
    ids.L21 = await post('L21', ids.L1)
    ids.L22 = await post('L22', ids.L1)
    await post('L31', ids.L21)
    await post('L32', ids.L22)
    ids.L1x = await post('L1x', ids.L0)
    ids.L2x = await post('L2x', ids.L1x)
    await post('L3x', ids.L2x)
})
afterAll(async () => {
    await sim.close()
})

async function names(path: string): Promise<string[]> {
    const response = await fetch(
        `${sim.url}/api/${path.replace(/\{(\w+)\}/g, (_m, n: string) => ids[n] ?? n)}`,
        {
            headers: ADMIN,
        }
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as { organisationUnits: Array<{ displayName: string }> }
    return body.organisationUnits.map((unit) => unit.displayName)
}

/** assertContainsOnly: the same names, in any order. */
async function expectUnits(path: string, ...expected: string[]) {
    expect((await names(path)).sort()).toEqual([...expected].sort())
}

describe('organisation unit reads (web-test OrganisationUnitControllerTest)', () => {
    it('testGetChildren: /{id}/children is the unit and its children', async () => {
        await expectUnits('organisationUnits/{L0}/children', 'L0', 'L1', 'L1x')
        await expectUnits('organisationUnits/{L1}/children', 'L1', 'L21', 'L22')
        await expectUnits('organisationUnits/{L21}/children', 'L21', 'L31')
    })

    it('testGetOrgUnitWithIeqFilter: name:ieq matches case-insensitively', async () => {
        expect(await names('organisationUnits?filter=name:ieq:l0')).toEqual(['L0'])
    })

    it('testGetOrgUnitWithNameableFields: fields=:nameable', async () => {
        const response = await fetch(`${sim.url}/api/organisationUnits/${ids.L0}?fields=:nameable`, {
            headers: ADMIN,
        })
        const unit = (await response.json()) as Record<string, unknown>
        expect(unit.name).toBe('L0')
        expect(unit.shortName).toBe('L0')
        expect(unit.description).toBe('Org desc')
        expect(unit.code).toBe('Org code')
        expect(unit.created).toBeTruthy()
        expect(unit.lastUpdated).toBeTruthy()
        expect(unit.id).toBe(ids.L0)
    })

    it('testGetIncludeChildren: ?includeChildren=true, with a filter too', async () => {
        await expectUnits('organisationUnits/{L0}?includeChildren=true', 'L0', 'L1', 'L1x')
        await expectUnits('organisationUnits/{L1}?includeChildren=true', 'L1', 'L21', 'L22')
        await expectUnits('organisationUnits/{L21}?includeChildren=true', 'L21', 'L31')
        await expectUnits(
            'organisationUnits/{L1}?includeChildren=true&filter=displayName:ilike:L2',
            'L21',
            'L22'
        )
    })

    it('testGetChildrenWithLevel: /{id}/children?level=n counts levels below the unit', async () => {
        await expectUnits('organisationUnits/{L1}/children?level=1', 'L21', 'L22')
        await expectUnits('organisationUnits/{L1}/children?level=2', 'L31', 'L32')
        await expectUnits('organisationUnits/{L1}/children?level=2&filter=displayName:ilike:31', 'L31')
    })

    it('testGetObjectWithLevel: /{id}?level=n', async () => {
        await expectUnits('organisationUnits/{L1}?level=1', 'L21', 'L22')
        await expectUnits('organisationUnits/{L1}?level=2', 'L31', 'L32')
    })

    it('testGetDescendants: /{id}/descendants, with a filter too', async () => {
        await expectUnits('organisationUnits/{L1}/descendants', 'L1', 'L21', 'L22', 'L31', 'L32')
        await expectUnits('organisationUnits/{L21}/descendants', 'L21', 'L31')
        await expectUnits('organisationUnits/{L1}/descendants?filter=displayName:ilike:L2', 'L21', 'L22')
    })

    it('testGetIncludeDescendants: ?includeDescendants=true', async () => {
        await expectUnits('organisationUnits/{L1}?includeDescendants=true', 'L1', 'L21', 'L22', 'L31', 'L32')
        await expectUnits('organisationUnits/{L21}?includeDescendants=true', 'L21', 'L31')
    })

    it('testGetAncestors: /{id}/ancestors is the unit and its ancestors', async () => {
        await expectUnits('organisationUnits/{L22}/ancestors', 'L22', 'L1', 'L0')
        await expectUnits('organisationUnits/{L22}/ancestors?filter=displayName:ilike:22', 'L22')
    })

    it('testGetIncludeAncestors: ?includeAncestors=true', async () => {
        await expectUnits('organisationUnits/{L22}?includeAncestors=true', 'L22', 'L1', 'L0')
    })

    it('testGetParents: /{id}/parents is the ancestors only', async () => {
        await expectUnits('organisationUnits/{L21}/parents', 'L1', 'L0')
        await expectUnits('organisationUnits/{L21}/parents?filter=displayName:ilike:L0', 'L0')
    })

    it('testGetQuery: ?query= matches names, and combines with filter', async () => {
        await expectUnits('organisationUnits?query=L21', 'L21')
        await expectUnits('organisationUnits?query=L21&filter=displayName:ilike:L2', 'L21')
    })

    it('testGetLevel and testGetLevelAndQuery', async () => {
        await expectUnits('organisationUnits?level=3', 'L21', 'L22', 'L2x')
        await expectUnits('organisationUnits?query=x', 'L1x', 'L2x', 'L3x')
        await expectUnits('organisationUnits?level=3&query=x', 'L2x')
    })

    it('testGetMaxLevel: ?maxLevel=2', async () => {
        await expectUnits('organisationUnits?maxLevel=2', 'L0', 'L1', 'L1x')
    })

    // The tree's names sort in level order too, so this passes whether the level sort or the generic lister's
    // default name order wins (the simulator ignores levelSorted; docs/dhis2-api.md §8.2).
    it('testGetAllOrganisationUnitsByLevel: ?levelSorted=true', async () => {
        expect(await names('organisationUnits?levelSorted=true')).toEqual([
            'L0',
            'L1',
            'L1x',
            'L21',
            'L22',
            'L2x',
            'L31',
            'L32',
            'L3x',
        ])
    })

    it('Query#setDefaultOrder: organisation unit levels list by name, not by level', async () => {
        for (const [level, name] of [
            [1, 'Pays'],
            [2, 'Cercle'],
            [3, 'Aire'],
        ] as const) {
            const response = await fetch(`${sim.url}/api/organisationUnitLevels`, {
                method: 'POST',
                headers: { ...ADMIN, 'Content-Type': 'application/json' },
                body: JSON.stringify({ name, level }),
            })
            expect(response.status).toBe(201)
        }
        const response = await fetch(`${sim.url}/api/organisationUnitLevels?fields=name,level`, {
            headers: ADMIN,
        })
        const body = (await response.json()) as { organisationUnitLevels: Array<{ name: string }> }
        expect(body.organisationUnitLevels.map((l) => l.name)).toEqual(['Aire', 'Cercle', 'Pays'])
    })
})
