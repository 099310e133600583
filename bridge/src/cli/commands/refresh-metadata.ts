// `bridge refresh-metadata [--out file]`: fetch DHIS2 metadata into the cache (or a file for offline use).
import { Command, Option } from 'commander'
import { resolve } from 'node:path'
import type { Lang } from '../../core/types.js'
import { Dhis2Client } from '../../dhis2/client.js'
import { cacheFileFor, fetchMetadata, writeSnapshot } from '../../metadata-snapshot/fetch.js'
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
                const config = await loadConfigAndWarn(o.config, lang)
                const client = new Dhis2Client(config)
                const snapshot = await fetchMetadata(client)
                const file =
                    o.out ??
                    cacheFileFor(
                        resolve(o.stateDir),
                        client.baseUrl,
                        config.auth.kind === 'basic' ? config.auth.username : 'token'
                    )
                await writeSnapshot(file, snapshot)
                const n = {
                    de: snapshot.dataElements.length,
                    ds: snapshot.dataSets.length,
                    ou: snapshot.organisationUnits.length,
                    v: snapshot.stamp.serverVersion,
                }
                process.stdout.write(
                    lang === 'fr'
                        ? `${file} : ${n.de} éléments de données, ${n.ds} formulaires, ${n.ou} unités d’organisation (DHIS2 ${n.v})\n`
                        : `${file}: ${n.de} data elements, ${n.ds} data sets, ${n.ou} org units (DHIS2 ${n.v})\n`
                )
            } catch (e) {
                process.stderr.write(`${lang === 'fr' ? 'Erreur' : 'Error'} : ${describeFailure(e, lang)}\n`)
                process.exitCode = 1
            }
        })
}
