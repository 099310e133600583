// `bridge lab template`: argument parsing only. Lab files themselves go through
// `bridge validate|convert|push --source lab`.
import { Command } from 'commander'
import { defaultMappingsRoot } from '../../handlers/common.js'
import { writeLabTemplates } from '../../sources/lab/template.js'

export function labCommand(): Command {
    const lab = new Command('lab').description(
        'Laboratoires privés (les fichiers passent par validate/convert/push --source lab) / private laboratories'
    )
    lab.command('template')
        .description('Écrit les modèles CSV (liste linéaire, agrégé mensuel) / writes the CSV templates')
        .option('--out <dir>', 'dossier de sortie / output folder', '.')
        .option('--mappings <dir>', 'dossier mappings/ / mappings folder')
        .action(async (flags: { out: string; mappings?: string }) => {
            const files = await writeLabTemplates(flags.mappings ?? defaultMappingsRoot(), flags.out)
            console.log(files.join('\n'))
        })
    return lab
}
