// GET /api/analytics: request → plan → engine → grid.
import type { Database, SimUser } from '../core/types.js'
import { AnalyticsEngine } from './engine.js'
import { missingTablesError, missingTablesFail } from './errors.js'
import { buildGrid, type AnalyticsGrid } from './grid.js'
import { buildPlan } from './plan.js'
import { readAnalyticsRequest } from './request.js'
import { currentSnapshot } from './snapshot.js'

/**
 * Runs an analytics query; throws AnalyticsQueryError for DHIS2's 409 errors. `serverVersion` decides
 * what a query does before the analytics job ever ran: E7144 (2.39.4+, 2.40.2+, 2.41+) or no rows.
 */
export function runAnalyticsQuery(
    db: Database,
    user: SimUser | null,
    query: URLSearchParams,
    now: Date = new Date(),
    serverVersion = '2.41.3'
): AnalyticsGrid {
    const request = readAnalyticsRequest(query)
    // The query is validated first (E71xx); only reading the tables then fails.
    const plan = buildPlan(db, user, request, now.toISOString().slice(0, 10))
    const snapshot = currentSnapshot(db)
    // skipData reads no table (DataHandler adds data only without skipData).
    if (!snapshot && !request.skipData && missingTablesFail(serverVersion)) throw missingTablesError()
    const engine = new AnalyticsEngine(db, plan, snapshot)
    return buildGrid(db, plan, engine, user)
}
