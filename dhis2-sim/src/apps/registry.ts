// Installed apps (docs/dhis2-api.md §14): the unzipped bundle is kept in memory and served from
// `/api/apps/<key>/`; the manifest's `activities.dhis.namespace` reserves a dataStore namespace.
import AdmZip from 'adm-zip'
import type { SimUser } from '../core/types.js'

export interface AppManifest {
    short_name?: string
    name?: string
    version?: string
    appType?: string
    launch_path?: string
    core_app?: boolean
    activities?: { dhis?: { href?: string; namespace?: string } }
    authorities?: string[]
    [property: string]: unknown
}

export interface InstalledApp {
    key: string
    manifest: AppManifest
    files: Map<string, Buffer>
    authority: string
    namespace: string | null
    /** When the files were stored, whole seconds (DHIS2 serves the stored files' modification time). */
    lastModified: number
}

export class AppInstallError extends Error {}

/** App key: short_name without characters outside `[A-Za-z0-9\s-]`, whitespace → `-` (App.getUrlFriendlyName). */
export function appKey(manifest: AppManifest): string {
    const name = (manifest.short_name ?? manifest.name ?? '').trim()
    return name.replace(/[^A-Za-z0-9\s-]/g, '').replace(/\s+/g, '-')
}

/** The `M_…` authority of an app: only letters, digits and `_` for whitespace (App.getSeeAppAuthority), so
 * `odd3-scorecard` needs `M_odd3scorecard`. */
export function appAuthority(manifest: AppManifest): string {
    const name = (manifest.short_name ?? manifest.name ?? '').trim()
    return 'M_' + name.replace(/[^a-zA-Z0-9\s]/g, '').replace(/\s+/g, '_')
}

export const APP_MANAGEMENT_AUTHORITY = 'M_dhis-web-app-management'

/** AppStatus.INVALID_ZIP_FORMAT's text (i18n_global.properties `zip_file_could_not_be_read`). */
export const INVALID_ZIP = 'Zip file could not be read'

/** Reads a bundle zip; the manifest may sit at the root or inside a single top-level folder. */
export function readAppBundle(zip: Buffer, installedAt: Date = new Date()): InstalledApp {
    let archive: AdmZip
    try {
        archive = new AdmZip(zip)
    } catch {
        throw new AppInstallError(INVALID_ZIP)
    }
    const all = archive.getEntries()
    const entries = all.filter((entry) => !entry.isDirectory)
    let prefix = ''
    if (!entries.some((entry) => entry.entryName === 'manifest.webapp')) {
        const nested = entries.find((entry) => /^[^/]+\/manifest\.webapp$/.test(entry.entryName))
        if (!nested) throw new AppInstallError('Manifest file missing from zip file')
        prefix = nested.entryName.slice(0, nested.entryName.indexOf('/') + 1)
    }
    let manifest: AppManifest
    try {
        const manifestEntry = entries.find((entry) => entry.entryName === prefix + 'manifest.webapp')
        manifest = JSON.parse(manifestEntry?.getData().toString('utf8') ?? '') as AppManifest
    } catch {
        throw new AppInstallError('Manifest file could not be read')
    }
    const key = appKey(manifest)
    if (!key) throw new AppInstallError('App name is missing from the manifest')
    // DHIS2 reads the manifest first, then validates every entry (JCloudsAppStorageService.installApp).
    checkZipEntries(all)
    const files = new Map<string, Buffer>()
    for (const entry of entries) {
        if (!entry.entryName.startsWith(prefix)) continue
        files.set(entry.entryName.slice(prefix.length), entry.getData())
    }
    const namespace = manifest.activities?.dhis?.namespace
    return {
        key,
        manifest,
        files,
        authority: appAuthority(manifest),
        namespace: typeof namespace === 'string' && namespace !== '' ? namespace : null,
        lastModified: Math.floor(installedAt.getTime() / 1000) * 1000,
    }
}

// ZipFileUtils (dhis2-core 2.39.10+, 2.40.9+, 2.41.5+, 2.42): at most 10,000 entries, 1 GiB unpacked, a
// compression ratio of 100 per entry, and no entry name that is absolute or contains "..". Older patch releases
// stored such entries (path traversal); the simulator refuses them in every version.
const MAX_ENTRIES = 10_000
const MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024
const MAX_COMPRESSION_RATIO = 100

function checkZipEntries(entries: AdmZip.IZipEntry[]): void {
    if (entries.length > MAX_ENTRIES) throw new AppInstallError(INVALID_ZIP)
    let total = 0
    for (const entry of entries) {
        const name = entry.entryName
        // java.io.File.isAbsolute on the server's Linux: a leading slash; `..` anywhere, even inside a name.
        if (name.startsWith('/') || name.includes('..')) throw new AppInstallError(INVALID_ZIP)
        const size = entry.header.size
        const compressed = entry.header.compressedSize
        total += size
        if (total > MAX_TOTAL_UNCOMPRESSED) throw new AppInstallError(INVALID_ZIP)
        if (compressed > 0 && size / compressed > MAX_COMPRESSION_RATIO)
            throw new AppInstallError(INVALID_ZIP)
    }
}

export class AppRegistry {
    private readonly apps = new Map<string, InstalledApp>()

    list(): InstalledApp[] {
        return [...this.apps.values()].sort((a, b) => a.key.localeCompare(b.key))
    }

    get(key: string): InstalledApp | undefined {
        return this.apps.get(key)
    }

    add(app: InstalledApp): void {
        this.apps.set(app.key, app)
    }

    remove(key: string): boolean {
        return this.apps.delete(key)
    }

    clear(): void {
        this.apps.clear()
    }

    canAccess(user: SimUser, app: InstalledApp): boolean {
        return user.authorities.includes('ALL') || user.authorities.includes(app.authority)
    }

    /** The app reserving a dataStore namespace, if any. */
    protectingApp(namespace: string): InstalledApp | undefined {
        return this.list().find((app) => app.namespace === namespace)
    }

    /** DatastoreNamespaceProtection: superusers, app managers and the app's users pass. */
    mayUseNamespace(user: SimUser, namespace: string): boolean {
        const app = this.protectingApp(namespace)
        if (!app) return true
        return (
            user.authorities.includes('ALL') ||
            user.authorities.includes(APP_MANAGEMENT_AUTHORITY) ||
            user.authorities.includes(app.authority)
        )
    }
}
