// The bridge's one database (intake service and CLI push): submissions, outbox, ledger and audit, on
// SQLite or PostgreSQL.
export type { Database, Dialect, Param, Queryable } from './database.js'
export { databaseTarget, openDatabase, DATABASE_URL_VARIABLE, type DatabaseTarget } from './setting.js'
export { openSqlite } from './sqlite.js'
export { openPostgres, redactUrl } from './postgres.js'
export { migrate, MIGRATIONS, type Migration } from './migrations.js'
export * from './submissions.js'
export * from './outbox.js'
export * from './ledger.js'
export * from './audit.js'
export { DatabaseLedger, type DatabaseLedgerScope } from './db-ledger.js'
export {
    importLegacyLedger,
    openStateLedger,
    type StateLedger,
    type StateLedgerOptions,
} from './state-ledger.js'
