// Shared set-up for integration tests: the real simulator with the demo database, and a
// throw-away state folder for the ledger and audit.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import type { Dhis2Config } from '../../src/dhis2/client.js'

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'clinics')
export const fixture = (name: string): string => join(FIXTURES, name)

export async function startDemo(): Promise<RunningSimulator> {
    return startSimulator({ port: 0, dataDir: null, seed: 'demo' })
}

export function tempState(): string {
    return mkdtempSync(join(tmpdir(), 'bridge-test-'))
}

export function as(
    sim: RunningSimulator,
    username: string,
    password: string,
    // The bridge's own default: the test machine runs many simulators at once, and a short timeout would
    // make results depend on its load.
    timeoutMs = 60_000
): Dhis2Config {
    return { baseUrl: sim.url, auth: { kind: 'basic', username, password }, timeoutMs }
}

export const ADMIN = ['admin', 'district'] as const
export const MCD_COMMUNE5 = ['mcd.commune5', 'Commune5@2024'] as const
