import { describe, expect, it } from 'vitest'
import { uidFromCode } from '../../../mappings/src/uid.js'
import { APP_AUTHORITY, buildDemoSeed } from '../../src/demo/index.js'

const seed = buildDemoSeed({ includePackage: false })
const user = (username: string) => {
    const found = seed.users.find((u) => u.username === username)
    if (!found) throw new Error(`missing user ${username}`)
    return found
}

describe('demo users', () => {
    it('has the users and passwords of docs/data-model.md', () => {
        expect(seed.users.map((u) => [u.username, u.password])).toEqual([
            ['admin', 'district'],
            ['drs.sikasso', 'Sikasso@2024'],
            ['mcd.commune5', 'Commune5@2024'],
            ['planificateur', 'Planif@2024'],
            ['bridge', 'Bridge@2024'],
        ])
    })

    it('makes only the administrator a superuser', () => {
        expect(user('admin').authorities).toContain('ALL')
        for (const name of ['drs.sikasso', 'mcd.commune5', 'planificateur', 'bridge']) {
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
})
