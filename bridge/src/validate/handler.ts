// `bridge validate`: read, check and map the files against DHIS2 metadata; nothing is sent.
import { processFiles } from '../pipeline/process.js'
import { exitCodeFor } from '../core/report.js'
import { prepare, processedPart, type CommonOptions } from '../pipeline/prepare.js'
import type { RunReport } from '../pipeline/run-report.js'

export async function runValidate(options: CommonOptions): Promise<RunReport> {
    const prep = await prepare(options)
    const result = await processFiles(
        options.files,
        prep.ctx,
        {
            kind: options.source ?? 'facility-report',
            ...(options.layout ? { layout: options.layout } : {}),
            mappingsRoot: prep.mappingsRoot,
            onProgress: (file, rows) => options.onProgress?.({ stage: 'read', file, rows }),
        },
        () => undefined
    )
    return {
        command: 'validate',
        ...processedPart(prep.metadataInfo, result),
        exitCode: exitCodeFor(result.valueCount, result.errorCount),
    }
}
