// Where `npm run build -w dhis2-app` leaves the app zip that DHIS2 installs (and the demo installs).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const APP_BUNDLE_DIR = join(import.meta.dirname, '..', 'dhis2-app', 'build', 'bundle')

/** Paths of the built app zips (one after a build; none before). */
export function appZips(): string[] {
    if (!existsSync(APP_BUNDLE_DIR)) return []
    return readdirSync(APP_BUNDLE_DIR)
        .filter((name) => name.endsWith('.zip'))
        .map((name) => join(APP_BUNDLE_DIR, name))
}
