// The two engines every storage test runs on: each test gets a fresh, migrated database, and may open
// it a second time (a second process on the SQLite file, a second pool on the PostgreSQL database).
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import type { Database } from '../../src/storage/database.js'
import { migrate } from '../../src/storage/migrations.js'
import { openPostgres } from '../../src/storage/postgres.js'
import { openSqlite } from '../../src/storage/sqlite.js'

export interface TestDatabase {
    /** Opened and migrated. */
    db: Database
    /** Another connection (pool) to the same database, closed with `dispose`. */
    openAgain(): Promise<Database>
    /** For SQLite: the file. */
    file?: string
    dispose(): Promise<void>
}

export interface Engine {
    name: 'sqlite' | 'postgres'
    fresh(): Promise<TestDatabase>
}

function tracker(): { add(db: Database): Database; closeAll(): Promise<void> } {
    const open: Database[] = []
    return {
        add(db) {
            open.push(db)
            return db
        },
        async closeAll() {
            for (const db of open.splice(0)) await db.close().catch(() => undefined)
        },
    }
}

const sqlite: Engine = {
    name: 'sqlite',
    async fresh() {
        const dir = mkdtempSync(join(tmpdir(), 'bridge-storage-'))
        const file = join(dir, 'state', 'bridge.sqlite')
        const dbs = tracker()
        const db = dbs.add(await openSqlite(file))
        await migrate(db)
        return {
            db,
            file,
            openAgain: async () => dbs.add(await openSqlite(file)),
            async dispose() {
                await dbs.closeAll()
                rmSync(dir, { recursive: true, force: true })
            },
        }
    },
}

function serverUrl(): string {
    const error = inject('postgresError')
    if (error) throw new Error(error)
    const url = inject('postgresUrl')
    if (!url)
        throw new Error(
            'PostgreSQL was not started: run the storage tests with vitest (bridge-storage project)'
        )
    return url
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: serverUrl() })
    await client.connect()
    try {
        return await fn(client)
    } finally {
        await client.end()
    }
}

const postgres: Engine = {
    name: 'postgres',
    async fresh() {
        const name = `bridge_test_${randomBytes(6).toString('hex')}`
        await admin((c) => c.query(`CREATE DATABASE ${name}`))
        const url = new URL(serverUrl())
        url.pathname = `/${name}`
        const dbs = tracker()
        const db = dbs.add(await openPostgres(url.toString()))
        await migrate(db)
        return {
            db,
            openAgain: async () => dbs.add(await openPostgres(url.toString())),
            async dispose() {
                await dbs.closeAll()
                await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
            },
        }
    },
}

export const ENGINES: readonly Engine[] = [sqlite, postgres]
