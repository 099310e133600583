// `bridge convert <files…> --out values.json`: argument parsing only; the work is runConvert.
import { Command } from 'commander'
import { runConvert } from '../../convert/handler.js'
import { addCommonOptions, runAndReport, toCommonOptions, type RawCommonOptions } from '../shared-options.js'
import { h } from '../help-lang.js'

export function convertCommand(): Command {
    return addCommonOptions(
        new Command('convert').description(
            h({
                fr: 'Convertit les fichiers en dataValueSet JSON de DHIS2',
                en: 'Convert files to a DHIS2 dataValueSet JSON',
            })
        )
    )
        .requiredOption(
            '-o, --out <file>',
            h({
                fr: 'fichier JSON produit (- pour la sortie standard)',
                en: 'output JSON file (- for stdout)',
            })
        )
        .action(async (files: string[], o: RawCommonOptions & { out: string }) => {
            await runAndReport(
                o,
                async ({ onProgress }) => {
                    const opts = await toCommonOptions(files, o, false)
                    if (onProgress) opts.onProgress = onProgress
                    return runConvert({ ...opts, out: o.out })
                },
                { stdoutIsData: o.out === '-', fileCount: files.length }
            )
        })
}
