// `bridge convert`: the files as one DHIS2 dataValueSet JSON, streamed to disk in 16 KiB writes.
import { closeSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { MappedValue } from '../core/types.js'
import type { ProcessResult } from '../pipeline/process.js'
import { copyWithoutBlocked } from '../pipeline/value-set-filter.js'
import { EXIT, exitCodeFor } from '../core/report.js'
import { prepare, processCommandFiles, processedPart, type CommonOptions } from '../pipeline/prepare.js'
import type { RunReport } from '../pipeline/run-report.js'

export interface ConvertOptions extends CommonOptions {
    /** Output file; '-' for stdout. */
    out: string
}

// small batches die young: a 64 KiB string would outlive scavenges and be promoted
const FLUSH_AT = 16 * 1024

/** JSON text of one value, written by hand: this is the hot loop of a national-scale convert. */
function valueJson(v: MappedValue): string {
    let s =
        '{"dataElement":"' +
        v.dataElement +
        '","period":"' +
        v.period +
        '","orgUnit":"' +
        v.orgUnit +
        '","categoryOptionCombo":"' +
        v.categoryOptionCombo +
        '","attributeOptionCombo":"' +
        v.attributeOptionCombo +
        '","value":' +
        JSON.stringify(v.value)
    if (v.comment) s += ',"comment":' + JSON.stringify(v.comment)
    return s + '}'
}

export async function runConvert(options: ConvertOptions): Promise<RunReport> {
    // The conversion's own duration (report.timings): everything this handler does, nothing of the process
    // around it, so that a benchmark can check throughput without subtracting a start-up measured elsewhere.
    const started = performance.now()
    const prep = await prepare(options)
    const toStdout = options.out === '-'
    if (!toStdout) mkdirSync(dirname(options.out), { recursive: true })
    // stdout cannot be taken back: values go to a temporary file first, copied out once the run has
    // found which cells are blocked by a conflict (a value is written before its twin is read)
    const tempDir = toStdout ? mkdtempSync(join(tmpdir(), 'bridge-convert-')) : ''
    const written = toStdout ? join(tempDir, 'values.json') : options.out
    const fd = openSync(written, 'w')
    let fdOpen = true
    let buffer = '{"dataValues":[\n'
    let first = true
    const onValue = (v: MappedValue): void => {
        buffer += (first ? '' : ',\n') + valueJson(v)
        first = false
        if (buffer.length >= FLUSH_AT) {
            writeSync(fd, buffer)
            buffer = ''
        }
    }
    let result: ProcessResult
    try {
        result = await processCommandFiles(options, prep, onValue)
        writeSync(fd, buffer + '\n]}\n')
        buffer = ''
        closeSync(fd)
        fdOpen = false
        if (toStdout) await copyWithoutBlocked(written, 1, result.conflictedKeys)
        else if (result.conflictedKeys.size > 0) {
            const filtered = `${options.out}.${process.pid}.tmp`
            const out = openSync(filtered, 'w')
            try {
                await copyWithoutBlocked(written, out, result.conflictedKeys)
            } finally {
                closeSync(out)
            }
            renameSync(filtered, options.out)
        }
    } finally {
        // closed once only: a second close would hit whatever file reuses the number (the copy's stream)
        if (fdOpen) closeSync(fd)
        if (toStdout) rmSync(tempDir, { recursive: true, force: true })
    }
    const convertMs = Math.round((performance.now() - started) * 10) / 10
    const report: RunReport = {
        command: 'convert',
        ...processedPart(prep.metadataInfo, result),
        output: options.out,
        timings: { convertMs },
        exitCode: exitCodeFor(result.valueCount, result.errorCount),
    }
    if (options.strict && result.errorCount > 0) {
        report.exitCode = EXIT.failure
        report.note = {
            fr: 'Mode strict : des erreurs ont été trouvées, le fichier produit ne doit pas être utilisé.',
            en: 'Strict mode: errors were found, the output file must not be used.',
        }
    }
    return report
}
