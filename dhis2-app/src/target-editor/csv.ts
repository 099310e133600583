// Reading the CSV files planners import; writing CSV is csvDocument in shared/csv-values.ts.
export interface CsvRow {
    /** Line of the file where the row starts (the header is line 1), as a spreadsheet numbers it. */
    line: number
    fields: string[]
}

/**
 * Splits `;`-separated text into rows (RFC 4180 quoting, CRLF or LF, an optional byte order mark), keeping
 * each row's line number so errors can name it. Blank lines are dropped.
 */
export function parseCsv(text: string): CsvRow[] {
    const input = text.startsWith('\uFEFF') ? text.slice(1) : text
    const rows: CsvRow[] = []
    let fields: string[] = []
    let field = ''
    let quoted = false
    let line = 1
    let rowLine = 1
    const endRow = () => {
        fields.push(field)
        if (fields.some((f) => f.trim() !== '')) rows.push({ line: rowLine, fields })
        fields = []
        field = ''
    }
    for (let i = 0; i < input.length; i++) {
        const c = input[i]
        if (quoted) {
            if (c === '"' && input[i + 1] === '"') {
                field += '"'
                i++
            } else if (c === '"') {
                quoted = false
            } else {
                if (c === '\n') line++
                field += c
            }
            continue
        }
        if (c === '"' && field === '') quoted = true
        else if (c === ';') {
            fields.push(field)
            field = ''
        } else if (c === '\r' && input[i + 1] === '\n') continue
        else if (c === '\n' || c === '\r') {
            endRow()
            line++
            rowLine = line
        } else field += c
    }
    if (field !== '' || fields.length > 0) endRow()
    return rows
}
