// Options every data command takes, parsed the same way everywhere.
import { Command, Option } from 'commander'
import type { Lang } from '../core/types.js'
import type { Dhis2Config } from '../dhis2/client.js'
import { loadDhis2Config } from '../dhis2/config.js'
import type { CommonOptions, RunReport } from '../handlers/common.js'
import { toLocalized } from './failure.js'
import { progressReporter } from './progress.js'
import { renderReport } from './render.js'

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
        .argument('<files...>', 'fichiers CSV, XLSX ou JSON / CSV, XLSX or JSON files')
        .option(
            '--source <kind>',
            'type de source / source kind (facility-report, lab, mutuelle)',
            'facility-report'
        )
        .option(
            '--layout <name>',
            'format imposé (long, wide…) ; détecté sinon / force a layout; detected otherwise'
        )
        .addOption(
            new Option('--lang <lang>', 'langue des messages / message language')
                .choices(['fr', 'en'])
                .default('fr')
        )
        .option(
            '--metadata <file>',
            'métadonnées DHIS2 depuis un fichier (refresh-metadata --out) / metadata snapshot file'
        )
        .option('--refresh-metadata', 'relire les métadonnées dans DHIS2 / fetch metadata again')
        .option('--mappings <dir>', 'dossier mappings/ / mappings folder')
        .option('--facilities <dir>', 'dossier des correspondances de structures / facility mapping folder')
        .option('--state-dir <dir>', 'dossier du registre et du journal / ledger and audit folder', '.bridge')
        .option('--config <file>', 'fichier de configuration DHIS2 (JSON) / DHIS2 config file')
        .option('--strict', 'une seule erreur bloque tout / any error blocks everything')
        .option('--today <date>', 'date du jour (tests) / today (tests), YYYY-MM-DD')
        .option('--json', 'rapport JSON sur stdout / JSON report on stdout')
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
            `${lang === 'fr' ? 'ATTENTION' : 'WARNING'} : ${w.message[lang]}${w.hint ? `\n    → ${w.hint[lang]}` : ''}\n`
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
        } else process.stderr.write(`${lang === 'fr' ? 'Erreur' : 'Error'} : ${failure.render(lang)}\n`)
        process.exitCode = 1
    }
}
