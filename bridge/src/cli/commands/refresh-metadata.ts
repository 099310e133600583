// `bridge refresh-metadata [--out file]`: fetch DHIS2 metadata into the cache (or a file for offline use).
import { Command } from 'commander'
import { resolve } from 'node:path'
import { Dhis2Client } from '../../dhis2/client.js'
import { loadDhis2Config } from '../../dhis2/config.js'
import { cacheFileFor, fetchMetadata, writeSnapshot } from '../../metadata/fetch.js'

export function refreshMetadataCommand(): Command {
    return new Command('refresh-metadata')
        .description('Relit les métadonnées DHIS2 et les met en cache / fetch DHIS2 metadata into the cache')
        .option(
            '--out <file>',
            'écrire dans ce fichier (pour --metadata) / write to this file (for --metadata)'
        )
        .option('--state-dir <dir>', 'dossier du cache / cache folder', '.bridge')
        .option('--config <file>', 'fichier de configuration DHIS2 / DHIS2 config file')
        .action(async (o: { out?: string; stateDir: string; config?: string }) => {
            try {
                const config = await loadDhis2Config(process.env, o.config)
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
                process.stdout.write(
                    `${file}: ${snapshot.dataElements.length} éléments / data elements, ${snapshot.dataSets.length} data sets, ${snapshot.organisationUnits.length} org units (DHIS2 ${snapshot.stamp.serverVersion})\n`
                )
            } catch (e) {
                process.stderr.write(`Erreur / error: ${e instanceof Error ? e.message : String(e)}\n`)
                process.exitCode = 1
            }
        })
}
