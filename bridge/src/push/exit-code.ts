// The push's exit code, decided in one place from what the run found: 0 success, 2 partial,
// 1 failure (see docs/bridge.md, « Codes de sortie »).
import { EXIT, exitCodeFor, type ExitCode } from '../core/report.js'

export interface PushOutcome {
    /** --strict with errors in the files: nothing was sent. */
    blocked: boolean
    /** Valid values read from the files. */
    valueCount: number
    /** Errors of the whole run (files, plan, DHIS2's answers, completeness). */
    errors: number
    /** Values that needed no sending: already in DHIS2 as the file says, or zeros DHIS2 does not keep. */
    goodWithoutSending: number
    /** What was sent, when something was. */
    sent?: { saved: number; zerosNotStored: number; accountRefused: boolean }
    /** Completeness registrations DHIS2 refused or that failed. */
    completionIssues: number
    /** Values DHIS2 holds differently than the file (edited there by someone else), left as they are. */
    held: number
}

export function pushExitCode(o: PushOutcome): ExitCode {
    if (o.blocked) return EXIT.failure
    let code: ExitCode
    if (!o.sent) code = o.valueCount === 0 ? EXIT.failure : exitCodeFor(o.goodWithoutSending, o.errors)
    else if (o.sent.accountRefused) code = EXIT.failure
    else code = exitCodeFor(o.sent.saved + o.sent.zerosNotStored + o.goodWithoutSending, o.errors)
    // a completion refused turns a success partial; zeros not stored do not count as delivered there
    if (o.completionIssues > 0) code = exitCodeFor((o.sent?.saved ?? 0) + o.goodWithoutSending, o.errors)
    // values DHIS2 still holds differently than the file: never a success
    if (o.held > 0 && code === EXIT.success) code = EXIT.partial
    return code
}
