// The DHIS2 Web API simulator's programmatic entry point.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { runAnalyticsJob } from './analytics/job.js'
import { analyticsRoutes } from './analytics/routes.js'
import { AppRegistry, readAppBundle } from './apps/registry.js'
import { appRoutes } from './apps-api/routes.js'
import { authRoutes } from './auth-api/routes.js'
import { SessionStore } from './auth/sessions.js'
import { TokenStore } from './auth/tokens.js'
import { UserRegistry } from './auth/users.js'
import { dataValueRoutes } from './completeness/routes.js'
import { createDatabase, simMetadata, type SimDatabase } from './core/database.js'
import type { DatabaseSeed, FaultOptions, Route, RunningSimulator, SimulatorOptions } from './core/types.js'
import { generateUid } from './core/uid.js'
import { dataStoreRoutes } from './datastore/routes.js'
import { sharingRoutes } from './sharing/routes.js'
import { buildDemoSeed } from './demo/index.js'
import { FaultInjector } from './faults/faults.js'
import { metadataCrudRoutes } from './metadata/crud.js'
import { metadataExportRoutes } from './metadata/export.js'
import { metadataImportRoutes } from './metadata/import.js'
import { metadataRoutes } from './metadata/routes.js'
import { Journal } from './persistence/journal.js'
import type { ServerContext } from './server/context.js'
import { CorsPolicy } from './server/cors.js'
import { createHttpServer } from './server/http.js'
import { journalDatabase, replayJournal } from './server/replay.js'
import { Router } from './server/router.js'
import { systemRoutes } from './system/routes.js'
import { webHandler } from './web/handler.js'

export type * from './core/types.js'
export { createDatabase, emptySeed } from './core/database.js'

export const DEFAULT_SERVER_VERSION = '2.41.3'

const seedUsersBySimulator = new WeakMap<
    RunningSimulator,
    Array<{ username: string; password: string; name: string }>
>()

/** The seed's users of a running simulator (demo credentials are public demo data, like admin/district). */
export function seedUsers(
    simulator: RunningSimulator
): Array<{ username: string; password: string; name: string }> {
    return seedUsersBySimulator.get(simulator) ?? []
}

function resolveSeed(seed: SimulatorOptions['seed']): DatabaseSeed {
    if (seed === undefined || seed === 'demo') return buildDemoSeed({ includePackage: true })
    if (seed === 'demo-without-package') return buildDemoSeed({ includePackage: false })
    if (seed === 'empty') {
        return {
            metadata: {},
            users: buildDemoSeed({ includePackage: false }).users.filter((user) => user.username === 'admin'),
            dataValues: [],
            completeRegistrations: [],
            systemSettings: {},
        }
    }
    return seed
}

/** Copies a seed so that the stores never share (and mutate) the caller's objects. */
function materialise(seed: DatabaseSeed): DatabaseSeed {
    return {
        metadata: structuredClone(seed.metadata),
        users: seed.users,
        dataValues: Array.from(seed.dataValues, (value) => ({ ...value })),
        completeRegistrations: Array.from(seed.completeRegistrations, (registration) => ({
            ...registration,
        })),
        systemSettings: { ...seed.systemSettings },
    }
}

/** Users are metadata too (`/api/users`): add the seed users that the seed's metadata lacks. */
function buildDatabase(seed: DatabaseSeed, copy: boolean): SimDatabase {
    // Built-in seeds are generated afresh on each call; a caller's seed object may be reused, so copy it.
    const db = createDatabase(copy ? materialise(seed) : seed)
    const metadata = simMetadata(db)
    for (const user of seed.users) {
        if (metadata.get('users', user.id)) continue
        metadata.upsert('users', {
            id: user.id,
            username: user.username,
            name: `${user.firstName} ${user.surname}`,
            firstName: user.firstName,
            surname: user.surname,
            organisationUnits: user.organisationUnits.map((id) => ({ id })),
            dataViewOrganisationUnits: user.dataViewOrganisationUnits.map((id) => ({ id })),
            userRoles: user.userRoles.map((id) => ({ id })),
            userGroups: user.userGroups.map((id) => ({ id })),
        })
    }
    return db
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
    const now = options.now ?? (() => new Date())
    let seed = resolveSeed(options.seed)
    const journal = options.dataDir ? new Journal(options.dataDir) : null
    const apps = new AppRegistry()
    let stopJournal: () => void = () => undefined

    const ctx: ServerContext = {
        db: buildDatabase(seed, typeof options.seed === 'object'),
        seed,
        users: new UserRegistry(seed.users),
        sessions: new SessionStore(now),
        tokens: new TokenStore(now, (change) => {
            if (change.kind === 'put') journal?.append({ t: 'token.put', token: change.token })
            else journal?.append({ t: 'token.remove', uid: change.uid })
        }),
        apps,
        cors: new CorsPolicy(options.corsAllowlist ?? ['http://localhost:3000'], () => ctx.baseUrl),
        faults: new FaultInjector(options.faults, options.latencyMs),
        journal,
        serverVersion: options.serverVersion ?? DEFAULT_SERVER_VERSION,
        gzip: options.gzip ?? false,
        now,
        baseUrl: 'http://localhost',
        startedAt: now(),
        systemId: generateUid(),
        runAnalytics: () => runAnalyticsJob(ctx.db),
        reset: async () => {
            stopJournal()
            journal?.clear()
            seed = typeof options.seed === 'object' ? options.seed : resolveSeed(options.seed)
            ctx.seed = seed
            ctx.db = buildDatabase(seed, typeof options.seed === 'object')
            ctx.users = new UserRegistry(seed.users)
            ctx.tokens.clear()
            ctx.apps.clear()
            ctx.cors.allowlist = options.corsAllowlist ?? ['http://localhost:3000']
            installStartupApps()
            stopJournal = journalDatabase(ctx)
            if (options.runAnalyticsOnStart) await ctx.runAnalytics()
        },
        installApp: (zip, persist, installedAt) => {
            const app = readAppBundle(zip, installedAt ?? now())
            apps.add(app)
            if (persist && journal) {
                const file = `${app.key}.zip`
                mkdirSync(join(journal.dataDir, 'apps'), { recursive: true })
                writeFileSync(join(journal.dataDir, 'apps', file), zip)
                journal.append({ t: 'app.install', key: app.key, file })
            }
            return app.key
        },
        uninstallApp: (key, deleteAppData) => {
            const app = apps.get(key)
            if (!app) return false
            apps.remove(key)
            journal?.append({ t: 'app.remove', key })
            if (deleteAppData && app.namespace) ctx.db.dataStore.removeNamespace(app.namespace)
            return true
        },
    }

    function installStartupApps(): void {
        // An app given at start was installed when its zip was written: its files keep that time across
        // restarts, as DHIS2's stored files do.
        for (const path of options.installApps ?? []) {
            ctx.installApp(readFileSync(path), false, statSync(path).mtime)
        }
    }

    installStartupApps()
    replayJournal(ctx)
    stopJournal = journalDatabase(ctx)

    let router: Router | null = null
    const routes = (): Router => {
        if (!router) {
            const all: Route[] = [
                ...authRoutes(ctx),
                ...systemRoutes(ctx),
                ...metadataRoutes(ctx),
                ...metadataImportRoutes(ctx),
                ...metadataExportRoutes(ctx),
                ...metadataCrudRoutes(ctx),
                ...dataStoreRoutes(ctx),
                ...sharingRoutes(ctx),
                ...appRoutes(ctx),
                ...dataValueRoutes,
                ...analyticsRoutes,
            ]
            router = new Router(all)
        }
        return router
    }
    const { server, hanging } = createHttpServer(ctx, routes, webHandler(ctx))

    const host = options.host ?? '127.0.0.1'
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(options.port ?? 8080, host, () => {
            server.off('error', reject)
            resolve()
        })
    })
    const port = (server.address() as AddressInfo).port
    const publicHost = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host
    ctx.baseUrl = `http://${publicHost}:${port}`

    if (options.runAnalyticsOnStart) await ctx.runAnalytics()
    journal?.flush()

    let closed = false
    const running: RunningSimulator = {
        url: ctx.baseUrl,
        port,
        get db() {
            return ctx.db
        },
        setFaults(faults: FaultOptions | null) {
            ctx.faults.set(faults)
        },
        setLatency(ms: number) {
            ctx.faults.latencyMs = ms
        },
        async runAnalytics() {
            await ctx.runAnalytics()
            journal?.flush()
        },
        async reset() {
            await ctx.reset()
        },
        async close() {
            if (closed) return
            closed = true
            for (const socket of hanging) socket.destroy()
            await new Promise<void>((resolve) => {
                server.close(() => resolve())
                server.closeAllConnections()
            })
            stopJournal()
            journal?.close()
        },
    }
    seedUsersBySimulator.set(
        running,
        seed.users.map((user) => ({
            username: user.username,
            password: user.password,
            name: `${user.firstName} ${user.surname}`,
        }))
    )
    return running
}
