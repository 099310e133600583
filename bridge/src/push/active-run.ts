// The push in progress, so a signal handler (Ctrl-C) can say what was delivered and leave the state
// consistent. One push per process at a time.
import type { Localized } from '../core/types.js'
import { messageFor } from '../i18n/messages.js'
import type { Ledger } from '../plan/ledger.js'
import type { StateLock } from '../record/lock.js'
import { appendAuditSync, interruptedRecord, type AuditStarted } from '../record/record.js'

export interface ActiveRun {
    stateDir: string
    ledger: Ledger
    lock: StateLock | null
    started: AuditStarted | null
    interrupted: boolean
}

let active: ActiveRun | null = null

export function setActiveRun(run: ActiveRun): void {
    active = run
}

export function clearActiveRun(run: ActiveRun): void {
    if (active === run) active = null
}

export interface InterruptOutcome {
    /** What was already delivered, for people: print `message[lang]`. */
    message: Localized
    exitCode: number
    delivered: { values: number; completions: number }
}

/**
 * For the CLI's SIGINT/SIGTERM handler: records the interruption in the audit (with what the ledger
 * says this run delivered), releases the state lock, and returns what to print before exiting.
 * Synchronous, so it completes inside a signal handler. Null when no push is running.
 */
export function interruptActivePush(signal: string): InterruptOutcome | null {
    const run = active
    if (!run || run.interrupted) return null
    run.interrupted = true
    const tally = run.ledger.runTally(run.started?.runId ?? '')
    if (run.started) {
        try {
            appendAuditSync(run.stateDir, interruptedRecord(run.started, tally, signal))
        } catch {
            // the next run records it from the unfinished 'started' line
        }
    }
    run.lock?.releaseSync()
    return {
        message: messageFor('PUSH_INTERRUPTED', {
            signal,
            values: tally.values,
            completions: tally.completions,
        }).message,
        exitCode: signal === 'SIGTERM' ? 143 : 130,
        delivered: { values: tally.values, completions: tally.completions },
    }
}
