// `bridge serve`: the intake web service for private clinics, labs and mutuelles, pushing with the same
// service account as the CLI. A long-running command has no report until it ends, and the shell decides
// when that is (Ctrl+C, SIGTERM): so this returns the running service, its address and how to stop it.
import type { Localized } from '../core/types.js'
import type { Dhis2Config } from '../dhis2/client.js'
import { messageFor } from '../i18n/messages.js'
import { DATABASE_URL_VARIABLE } from '../storage/index.js'
import { startIntakeServer } from './web/server.js'

export interface ServeOptions {
    /** The bridge's service account: it pushes; people log in with their own DHIS2 accounts. */
    dhis2: Dhis2Config
    port: number
    host: string
    /** `--database`; absent: `BRIDGE_DATABASE_URL`, else SQLite in the state folder (docs/storage.md). */
    database?: string
    stateDir: string
    mappingsRoot?: string
    /** Behind an HTTPS proxy: trust its X-Forwarded-* headers. */
    trustProxy: boolean
    idleMinutes: number
    /** Where `BRIDGE_DATABASE_URL` is read: the process's environment unless a caller gives its own. */
    env?: Readonly<Record<string, string | undefined>>
}

export interface RunningServe {
    url: string
    /** « Service de dépôt prêt : <url> (Ctrl+C pour arrêter) », for the person who started it. */
    message: Localized
    /** Stops taking requests, lets the worker finish its step, closes the database. */
    stop(): Promise<void>
}

export async function runServe(options: ServeOptions): Promise<RunningServe> {
    // the same setting as the rest of the bridge (docs/storage.md), the option winning
    const database = options.database ?? (options.env ?? process.env)[DATABASE_URL_VARIABLE]
    const running = await startIntakeServer({
        dhis2: options.dhis2,
        stateDir: options.stateDir,
        port: options.port,
        host: options.host,
        ...(database ? { databaseUrl: database } : {}),
        ...(options.mappingsRoot ? { mappingsRoot: options.mappingsRoot } : {}),
        trustProxy: options.trustProxy,
        idleMinutes: options.idleMinutes,
        logger: { level: 'info' },
    })
    return {
        url: running.url,
        message: messageFor('SERVE_READY', { url: running.url }).message,
        stop: () => running.close(),
    }
}
