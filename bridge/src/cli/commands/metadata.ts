// `bridge metadata install`: argument parsing only; the work is in bridge/src/metadata-install/.
import { Command } from 'commander'
import { defaultMappingsRoot } from '../../core/package-root.js'
import { connectMetadataApi } from '../../dhis2/connect.js'
import { loadConfigAndWarn } from '../shared-options.js'
import { runMetadataInstall } from '../../metadata-install/handler.js'
import { join } from 'node:path'
import { h } from '../help-lang.js'

interface InstallFlags {
    package?: string
    dryRun?: boolean
    lang?: string
    config?: string
    json?: boolean
}

export function metadataCommand(): Command {
    const metadata = new Command('metadata').description(
        h({ fr: 'Métadonnées DHIS2 du projet', en: 'The project’s DHIS2 metadata package' })
    )
    metadata
        .command('install')
        .description(
            h({
                fr: 'Importe le paquet (VALIDATE puis COMMIT), sans jamais rien supprimer ; relancer ne change rien',
                en: 'Imports the package (VALIDATE then COMMIT), never deletes; running it again changes nothing',
            })
        )
        .option(
            '--package <file>',
            h({
                fr: 'paquet (défaut mappings/metadata/dhis2-metadata-package.json)',
                en: 'package file (default mappings/metadata/dhis2-metadata-package.json)',
            })
        )
        .option(
            '--dry-run',
            h({
                fr: 'montre ce qui serait créé ou mis à jour, sans importer',
                en: 'show the plan, import nothing',
            })
        )
        .option('--lang <fr|en>', h({ fr: 'langue des messages', en: 'message language' }), 'fr')
        .option('--config <file>', h({ fr: 'fichier de connexion DHIS2', en: 'DHIS2 connection file' }))
        .option('--json', h({ fr: 'sortie JSON', en: 'JSON output' }))
        .action(async (flags: InstallFlags) => {
            const api = connectMetadataApi(
                await loadConfigAndWarn(flags.config, flags.lang === 'en' ? 'en' : 'fr')
            )
            const out = await runMetadataInstall({
                api,
                packagePath:
                    flags.package ?? join(defaultMappingsRoot(), 'metadata', 'dhis2-metadata-package.json'),
                dryRun: flags.dryRun === true,
                lang: flags.lang === 'en' ? 'en' : 'fr',
            })
            console.log(flags.json === true ? JSON.stringify(out.result, null, 2) : out.lines.join('\n'))
            process.exitCode = out.exitCode
        })
    return metadata
}
