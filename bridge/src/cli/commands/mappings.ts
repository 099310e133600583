// `bridge mappings check`: argument parsing only; the work is in bridge/src/drift/.
import { Command } from 'commander'
import { runMappingsCheck } from '../../drift/handler.js'
import { defaultMappingsRoot } from '../../core/package-root.js'
import { connectMetadataApi } from '../../dhis2/connect.js'
import { loadConfigAndWarn } from '../shared-options.js'
import { h } from '../help-lang.js'

interface CheckFlags {
    mappings?: string
    facilities?: string
    config?: string
    lang?: string
    json?: boolean
}

export function mappingsCommand(): Command {
    const mappings = new Command('mappings').description(
        h({ fr: 'Fichiers de correspondance', en: 'Mapping files' })
    )
    mappings
        .command('check')
        .description(
            h({
                fr: 'Compare les correspondances avec les métadonnées DHIS2 : objets renommés, supprimés, re-ventilés, structures fermées ou déplacées',
                en: 'Compares the mappings with live DHIS2 metadata',
            })
        )
        .option('--mappings <dir>', h({ fr: 'dossier mappings/', en: 'mappings folder' }))
        .option(
            '--facilities <dir>',
            h({ fr: 'dossier des correspondances de structures', en: 'facility mappings folder' })
        )
        .option('--config <file>', h({ fr: 'fichier de connexion DHIS2', en: 'DHIS2 connection file' }))
        .option('--lang <fr|en>', h({ fr: 'langue', en: 'language' }), 'fr')
        .option('--json', h({ fr: 'sortie JSON', en: 'JSON output' }))
        .action(async (flags: CheckFlags) => {
            const api = connectMetadataApi(
                await loadConfigAndWarn(flags.config, flags.lang === 'en' ? 'en' : 'fr')
            )
            const out = await runMappingsCheck({
                api,
                mappingsRoot: flags.mappings ?? defaultMappingsRoot(),
                ...(flags.facilities !== undefined ? { facilitiesDir: flags.facilities } : {}),
                lang: flags.lang === 'en' ? 'en' : 'fr',
            })
            console.log(flags.json === true ? JSON.stringify(out, null, 2) : out.lines.join('\n'))
            process.exitCode = out.exitCode
        })
    return mappings
}
