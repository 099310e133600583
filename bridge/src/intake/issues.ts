// The pipeline's issues as the person reads them: one language, where to look, what to do. The
// offending cell's text (`ValidationIssue.value`) is not carried over: for lab and mutuelle files it
// may be a patient field, and the message already says what is wrong.
import type { Lang, Localized, ValidationIssue } from '../core/types.js'
import { messageFor, pick, type MessageCode } from '../i18n/messages.js'

export interface IntakeIssueShape {
    severity: 'error' | 'warning'
    file?: string
    sheet?: string
    row?: number
    column?: string
    field?: string
    message: string
    hint?: string
}

export function toIntakeIssue(issue: ValidationIssue, lang: Lang): IntakeIssueShape {
    const out: IntakeIssueShape = { severity: issue.severity, message: pick(issue.message, lang) }
    if (issue.file) out.file = issue.file
    if (issue.sheet !== undefined) out.sheet = issue.sheet
    if (issue.row !== undefined) out.row = issue.row
    if (issue.column !== undefined) out.column = issue.column
    if (issue.hint) out.hint = pick(issue.hint, lang)
    return out
}

/** An issue of the intake itself, from the message catalogue. */
export function catalogueIssue(
    code: MessageCode,
    lang: Lang,
    params: Record<string, string | number | undefined> = {},
    severity: 'error' | 'warning' = 'error'
): IntakeIssueShape {
    const { message, hint } = messageFor(code, params)
    const out: IntakeIssueShape = { severity, message: pick(message, lang) }
    if (hint) out.hint = pick(hint, lang)
    return out
}

export function say(text: Localized, lang: Lang): string {
    return pick(text, lang)
}
