// French CSV templates (`;`, UTF-8 with BOM, as French Excel opens them), for the kinds whose files
// are lists of lines (labs, mutuelles).
export function csvText(rows: readonly (readonly string[])[]): string {
    return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`
}

/** What `bridge lab template` and `bridge mutuelle template` report: the files written. */
export interface TemplateReport {
    files: string[]
    exitCode: 0
}
