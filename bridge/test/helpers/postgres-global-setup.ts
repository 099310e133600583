// vitest globalSetup of the bridge-storage project: one PostgreSQL cluster for every storage test file.
// A cluster that cannot start is not a reason to skip: its error is handed to the PostgreSQL tests,
// which fail with it, while the SQLite tests still run.
import type { TestProject } from 'vitest/node'
import { startPostgres } from './postgres.js'

declare module 'vitest' {
    export interface ProvidedContext {
        postgresUrl: string
        postgresError: string
    }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
    try {
        const cluster = await startPostgres()
        project.provide('postgresUrl', cluster.url)
        project.provide('postgresError', '')
        return () => cluster.stop()
    } catch (e) {
        project.provide('postgresUrl', '')
        project.provide('postgresError', e instanceof Error ? e.message : String(e))
        return async () => undefined
    }
}
