// A push in its own process, for the interruption tests: kill -9, Ctrl-C and a second process on the
// same state. Arguments: <stateDir> <file>…; DHIS2 address and account from the environment.
import { reportDeliveriesOnSignals } from '../../src/cli/interrupt.js'
import { runPush } from '../../src/push/handler.js'

const [stateDir, ...files] = process.argv.slice(2)
const baseUrl = process.env.DHIS2_BASE_URL ?? ''
const username = process.env.DHIS2_USERNAME ?? ''
const password = process.env.DHIS2_PASSWORD ?? ''

// the CLI's own Ctrl-C handling: say what was delivered, leave the state consistent, exit non-zero
reportDeliveriesOnSignals()

try {
    const report = await runPush({
        files,
        stateDir: stateDir ?? '',
        dhis2: { baseUrl, auth: { kind: 'basic', username, password }, timeoutMs: 60_000 },
        concurrency: 2,
        backoffMs: 5,
    })
    process.stdout.write(
        JSON.stringify({ exitCode: report.exitCode, plan: report.plan, push: report.push }) + '\n'
    )
    process.exitCode = report.exitCode
} catch (e) {
    process.stderr.write(`Erreur : ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 1
}
