// GET /api/analytics: request → plan → engine → grid.
import type { Database, SimUser } from '../core/types.js'
import { AnalyticsEngine } from './engine.js'
import { buildGrid, type AnalyticsGrid } from './grid.js'
import { buildPlan } from './plan.js'
import { readAnalyticsRequest } from './request.js'
import { currentSnapshot } from './snapshot.js'

/** Runs an analytics query; throws AnalyticsQueryError for DHIS2's 409 errors. */
export function runAnalyticsQuery(
    db: Database,
    user: SimUser | null,
    query: URLSearchParams,
    now: Date = new Date()
): AnalyticsGrid {
    const request = readAnalyticsRequest(query)
    const plan = buildPlan(db, user, request, now.toISOString().slice(0, 10))
    const engine = new AnalyticsEngine(db, plan, currentSnapshot(db))
    return buildGrid(db, plan, engine, user)
}
