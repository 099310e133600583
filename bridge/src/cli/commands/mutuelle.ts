// `bridge mutuelle template`: argument parsing only. Mutuelle files themselves go through
// `bridge validate|convert|push --source mutuelle`.
import { Command } from 'commander'
import { defaultMappingsRoot } from '../../core/package-root.js'
import { runMutuelleTemplate } from '../../sources/mutuelle/handler.js'
import { h } from '../help-lang.js'

export function mutuelleCommand(): Command {
    const mutuelle = new Command('mutuelle').description(
        h({
            fr: 'Mutuelles de santé (les fichiers passent par validate/convert/push --source mutuelle)',
            en: 'Health mutuals',
        })
    )
    mutuelle
        .command('template')
        .description(
            h({ fr: 'Écrit les modèles CSV (adhésions, prestations)', en: 'Writes the CSV templates' })
        )
        .option('--out <dir>', h({ fr: 'dossier de sortie', en: 'output folder' }), '.')
        .option('--mappings <dir>', h({ fr: 'dossier mappings/', en: 'mappings folder' }))
        .action(async (flags: { out: string; mappings?: string }) => {
            const report = await runMutuelleTemplate({
                mappingsRoot: flags.mappings ?? defaultMappingsRoot(),
                out: flags.out,
            })
            console.log(report.files.join('\n'))
            process.exitCode = report.exitCode
        })
    return mutuelle
}
