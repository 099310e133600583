// The intake tests' world: the demo simulator with private-facility users (a clinic scoped to one
// facility), the bridge's service account, a throw-away state folder with its SQLite file, and a
// one-facility month cut from the clinic fixtures.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { uidFromCode } from '../../../mappings/src/uid.js'
import { startSimulator, type RunningSimulator, type SeedUser } from '../../../dhis2-sim/src/index.js'
import { buildDemoSeed } from '../../../dhis2-sim/src/demo/index.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { openIntakeService, type IntakeService } from '../../src/intake/service.js'
import { as, fixture, tempState } from '../helpers/sim.js'

export const BRIDGE = ['bridge', 'Bridge@2024'] as const
export const CLINIC = ['clinique.badala', 'Badala@2024'] as const
export const CLINIC_FACILITY = 'FS-C5-011'
export const OTHER_FACILITY = 'FS-C5-012'
export const LAB = ['labo.c5-019', 'Labo@2024'] as const
export const LAB_FACILITY = 'FS-C5-019'

function user(username: string, password: string, facility: string, surname: string): SeedUser {
    return {
        id: uidFromCode('user', username),
        username,
        password,
        firstName: 'Secrétariat',
        surname,
        organisationUnits: [uidFromCode('organisationUnit', facility)],
        dataViewOrganisationUnits: [uidFromCode('organisationUnit', facility)],
        authorities: ['F_DATAVALUE_ADD', 'M_dhis-web-aggregate-data-entry'],
        userRoles: [uidFromCode('userRole', 'ROLE_RESPONSABLE_SANTE')],
        userGroups: [],
        settings: { keyUiLocale: 'fr', keyDbLocale: 'fr' },
    }
}

export async function startIntakeSim(): Promise<RunningSimulator> {
    const seed = buildDemoSeed({ includePackage: true })
    const have = new Set(seed.users.map((u) => u.username))
    for (const u of [
        user(CLINIC[0], CLINIC[1], CLINIC_FACILITY, 'Clinique Badala'),
        user(LAB[0], LAB[1], LAB_FACILITY, 'Laboratoire'),
    ])
        if (!have.has(u.username)) seed.users.push(u)
    return startSimulator({ port: 0, dataDir: null, seed })
}

export const ouId = (code: string): string => uidFromCode('organisationUnit', code)

export interface World {
    sim: RunningSimulator
    stateDir: string
    service: IntakeService
    admin: Dhis2Client
}

export async function openWorld(sim: RunningSimulator, stateDir = tempState()): Promise<World> {
    const service = await openIntakeService({ dhis2: as(sim, ...BRIDGE), stateDir })
    return { sim, stateDir, service, admin: new Dhis2Client(as(sim, 'admin', 'district')) }
}

/** The January 2024 long CSV cut down to one facility, as its secretary would export it. */
export function facilityMonthFile(
    dir: string,
    facility: string,
    name = `${facility}-janvier-2024.csv`
): string {
    const lines = readFileSync(fixture('commune5-2024-01-long.csv'), 'utf8').split(/\r?\n/)
    const out = [lines[0], ...lines.slice(1).filter((l) => l.startsWith(`${facility};`))]
    const path = join(dir, name)
    writeFileSync(path, out.join('\r\n') + '\r\n')
    return path
}

/** The data lines of a long CSV: [facility, period, indicator, disaggregation, value]. */
export function longLines(path: string): string[][] {
    return readFileSync(path, 'utf8')
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)
        .slice(1)
        .filter((l) => l.trim() !== '')
        .map((l) => l.split(';'))
}

export async function waitFor<T>(what: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
    const end = Date.now() + ms
    for (;;) {
        const got = await what()
        if (got) return got
        if (Date.now() > end) throw new Error('timed out waiting')
        await new Promise((r) => setTimeout(r, 100))
    }
}
