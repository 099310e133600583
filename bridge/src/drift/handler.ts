// `bridge mappings check` as a plain async function.
import type { CommandReport } from '../core/report.js'
import type { Lang } from '../core/types.js'
import type { MetadataApi } from '../dhis2/metadata-api.js'
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
    lines.push(
        lang === 'fr'
            ? `${expectations.length} objets vérifiés : ${errors} erreur(s), ${warnings} avertissement(s).${errors > 0 ? ' Corrigez les correspondances avant d’envoyer les données du mois.' : ''}`
            : `${expectations.length} objects checked: ${errors} error(s), ${warnings} warning(s).${errors > 0 ? ' Fix the mappings before sending the month’s data.' : ''}`
    )
    return { checked: expectations.length, drifts, errors, warnings, lines, exitCode: errors > 0 ? 1 : 0 }
}
