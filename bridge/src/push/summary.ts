// What the send stage did, counted for the report: values saved, zeros DHIS2 does not keep, values
// rejected or failed, and the issue that says why a run stopped early.
import type { MappedValue, ValidationIssue } from '../core/types.js'
import { makeIssue } from '../i18n/issues.js'
import type { RunReport } from '../pipeline/run-report.js'
import type { PushResult } from '../send/push.js'

export interface PushSummary {
    push: NonNullable<RunReport['push']>
    /** DHIS2's conflicts, then the reason the run stopped, if it did. */
    issues: ValidationIssue[]
}

export function pushSummary(
    pushed: PushResult,
    options: { toSend: number; dryRun: boolean; isZeroNotStored: (v: MappedValue) => boolean; file: string }
): PushSummary {
    let saved = 0
    let zeros = 0
    let rejected = 0
    let failed = 0
    for (const [pv, o] of pushed.outcomes) {
        if (o === 'saved') {
            // DHIS2 keeps no insignificant zero: it is not « enregistrée » (an older value was deleted)
            if (options.isZeroNotStored(pv.value)) zeros++
            else saved++
        } else if (o === 'rejected') rejected++
        else failed++
    }
    const issues = [...pushed.issues]
    const s = pushed.stopped
    if (s)
        issues.push(
            makeIssue(
                s.reason === 'account' ? 'PUSH_ACCOUNT_REFUSED' : 'PUSH_STOPPED',
                { file: options.file },
                { failed: s.failedInARow, detail: s.detail, notSent: s.notSentValues }
            )
        )
    return {
        push: {
            sent: options.toSend,
            saved,
            zerosNotStored: zeros,
            rejected,
            failed,
            notSent: s?.notSentValues ?? 0,
            chunks: pushed.chunks.length,
            failedChunks: pushed.chunks.filter((c) => c.status === 'FAILED').length,
            retries: pushed.retries,
            dryRun: options.dryRun,
            dhis2Counts: pushed.dhis2Counts,
        },
        issues,
    }
}
