// `bridge convert <files…> --out values.json`: argument parsing only; the work is convertHandler.
import { Command } from 'commander'
import { convertHandler } from '../../handlers/convert.js'
import { addCommonOptions, runAndReport, toCommonOptions, type RawCommonOptions } from '../shared-options.js'

export function convertCommand(): Command {
    return addCommonOptions(
        new Command('convert').description(
            'Convertit les fichiers en dataValueSet JSON de DHIS2 / convert files to a DHIS2 dataValueSet JSON'
        )
    )
        .requiredOption(
            '-o, --out <file>',
            'fichier JSON produit (- pour la sortie standard) / output JSON file (- for stdout)'
        )
        .action(async (files: string[], o: RawCommonOptions & { out: string }) => {
            await runAndReport(
                o,
                async ({ onProgress }) => {
                    const opts = await toCommonOptions(files, o, false)
                    if (onProgress) opts.onProgress = onProgress
                    return convertHandler({ ...opts, out: o.out })
                },
                { stdoutIsData: o.out === '-', fileCount: files.length }
            )
        })
}
