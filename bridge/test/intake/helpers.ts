// The intake tests' world: the demo simulator with its private users (a clinic scoped to one
// facility), the bridge's service account, a throw-away state folder with its SQLite file, and a
// one-facility month cut from the clinic fixtures.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { uidFromCode } from '@odd3/mappings/uid'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { openIntakeService, type IntakeService } from '../../src/intake/service.js'
import { as, fixture, startDemo, tempState } from '../helpers/sim.js'

export const BRIDGE = ['bridge', 'Bridge@2024'] as const
/** The demo database's private users (fixtures/demo-db/users.json), each scoped to its own unit. */
export const CLINIC = ['clinique.commune5', 'Clinique5@2024'] as const
export const CLINIC_FACILITY = 'FS-C5-011'
export const OTHER_FACILITY = 'FS-C5-012'
export const LAB = ['labo.commune5', 'Labo5@2024'] as const
export const LAB_FACILITY = 'FS-C5-019'

export const startIntakeSim = (): Promise<RunningSimulator> => startDemo()

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
