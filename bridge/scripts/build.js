// Builds the bridge CLI into one ES module, dist/bridge.mjs: what `bridge` (bin/bridge.js) runs and what
// `npm run bench` measures. `npm run build -w bridge` runs this file; bin/bridge.js calls ensureBuilt().
// Plain JavaScript so that the bin can load it without tsx (whose loader would stay resident beside the run).
import {
    closeSync,
    existsSync,
    mkdirSync,
    openSync,
    readSync,
    renameSync,
    statSync,
    writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BUNDLE = join(packageDir, 'dist', 'bridge.mjs')
// First line of the bundle: the files it was built from, each with its mtime and size when it was built.
// Kept inside the bundle (not beside it) so that one rename replaces both at once.
const STAMP = '// bridge-build-inputs '

/** True when dist/bridge.mjs exists and every file it was built from is unchanged (same mtime and size). */
export function isFresh() {
    let first
    try {
        first = firstLine(BUNDLE)
    } catch {
        return false
    }
    if (!first.startsWith(STAMP)) return false
    try {
        /** @type {Array<[string, number, number]>} */
        const inputs = JSON.parse(first.slice(STAMP.length))
        // Equality, not "newer than": a file put back to an older version (git checkout, cp -p) also counts.
        return inputs.every(([path, mtimeMs, size]) => {
            const s = statSync(join(packageDir, path), { throwIfNoEntry: false })
            return s !== undefined && s.mtimeMs === mtimeMs && s.size === size
        })
    } catch {
        return false
    }
}

function firstLine(file) {
    const fd = openSync(file, 'r')
    try {
        const chunks = []
        const buf = Buffer.alloc(16384)
        for (;;) {
            const n = readSync(fd, buf, 0, buf.length, null)
            const nl = buf.subarray(0, n).indexOf(10)
            if (nl >= 0 || n === 0) {
                chunks.push(Buffer.from(buf.subarray(0, nl >= 0 ? nl : n)))
                return Buffer.concat(chunks).toString('utf8')
            }
            chunks.push(Buffer.from(buf.subarray(0, n)))
        }
    } finally {
        closeSync(fd)
    }
}

/** Bundles src/cli/main.ts into dist/bridge.mjs. Dependencies stay external (see below). */
export async function build({ logLevel = 'silent' } = {}) {
    // esbuild is a dev dependency: imported only when a build is needed.
    const esbuild = await import('esbuild')
    const started = Date.now()
    try {
        const result = await esbuild.build({
            absWorkingDir: packageDir,
            entryPoints: ['src/cli/main.ts'],
            bundle: true,
            platform: 'node',
            format: 'esm',
            target: 'node20',
            // node_modules are loaded by Node as they are: exceljs (large) is then only read when a
            // workbook is, and nothing CommonJS has to be wrapped for an ES module.
            packages: 'external',
            metafile: true,
            write: false,
            logLevel,
        })
        const output = result.outputFiles[0]
        if (!output) throw new Error('esbuild produced no output')
        const inputs = [...Object.keys(result.metafile.inputs), 'scripts/build.js'].map((path) => {
            const s = statSync(join(packageDir, path))
            // A file saved while esbuild was reading may be missing from the bundle: the next run rebuilds.
            return [path, s.mtimeMs >= started ? -1 : s.mtimeMs, s.size]
        })
        mkdirSync(dirname(BUNDLE), { recursive: true })
        // Written aside then renamed: concurrent runs (tests start several) never read a half-written bundle.
        const tmp = `${BUNDLE}.${process.pid}.tmp`
        writeFileSync(tmp, STAMP + JSON.stringify(inputs) + '\n' + output.text)
        renameSync(tmp, BUNDLE)
    } finally {
        // esbuild's service process would otherwise live as long as the bin, beside the bridge's run.
        await esbuild.stop()
    }
    return BUNDLE
}

/** The bundle's path, built first if it is missing or older than the sources. */
export async function ensureBuilt() {
    if (isFresh()) return BUNDLE
    try {
        return await build()
    } catch (e) {
        if (e?.code !== 'ERR_MODULE_NOT_FOUND')
            throw new Error(`cannot build ${BUNDLE}: ${e?.message ?? e}`, { cause: e })
        // esbuild missing (an install without dev dependencies): an existing bundle is the best there is.
        if (existsSync(BUNDLE)) return BUNDLE
        const why = `${BUNDLE} is missing and esbuild is not installed: run \`npm ci\` in the repository`
        throw new Error(why, { cause: e })
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await build({ logLevel: 'warning' })
    console.log(`${BUNDLE}: ${Math.round(statSync(BUNDLE).size / 1024)} KiB`)
}
