// What the simulator's own route modules share. Route modules of other parts only see SimRequest.
import type { AppRegistry } from '../apps/registry.js'
import type { SessionStore } from '../auth/sessions.js'
import type { TokenStore } from '../auth/tokens.js'
import type { UserRegistry } from '../auth/users.js'
import type { SimDatabase } from '../core/database.js'
import type { DatabaseSeed } from '../core/types.js'
import type { FaultInjector } from '../faults/faults.js'
import type { Journal } from '../persistence/journal.js'
import type { CorsPolicy } from './cors.js'

export interface ServerContext {
    /** Replaced by reset(): always read it at request time. */
    db: SimDatabase
    seed: DatabaseSeed
    /** Replaced by reset(). */
    users: UserRegistry
    sessions: SessionStore
    tokens: TokenStore
    apps: AppRegistry
    cors: CorsPolicy
    faults: FaultInjector
    journal: Journal | null
    serverVersion: string
    /** Compress answers like the usual reverse proxy in front of DHIS2 (`--gzip`). */
    gzip: boolean
    now: () => Date
    /** Set once listening, e.g. `http://localhost:8080`. */
    baseUrl: string
    /** Server start, for system/info's `buildTime`-like fields. */
    startedAt: Date
    systemId: string
    runAnalytics(): Promise<void>
    reset(): Promise<void>
    /** `installedAt` is the files' modification time DHIS2 serves as Last-Modified (default: now). */
    installApp(zip: Buffer, persist: boolean, installedAt?: Date): string
    uninstallApp(key: string, deleteAppData: boolean): boolean
}

/** `2.41.3` → 41. */
export function minorVersion(version: string): number {
    const minor = Number(version.split('.')[1])
    return Number.isFinite(minor) ? minor : 41
}

/** Compares dotted versions numerically: <0, 0, >0. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split('.').map(Number)
    const pb = b.split('.').map(Number)
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const diff = (pa[i] ?? 0) - (pb[i] ?? 0)
        if (diff !== 0) return diff
    }
    return 0
}
