// What every command's handler returns, whatever the command: a report the CLI prints (table or
// JSON) and the process exit code it sets. The exit code is decided by the handler, in one place each.
export const EXIT = { success: 0, failure: 1, partial: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The one report shape: each handler's report extends it with what its command found. */
export interface CommandReport {
    exitCode: ExitCode
}

/** 0 when every row was good, 2 when some values went through and some did not, 1 when none did. */
export function exitCodeFor(goodValues: number, errors: number): ExitCode {
    if (errors === 0) return goodValues > 0 ? EXIT.success : EXIT.failure
    return goodValues > 0 ? EXIT.partial : EXIT.failure
}
