// The demo: the DHIS2 simulator with the Mali demo database, the DHIS2 app installed as DHIS2 installs
// apps, and the bridge pushing the private clinics', laboratories' and mutuelles' sample files into it,
// then the analytics job, so the scorecard shows the private sector's contribution; and the bridge's intake
// service (bridge serve), where the private clinics, labs and mutuelles submit their months themselves.
//
//   npm run demo [-- --port 8080] [-- --intake-port 8090] [-- --reset] [-- --rebuild]
//   npm run demo -- --check   (CI: a free port and a fresh temporary database; checks what the README promises, then exits;
//                              like the demo, it uses the app zip already built, if any: npm test builds it just before)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startSimulator } from '../dhis2-sim/src/index.js'
import { startIntakeServer } from '../bridge/src/intake/web/server.js'
import { appZips } from './app-bundle.js'
import { checkDemo } from './demo-check.js'

const root = join(import.meta.dirname, '..')
const { values: args } = parseArgs({
    options: {
        port: { type: 'string', default: process.env.PORT ?? '8080' },
        'intake-port': { type: 'string', default: process.env.INTAKE_PORT ?? '8090' },
        reset: { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
    },
})

function step(message: string): void {
    console.log(`\n▶ ${message}`)
}

function run(command: string, commandArgs: string[]): number {
    const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' })
    return result.status ?? 1
}

/** Asynchronous, because the simulator runs in this process and must keep answering meanwhile. */
function runAlongside(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
    return new Promise((resolve) => {
        const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env })
        child.on('close', (code) => resolve(code ?? 1))
    })
}

function appBundle(): string | undefined {
    return appZips()[0]
}

function filesIn(folder: string, extensions: string[]): string[] {
    const dir = join(root, folder)
    if (!existsSync(dir)) return []
    return readdirSync(dir)
        .filter((name) => extensions.some((extension) => name.endsWith(extension)))
        .filter((name) => !name.startsWith('modele-'))
        .map((name) => join(dir, name))
}

if (args.rebuild || !appBundle()) {
    step("Construction de l'application DHIS2 / building the DHIS2 app")
    if (run('npm', ['run', 'build', '-w', 'dhis2-app']) !== 0) process.exit(1)
}
const bundle = appBundle()
if (!bundle) {
    console.error("Le paquet de l'application est introuvable / the app bundle is missing")
    process.exit(1)
}

step('Démarrage du simulateur DHIS2 / starting the DHIS2 simulator')
const dataDir = args.check ? mkdtempSync(join(tmpdir(), 'odd3-demo-check-')) : join(root, '.sim-data')
// The check's database is thrown away whether the check passes, fails or throws.
if (args.check) process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))
const sim = await startSimulator({
    port: args.check ? 0 : Number(args.port),
    dataDir,
    seed: 'demo',
    installApps: [bundle],
})
if (args.reset) {
    await sim.reset()
    // The bridge's ledger describes what the simulator holds: it goes with it.
    rmSync(join(dataDir, 'bridge'), { recursive: true, force: true })
}

const bridgeEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DHIS2_BASE_URL: sim.url,
    DHIS2_USERNAME: 'bridge',
    DHIS2_PASSWORD: 'Bridge@2024',
}
const bridgeCli = [join(root, 'bridge', 'bin', 'bridge.js')]
const sources: Array<{ label: string; kind: string; files: string[] }> = [
    {
        label: 'rapports mensuels des cliniques privées / private clinic reports',
        kind: 'facility-report',
        files: filesIn('fixtures/clinics', ['.csv', '.xlsx', '.json']).filter((f) => !f.includes('corrige')),
    },
    {
        label: 'laboratoires privés / private laboratories',
        kind: 'lab',
        files: filesIn('fixtures/labs', ['.csv']),
    },
    {
        label: 'mutuelles de santé / mutual health insurers',
        kind: 'mutuelle',
        files: filesIn('fixtures/mutuelles', ['.csv']),
    },
]
const bridgeFailures: string[] = []
for (const source of sources) {
    if (source.files.length === 0) continue
    step(`Le pont envoie les ${source.label}`)
    // Exit code 2 (partial success) is expected: some sample files carry the mistakes clinics make.
    const exitCode = await runAlongside(
        'node',
        [
            ...bridgeCli,
            'push',
            '--source',
            source.kind,
            '--state-dir',
            join(dataDir, 'bridge'),
            ...source.files,
        ],
        bridgeEnv
    )
    if (exitCode !== 0 && exitCode !== 2)
        bridgeFailures.push(`bridge push --source ${source.kind}: exit ${exitCode}`)
}

step("Tables d'analyse / analytics tables")
await sim.runAnalytics()

step('Service de dépôt des rapports / report intake service (bridge serve)')
// The same state folder as the pushes above: one database, so the intake and the CLI agree on what
// DHIS2 already holds.
const intake = await startIntakeServer({
    dhis2: { baseUrl: sim.url, auth: { kind: 'basic', username: 'bridge', password: 'Bridge@2024' } },
    stateDir: join(dataDir, 'bridge'),
    port: args.check ? 0 : Number(args['intake-port']),
    host: '127.0.0.1',
})

if (args.check) {
    step('Vérification de la démo / checking the demo')
    const failures = [...bridgeFailures, ...(await checkDemo(sim.url, intake.url))]
    await intake.close()
    await sim.close()
    if (failures.length > 0) {
        console.error(`\nLa démo est incomplète / the demo is incomplete:\n  ${failures.join('\n  ')}`)
        process.exit(1)
    }
    console.log('\nDémo vérifiée / demo checked')
    process.exit(0)
}

console.log(`
Démo prête / demo ready: ${sim.url}
  Application ODD 3 / ODD-3 app: ${sim.url}/api/apps/odd3-scorecard/index.html
  API: curl -u admin:district ${sim.url}/api/system/info
  Utilisateurs / users: admin/district · drs.sikasso/Sikasso@2024 · mcd.commune5/Commune5@2024 · planificateur/Planif@2024
  Dépôt des rapports (cliniques, laboratoires, mutuelles) / report intake: ${intake.url}
    clinique.commune5/Clinique5@2024 · labo.commune5/Labo5@2024 · mutuelle.kolokani/Kolokani@2024
  Données conservées dans / data kept in: ${dataDir} (npm run demo -- --reset pour repartir de zéro / to start afresh)
  Ctrl+C pour arrêter / to stop`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
        void intake
            .close()
            .then(() => sim.close())
            .then(() => process.exit(0))
    })
}
