// `bridge push <files…>`: argument parsing only; the work is runPush.
import { Command, InvalidArgumentError } from 'commander'
import { runPush } from '../../push/handler.js'
import { DATABASE_URL_VARIABLE } from '../../storage/setting.js'
import { addCommonOptions, runAndReport, toCommonOptions, type RawCommonOptions } from '../shared-options.js'
import { h } from '../help-lang.js'

function positiveInt(v: string): number {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1)
        throw new InvalidArgumentError(h({ fr: 'entier ≥ 1 attendu', en: 'integer ≥ 1 expected' }))
    return n
}

interface RawPushOptions extends RawCommonOptions {
    dryRun?: boolean
    force?: boolean
    concurrency: number
    retries: number
    async?: boolean
    /** commander's negated flag: false with --no-complete. */
    complete: boolean
    overwriteDhis2Edits?: boolean
    database?: string
}

export function pushCommand(): Command {
    return addCommonOptions(
        new Command('push').description(
            h({
                fr: 'Envoie les valeurs nouvelles ou modifiées à DHIS2',
                en: 'Send new or changed values to DHIS2',
            })
        )
    )
        .option('--dry-run', h({ fr: 'DHIS2 vérifie sans rien écrire', en: 'DHIS2 checks without writing' }))
        .option(
            '--force',
            h({ fr: 'renvoyer aussi les valeurs inchangées', en: 'also send unchanged values' })
        )
        .option(
            '--concurrency <n>',
            h({ fr: 'requêtes simultanées', en: 'parallel requests' }),
            positiveInt,
            2
        )
        .option('--retries <n>', h({ fr: 'tentatives par lot', en: 'attempts per chunk' }), positiveInt, 6)
        .option(
            '--async',
            h({ fr: 'import asynchrone de DHIS2 (gros lots)', en: 'DHIS2 async import (large chunks)' })
        )
        .option(
            '--overwrite-dhis2-edits',
            h({
                fr: 'remettre la valeur du fichier sur une valeur modifiée ou saisie dans DHIS2 depuis l’envoi',
                en: 'put the file’s value back over a value edited or entered in DHIS2 since it was sent',
            })
        )
        .option(
            '--no-complete',
            h({
                fr: 'ne pas marquer les rapports complets (la structure le fait dans DHIS2)',
                en: 'do not mark the reports complete (the facility does it in DHIS2)',
            })
        )
        .option(
            '--database <url>',
            h({
                fr: 'base du registre, la même que bridge serve (postgres://… ou fichier SQLite ; BRIDGE_DATABASE_URL, sinon SQLite dans --state-dir)',
                en: 'ledger database, the same as bridge serve (postgres://… or SQLite file; BRIDGE_DATABASE_URL, else SQLite in --state-dir)',
            })
        )
        .action(async (files: string[], o: RawPushOptions) => {
            await runAndReport(
                o,
                async ({ onProgress }) => {
                    const opts = await toCommonOptions(files, o, true)
                    if (onProgress) opts.onProgress = onProgress
                    const database = o.database ?? process.env[DATABASE_URL_VARIABLE]
                    return runPush({
                        ...(database ? { databaseUrl: database } : {}),
                        ...opts,
                        dryRun: o.dryRun ?? false,
                        force: o.force ?? false,
                        concurrency: o.concurrency,
                        maxAttempts: o.retries,
                        async: o.async ?? false,
                        noComplete: !o.complete,
                        overwriteDhis2Edits: o.overwriteDhis2Edits ?? false,
                    })
                },
                { fileCount: files.length }
            )
        })
}
