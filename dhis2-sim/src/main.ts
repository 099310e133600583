// `npm run sim -- --port 8080 [--data-dir .sim-data] [--seed demo|demo-without-package|empty]
//   [--version 2.41.3] [--gzip] [--latency ms] [--fault-rate 0.1] [--fault-kinds 500,503,timeout,drop]
//   [--install-app path.zip]… [--cors http://localhost:3000]… [--run-analytics] [--reset] [--host 127.0.0.1]`
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { FaultOptions, SimulatorOptions } from './core/types.js'
import { seedUsers, startSimulator } from './index.js'
import { JOURNAL_FILE } from './persistence/journal.js'

const REPO_ROOT = resolve(import.meta.dirname, '..', '..')
const FAULT_KINDS = ['500', '502', '503', '429', 'timeout', 'drop'] as const

function fail(message: string): never {
    console.error(`dhis2-sim: ${message}`)
    process.exit(2)
}

function number(value: string | undefined, name: string): number | undefined {
    if (value === undefined) return undefined
    const parsed = Number(value)
    if (!Number.isFinite(parsed)) fail(`--${name} attend un nombre / expects a number: ${value}`)
    return parsed
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '8080' },
            host: { type: 'string', default: '127.0.0.1' },
            'data-dir': { type: 'string' },
            'no-persist': { type: 'boolean', default: false },
            seed: { type: 'string', default: 'demo' },
            version: { type: 'string', default: '2.41.3' },
            latency: { type: 'string' },
            'fault-rate': { type: 'string' },
            'fault-kinds': { type: 'string' },
            'fault-seed': { type: 'string' },
            'install-app': { type: 'string', multiple: true },
            cors: { type: 'string', multiple: true },
            'run-analytics': { type: 'boolean', default: false },
            gzip: { type: 'boolean', default: false },
            reset: { type: 'boolean', default: false },
        },
        allowPositionals: false,
    })
    const seed = values.seed
    if (seed !== 'demo' && seed !== 'demo-without-package' && seed !== 'empty') {
        fail(`--seed: demo | demo-without-package | empty (${seed})`)
    }
    const dataDir = values['no-persist'] ? null : resolve(values['data-dir'] ?? join(REPO_ROOT, '.sim-data'))
    if (values.reset && dataDir) rmSync(join(dataDir, JOURNAL_FILE), { force: true })
    if (values.reset && dataDir) rmSync(join(dataDir, 'apps'), { recursive: true, force: true })

    let faults: FaultOptions | null = null
    const rate = number(values['fault-rate'], 'fault-rate')
    if (rate !== undefined && rate > 0) {
        const kinds = (values['fault-kinds'] ?? '500,503,timeout,drop').split(',').map((kind) => kind.trim())
        const valid = kinds.filter((kind): kind is FaultOptions['kinds'][number] =>
            (FAULT_KINDS as readonly string[]).includes(kind)
        )
        if (valid.length !== kinds.length) fail(`--fault-kinds: ${FAULT_KINDS.join(',')}`)
        faults = { rate, kinds: valid, seed: number(values['fault-seed'], 'fault-seed') ?? 1 }
    }

    const options: SimulatorOptions = {
        port: number(values.port, 'port') ?? 8080,
        host: values.host,
        dataDir,
        seed,
        serverVersion: values.version,
        latencyMs: number(values.latency, 'latency') ?? 0,
        faults,
        runAnalyticsOnStart: values['run-analytics'],
        installApps: values['install-app'] ?? [],
        corsAllowlist: values.cors ?? ['http://localhost:3000'],
        gzip: values.gzip,
    }
    const simulator = await startSimulator(options)
    const users = seedUsers(simulator)
    console.log(
        `Simulateur DHIS2 ${options.serverVersion} prêt / DHIS2 simulator ${options.serverVersion} ready: ${simulator.url}`
    )
    console.log(`  API: ${simulator.url}/api/system/info`)
    console.log(
        dataDir
            ? `  Modifications enregistrées dans / Changes saved in: ${dataDir}`
            : '  Modifications en mémoire seulement / Changes kept in memory only'
    )
    if (faults) console.log(`  Pannes simulées / Simulated faults: ${JSON.stringify(faults)}`)
    if (users.length > 0) {
        console.log(
            '  Utilisateurs de démonstration / Demo users (identifiant / mot de passe — username / password):'
        )
        for (const user of users)
            console.log(`    ${user.username.padEnd(16)} ${user.password.padEnd(16)} ${user.name}`)
    }
    console.log('  Ctrl+C pour arrêter / to stop')

    let stopping = false
    const stop = (signal: string) => {
        if (stopping) return
        stopping = true
        console.log(`\nArrêt (${signal}) / Stopping…`)
        simulator
            .close()
            .then(() => process.exit(0))
            .catch((error: unknown) => {
                console.error(error)
                process.exit(1)
            })
    }
    process.on('SIGINT', () => stop('SIGINT'))
    process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
    console.error(`dhis2-sim: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
})
