// The send step of a push: the plan's chunks to DHIS2 through the shared queue, each chunk's outcome
// written to the ledger as soon as DHIS2 answers (a run killed later loses at most the chunk in flight).
import type PQueue from 'p-queue'
import type { Dhis2Client } from '../dhis2/client.js'
import type { ProgressEvent } from '../pipeline/prepare.js'
import type { Ledger } from '../plan/ledger.js'
import type { Plan } from '../plan/plan.js'
import { recordOutcomes } from '../record/record.js'
import { pushPlan, type PushOptions, type PushResult } from '../send/push.js'

export interface SendInput {
    queue: PQueue
    retry: PushOptions
    dryRun: boolean
    async: boolean
    stopAfterFailedChunks?: number | undefined
    ledger: Ledger
    /** Record each chunk's outcome under this run (null: a run that records nothing). */
    recordAs: string | null
    onProgress?: ((event: ProgressEvent) => void) | undefined
}

export function sendValues(client: Dhis2Client, plan: Plan, input: SendInput): Promise<PushResult> {
    const runId = input.recordAs
    return pushPlan(client, plan.chunks, {
        queue: input.queue,
        ...input.retry,
        dryRun: input.dryRun,
        async: input.async,
        ...(input.stopAfterFailedChunks ? { stopAfterFailedChunks: input.stopAfterFailedChunks } : {}),
        onChunkDone: (done, total) => input.onProgress?.({ stage: 'push', done, total }),
        ...(runId !== null
            ? {
                  onChunkResult: async (_values, chunkOutcomes) =>
                      void (await recordOutcomes(input.ledger, chunkOutcomes, runId)),
              }
            : {}),
    })
}
