// Regenerates mappings/metadata/dhis2-metadata-package.json from mappings/metadata/definitions.ts.
// Usage (from the repository root): node --import tsx mappings/scripts/build-package.ts [--check]
// --check exits 1 when the committed file differs from what the definitions produce (for CI).
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { buildMetadataPackage } from '../src/package-builder.js'

const scriptPath = resolve(process.argv[1] ?? 'mappings/scripts/build-package.ts')
const target = join(dirname(scriptPath), '..', 'metadata', 'dhis2-metadata-package.json')
const json = `${JSON.stringify(buildMetadataPackage(), null, 2)}\n`

if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : ''
    if (current !== json) {
        console.error(
            `${target} est périmé / is stale: run node --import tsx mappings/scripts/build-package.ts`
        )
        process.exit(1)
    }
    console.log(`${target} est à jour / is up to date`)
} else {
    writeFileSync(target, json)
    console.log(`${target} écrit / written (${json.length} octets / bytes)`)
}
