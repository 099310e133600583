// `bridge validate`: read, check and map the files against DHIS2 metadata; nothing is sent.
import { exitCodeFor } from '../core/report.js'
import { prepare, processCommandFiles, processedPart, type CommonOptions } from '../pipeline/prepare.js'
import type { RunReport } from '../pipeline/run-report.js'

export async function runValidate(options: CommonOptions): Promise<RunReport> {
    const prep = await prepare(options)
    const result = await processCommandFiles(options, prep, () => undefined)
    return {
        command: 'validate',
        ...processedPart(prep.metadataInfo, result),
        exitCode: exitCodeFor(result.valueCount, result.errorCount),
    }
}
