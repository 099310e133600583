// The one interface the repositories talk to, whichever engine is underneath. Queries are written once
// with `?` placeholders (SQLite's); the PostgreSQL driver rewrites them to `$1…$n`.

export type Dialect = 'sqlite' | 'postgres'

export type Param = string | number | null

/** What a query or a transaction can run statements on. */
export interface Queryable {
    readonly dialect: Dialect
    /** Rows of a SELECT (or of a statement with RETURNING). */
    query<T extends object = Record<string, unknown>>(sql: string, params?: readonly Param[]): Promise<T[]>
    /** A statement without rows; resolves to the number of rows it changed. */
    run(sql: string, params?: readonly Param[]): Promise<number>
}

export interface Database extends Queryable {
    /** Where the data lives, without any password: safe to print. */
    readonly description: string
    /** Several statements without parameters (migrations). */
    exec(sql: string): Promise<void>
    /**
     * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. On SQLite the
     * write lock is taken at BEGIN (IMMEDIATE), so two writers never deadlock upgrading a read lock.
     * Inside `fn`, use `tx` only: on SQLite the database itself waits until the transaction ends.
     */
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
    close(): Promise<void>
}

const translated = new Map<string, string>()

/**
 * `?` → `$1`, `$2`… outside quoted strings and identifiers; cached, since the repositories use a fixed
 * set of statements.
 */
export function toPositional(sql: string): string {
    const cached = translated.get(sql)
    if (cached !== undefined) return cached
    let out = ''
    let n = 0
    let quote: string | null = null
    for (const ch of sql) {
        if (quote) {
            if (ch === quote) quote = null
            out += ch
        } else if (ch === "'" || ch === '"') {
            quote = ch
            out += ch
        } else if (ch === '?') {
            out += `$${++n}`
        } else out += ch
    }
    translated.set(sql, out)
    return out
}
