// `bridge mappings check` as a plain async function.
import type { CommandReport } from '../core/report.js'
import type { Lang } from '../core/types.js'
import type { MetadataApi } from '../dhis2/metadata-api.js'
import { say } from '../i18n/messages.js'
import { checkAll, type Drift } from './check.js'
import { collectExpectations } from './expectations.js'
import { fetchLive } from './live.js'

export interface MappingsCheckInput {
    api: MetadataApi
    mappingsRoot: string
    facilitiesDir?: string
    lang?: Lang
    today?: Date
}

export interface MappingsCheckOutput extends CommandReport {
    checked: number
    drifts: Drift[]
    errors: number
    warnings: number
    lines: string[]
    /** 0: nothing stale; 1: at least one error (data would go against stale ids). */
    exitCode: 0 | 1
}

export async function runMappingsCheck(input: MappingsCheckInput): Promise<MappingsCheckOutput> {
    const lang = input.lang ?? 'fr'
    const today = (input.today ?? new Date()).toISOString().slice(0, 10)
    const sources: Parameters<typeof collectExpectations>[0] = { mappingsRoot: input.mappingsRoot, today }
    if (input.facilitiesDir !== undefined) sources.facilitiesDir = input.facilitiesDir
    const expectations = await collectExpectations(sources)
    const live = await fetchLive(input.api)
    const drifts = checkAll(expectations, live)
    const errors = drifts.filter((d) => d.severity === 'error').length
    const warnings = drifts.length - errors
    const lines = drifts.map((d) => `${d.severity === 'error' ? '✗' : '!'} ${d.file} — ${d.message[lang]}`)
    const summary = say('DRIFT_SUMMARY', lang, { checked: expectations.length, errors, warnings })
    lines.push(errors > 0 ? `${summary} ${say('DRIFT_BLOCKING', lang)}` : summary)
    return { checked: expectations.length, drifts, errors, warnings, lines, exitCode: errors > 0 ? 1 : 0 }
}
