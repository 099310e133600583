// The bridge package's folder (the one holding its package.json), found from this module's location:
// the same code runs from src/ (tsx, tests) and from the bundle dist/bridge.mjs, at different depths.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

export function packageRoot(): string {
    if (cached !== undefined) return cached
    const here = dirname(fileURLToPath(import.meta.url))
    for (let dir = here; ; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json'))) return (cached = dir)
        if (dirname(dir) === dir) return (cached = here)
    }
}

/** The repository's `mappings/` folder, beside the bridge package. */
export function defaultMappingsRoot(): string {
    const candidates = [join(packageRoot(), '..', 'mappings'), resolve('mappings')]
    return candidates.find((c) => existsSync(c)) ?? candidates[0] ?? 'mappings'
}
