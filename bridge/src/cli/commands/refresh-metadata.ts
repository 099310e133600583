// `bridge refresh-metadata [--out file]`: argument parsing only; the work is runRefreshMetadata.
import { Command, Option } from 'commander'
import type { Lang } from '../../core/types.js'
import { say } from '../../i18n/messages.js'
import { runRefreshMetadata } from '../../metadata-snapshot/handler.js'
import { describeFailure } from '../failure.js'
import { h } from '../help-lang.js'
import { loadConfigAndWarn } from '../shared-options.js'

export function refreshMetadataCommand(): Command {
    return new Command('refresh-metadata')
        .description(
            h({
                fr: 'Relit les métadonnées DHIS2 et les met en cache',
                en: 'Fetch DHIS2 metadata into the cache',
            })
        )
        .option(
            '--out <file>',
            h({ fr: 'écrire dans ce fichier (pour --metadata)', en: 'write to this file (for --metadata)' })
        )
        .option('--state-dir <dir>', h({ fr: 'dossier du cache', en: 'cache folder' }), '.bridge')
        .option('--config <file>', h({ fr: 'fichier de configuration DHIS2', en: 'DHIS2 config file' }))
        .addOption(
            new Option('--lang <lang>', h({ fr: 'langue des messages', en: 'message language' }))
                .choices(['fr', 'en'])
                .default('fr')
        )
        .action(async (o: { out?: string; stateDir: string; config?: string; lang: string }) => {
            const lang: Lang = o.lang === 'en' ? 'en' : 'fr'
            try {
                const report = await runRefreshMetadata({
                    dhis2: await loadConfigAndWarn(o.config, lang),
                    stateDir: o.stateDir,
                    ...(o.out !== undefined ? { out: o.out } : {}),
                })
                process.stdout.write(`${report.message[lang]}\n`)
                process.exitCode = report.exitCode
            } catch (e) {
                process.stderr.write(`${say('COMMAND_FAILED', lang, { detail: describeFailure(e, lang) })}\n`)
                process.exitCode = 1
            }
        })
}
