// The embedded engine: better-sqlite3 is synchronous, wrapped here in the async `Database` interface.
import { chmodSync, closeSync, constants, openSync, realpathSync } from 'node:fs'
import { chmod, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database, Param, Queryable } from './database.js'

const DIR_MODE = 0o700
const FILE_MODE = 0o600

export interface SqliteOptions {
    /** How long a writer waits for another process's write lock before failing. */
    busyTimeoutMs?: number
}

/**
 * One queue per database file in this process. A transaction's `await`s let other code run between its
 * statements: on the same connection that code would join the transaction, and on a second connection
 * to the same file it would wait for the write lock synchronously (busy_timeout blocks the thread), so
 * the transaction holding the lock could never finish. Other processes are kept out by SQLite's own lock.
 */
const queues = new Map<string, Queue>()

class Queue {
    private tail: Promise<unknown> = Promise.resolve()
    run<T>(fn: () => Promise<T> | T): Promise<T> {
        const result = this.tail.then(fn)
        this.tail = result.catch(() => undefined)
        return result
    }
}

/** The folder is created 0700 (an existing folder is left as its owner set it); the file is 0600. */
async function preparePrivateFile(file: string): Promise<void> {
    const dir = dirname(file)
    const created = await mkdir(dir, { recursive: true, mode: DIR_MODE })
    // mkdir's mode goes through the umask: set it exactly on what was created
    if (created !== undefined) await chmod(dir, DIR_MODE)
    // created by us before SQLite does, which would use 0644 less the umask; WAL and shared-memory files
    // take the database file's mode
    closeSync(openSync(file, constants.O_RDWR | constants.O_CREAT, FILE_MODE))
    chmodSync(file, FILE_MODE)
}

class SqliteStatements implements Queryable {
    readonly dialect = 'sqlite' as const
    /** The repositories use a fixed set of statements: each is compiled once per connection. */
    private readonly prepared = new Map<string, BetterSqlite3.Statement>()
    constructor(private readonly db: BetterSqlite3.Database) {}

    private statement(sql: string): BetterSqlite3.Statement {
        let s = this.prepared.get(sql)
        if (!s) this.prepared.set(sql, (s = this.db.prepare(sql)))
        return s
    }

    async query<T extends object>(sql: string, params: readonly Param[] = []): Promise<T[]> {
        return this.statement(sql).all(...params) as T[]
    }

    async run(sql: string, params: readonly Param[] = []): Promise<number> {
        return this.statement(sql).run(...params).changes
    }
}

class SqliteDatabase implements Database {
    readonly dialect = 'sqlite' as const
    private readonly direct: SqliteStatements

    constructor(
        private readonly db: BetterSqlite3.Database,
        private readonly queue: Queue,
        readonly description: string
    ) {
        this.direct = new SqliteStatements(db)
    }

    query<T extends object>(sql: string, params?: readonly Param[]): Promise<T[]> {
        return this.queue.run(() => this.direct.query<T>(sql, params))
    }

    run(sql: string, params?: readonly Param[]): Promise<number> {
        return this.queue.run(() => this.direct.run(sql, params))
    }

    exec(sql: string): Promise<void> {
        return this.queue.run(() => {
            this.db.exec(sql)
        })
    }

    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
        return this.queue.run(async () => {
            this.db.exec('BEGIN IMMEDIATE')
            try {
                const result = await fn(this.direct)
                this.db.exec('COMMIT')
                return result
            } catch (e) {
                if (this.db.inTransaction) this.db.exec('ROLLBACK')
                throw e
            }
        })
    }

    close(): Promise<void> {
        return this.queue.run(() => {
            this.db.close()
        })
    }
}

export async function openSqlite(file: string, options: SqliteOptions = {}): Promise<Database> {
    const path = resolve(file)
    await preparePrivateFile(path)
    const real = realpathSync(path)
    let queue = queues.get(real)
    if (!queue) queues.set(real, (queue = new Queue()))
    const db = new BetterSqlite3(real)
    try {
        // WAL: readers never wait for the writer; FULL: a committed submission survives a power cut,
        // which is what the receipt promises
        db.pragma('journal_mode = WAL')
        db.pragma('synchronous = FULL')
        db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`)
        db.pragma('foreign_keys = ON')
    } catch (e) {
        db.close()
        throw e
    }
    return new SqliteDatabase(db, queue, `sqlite:${real}`)
}
