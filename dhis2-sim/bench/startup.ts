// `npm run bench -w dhis2-sim`: start-up of the simulator with the Mali demo database (the cost every
// integration test file and the demo pay). Each run is a fresh child process, so module loading, JIT
// warm-up and the heap are what a test worker sees; BENCH_RUNS runs (default 3), median reported.
import { spawnSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

interface RunResult {
    /** Loading `src/index.ts` and everything it imports, through tsx. */
    importMs: number
    /** `startSimulator({ port: 0, dataDir: null, seed: 'demo' })` until it resolves. */
    startMs: number
    /** CPU time (user + system) of the process during start-up. */
    startCpuMs: number
    dataValues: number
    heapUsedMb: number
    peakRssMb: number
}

async function child(): Promise<void> {
    const t0 = performance.now()
    const { startSimulator } = await import('../src/index.js')
    const t1 = performance.now()
    const cpu = process.cpuUsage()
    const simulator = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
    const t2 = performance.now()
    const used = process.cpuUsage(cpu)
    const result: RunResult = {
        importMs: t1 - t0,
        startMs: t2 - t1,
        startCpuMs: (used.user + used.system) / 1000,
        dataValues: simulator.db.dataValues.size,
        heapUsedMb: process.memoryUsage().heapUsed / 1e6,
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    }
    await simulator.close()
    process.stdout.write(JSON.stringify(result) + '\n')
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b)
    const middle = Math.floor(sorted.length / 2)
    return sorted.length % 2 === 1
        ? (sorted[middle] ?? NaN)
        : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
}

function parent(): void {
    const runs = Number(process.env.BENCH_RUNS ?? 3)
    const file = fileURLToPath(import.meta.url)
    const results: RunResult[] = []
    const load = loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')
    console.log(
        `dhis2-sim start-up, demo seed: ${runs} runs, Node ${process.version}, ${cpus().length} cores, ` +
            `load average ${load}`
    )
    for (let run = 1; run <= runs; run += 1) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', file, '--child'], {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
        })
        const line = child.stdout.trim().split('\n').pop() ?? ''
        if (child.status !== 0 || line === '')
            throw new Error(`run ${run} failed (exit ${String(child.status)})`)
        const result = JSON.parse(line) as RunResult
        results.push(result)
        console.log(
            `run ${run}: start ${result.startMs.toFixed(0)} ms (CPU ${result.startCpuMs.toFixed(0)} ms), ` +
                `import ${result.importMs.toFixed(0)} ms, ${result.dataValues} values, ` +
                `heap ${result.heapUsedMb.toFixed(0)} MB, peak RSS ${result.peakRssMb.toFixed(0)} MB`
        )
    }
    const pick = (field: keyof RunResult): string => median(results.map((r) => r[field])).toFixed(0)
    console.log(
        `median: start ${pick('startMs')} ms (CPU ${pick('startCpuMs')} ms), import ${pick('importMs')} ms, ` +
            `heap ${pick('heapUsedMb')} MB, peak RSS ${pick('peakRssMb')} MB`
    )
}

if (process.argv.includes('--child')) await child()
else parent()
