// `bridge serve`: argument parsing only; the work is runServe (src/intake/handler.ts). The shell keeps
// what is the process's own: its signals, and so when the service stops.
import { Command, InvalidArgumentError, Option } from 'commander'
import type { Lang } from '../../core/types.js'
import { say } from '../../i18n/messages.js'
import { runServe, type RunningServe } from '../../intake/handler.js'
import { describeFailure } from '../failure.js'
import { h } from '../help-lang.js'
import { loadConfigAndWarn } from '../shared-options.js'

interface RawServeOptions {
    port: number
    host: string
    database?: string
    stateDir: string
    config?: string
    mappings?: string
    trustProxy?: boolean
    idleMinutes: number
    lang: string
}

function positiveInt(v: string): number {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1)
        throw new InvalidArgumentError(h({ fr: 'entier ≥ 1 attendu', en: 'integer ≥ 1 expected' }))
    return n
}

function port(v: string): number {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new InvalidArgumentError(h({ fr: 'port entre 0 et 65535', en: 'port between 0 and 65535' }))
    return n
}

/**
 * Ctrl+C or a supervisor's SIGTERM. The CLI's own handlers (interrupt.ts) exit at once, reporting an
 * interrupted push; a server instead stops taking requests, lets the worker finish what it holds and
 * closes the database, then exits 0 (1 if closing failed). A second signal exits at once (130 / 143).
 */
function stopOnSignals(running: RunningServe, lang: Lang): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal)
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(signal === 'SIGTERM' ? 143 : 130)
        stopping = true
        process.stdout.write(`${say('SERVE_STOPPING', lang)}\n`)
        running.stop().then(
            () => process.exit(0),
            (e: unknown) => {
                process.stderr.write(`${describeFailure(e, lang)}\n`)
                process.exit(1)
            }
        )
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
}

export function serveCommand(): Command {
    return new Command('serve')
        .description(
            h({
                fr: 'Service web de dépôt des rapports (cliniques, laboratoires, mutuelles)',
                en: 'Web intake service for reports (clinics, laboratories, mutuelles)',
            })
        )
        .option('--port <n>', h({ fr: 'port d’écoute', en: 'port to listen on' }), port, 8090)
        .option(
            '--host <address>',
            h({ fr: 'adresse d’écoute (0.0.0.0 : toutes)', en: 'address to listen on (0.0.0.0: all)' }),
            '127.0.0.1'
        )
        .option(
            '--database <url>',
            h({
                fr: 'base de données (postgres://… ou fichier SQLite ; BRIDGE_DATABASE_URL, sinon SQLite dans --state-dir)',
                en: 'database (postgres://… or SQLite file; BRIDGE_DATABASE_URL, else SQLite in --state-dir)',
            })
        )
        .option(
            '--state-dir <dir>',
            h({ fr: 'dossier de la base et du cache', en: 'database and cache folder' }),
            '.bridge'
        )
        .option(
            '--config <file>',
            h({ fr: 'fichier de configuration DHIS2 (JSON)', en: 'DHIS2 config file' })
        )
        .option('--mappings <dir>', h({ fr: 'dossier mappings/', en: 'mappings folder' }))
        .option(
            '--trust-proxy',
            h({
                fr: 'derrière un proxy HTTPS : croire ses en-têtes X-Forwarded-*',
                en: 'behind an HTTPS proxy: trust its X-Forwarded-* headers',
            })
        )
        .option(
            '--idle-minutes <n>',
            h({ fr: 'déconnexion après n minutes sans activité', en: 'log out after n idle minutes' }),
            positiveInt,
            30
        )
        .addOption(
            new Option('--lang <lang>', h({ fr: 'langue des messages', en: 'message language' }))
                .choices(['fr', 'en'])
                .default('fr')
        )
        .action(async (o: RawServeOptions) => {
            const lang: Lang = o.lang === 'en' ? 'en' : 'fr'
            let running: RunningServe
            try {
                running = await runServe({
                    dhis2: await loadConfigAndWarn(o.config, lang),
                    port: o.port,
                    host: o.host,
                    ...(o.database !== undefined ? { database: o.database } : {}),
                    stateDir: o.stateDir,
                    ...(o.mappings ? { mappingsRoot: o.mappings } : {}),
                    trustProxy: o.trustProxy ?? false,
                    idleMinutes: o.idleMinutes,
                })
            } catch (e) {
                process.stderr.write(`${say('COMMAND_FAILED', lang, { detail: describeFailure(e, lang) })}\n`)
                process.exitCode = 1
                return
            }
            process.stdout.write(`${running.message[lang]}\n`)
            stopOnSignals(running, lang)
        })
}
