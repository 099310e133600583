// The notifier endpoints of SystemController (docs/dhis2-api.md §5): notifications and summaries of jobs.
import type { Route, SimResponse } from '../core/types.js'
import { allJobs, getJob, jobsOfType } from './registry.js'

function jsonBody(body: unknown): SimResponse {
    return { status: 200, body }
}

export const taskRoutes: Route[] = [
    {
        method: 'GET',
        pattern: 'system/tasks',
        handler: ({ db }) => {
            const byType: Record<string, Record<string, unknown>> = {}
            for (const job of allJobs(db)) {
                const jobs = byType[job.jobType] ?? {}
                jobs[job.id] = job.notifications
                byType[job.jobType] = jobs
            }
            return jsonBody(byType)
        },
    },
    {
        method: 'GET',
        pattern: 'system/tasks/:jobType',
        handler: ({ db, params }) => {
            const byId: Record<string, unknown> = {}
            for (const job of jobsOfType(db, params.jobType ?? '')) byId[job.id] = job.notifications
            return jsonBody(byId)
        },
    },
    {
        method: 'GET',
        pattern: 'system/tasks/:jobType/:id',
        handler: ({ db, params }) => {
            const job = getJob(db, params.jobType ?? '', params.id ?? '')
            return jsonBody(job ? job.notifications : [])
        },
    },
    {
        method: 'GET',
        pattern: 'system/taskSummaries/:jobType',
        handler: ({ db, params }) => {
            const byId: Record<string, unknown> = {}
            for (const job of jobsOfType(db, params.jobType ?? '')) {
                if (job.summary !== undefined) byId[job.id] = job.summary
            }
            return jsonBody(byId)
        },
    },
    {
        method: 'GET',
        pattern: 'system/taskSummaries/:jobType/:id',
        handler: ({ db, params }) => {
            const job = getJob(db, params.jobType ?? '', params.id ?? '')
            // DHIS2 answers 200 with an empty body while the job has no summary yet.
            if (!job || job.summary === undefined)
                return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '' }
            return jsonBody(job.summary)
        },
    },
]
