// `npm run e2e -w dhis2-app -- --report=<file>`: runs the browser tests and writes Vitest's JSON report
// (numPassedTests / numFailedTests) to <file>. Builds the app first when no bundle exists.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundleDir = join(appDir, 'build', 'bundle')
const args = process.argv.slice(2)
const reportArg = args.find((a) => a.startsWith('--report='))
const rest = args.filter((a) => a !== reportArg)

if (!existsSync(bundleDir) || !readdirSync(bundleDir).some((f) => f.endsWith('.zip'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: appDir, stdio: 'inherit' })
    if (build.status !== 0) process.exit(build.status ?? 1)
}

const vitestArgs = ['vitest', 'run', '--config', 'vitest.e2e.config.mts', ...rest]
if (reportArg) {
    const raw = reportArg.slice('--report='.length)
    const report = isAbsolute(raw) ? raw : resolve(process.env.INIT_CWD ?? process.cwd(), raw)
    vitestArgs.push('--reporter=default', '--reporter=json', `--outputFile.json=${report}`)
}
const run = spawnSync('npx', vitestArgs, { cwd: appDir, stdio: 'inherit' })
process.exit(run.status ?? 1)
