// Connects the database, tokens and apps to the journal, and replays a journal at start. It works on the
// whole server context, so it lives with it; persistence/ keeps the journal file itself.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DatabaseChange } from '../core/database.js'
import { onDatabaseChange, userKeyValueStore, withoutChangeEvents } from '../core/database.js'
import type { Database } from '../core/types.js'
import type { JournalRecord } from '../persistence/journal.js'
import type { ServerContext } from './context.js'

/** Applies one journaled change to a database (listeners are muted by the caller). */
export function applyChange(db: Database, change: DatabaseChange): void {
    switch (change.kind) {
        case 'metadata.upsert':
            db.metadata.upsert(change.collection, change.object)
            break
        case 'metadata.remove':
            db.metadata.remove(change.collection, change.id)
            break
        case 'dataValue.put':
            db.dataValues.put(change.value)
            break
        case 'completeRegistration.put':
            db.completeRegistrations.put(change.registration)
            break
        case 'completeRegistration.remove':
            db.completeRegistrations.remove(
                change.dataSet,
                change.period,
                change.orgUnit,
                change.attributeOptionCombo
            )
            break
        case 'dataStore.put':
            storeFor(db, change.user).put(change.entry)
            break
        case 'dataStore.remove':
            storeFor(db, change.user).remove(change.namespace, change.key)
            break
        case 'dataStore.removeNamespace':
            storeFor(db, change.user).removeNamespace(change.namespace)
            break
        case 'systemSetting.set':
            if (change.value === undefined) delete db.systemSettings[change.key]
            else db.systemSettings[change.key] = change.value
            break
        case 'analytics.lastRun':
            db.analytics.lastRun = change.lastRun
            break
    }
}

function storeFor(db: Database, user: string | null) {
    return user === null ? db.dataStore : userKeyValueStore(db, user)
}

/** Replays every journaled record; returns how many were applied. */
export function replayJournal(ctx: ServerContext): number {
    const journal = ctx.journal
    if (!journal) return 0
    const records = journal.read()
    withoutChangeEvents(ctx.db, () => {
        for (const record of records) applyRecord(ctx, record)
    })
    return records.length
}

function applyRecord(ctx: ServerContext, record: JournalRecord): void {
    switch (record.t) {
        case 'db':
            applyChange(ctx.db, record.change)
            break
        case 'token.put':
            ctx.tokens.restore(record.token)
            break
        case 'token.remove':
            ctx.tokens.forget(record.uid)
            break
        case 'app.install':
            if (ctx.journal) {
                try {
                    ctx.installApp(readFileSync(join(ctx.journal.dataDir, 'apps', record.file)), false)
                } catch (error) {
                    console.error(`dhis2-sim: could not restore app ${record.key}: ${String(error)}`)
                }
            }
            break
        case 'app.remove':
            ctx.apps.remove(record.key)
            break
        case 'cors':
            ctx.cors.allowlist = [...record.allowlist]
            break
        case 'userSetting': {
            const user = ctx.users.byName(record.username)
            if (!user) break
            if (record.value === null) delete user.settings[record.key]
            else user.settings[record.key] = record.value
            break
        }
    }
}

/** Journals every later change of the current database. */
export function journalDatabase(ctx: ServerContext): () => void {
    const journal = ctx.journal
    if (!journal) return () => undefined
    return onDatabaseChange(ctx.db, (change) => journal.append({ t: 'db', change }))
}
