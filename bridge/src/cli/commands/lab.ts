// `bridge lab template`: argument parsing only. Lab files themselves go through
// `bridge validate|convert|push --source lab`.
import { Command } from 'commander'
import { defaultMappingsRoot } from '../../core/package-root.js'
import { runLabTemplate } from '../../sources/lab/handler.js'
import { h } from '../help-lang.js'

export function labCommand(): Command {
    const lab = new Command('lab').description(
        h({
            fr: 'Laboratoires privés (les fichiers passent par validate/convert/push --source lab)',
            en: 'Private laboratories',
        })
    )
    lab.command('template')
        .description(
            h({
                fr: 'Écrit les modèles CSV (liste linéaire, agrégé mensuel)',
                en: 'Writes the CSV templates',
            })
        )
        .option('--out <dir>', h({ fr: 'dossier de sortie', en: 'output folder' }), '.')
        .option('--mappings <dir>', h({ fr: 'dossier mappings/', en: 'mappings folder' }))
        .action(async (flags: { out: string; mappings?: string }) => {
            const report = await runLabTemplate({
                mappingsRoot: flags.mappings ?? defaultMappingsRoot(),
                out: flags.out,
            })
            console.log(report.files.join('\n'))
            process.exitCode = report.exitCode
        })
    return lab
}
