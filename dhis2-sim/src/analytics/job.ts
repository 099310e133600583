import type { Database } from '../core/types.js'
import { buildSnapshot, storeSnapshot } from './snapshot.js'

/**
 * The analytics table job (`POST /api/resourceTables/analytics`): snapshots the data values that
 * queries will read, then records the run in `db.analytics.lastRun`.
 */
export async function runAnalyticsJob(db: Database, now: () => Date = () => new Date()): Promise<void> {
    // Let pending I/O run first: the job is started from request handlers.
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    const startedAt = now().toISOString()
    storeSnapshot(db, buildSnapshot(db, startedAt))
    db.analytics.lastRun = startedAt
}
