import type { Severity, ValidationIssue } from '../core/types.js'
import { messageFor, type MessageCode } from './messages.js'

export interface IssueAt {
    file: string
    sheet?: string | undefined
    row?: number | undefined
    column?: string | undefined
    value?: string | undefined
}

/** Builds an issue from the message catalogue, so every problem reads the same everywhere. */
export function makeIssue(
    code: MessageCode,
    at: IssueAt,
    params: Record<string, string | number | undefined> = {},
    severity: Severity = 'error'
): ValidationIssue {
    const { message, hint } = messageFor(code, { value: at.value, column: at.column, ...params })
    const issue: ValidationIssue = { code, severity, file: at.file, message }
    if (at.sheet !== undefined) issue.sheet = at.sheet
    if (at.row !== undefined) issue.row = at.row
    if (at.column !== undefined) issue.column = at.column
    if (at.value !== undefined) issue.value = at.value
    if (hint) issue.hint = hint
    return issue
}
