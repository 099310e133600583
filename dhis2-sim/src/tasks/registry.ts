// A small job registry with DHIS2's notifier semantics (docs/dhis2-api.md §5): jobs run after the HTTP answer
// that started them, and leave notifications (newest first) and a summary for the task endpoints.
import { randomInt } from 'node:crypto'
import type { Database, SimResponse, SimUser } from '../core/types.js'

export type NotificationLevel = 'LOOP' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'
export type JobStatus = 'SCHEDULED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'STOPPED' | 'DISABLED'

export interface Notification {
    uid: string
    id: string
    level: NotificationLevel
    category: string
    time: string
    message: string
    completed: boolean
    dataType?: string
    data?: unknown
}

export interface Job {
    id: string
    name: string
    jobType: string
    jobStatus: JobStatus
    /** `yyyy-MM-ddTHH:mm:ss.SSS`, no zone, as DHIS2 renders java.util.Date. */
    created: string
    userId: string | null
    jobParameters: unknown
    /** Newest first, as `/api/system/tasks/{type}/{id}` returns them. */
    notifications: Notification[]
    /** Set once the job ended: what `/api/system/taskSummaries/{type}/{id}` returns. */
    summary: unknown
    /** Resolves when the job has ended (tests and the analytics start-up wait on it). */
    done: Promise<void>
}

export interface JobProgress {
    notify(message: string, options?: { level?: NotificationLevel; dataType?: string; data?: unknown }): void
}

export interface StartJobOptions<T> {
    /** Job name; default `<jobType> (<epoch millis>)` as DHIS2 2.41 names ad-hoc jobs. */
    name?: string
    jobParameters?: unknown
    /** Final (completed) notification text for a successful run. Default `Job completed`. */
    completedMessage?: (result: T) => string
    /** Summary kept for `/api/system/taskSummaries`; default the work's result itself. */
    summary?: (result: T) => unknown
    /** Level of the final notification; default INFO. */
    completedLevel?: (result: T) => NotificationLevel
    /** Final notification when the work throws. Default `Process failed: <message>`. */
    failedMessage?: (error: unknown) => string
    now?: () => Date
}

const UID_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const UID_CHARS = `0123456789${UID_LETTERS}`

/** A DHIS2 UID: a letter then ten letters or digits (CodeGenerator). */
export function generateUid(): string {
    let uid = UID_LETTERS.charAt(randomInt(UID_LETTERS.length))
    for (let i = 0; i < 10; i++) uid += UID_CHARS.charAt(randomInt(UID_CHARS.length))
    return uid
}

/** `java.util.Date` as DHIS2 serialises it: `yyyy-MM-ddTHH:mm:ss.SSS` without a zone. */
export function isoNoTz(date: Date): string {
    return date.toISOString().slice(0, 23)
}

class JobRegistry {
    readonly jobs = new Map<string, Job>()
}

const registries = new WeakMap<Database, JobRegistry>()

function registryOf(db: Database): JobRegistry {
    let registry = registries.get(db)
    if (!registry) {
        registry = new JobRegistry()
        registries.set(db, registry)
    }
    return registry
}

/**
 * Starts `work` as a job of `jobType` on the next turn of the event loop and returns the job at once
 * (status SCHEDULED). Notifications and the summary are kept per database, in memory only.
 */
export function startJob<T>(
    db: Database,
    jobType: string,
    user: SimUser | null,
    work: (progress: JobProgress) => T | Promise<T>,
    options: StartJobOptions<T> = {}
): Job {
    const now = options.now ?? (() => new Date())
    const createdAt = now()
    const notifications: Notification[] = []
    const notify = (message: string, level: NotificationLevel, completed: boolean, extra = {}): void => {
        const uid = generateUid()
        notifications.unshift({
            uid,
            id: uid,
            level,
            category: jobType,
            time: isoNoTz(now()),
            message,
            completed,
            ...extra,
        })
    }
    let resolveDone: () => void = () => undefined
    const done = new Promise<void>((resolve) => {
        resolveDone = resolve
    })
    const job: Job = {
        id: generateUid(),
        name: options.name ?? `${jobType} (${createdAt.getTime()})`,
        jobType,
        jobStatus: 'SCHEDULED',
        created: isoNoTz(createdAt),
        userId: user?.id ?? null,
        jobParameters: options.jobParameters ?? {},
        notifications,
        summary: undefined,
        done,
    }
    registryOf(db).jobs.set(job.id, job)
    const progress: JobProgress = {
        notify: (message, extra = {}) => {
            const { level = 'INFO', ...rest } = extra
            notify(message, level, false, rest)
        },
    }
    setImmediate(() => {
        job.jobStatus = 'RUNNING'
        Promise.resolve()
            .then(() => work(progress))
            .then(
                (result) => {
                    job.summary = options.summary ? options.summary(result) : result
                    job.jobStatus = 'COMPLETED'
                    notify(
                        options.completedMessage?.(result) ?? 'Job completed',
                        options.completedLevel?.(result) ?? 'INFO',
                        true
                    )
                },
                (error: unknown) => {
                    job.jobStatus = 'FAILED'
                    const text = error instanceof Error ? error.message : String(error)
                    notify(options.failedMessage?.(error) ?? `Process failed: ${text}`, 'ERROR', true)
                }
            )
            .finally(resolveDone)
    })
    return job
}

export function getJob(db: Database, jobType: string, id: string): Job | undefined {
    const job = registryOf(db).jobs.get(id)
    return job && job.jobType === jobType ? job : undefined
}

export function jobsOfType(db: Database, jobType: string): Job[] {
    return [...registryOf(db).jobs.values()].filter((job) => job.jobType === jobType)
}

export function allJobs(db: Database): Job[] {
    return [...registryOf(db).jobs.values()]
}

/** The answer that starts a job (`jobConfigurationReport`): 200 envelope plus a Location header. */
export function jobConfigurationResponse(job: Job, baseUrl: string): SimResponse {
    return {
        status: 200,
        headers: { Location: `${baseUrl}/api/system/tasks/${job.jobType}` },
        body: {
            httpStatus: 'OK',
            httpStatusCode: 200,
            status: 'OK',
            message: `Initiated ${job.name}`,
            response: {
                name: job.name,
                id: job.id,
                created: job.created,
                jobType: job.jobType,
                jobStatus: job.jobStatus,
                jobParameters: job.jobParameters,
                relativeNotifierEndpoint: `/api/system/tasks/${job.jobType}/${job.id}`,
            },
        },
    }
}
