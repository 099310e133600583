// `bridge mappings check`: argument parsing only; the work is in bridge/src/drift/.
import { Command } from 'commander'
import { runMappingsCheck } from '../../drift/handler.js'
import { defaultMappingsRoot } from '../../handlers/common.js'
import { connectFromConfig } from '../../metadata-install/connect.js'

interface CheckFlags {
    mappings?: string
    facilities?: string
    config?: string
    lang?: string
    json?: boolean
}

export function mappingsCommand(): Command {
    const mappings = new Command('mappings').description('Fichiers de correspondance / mapping files')
    mappings
        .command('check')
        .description(
            'Compare les correspondances avec les métadonnées DHIS2 : objets renommés, supprimés, re-ventilés, structures fermées ou déplacées / compares the mappings with live DHIS2 metadata'
        )
        .option('--mappings <dir>', 'dossier mappings/ / mappings folder')
        .option('--facilities <dir>', 'dossier des correspondances de structures / facility mappings folder')
        .option('--config <file>', 'fichier de connexion DHIS2 / DHIS2 connection file')
        .option('--lang <fr|en>', 'langue / language', 'fr')
        .option('--json', 'sortie JSON / JSON output')
        .action(async (flags: CheckFlags) => {
            const api = await connectFromConfig(flags.config)
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
