// `bridge convert`: the files as one DHIS2 dataValueSet JSON, streamed to disk in 16 KiB writes.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { MappedValue } from '../core/types.js'
import { processFiles, type ProcessResult } from '../pipeline/process.js'
import { EXIT, exitCodeFor, prepare, type CommonOptions, type RunReport, processedPart } from './common.js'

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

export async function convertHandler(options: ConvertOptions): Promise<RunReport> {
    // The conversion's own duration (report.timings): everything this handler does, nothing of the process
    // around it, so that a benchmark can check throughput without subtracting a start-up measured elsewhere.
    const started = performance.now()
    const prep = await prepare(options)
    const toStdout = options.out === '-'
    if (!toStdout) mkdirSync(dirname(options.out), { recursive: true })
    const fd = toStdout ? 1 : openSync(options.out, 'w')
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
        result = await processFiles(
            options.files,
            prep.ctx,
            {
                kind: options.source ?? 'facility-report',
                ...(options.layout ? { layout: options.layout } : {}),
                mappingsRoot: prep.mappingsRoot,
                onProgress: (file, rows) => options.onProgress?.({ stage: 'read', file, rows }),
            },
            onValue
        )
        writeSync(fd, buffer + '\n]}\n')
        buffer = ''
    } finally {
        if (!toStdout) closeSync(fd)
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
