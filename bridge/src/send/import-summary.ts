// Reading DHIS2's answer to POST /api/dataValueSets (docs/dhis2-api.md §4): the WebMessage envelope
// (2.38+), a plain ImportSummary (API ≤ 37, async task summaries), 409 WARNING = partly saved.
import { z } from 'zod'

export const conflictSchema = z
    .object({
        object: z.string().optional(),
        objects: z.record(z.string(), z.string()).optional(),
        value: z.string().optional(),
        errorCode: z.string().optional(),
        property: z.string().optional(),
        indexes: z.array(z.number()).optional(),
    })
    .loose()

export const importSummarySchema = z
    .object({
        responseType: z.string().optional(),
        status: z.enum(['SUCCESS', 'WARNING', 'ERROR', 'OK']),
        description: z.string().optional(),
        importCount: z
            .object({ imported: z.number(), updated: z.number(), ignored: z.number(), deleted: z.number() })
            .partial()
            .default({}),
        conflicts: z.array(conflictSchema).default([]),
        rejectedIndexes: z.array(z.number()).optional(),
    })
    .loose()

export type ImportConflict = z.infer<typeof conflictSchema>
export type ImportSummary = z.infer<typeof importSummarySchema>

const envelopeSchema = z
    .object({
        httpStatusCode: z.number().optional(),
        status: z.string().optional(),
        message: z.string().optional(),
        response: z.unknown().optional(),
    })
    .loose()

export type SummaryReading =
    | { kind: 'summary'; summary: ImportSummary; httpStatus: number }
    | { kind: 'async'; taskId: string; endpoint?: string }
    | { kind: 'unexpected'; httpStatus: number; message: string }

/** What a dataValueSets answer means, whatever the version's status code. */
export function readImportAnswer(httpStatus: number, body: unknown): SummaryReading {
    const direct = importSummarySchema.safeParse(body)
    if (direct.success && (direct.data.responseType === 'ImportSummary' || 'importCount' in (body as object)))
        return { kind: 'summary', summary: direct.data, httpStatus }
    const env = envelopeSchema.safeParse(body)
    if (env.success && env.data.response && typeof env.data.response === 'object') {
        const inner = importSummarySchema.safeParse(env.data.response)
        if (inner.success) return { kind: 'summary', summary: inner.data, httpStatus }
        const job = z
            .object({
                id: z.string(),
                jobType: z.string().optional(),
                relativeNotifierEndpoint: z.string().optional(),
            })
            .loose()
            .safeParse(env.data.response)
        if (job.success && (job.data.jobType === 'DATAVALUE_IMPORT' || job.data.relativeNotifierEndpoint)) {
            const r: SummaryReading = { kind: 'async', taskId: job.data.id }
            if (job.data.relativeNotifierEndpoint) r.endpoint = job.data.relativeNotifierEndpoint
            return r
        }
    }
    const message = env.success
        ? (env.data.message ?? '')
        : typeof body === 'string'
          ? body.slice(0, 200)
          : ''
    return { kind: 'unexpected', httpStatus, message }
}

/** Indexes DHIS2 did not save: `rejectedIndexes` (2.39+), else every conflict's indexes (2.38). */
export function rejectedIndexes(summary: ImportSummary): Set<number> {
    const out = new Set<number>(summary.rejectedIndexes ?? [])
    for (const c of summary.conflicts) for (const i of c.indexes ?? []) out.add(i)
    return out
}
