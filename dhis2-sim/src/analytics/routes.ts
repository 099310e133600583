// Analytics endpoints: the aggregate query and the analytics table job.
import { accessDenied, conflict } from '../core/web-message.js'
import type { Route, SimRequest, SimResponse } from '../core/types.js'
import { jobConfigurationResponse, startJob } from '../tasks/registry.js'
import { AnalyticsQueryError } from './errors.js'
import { runAnalyticsJob } from './job.js'
import { runAnalyticsQuery } from './query.js'

function analyticsQuery(request: SimRequest): SimResponse {
    try {
        const grid = runAnalyticsQuery(
            request.db,
            request.user,
            request.query,
            request.now(),
            request.serverVersion
        )
        return { status: 200, body: grid }
    } catch (error) {
        if (error instanceof AnalyticsQueryError)
            return conflict(error.message, { errorCode: error.errorCode, devMessage: error.devMessage })
        throw error
    }
}

function duration(ms: number): string {
    const pad = (n: number, width = 2) => String(Math.floor(n)).padStart(width, '0')
    return `${pad(ms / 3_600_000)}:${pad((ms / 60_000) % 60)}:${pad((ms / 1000) % 60)}.${pad(ms % 1000, 3)}`
}

/** `POST|PUT /api/resourceTables/analytics` (ResourceTableController): starts ANALYTICS_TABLE. */
function startAnalyticsTableJob(request: SimRequest): SimResponse {
    const authorities = request.user?.authorities ?? []
    if (!authorities.includes('ALL') && !authorities.includes('F_PERFORM_MAINTENANCE')) {
        return accessDenied()
    }
    const lastYears = request.query.get('lastYears')
    const job = startJob(
        request.db,
        'ANALYTICS_TABLE',
        request.user,
        async (progress) => {
            const started = Date.now()
            progress.notify('Analytics table update process started')
            await runAnalyticsJob(request.db, request.now)
            return { elapsed: Date.now() - started }
        },
        {
            jobParameters: {
                lastYears: lastYears ? Number(lastYears) : null,
                skipResourceTables: request.query.get('skipResourceTables') === 'true',
                skipTableTypes: [],
                skipPrograms: [],
            },
            completedMessage: (result) => `Analytics tables updated: ${duration(result.elapsed)}`,
            summary: () => null,
            now: request.now,
        }
    )
    return jobConfigurationResponse(job, request.baseUrl)
}

export const analyticsRoutes: Route[] = [
    { method: 'GET', pattern: 'analytics', handler: analyticsQuery },
    { method: 'POST', pattern: 'resourceTables/analytics', handler: startAnalyticsTableJob },
    { method: 'PUT', pattern: 'resourceTables/analytics', handler: startAnalyticsTableJob },
]
