// DHIS2 is the identity provider: the intake asks /api/me with the person's own credentials, keeps
// who they are and their data-capture org units, and never the password.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { pathInScope } from '../../src/intake/scope.js'
import { listAudit } from '../../src/storage/audit.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { CLINIC, CLINIC_FACILITY, openWorld, ouId, startIntakeSim, type World } from './helpers.js'

let sim: RunningSimulator
let world: World

beforeAll(async () => {
    sim = await startIntakeSim()
    world = await openWorld(sim)
}, 120_000)
afterAll(async () => {
    await world?.service.close()
    await sim?.close()
})

describe('authenticate', () => {
    it('gives the user and their data-capture org units with names and paths', async () => {
        const user = await world.service.authenticate(...CLINIC)
        expect(user).not.toBeNull()
        expect(user?.username).toBe(CLINIC[0])
        expect(user?.displayName).toBe('Aminata Keïta')
        expect(user?.orgUnits).toHaveLength(1)
        expect(user?.orgUnits[0]?.id).toBe(ouId(CLINIC_FACILITY))
        expect(user?.orgUnits[0]?.path).toMatch(new RegExp(`/${ouId(CLINIC_FACILITY)}$`))
        expect(user?.orgUnits[0]?.name).toBeTruthy()
        expect(JSON.stringify(user)).not.toContain(CLINIC[1])
    })

    it('answers null for a wrong password, an unknown user or empty fields', async () => {
        expect(await world.service.authenticate(CLINIC[0], 'wrong')).toBeNull()
        expect(await world.service.authenticate('nobody', 'x')).toBeNull()
        expect(await world.service.authenticate('', '')).toBeNull()
        expect(await world.service.authenticate('a:b', 'c')).toBeNull()
    })

    it('audits logins without ever writing the password', async () => {
        await world.service.authenticate(CLINIC[0], 'Mauvais#Secret')
        const db = await openSqlite(join(world.stateDir, 'bridge.sqlite'))
        try {
            const audit = await listAudit(db)
            expect(audit.some((a) => a.actor === CLINIC[0] && a.action === 'login')).toBe(true)
            expect(audit.some((a) => a.actor === CLINIC[0] && a.action === 'login.refused')).toBe(true)
        } finally {
            await db.close()
        }
        const bytes = readFileSync(join(world.stateDir, 'bridge.sqlite')).toString('latin1')
        expect(bytes).not.toContain('Mauvais#Secret')
        expect(bytes).not.toContain(CLINIC[1])
    })

    it('scope: an org unit is the user’s when its path goes through one of theirs', () => {
        const user = { orgUnits: [{ id: 'AbCdEfGhIj1' }] }
        expect(pathInScope('/ML/AbCdEfGhIj1', user)).toBe(true)
        expect(pathInScope('/ML/AbCdEfGhIj1/Child000001', user)).toBe(true)
        expect(pathInScope('/ML/AbCdEfGhIj2', user)).toBe(false)
        // a prefix of an id is not the id
        expect(pathInScope('/ML/AbCdEfGhIj12', user)).toBe(false)
    })
})
