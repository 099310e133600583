// `npm run bench`: `convert` on a national-scale long CSV (every private clinic and cabinet of the
// demo database × every data element of their monthly report, 12 months per year of data), at two
// sizes ten times apart, each run in a child process (one core), 3 runs per size, median reported.
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdirSync, readFileSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { build } from 'esbuild'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { startSimulator } from '../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../src/dhis2/client.js'
import { fetchMetadata, writeSnapshot } from '../src/metadata/fetch.js'

const root = join(import.meta.dirname, '..', '..')
const outDir = join(root, 'bench-output')
mkdirSync(outDir, { recursive: true })
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const SIZES = [10, 100] // years of national data: ten times apart

interface OrgUnitsFile {
    regions: Array<{
        districts: Array<{ facilities: Array<{ code: string; type: string; sector: string }> }>
    }>
}
const facilities = (
    JSON.parse(readFileSync(join(root, 'fixtures', 'demo-db', 'org-units.json'), 'utf8')) as OrgUnitsFile
).regions
    .flatMap((r) => r.districts.flatMap((d) => d.facilities))
    .filter((f) => f.sector.startsWith('PRIVE') && f.type !== 'LABO')
    .map((f) => f.code)

const AGE = ['< 5 ans', '5 ans et plus']
const SEX = ['M', 'F']
const ELEMENTS: Array<[string, string[]]> = [
    ['CONSULT_CURATIVE', AGE],
    ['PALU_SUSPECTS', AGE],
    ['PALU_TESTES', AGE],
    ['PALU_CONFIRMES', AGE],
    ['CPN1', ['']],
    ['CPN4', ['']],
    ['ACCOUCH_TOTAL', ['']],
    ['ACCOUCH_ASSISTES', ['']],
    ['NAISS_VIVANTES', ['']],
    ['DECES_MATERNELS', ['']],
    ['DECES_NEONATALS', ['']],
    ['DECES_MOINS5', ['']],
    ['PF_NOUVELLES', ['']],
    ['PF_UTILISATRICES', ['']],
    ['VAC_PENTA3', ['']],
    ['VAC_RR1', ['']],
    ['VAC_COMPLET', ['']],
    ['VIH_TESTES', SEX],
    ['VIH_NOUVEAUX', SEX],
    ['SIDA_DECES', ['']],
    ['TB_CAS_NOTIFIES', SEX],
]
const MONTHS = [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
]

async function generate(file: string, years: number): Promise<number> {
    const out = createWriteStream(file)
    let values = 0
    let buf = '\ufeffcode_structure;periode;indicateur;ventilation;valeur\n'
    let seed = 12345
    for (let y = 2025 - years; y < 2025; y++)
        for (let m = 0; m < 12; m++) {
            // the forms people write: 2024-03, 03/2024, mars 2024, 202403
            const mm = String(m + 1).padStart(2, '0')
            const forms = [`${y}-${mm}`, `${mm}/${y}`, `${MONTHS[m]} ${y}`, `${y}${mm}`]
            for (const f of facilities) {
                const period = forms[(m + f.length) % 4]
                for (const [de, dis] of ELEMENTS)
                    for (const d of dis) {
                        seed = (seed * 1103515245 + 12345) & 0x7fffffff
                        // one value in ten written with a French thousands space or decimal comma "12,0"
                        const v = seed % 400
                        const cell = seed % 10 === 0 ? `${v},0` : String(v)
                        buf += `${f};${period};${de};${d};${cell}\n`
                        values++
                    }
                if (buf.length > 1 << 16) {
                    if (!out.write(buf)) await once(out, 'drain')
                    buf = ''
                }
            }
        }
    out.end(buf)
    await once(out, 'finish')
    return values
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.floor(s.length / 2)] ?? 0
}

const sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo' })
const metadataFile = join(outDir, 'metadata.json')
await writeSnapshot(
    metadataFile,
    await fetchMetadata(
        new Dhis2Client({
            baseUrl: sim.url,
            auth: { kind: 'basic', username: 'admin', password: 'district' },
        })
    )
)
await sim.close()

// The bridge as deployed: compiled to one JS file (tsx would add ~35 MB and ~0.5 s of start-up).
const child = join(outDir, 'convert-child.mjs')
await build({
    entryPoints: [join(import.meta.dirname, 'convert-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: child,
    packages: 'external',
    logLevel: 'warning',
})

const results: Array<Record<string, number | string>> = []
for (const years of SIZES) {
    const input = join(outDir, `national-${years}y.csv`)
    const values = await generate(input, years)
    const runs: Array<{
        values: number
        errors: number
        seconds: number
        valuesPerSecond: number
        valuesPerCpuSecond: number
        maxRss: number
    }> = []
    for (let i = 0; i < RUNS; i++) {
        const r = spawnSync(
            'taskset',
            // one core; a 2 MiB young generation keeps the heap small while streaming
            [
                '-c',
                '0',
                process.execPath,
                '--max-semi-space-size=2',
                child,
                input,
                metadataFile,
                join(outDir, `out-${years}y.json`),
                join(root, 'mappings'),
            ],
            { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 }
        )
        if (r.status !== 0) throw new Error(`convert failed: ${r.stderr}`)
        runs.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}'))
    }
    const row = {
        years,
        values,
        mb: Math.round(statSync(input).size / 1e5) / 10,
        errors: runs[0]?.errors ?? -1,
        valuesPerSecond: median(runs.map((r) => r.valuesPerSecond)),
        valuesPerCpuSecond: median(runs.map((r) => r.valuesPerCpuSecond)),
        seconds: Math.round(median(runs.map((r) => r.seconds)) * 100) / 100,
        peakRssMb: Math.round(median(runs.map((r) => r.maxRss)) / 1e5) / 10,
    }
    results.push(row)
    console.log(JSON.stringify(row))
}
console.log(
    `\nload average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (${cpus().length} cores)`
)
console.log(
    '\n| years of national data | values | input MB | errors | values/s (wall) | values per CPU-second | seconds (wall) | peak RSS MB |'
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const r of results)
    console.log(
        `| ${r.years} | ${r.values} | ${r.mb} | ${r.errors} | ${r.valuesPerSecond} | ${r.valuesPerCpuSecond} | ${r.seconds} | ${r.peakRssMb} |`
    )
const [a, b] = results
if (a && b)
    console.log(`\nmemory ratio large/small: ${(Number(b.peakRssMb) / Number(a.peakRssMb)).toFixed(2)}`)
