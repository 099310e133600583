// PostgreSQL through a pg Pool: for several intake instances on one database, or beside DHIS2's own server.
import pg from 'pg'
import { toPositional, type Database, type Param, type Queryable } from './database.js'

export interface PostgresOptions {
    /** Connections kept by this process. */
    maxConnections?: number
}

class PostgresStatements implements Queryable {
    readonly dialect = 'postgres' as const
    constructor(private readonly client: pg.Pool | pg.PoolClient) {}

    async query<T extends object>(sql: string, params: readonly Param[] = []): Promise<T[]> {
        const result = await this.client.query(toPositional(sql), params as Param[])
        return result.rows as T[]
    }

    async run(sql: string, params: readonly Param[] = []): Promise<number> {
        const result = await this.client.query(toPositional(sql), params as Param[])
        return result.rowCount ?? 0
    }
}

class PostgresDatabase extends PostgresStatements implements Database {
    constructor(
        private readonly pool: pg.Pool,
        readonly description: string
    ) {
        super(pool)
    }

    async exec(sql: string): Promise<void> {
        // without parameters pg uses the simple protocol, which accepts several statements
        await this.pool.query(sql)
    }

    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
        const client = await this.pool.connect()
        let broken: Error | undefined
        try {
            await client.query('BEGIN')
            const result = await fn(new PostgresStatements(client))
            await client.query('COMMIT')
            return result
        } catch (e) {
            try {
                await client.query('ROLLBACK')
            } catch (rollback) {
                // a connection that cannot roll back is not given to the next caller
                broken = rollback instanceof Error ? rollback : new Error(String(rollback))
            }
            throw e
        } finally {
            client.release(broken)
        }
    }

    async close(): Promise<void> {
        await this.pool.end()
    }
}

/** The address without its password, for messages and logs. */
export function redactUrl(url: string): string {
    try {
        const u = new URL(url)
        if (u.password) u.password = '***'
        return u.toString()
    } catch {
        return 'postgres://…'
    }
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 })
    // an idle connection dropped by the server must not crash the process: the next query reconnects
    pool.on('error', () => undefined)
    const db = new PostgresDatabase(pool, redactUrl(url))
    try {
        await db.query('SELECT 1')
    } catch (e) {
        await pool.end().catch(() => undefined)
        throw e
    }
    return db
}
