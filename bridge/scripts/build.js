// Builds the bridge CLI into one ES module, dist/bridge.mjs: what `bridge` (bin/bridge.js) runs and what
// `npm run bench` measures. `npm run build -w bridge` runs this file; bin/bridge.js calls ensureBuilt().
// Plain JavaScript so that the bin can load it without tsx (whose loader would stay resident beside the run).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BUNDLE = join(packageDir, 'dist', 'bridge.mjs')
// First line of the bundle: the esbuild version and the files it was built from, each with its content hash.
// Kept inside the bundle (not beside it) so that one rename replaces both at once.
const STAMP = '// bridge-build-inputs '
// Read by esbuild besides the modules it loads (compiler options, the exports of @odd3/mappings), or the build itself.
const CONFIG_FILES = [
    'tsconfig.json',
    '../tsconfig.base.json',
    'scripts/build.js',
    '../mappings/package.json',
]
const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' }

const sha1 = (bytes) => createHash('sha1').update(bytes).digest('hex')

// The workspace package @odd3/mappings exports TypeScript sources, which Node cannot load as they are: it is
// bundled like the bridge's own files instead of staying external with the other packages.
const bundleMappings = {
    name: 'bundle-mappings',
    setup(b) {
        b.onResolve({ filter: /^@odd3\/mappings(\/|$)/ }, (args) => ({
            path: fileURLToPath(import.meta.resolve(args.path)),
        }))
    },
}

function hashOf(path) {
    try {
        return sha1(readFileSync(join(packageDir, path)))
    } catch {
        return null
    }
}

/** esbuild's version when it is installed (a dev dependency), else null. */
function esbuildVersion() {
    try {
        return JSON.parse(
            readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')
        ).version
    } catch {
        return null
    }
}

/**
 * True when dist/bridge.mjs exists and was built, by this esbuild, from files whose contents are unchanged.
 * Contents rather than dates: a clock ahead or behind, a checkout, a copy keeping dates all leave contents
 * as the truth. Hashing the ~100 small inputs takes a few milliseconds.
 */
export function isFresh() {
    let stamp
    try {
        const first = firstLine(BUNDLE)
        if (!first.startsWith(STAMP)) return false
        stamp = JSON.parse(first.slice(STAMP.length))
    } catch {
        return false
    }
    if (!stamp || !Array.isArray(stamp.files)) return false
    const version = esbuildVersion()
    if (version !== null && version !== stamp.esbuild) return false
    return stamp.files.every(([path, hash]) => hash !== null && hashOf(path) === hash)
}

function firstLine(file) {
    // The bundle is ~250 KB: reading it whole is simpler than reading up to the first newline, and as quick.
    const text = readFileSync(file, 'utf8')
    const end = text.indexOf('\n')
    return end < 0 ? text : text.slice(0, end)
}

/** Bundles src/cli/main.ts into dist/bridge.mjs. Dependencies stay external (see below). */
export async function build({ logLevel = 'silent' } = {}) {
    // esbuild is a dev dependency: imported only when a build is needed.
    const esbuild = await import('esbuild')
    // The hash of exactly the bytes esbuild compiled, so an edit made during the build is seen next time.
    const loaded = new Map()
    const recordInputs = {
        name: 'record-inputs',
        setup(b) {
            b.onLoad({ filter: /\.(m?ts|m?js|json)$/ }, (args) => {
                const contents = readFileSync(args.path)
                loaded.set(relative(packageDir, args.path), sha1(contents))
                return { contents, loader: LOADERS[extname(args.path)] }
            })
        },
    }
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
            plugins: [bundleMappings, recordInputs],
            write: false,
            logLevel,
        })
        const output = result.outputFiles[0]
        if (!output) throw new Error('esbuild produced no output')
        const files = [...loaded, ...CONFIG_FILES.map((path) => [path, hashOf(path)])]
        const stamp = { esbuild: esbuild.version, files }
        mkdirSync(dirname(BUNDLE), { recursive: true })
        // Written aside then renamed: concurrent runs (tests start several) never read a half-written bundle.
        const tmp = `${BUNDLE}.${process.pid}.tmp`
        writeFileSync(tmp, STAMP + JSON.stringify(stamp) + '\n' + output.text)
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
            throw new Error(`impossible de compiler / cannot build ${BUNDLE}: ${e?.message ?? e}`, {
                cause: e,
            })
        // esbuild missing (an install without dev dependencies): an existing bundle is the best there is,
        // but the person must know it may not match the sources.
        if (existsSync(BUNDLE)) {
            process.stderr.write(
                `bridge: ${BUNDLE} ne correspond plus aux sources et esbuild n'est pas installé (npm ci) / ` +
                    `is older than the sources and esbuild is not installed (npm ci)\n`
            )
            return BUNDLE
        }
        const why =
            `${BUNDLE} est absent et esbuild n'est pas installé : lancez \`npm ci\` dans le dépôt / ` +
            `is missing and esbuild is not installed: run \`npm ci\` in the repository`
        throw new Error(why, { cause: e })
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await build({ logLevel: 'warning' })
    console.log(`${BUNDLE}: ${Math.round(statSync(BUNDLE).size / 1024)} KiB`)
}
