import { describe, expect, it } from 'vitest'
import { createDatabase, emptySeed } from '../../src/core/database.js'
import { getJob, jobConfigurationResponse, startJob } from '../../src/tasks/registry.js'

describe('startJob', () => {
    it('runs after the answer, keeps notifications newest first and the summary', async () => {
        const db = createDatabase(emptySeed())
        const job = startJob(
            db,
            'ANALYTICS_TABLE',
            null,
            (progress) => {
                progress.notify('Analytics tables updated')
                return { tables: 3 }
            },
            {
                name: 'inMemoryAnalyticsJob',
                completedMessage: (result) => `Analytics tables updated: ${result.tables}`,
            }
        )
        expect(job.jobStatus).toBe('SCHEDULED')
        expect(job.notifications).toEqual([])
        const response = jobConfigurationResponse(job, 'http://localhost:8080')
        expect(response.body).toMatchObject({
            status: 'OK',
            message: 'Initiated inMemoryAnalyticsJob',
            response: {
                jobType: 'ANALYTICS_TABLE',
                relativeNotifierEndpoint: `/api/system/tasks/ANALYTICS_TABLE/${job.id}`,
            },
        })
        await job.done
        expect(job.jobStatus).toBe('COMPLETED')
        expect(job.notifications.map((n) => [n.message, n.completed])).toEqual([
            ['Analytics tables updated: 3', true],
            ['Analytics tables updated', false],
        ])
        expect(job.notifications[0]?.uid).toBe(job.notifications[0]?.id)
        expect(job.notifications[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/)
        expect(getJob(db, 'ANALYTICS_TABLE', job.id)?.summary).toEqual({ tables: 3 })
        expect(getJob(db, 'DATAVALUE_IMPORT', job.id)).toBeUndefined()
    })

    it('marks a failing job FAILED with an ERROR notification', async () => {
        const db = createDatabase(emptySeed())
        const job = startJob(db, 'ANALYTICS_TABLE', null, () => {
            throw new Error('disque plein')
        })
        await job.done
        expect(job.jobStatus).toBe('FAILED')
        expect(job.notifications[0]).toMatchObject({
            level: 'ERROR',
            completed: true,
            message: 'Process failed: disque plein',
        })
        expect(job.summary).toBeUndefined()
    })
})
