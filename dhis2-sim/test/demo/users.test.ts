import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uidFromCode } from '@odd3/mappings/uid'
import { MUTUELLES } from '@odd3/mappings/definitions'
import { startSimulator, type RunningSimulator } from '../../src/index.js'
import { APP_AUTHORITY, buildDemoSeed, dataSetAssignment, demoOrgUnits } from '../../src/demo/index.js'

const seed = buildDemoSeed({ includePackage: false })
const user = (username: string) => {
    const found = seed.users.find((u) => u.username === username)
    if (!found) throw new Error(`missing user ${username}`)
    return found
}

const PRIVATE = ['clinique.commune5', 'labo.commune5', 'mutuelle.kolokani']

describe('demo users', () => {
    it('has the users and passwords of docs/data-model.md', () => {
        expect(seed.users.map((u) => [u.username, u.password])).toEqual([
            ['admin', 'district'],
            ['drs.sikasso', 'Sikasso@2024'],
            ['mcd.commune5', 'Commune5@2024'],
            ['planificateur', 'Planif@2024'],
            ['bridge', 'Bridge@2024'],
            ['clinique.commune5', 'Clinique5@2024'],
            ['labo.commune5', 'Labo5@2024'],
            ['mutuelle.kolokani', 'Kolokani@2024'],
        ])
    })

    it('makes only the administrator a superuser', () => {
        expect(user('admin').authorities).toContain('ALL')
        for (const name of ['drs.sikasso', 'mcd.commune5', 'planificateur', 'bridge', ...PRIVATE]) {
            expect(user(name).authorities).not.toContain('ALL')
        }
    })

    it('gives the scorecard app to officers and the planner, and the bridge its import rights', () => {
        for (const name of ['drs.sikasso', 'mcd.commune5', 'planificateur']) {
            expect(user(name).authorities).toContain(APP_AUTHORITY)
        }
        expect(APP_AUTHORITY).toBe('M_odd3scorecard')
        expect(user('planificateur').authorities).not.toContain('F_DATAVALUE_ADD')
        for (const authority of ['F_DATAVALUE_ADD', 'F_METADATA_IMPORT', 'F_PERFORM_MAINTENANCE']) {
            expect(user('bridge').authorities).toContain(authority)
        }
    })

    it('scopes officers to their org units, in French', () => {
        expect(user('drs.sikasso').organisationUnits).toEqual([uidFromCode('organisationUnit', 'ML-3')])
        expect(user('mcd.commune5').organisationUnits).toEqual([uidFromCode('organisationUnit', 'ML-BKO-C5')])
        expect(user('mcd.commune5').dataViewOrganisationUnits).toEqual([
            uidFromCode('organisationUnit', 'ML-BKO-C5'),
        ])
        expect(user('planificateur').organisationUnits).toEqual([uidFromCode('organisationUnit', 'ML')])
        for (const u of seed.users) expect(u.settings.keyUiLocale).toBe('fr')
        expect(seed.systemSettings.keyUiLocale).toBe('fr')
        const roles = new Set((seed.metadata.userRoles ?? []).map((r) => r.id))
        for (const u of seed.users) for (const role of u.userRoles) expect(roles.has(role)).toBe(true)
    })

    it('gives each private reporter one unit of the demo database, which reports its data set', () => {
        const units = new Map(demoOrgUnits().map((u) => [u.id, u]))
        const scope = (name: string) => {
            const u = user(name)
            expect(u.organisationUnits).toHaveLength(1)
            expect(u.dataViewOrganisationUnits).toEqual(u.organisationUnits)
            const unit = units.get(u.organisationUnits[0] ?? '')
            if (!unit) throw new Error(`${name}: org unit not in the demo database`)
            return unit
        }
        const clinic = scope('clinique.commune5')
        expect([clinic.code, clinic.type, clinic.sector, clinic.districtCode]).toEqual([
            'FS-C5-011',
            'CLINIQUE',
            'PRIVE_LUCRATIF',
            'ML-BKO-C5',
        ])
        expect(dataSetAssignment('DS_PRIVE_MENSUEL', clinic)).toBe(true)
        const lab = scope('labo.commune5')
        expect([lab.code, lab.type, lab.sector, lab.districtCode]).toEqual([
            'FS-C5-019',
            'LABO',
            'PRIVE_LUCRATIF',
            'ML-BKO-C5',
        ])
        expect(dataSetAssignment('DS_LABO_MENSUEL', lab)).toBe(true)
        // A mutuelle reports its members on the district and its claims on the district's facilities
        const district = scope('mutuelle.kolokani')
        expect([district.code, district.level]).toEqual(['ML-2-KLK', 3])
        expect(MUTUELLES.find((m) => m.code === 'MUT_KOLOKANI')?.district).toBe(district.code)
        expect(dataSetAssignment('DS_MUTUELLE_MENSUEL', district)).toBe(true)
    })

    it('lets private reporters enter data, and nothing more', () => {
        for (const name of PRIVATE) {
            expect(user(name).authorities).toEqual([
                'F_DATAVALUE_ADD',
                'F_DATAVALUE_DELETE',
                'M_dhis-web-aggregate-data-entry',
            ])
        }
    })
})

describe('private reporters in the running demo', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
    }, 120_000)
    afterAll(async () => sim?.close())
    const basic = (name: string, password: string) =>
        'Basic ' + Buffer.from(`${name}:${password}`).toString('base64')

    it('log in and read their one org unit with its path, as the intake asks /api/me', async () => {
        const res = await fetch(`${sim.url}/api/me?fields=username,organisationUnits[id,name,path]`, {
            headers: { authorization: basic('clinique.commune5', 'Clinique5@2024') },
        })
        expect(res.status).toBe(200)
        const me = (await res.json()) as {
            username: string
            organisationUnits: Array<{ id: string; name: string; path: string }>
        }
        const id = uidFromCode('organisationUnit', 'FS-C5-011')
        expect(me.username).toBe('clinique.commune5')
        expect(me.organisationUnits).toEqual([
            {
                id,
                name: 'Clinique Médicale de Badalabougou',
                path: expect.stringMatching(
                    new RegExp(`/${uidFromCode('organisationUnit', 'ML-BKO-C5')}/${id}$`)
                ),
            },
        ])
        const wrong = await fetch(`${sim.url}/api/me`, {
            headers: { authorization: basic('clinique.commune5', 'Commune5@2024') },
        })
        expect(wrong.status).toBe(401)
    })
})
