// Options every data command takes, parsed the same way everywhere.
import { Command, Option } from 'commander'
import type { Lang } from '../core/types.js'
import { loadDhis2Config } from '../dhis2/config.js'
import type { CommonOptions, RunReport } from '../handlers/common.js'
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
    if (needDhis2 || !o.metadata) opts.dhis2 = await loadDhis2Config(process.env, o.config)
    return opts
}

/** Runs a handler and prints its report: table for people, JSON for scripts; sets the exit code. */
export async function runAndReport(
    o: RawCommonOptions,
    run: (opts: { onProgress: CommonOptions['onProgress'] }) => Promise<RunReport>
): Promise<void> {
    const lang: Lang = o.lang === 'en' ? 'en' : 'fr'
    const progress = progressReporter(!o.json)
    try {
        const report = await run({ onProgress: progress.onProgress })
        progress.stop()
        if (o.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
        else process.stdout.write(renderReport(report, lang) + '\n')
        process.exitCode = report.exitCode
    } catch (e) {
        progress.stop()
        const message = e instanceof Error ? e.message : String(e)
        if (o.json) process.stdout.write(JSON.stringify({ error: message, exitCode: 1 }) + '\n')
        else process.stderr.write(`${lang === 'fr' ? 'Erreur' : 'Error'} : ${message}\n`)
        process.exitCode = 1
    }
}
