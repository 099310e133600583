// `bridge validate <files…>`: argument parsing only; the work is runValidate.
import { Command } from 'commander'
import { runValidate } from '../../validate/handler.js'
import { addCommonOptions, runAndReport, toCommonOptions, type RawCommonOptions } from '../shared-options.js'
import { h } from '../help-lang.js'

export function validateCommand(): Command {
    return addCommonOptions(
        new Command('validate').description(
            h({
                fr: 'Vérifie les fichiers contre les métadonnées DHIS2, sans rien envoyer',
                en: 'Check files against DHIS2 metadata, sending nothing',
            })
        )
    ).action(async (files: string[], o: RawCommonOptions) => {
        await runAndReport(
            o,
            async ({ onProgress }) => {
                const opts = await toCommonOptions(files, o, false)
                if (onProgress) opts.onProgress = onProgress
                return runValidate(opts)
            },
            { fileCount: files.length }
        )
    })
}
