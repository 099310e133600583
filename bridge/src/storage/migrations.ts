// The schema, as ordered migrations that run unchanged on SQLite and PostgreSQL. Only the
// auto-numbered key differs between the two engines (the one entry of TYPES). Times are ISO-8601 UTC
// text written by the bridge (`toISOString()`): they sort and compare the same on both engines, and a
// test can set the clock. A migration, once released, is never edited: a change is a new migration.
import type { Database, Dialect, Queryable } from './database.js'

export interface Migration {
    version: number
    name: string
    sql: string
}

const TYPES: Record<Dialect, Record<string, string>> = {
    sqlite: { autoid: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
    postgres: { autoid: 'INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY' },
}

export const MIGRATIONS: readonly Migration[] = [
    {
        version: 1,
        name: 'submissions, outbox, ledger, audit',
        sql: `
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    submitted_by TEXT NOT NULL,
    org_unit TEXT NOT NULL,
    period TEXT NOT NULL,
    data_set TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    file_name TEXT,
    file_sha256 TEXT,
    value_count INTEGER NOT NULL,
    invalid_count INTEGER NOT NULL DEFAULT 0,
    delivered_count INTEGER,
    refused_count INTEGER,
    refusals TEXT,
    state TEXT NOT NULL CHECK (state IN ('received', 'in_dhis2', 'partly_refused', 'waiting')),
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX submissions_by_org_unit ON submissions (org_unit, period);

CREATE TABLE submission_values (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    data_set TEXT NOT NULL,
    data_element TEXT NOT NULL,
    category_option_combo TEXT NOT NULL,
    attribute_option_combo TEXT NOT NULL,
    org_unit TEXT NOT NULL,
    period TEXT NOT NULL,
    value TEXT NOT NULL,
    comment TEXT,
    data_element_code TEXT,
    category_option_combo_code TEXT,
    org_unit_code TEXT,
    source_file TEXT,
    source_sheet TEXT,
    source_row INTEGER,
    source_column TEXT,
    source_rows TEXT,
    source_columns TEXT,
    PRIMARY KEY (submission_id, position)
);

CREATE TABLE outbox (
    submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_token TEXT,
    lease_expires_at TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE ledger_values (
    instance TEXT NOT NULL,
    value_key TEXT NOT NULL,
    scope TEXT NOT NULL,
    value TEXT NOT NULL,
    comment TEXT,
    file TEXT NOT NULL,
    source_row INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    via TEXT,
    submission_id TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (instance, value_key)
);
CREATE INDEX ledger_values_by_scope ON ledger_values (instance, scope);

CREATE TABLE ledger_completions (
    instance TEXT NOT NULL,
    report_key TEXT NOT NULL,
    file TEXT NOT NULL,
    source_row INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    submission_id TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (instance, report_key)
);

CREATE TABLE ledger_runs (
    instance TEXT NOT NULL,
    run_id TEXT NOT NULL,
    value_lines INTEGER NOT NULL DEFAULT 0,
    found_lines INTEGER NOT NULL DEFAULT 0,
    completion_lines INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (instance, run_id)
);

CREATE TABLE ledger_run_files (
    instance TEXT NOT NULL,
    run_id TEXT NOT NULL,
    file TEXT NOT NULL,
    PRIMARY KEY (instance, run_id, file)
);

CREATE TABLE ledger_imports (
    instance TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    value_lines INTEGER NOT NULL,
    completion_lines INTEGER NOT NULL,
    skipped_lines INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (instance, sha256)
);

CREATE TABLE audit (
    id {{autoid}},
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    submission_id TEXT,
    org_unit TEXT,
    details TEXT NOT NULL
);
CREATE INDEX audit_by_submission ON audit (submission_id);
`,
    },
    {
        version: 2,
        name: 'reports a submission must not register complete',
        // reportKey()s (data set|org unit|period|attribute option combo) whose table lost a column that looks
        // like a template column, or whose cell was blocked by a conflict: the worker sends their good values
        // but does not mark them complete, as the CLI does (JSON array; NULL when none)
        sql: `ALTER TABLE submissions ADD COLUMN incomplete_reports TEXT`,
    },
    {
        version: 3,
        name: 'submission values by facility-month',
        // the receipt's comparison with earlier submissions, « Mes rapports » and a facility's submissions
        // all look values up by org unit (and period): without it each scanned every value ever stored
        sql: `CREATE INDEX submission_values_by_facility_month ON submission_values (org_unit, period, submission_id)`,
    },
    {
        version: 4,
        name: 'indexes in the order the outbox worker reads',
        // Without them each delivery cost more with everything stored: SQLite served the ledger's
        // `scope IN (…) ORDER BY …` from the primary key (every entry of the DHIS2), and sorted every due
        // outbox row to claim the first few. Each new index starts with the columns of the one it replaces.
        sql: `
CREATE INDEX ledger_values_by_scope_key ON ledger_values (instance, scope, value_key);
DROP INDEX ledger_values_by_scope;
CREATE INDEX outbox_due_in_order ON outbox (state, next_attempt_at, created_at, submission_id);
DROP INDEX outbox_due
`,
    },
]

/** Fills the per-engine type names of a migration. */
export function migrationSql(sql: string, dialect: Dialect): string {
    return sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        const type = TYPES[dialect][name]
        if (type === undefined) throw new Error(`migration: unknown type {{${name}}}`)
        return type
    })
}

/** A constant key for PostgreSQL's advisory lock: instances starting together migrate one at a time. */
const MIGRATION_LOCK = 4_107_201_910

async function appliedVersions(tx: Queryable): Promise<Set<number>> {
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations')
    return new Set(rows.map((r) => Number(r.version)))
}

/** Applies the migrations not yet applied, each in its own transaction; returns their versions. */
export async function migrate(
    db: Database,
    migrations: readonly Migration[] = MIGRATIONS,
    now: () => Date = () => new Date()
): Promise<number[]> {
    await db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
    )
    const applied: number[] = []
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
        const done = await db.transaction(async (tx) => {
            // SQLite's BEGIN IMMEDIATE already excludes other writers; PostgreSQL needs the lock
            if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK])
            if ((await appliedVersions(tx)).has(m.version)) return false
            for (const statement of splitStatements(migrationSql(m.sql, tx.dialect))) await tx.run(statement)
            await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
                m.version,
                m.name,
                now().toISOString(),
            ])
            return true
        })
        if (done) applied.push(m.version)
    }
    return applied
}

/** The migrations hold no `;` inside literals, so statements split on it. */
function splitStatements(sql: string): string[] {
    return sql
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
}
