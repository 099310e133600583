// Options every data command takes, parsed the same way everywhere.
import { Command, Option } from 'commander'
import type { Lang } from '../core/types.js'
import type { Dhis2Config } from '../dhis2/client.js'
import { say } from '../i18n/messages.js'
import { loadDhis2Config } from '../dhis2/config.js'
import type { CommonOptions } from '../pipeline/prepare.js'
import type { RunReport } from '../pipeline/run-report.js'
import { toLocalized } from './failure.js'
import { progressReporter } from './progress.js'
import { renderReport } from './render.js'
import { h } from './help-lang.js'

export interface RawCommonOptions {
    source: string
    layout?: string
    lang: string
    metadata?: string
    refreshMetadata?: boolean
    mappings?: string
    facilities?: string
    stateDir?: string
    config?: string
    strict?: boolean
    json?: boolean
    today?: string
}

export function addCommonOptions(cmd: Command): Command {
    return cmd
        .argument('<files...>', h({ fr: 'fichiers CSV, XLSX ou JSON', en: 'CSV, XLSX or JSON files' }))
        .option(
            '--source <kind>',
            h({
                fr: 'type de source (facility-report, lab, mutuelle)',
                en: 'source kind (facility-report, lab, mutuelle)',
            }),
            'facility-report'
        )
        .option(
            '--layout <name>',
            h({ fr: 'format imposé (long, wide…) ; détecté sinon', en: 'force a layout; detected otherwise' })
        )
        .addOption(
            new Option('--lang <lang>', h({ fr: 'langue des messages', en: 'message language' }))
                .choices(['fr', 'en'])
                .default('fr')
        )
        .option(
            '--metadata <file>',
            h({
                fr: 'métadonnées DHIS2 depuis un fichier (refresh-metadata --out)',
                en: 'metadata snapshot file',
            })
        )
        .option(
            '--refresh-metadata',
            h({ fr: 'relire les métadonnées dans DHIS2', en: 'fetch metadata again' })
        )
        .option('--mappings <dir>', h({ fr: 'dossier mappings/', en: 'mappings folder' }))
        .option(
            '--facilities <dir>',
            h({ fr: 'dossier des correspondances de structures', en: 'facility mapping folder' })
        )
        .option(
            '--state-dir <dir>',
            h({ fr: 'dossier du registre et du journal', en: 'ledger and audit folder' }),
            '.bridge'
        )
        .option(
            '--config <file>',
            h({ fr: 'fichier de configuration DHIS2 (JSON)', en: 'DHIS2 config file' })
        )
        .option('--strict', h({ fr: 'une seule erreur bloque tout', en: 'any error blocks everything' }))
        .option(
            '--today <date>',
            h({ fr: 'date du jour (tests), AAAA-MM-JJ', en: 'today (tests), YYYY-MM-DD' })
        )
        .option('--json', h({ fr: 'rapport JSON sur stdout', en: 'JSON report on stdout' }))
}

export async function toCommonOptions(
    files: string[],
    o: RawCommonOptions,
    needDhis2: boolean
): Promise<CommonOptions> {
    const opts: CommonOptions = { files, source: o.source, lang: o.lang === 'en' ? 'en' : 'fr' }
    if (o.layout) opts.layout = o.layout
    if (o.metadata) opts.metadataFile = o.metadata
    if (o.refreshMetadata) opts.refreshMetadata = true
    if (o.mappings) opts.mappingsRoot = o.mappings
    if (o.facilities) opts.facilitiesDir = o.facilities
    if (o.stateDir) opts.stateDir = o.stateDir
    if (o.strict) opts.strict = true
    if (o.today) opts.today = new Date(o.today + 'T12:00:00Z')
    if (needDhis2 || !o.metadata) opts.dhis2 = await loadConfigAndWarn(o.config, opts.lang ?? 'fr')
    return opts
}

/** The DHIS2 configuration, its warnings (credentials in the address, http://…) said once on stderr. */
export async function loadConfigAndWarn(configFile: string | undefined, lang: Lang): Promise<Dhis2Config> {
    const config = await loadDhis2Config(process.env, configFile)
    for (const w of config.warnings ?? [])
        process.stderr.write(
            `${say('TAG_WARNING', lang)} : ${w.message[lang]}${w.hint ? `\n    → ${w.hint[lang]}` : ''}\n`
        )
    return config
}

/**
 * Runs a handler and prints its report: table for people, JSON for scripts; sets the exit code.
 * `stdoutIsData`: stdout carries the command's own output (`convert --out -`), so the report, the
 * progress and any error go to stderr and stdout stays one valid JSON document.
 */
export async function runAndReport(
    o: RawCommonOptions,
    run: (opts: { onProgress: CommonOptions['onProgress'] }) => Promise<RunReport>,
    settings: { stdoutIsData?: boolean; fileCount?: number } = {}
): Promise<void> {
    const lang: Lang = o.lang === 'en' ? 'en' : 'fr'
    const reportStream = settings.stdoutIsData ? process.stderr : process.stdout
    const progress = progressReporter(!o.json, lang, settings.fileCount ?? 0)
    try {
        const report = await run({ onProgress: progress.onProgress })
        progress.stop()
        if (o.json) reportStream.write(JSON.stringify(report, null, 2) + '\n')
        else reportStream.write(renderReport(report, lang) + '\n')
        process.exitCode = report.exitCode
    } catch (e) {
        progress.stop()
        const failure = toLocalized(e)
        if (o.json) {
            const body: Record<string, unknown> = { error: failure.text[lang], exitCode: 1 }
            if (failure.hint) body.hint = failure.hint[lang]
            reportStream.write(JSON.stringify(body) + '\n')
        } else process.stderr.write(`${say('COMMAND_FAILED', lang, { detail: failure.render(lang) })}\n`)
        process.exitCode = 1
    }
}
