// French CSV templates (`;`, UTF-8 with BOM, as French Excel opens them), for the kinds whose files
// are lists of lines (labs, mutuelles).
export function csvText(rows: readonly (readonly string[])[]): string {
    return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`
}
