// `bridge mutuelle template`: argument parsing only. Mutuelle files themselves go through
// `bridge validate|convert|push --source mutuelle`.
import { Command } from 'commander'
import { defaultMappingsRoot } from '../../handlers/common.js'
import { writeMutuelleTemplates } from '../../sources/mutuelle/template.js'

export function mutuelleCommand(): Command {
    const mutuelle = new Command('mutuelle').description(
        'Mutuelles de santé (les fichiers passent par validate/convert/push --source mutuelle) / health mutuals'
    )
    mutuelle
        .command('template')
        .description('Écrit les modèles CSV (adhésions, prestations) / writes the CSV templates')
        .option('--out <dir>', 'dossier de sortie / output folder', '.')
        .option('--mappings <dir>', 'dossier mappings/ / mappings folder')
        .action(async (flags: { out: string; mappings?: string }) => {
            const files = await writeMutuelleTemplates(flags.mappings ?? defaultMappingsRoot(), flags.out)
            console.log(files.join('\n'))
        })
    return mutuelle
}
