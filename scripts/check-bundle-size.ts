// Fails when the built DHIS2 app zip grows past 1.5 times an empty DHIS2 app built with the same toolchain:
// district officers open it over slow links, so its weight is a requirement, not a detail.
//
//   node --import tsx scripts/check-bundle-size.ts   (after `npm run build -w dhis2-app`)
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { APP_BUNDLE_DIR, appZips } from './app-bundle.js'

/** An empty app from `@dhis2/cli-app-scripts` 12.11.0 with `@dhis2/ui` 10.14.0 (docs/benchmarks.md). */
const EMPTY_APP_BYTES = 1_349_775
const LIMIT_RATIO = 1.5

const zips = appZips()
if (zips.length !== 1) {
    console.error(`expected one app zip in ${APP_BUNDLE_DIR}, found ${zips.length}`)
    process.exit(1)
}
const zip = zips[0]!
const bytes = statSync(zip).size
const ratio = bytes / EMPTY_APP_BYTES
const verdict = ratio <= LIMIT_RATIO ? 'within' : 'OVER'
console.log(
    `${basename(zip)}: ${bytes.toLocaleString('en')} bytes, ${ratio.toFixed(2)} × an empty DHIS2 app (${verdict} the ${LIMIT_RATIO} × limit)`
)
process.exit(ratio <= LIMIT_RATIO ? 0 : 1)
