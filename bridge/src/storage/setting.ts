// Which database the bridge uses: `BRIDGE_DATABASE_URL`, else an SQLite file in the state folder.
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './database.js'
import { openPostgres } from './postgres.js'
import { openSqlite } from './sqlite.js'

export const DATABASE_URL_VARIABLE = 'BRIDGE_DATABASE_URL'
export const DEFAULT_SQLITE_FILE = 'bridge.sqlite'

export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string }

/**
 * `postgres://…` or `postgresql://…` → PostgreSQL; `sqlite:<path>`, `file:<url>` or a plain path → SQLite
 * (relative paths from `cwd`); nothing → `<stateDir>/bridge.sqlite`.
 */
export function databaseTarget(
    setting: string | undefined,
    stateDir: string,
    cwd = process.cwd()
): DatabaseTarget {
    const value = setting?.trim()
    if (!value) return { engine: 'sqlite', file: resolve(cwd, stateDir, DEFAULT_SQLITE_FILE) }
    if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', url: value }
    let path = value
    if (/^file:/i.test(value)) path = fileURLToPath(value)
    else if (/^sqlite:/i.test(value)) path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (!path) throw new Error(`${DATABASE_URL_VARIABLE}: no file after "sqlite:"`)
    return { engine: 'sqlite', file: isAbsolute(path) ? path : join(resolve(cwd), path) }
}

export function openDatabase(target: DatabaseTarget): Promise<Database> {
    return target.engine === 'postgres' ? openPostgres(target.url) : openSqlite(target.file)
}
