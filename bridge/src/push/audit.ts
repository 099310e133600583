// The audit lines of a push: `started` before the first value leaves, `finished` with the counts,
// the problems (codes and places, never cell text) and the exit code.
import type { Dhis2Client } from '../dhis2/client.js'
import type { RunReport } from '../pipeline/run-report.js'
import type { Plan } from '../plan/plan.js'
import type { AuditRecord, AuditStarted } from '../record/record.js'

export type AuditedFile = AuditRecord['files'][number]

export function startedRecord(
    runId: string,
    client: Dhis2Client,
    files: readonly AuditedFile[],
    toSend: number
): AuditStarted {
    return {
        event: 'started',
        runId,
        at: new Date().toISOString(),
        command: 'push',
        target: client.baseUrl,
        auth: client.authLabel,
        pid: process.pid,
        files: files.map((f) => ({ file: f.file, sha256: f.sha256 })),
        toSend,
    }
}

export function finishedRecord(
    report: RunReport & { runId: string },
    client: Dhis2Client,
    plan: Plan,
    files: AuditedFile[],
    dryRun: boolean
): AuditRecord {
    return {
        event: 'finished',
        runId: report.runId,
        at: new Date().toISOString(),
        command: 'push',
        target: client.baseUrl,
        auth: client.authLabel,
        dryRun,
        files,
        counts: {
            ...plan.counts,
            ...(report.complete && !report.complete.skipped
                ? {
                      completed: report.complete.registered,
                      completeRefused: report.complete.refused,
                      completeFailed: report.complete.failed,
                  }
                : {}),
            ...(report.push
                ? {
                      saved: report.push.saved,
                      zerosNotStored: report.push.zerosNotStored ?? 0,
                      rejected: report.push.rejected,
                      failed: report.push.failed,
                      notSent: report.push.notSent ?? 0,
                  }
                : {}),
            found: plan.found.length,
        },
        issues: report.issues.slice(0, 5000).map((i) => ({
            code: i.code,
            severity: i.severity,
            file: i.file,
            ...(i.row !== undefined ? { row: i.row } : {}),
            ...(i.column !== undefined ? { column: i.column } : {}),
            ...(i.dhis2?.errorCode ? { errorCode: i.dhis2.errorCode } : {}),
        })),
        exitCode: report.exitCode,
    }
}
