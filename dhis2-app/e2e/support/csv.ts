/** The fields of one line of the app's CSV exports (`;`-separated, `"`-quoted with doubled quotes inside). */
export function csvFields(line: string): string[] {
    const fields: string[] = []
    let field = ''
    let quoted = false
    for (let i = 0; i < line.length; i += 1) {
        const c = line[i]
        if (quoted && c === '"' && line[i + 1] === '"') {
            field += '"'
            i += 1
        } else if (c === '"') {
            quoted = !quoted
        } else if (c === ';' && !quoted) {
            fields.push(field)
            field = ''
        } else {
            field += c
        }
    }
    fields.push(field)
    return fields
}
