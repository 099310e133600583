// One measured `convert` run, in its own process so its peak memory is its own. Prints one JSON line.
//   node --import tsx bridge/bench/convert-child.ts <input.csv> <metadata.json> <out.json> [mappings dir]
import { convertHandler } from '../src/handlers/convert.js'

const [input, metadata, out, mappings] = process.argv.slice(2)
if (!input || !metadata || !out) throw new Error('usage: convert-child <input> <metadata> <out>')
const started = process.hrtime.bigint()
const cpuStart = process.cpuUsage()
const report = await convertHandler({
    files: [input],
    metadataFile: metadata,
    out,
    layout: 'long',
    today: new Date('2026-11-25T12:00:00Z'),
    mappingsRoot: mappings ?? new URL('../../mappings', import.meta.url).pathname,
    facilitiesDir: '/nonexistent',
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const cpu = process.cpuUsage(cpuStart)
// CPU time of this process: what one core spent, whatever else the machine was doing
const cpuSeconds = (cpu.user + cpu.system) / 1e6
process.stdout.write(
    JSON.stringify({
        values: report.values,
        errors: report.errors,
        seconds,
        valuesPerSecond: Math.round(report.values / seconds),
        cpuSeconds,
        valuesPerCpuSecond: Math.round(report.values / cpuSeconds),
        // peak resident set size of this process, in bytes (Linux reports KiB)
        maxRss: process.resourceUsage().maxRSS * 1024,
    }) + '\n'
)
