// Runs every check the project has, in the order that fails fastest, and ends with one
// "N passed, N failed" line counting the unit/integration tests and the browser tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface Step {
    name: string
    command: string
    args: string[]
}

const root = join(import.meta.dirname, '..')
const reportDir = join(root, 'test-results')
mkdirSync(reportDir, { recursive: true })
const vitestReport = join(reportDir, 'vitest.json')
const e2eReport = join(reportDir, 'e2e.json')

const steps: Step[] = [
    { name: 'lint', command: 'npm', args: ['run', 'lint'] },
    { name: 'typecheck', command: 'npm', args: ['run', 'typecheck'] },
    {
        name: 'unit and integration tests',
        command: 'npx',
        args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    },
    { name: 'build', command: 'npm', args: ['run', 'build'] },
    { name: 'app bundle size', command: 'node', args: ['--import', 'tsx', 'scripts/check-bundle-size.ts'] },
    // The README's demo command, on a free port and a temporary database, checked through the HTTP API.
    { name: 'demo', command: 'node', args: ['--import', 'tsx', 'scripts/demo.ts', '--check'] },
    {
        name: 'browser tests',
        command: 'npm',
        args: ['run', 'e2e', '-w', 'dhis2-app', '--', `--report=${e2eReport}`],
    },
]

let failedSteps = 0
for (const step of steps) {
    console.log(`\n=== ${step.name}: ${step.command} ${step.args.join(' ')}`)
    const result = spawnSync(step.command, step.args, { cwd: root, stdio: 'inherit' })
    if (result.status !== 0) {
        failedSteps += 1
        console.error(`=== ${step.name} failed (exit ${result.status ?? result.signal})`)
    }
}

function counts(file: string): { passed: number; failed: number } {
    if (!existsSync(file)) return { passed: 0, failed: 0 }
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
        numPassedTests?: number
        numFailedTests?: number
    }
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 }
}

const unit = counts(vitestReport)
const e2e = counts(e2eReport)
const passed = unit.passed + e2e.passed
// A failed step that produced no test report (lint, typecheck, build) still counts as one failure.
const failed =
    unit.failed + e2e.failed + (failedSteps > 0 && unit.failed + e2e.failed === 0 ? failedSteps : 0)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failedSteps > 0 ? 1 : 0)
