// `convert` streams values to its output as they are made; a cell found conflicted later in the run was
// already written once. This second pass, run only when the run blocked cells, copies the dataValueSet
// without the values of those cells. Convert writes one value per line, so the copy is line by line and
// streams like the first pass.
import { createReadStream, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { valueKey } from '../core/types.js'

const FLUSH_AT = 16 * 1024

/**
 * Copies the dataValueSet at `source` (as written by the convert handler) to the file descriptor `fd`,
 * leaving out values whose `valueKey` is in `blocked`. Returns how many were left out.
 */
export async function copyWithoutBlocked(
    source: string,
    fd: number,
    blocked: ReadonlySet<string>
): Promise<number> {
    const lines = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity })
    let buffer = ''
    let first = true
    let dropped = 0
    for await (const line of lines) {
        const body = line.endsWith(',') ? line.slice(0, -1) : line
        if (body === '') continue
        if (!body.startsWith('{"dataElement"')) {
            // the opening `{"dataValues":[` and the closing `]}`
            buffer += (body.startsWith(']') ? '\n' : '') + body + '\n'
            continue
        }
        const v = JSON.parse(body) as {
            dataElement: string
            period: string
            orgUnit: string
            categoryOptionCombo: string
            attributeOptionCombo: string
        }
        if (blocked.has(valueKey(v))) {
            dropped++
            continue
        }
        buffer += (first ? '' : ',\n') + body
        first = false
        if (buffer.length >= FLUSH_AT) {
            writeSync(fd, buffer)
            buffer = ''
        }
    }
    if (buffer) writeSync(fd, buffer)
    return dropped
}
