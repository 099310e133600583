// Core types shared by every part of the simulator. Route modules (metadata, data values,
// analytics, data store, apps…) only depend on these interfaces, never on each other.

/** A metadata object as DHIS2 serialises it: references are `{ id }` objects. */
export interface MetadataObject {
    id: string
    code?: string
    name?: string
    [property: string]: unknown
}

/** The metadata collections the simulator knows, named as in DHIS2's Web API. */
export const METADATA_COLLECTIONS = [
    'organisationUnits',
    'organisationUnitLevels',
    'organisationUnitGroups',
    'organisationUnitGroupSets',
    'categoryOptions',
    'categories',
    'categoryCombos',
    'categoryOptionCombos',
    'dataElements',
    'dataElementGroups',
    'dataSets',
    'indicatorTypes',
    'indicators',
    'indicatorGroups',
    'constants',
    'userRoles',
    'userGroups',
    'users',
] as const

export type MetadataCollection = (typeof METADATA_COLLECTIONS)[number]

export interface MetadataStore {
    list(collection: MetadataCollection): readonly MetadataObject[]
    get(collection: MetadataCollection, id: string): MetadataObject | undefined
    /** Lookup by an id scheme: UID, CODE or NAME (case-insensitive scheme names). */
    findBy(
        collection: MetadataCollection,
        scheme: 'UID' | 'CODE' | 'NAME',
        value: string
    ): MetadataObject | undefined
    upsert(collection: MetadataCollection, object: MetadataObject): void
    remove(collection: MetadataCollection, id: string): boolean
    /** Incremented on every metadata change, so derived indexes can be rebuilt lazily. */
    readonly version: number
}

/** One stored data value. `value` is the string DHIS2 keeps (null for comment-only values). */
export interface StoredDataValue {
    dataElement: string
    period: string
    orgUnit: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    value: string | null
    comment: string | null
    followup: boolean
    storedBy: string
    /** ISO instants (`new Date().toISOString()`). */
    created: string
    lastUpdated: string
    deleted: boolean
}

export interface DataValueKey {
    dataElement: string
    period: string
    orgUnit: string
    categoryOptionCombo: string
    attributeOptionCombo: string
}

export interface DataValueStore {
    get(key: DataValueKey): StoredDataValue | undefined
    put(value: StoredDataValue): void
    /** Every stored row, soft-deleted ones included. */
    all(): Iterable<StoredDataValue>
    readonly size: number
}

export interface CompleteRegistration {
    dataSet: string
    period: string
    organisationUnit: string
    attributeOptionCombo: string
    completed: boolean
    date: string
    storedBy: string
    lastUpdated: string
}

export interface CompleteRegistrationStore {
    get(dataSet: string, period: string, orgUnit: string, aoc: string): CompleteRegistration | undefined
    put(registration: CompleteRegistration): void
    remove(dataSet: string, period: string, orgUnit: string, aoc: string): boolean
    all(): Iterable<CompleteRegistration>
}

export interface DataStoreEntry {
    namespace: string
    key: string
    value: unknown
    created: string
    lastUpdated: string
    createdBy: string
    lastUpdatedBy: string
    id: string
    /** dataStore entries only; absent on entries journaled before sharing was modelled (then the default). */
    sharing?: ObjectSharing
}

export interface SharingAccessEntry {
    id: string
    /** Null when a sharing payload left it out: AccessStringHelper then grants everything. */
    access: string | null
}

/** The `sharing` property of a DHIS2 object (`org.hisp.dhis.user.sharing.Sharing`), docs/dhis2-api.md §9.3. */
export interface ObjectSharing {
    /** Null means no owner: every user passes the owner check. */
    owner: string | null
    /** Null means no public access string: DHIS2 then lets every user read and write. */
    public: string | null
    external: boolean
    users: Record<string, SharingAccessEntry>
    userGroups: Record<string, SharingAccessEntry>
}

export interface KeyValueStore {
    namespaces(): string[]
    keys(namespace: string): string[] | undefined
    get(namespace: string, key: string): DataStoreEntry | undefined
    put(entry: DataStoreEntry): void
    remove(namespace: string, key: string): boolean
    removeNamespace(namespace: string): boolean
}

/** A simulated DHIS2 user, with what the server derives from its roles. */
export interface SimUser {
    id: string
    username: string
    firstName: string
    surname: string
    /** Data capture org units (E7617 hierarchy checks use these). */
    organisationUnits: string[]
    /** Data view org units (analytics); falls back to capture units when empty. */
    dataViewOrganisationUnits: string[]
    authorities: string[]
    userRoles: string[]
    userGroups: string[]
    settings: Record<string, string>
}

export interface SystemSettings {
    [key: string]: string | number | boolean | null
}

/** Everything the simulator holds. Persistence saves and restores it. */
export interface Database {
    metadata: MetadataStore
    dataValues: DataValueStore
    completeRegistrations: CompleteRegistrationStore
    dataStore: KeyValueStore
    userDataStore: Map<string, KeyValueStore>
    systemSettings: SystemSettings
    /** Set by the analytics job (`POST /api/resourceTables/analytics`): ISO instant or null. */
    analytics: { lastRun: string | null }
}

/** The per-request context handed to route handlers. */
export interface SimRequest {
    method: string
    /** Path after `/api/` or `/api/<NN>/`, without format suffix, e.g. `dataValueSets`. */
    path: string
    /** The `<NN>` of a versioned path, or null for unversioned `/api/...`. */
    apiVersion: number | null
    /** Format suffix if one was given (`json`, `csv`, `xml`), else null. */
    format: string | null
    params: Record<string, string>
    query: URLSearchParams
    headers: Record<string, string | string[] | undefined>
    body: Buffer
    /** Null only on routes declared `public`. */
    user: SimUser | null
    db: Database
    /** The server's own base URL, e.g. `http://localhost:8080`. */
    baseUrl: string
    /** The simulated server version, e.g. `2.41.3`. */
    serverVersion: string
    now: () => Date
}

export interface SimResponse {
    status: number
    headers?: Record<string, string | string[]>
    /** Objects and arrays are sent as JSON; strings and Buffers as they are. */
    body?: unknown
}

export type RouteHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>

export interface Route {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
    /** Path pattern after `/api/`, with `:name` segments and an optional trailing `*`. */
    pattern: string
    handler: RouteHandler
    /** True for routes that need no authentication (loginConfig, auth/login…). */
    public?: boolean
    /**
     * True when the pattern must match the path as sent, format suffix included (data store keys and
     * app files such as `manifest.json`); other routes see the path without `.json`/`.csv`/`.xml`.
     */
    rawPath?: boolean
}

/** A user as the seed declares it: the simulator keeps only a password hash at run time. */
export interface SeedUser extends SimUser {
    password: string
}

/**
 * What a database is built from at start-up. The demo seed (`dhis2-sim/src/demo/`) is generated
 * deterministically, so it is never stored; only what clients change later is persisted.
 */
export interface DatabaseSeed {
    metadata: Partial<Record<MetadataCollection, MetadataObject[]>>
    users: SeedUser[]
    dataValues: Iterable<StoredDataValue>
    completeRegistrations: Iterable<CompleteRegistration>
    systemSettings: SystemSettings
}

export interface FaultOptions {
    /** Share of /api requests (0…1) that fail; the kind is drawn among `kinds`. */
    rate: number
    kinds: Array<'500' | '502' | '503' | '429' | 'timeout' | 'drop'>
    /** Only requests whose path (after /api/[NN/]) starts with one of these; all when empty. */
    paths?: string[]
    /** For 'drop' after processing: the request is applied, then the socket is destroyed. */
    dropAfterProcessing?: boolean
    /** Seed for the deterministic random draw. */
    seed?: number
}

export interface SimulatorOptions {
    /** 0 picks a free port. Default 8080. */
    port?: number
    host?: string
    /** Folder where changes are persisted; null keeps everything in memory. */
    dataDir?: string | null
    /** 'demo' = Mali demo database with the metadata package; 'demo-without-package' = org units and users only. */
    seed?: 'demo' | 'demo-without-package' | 'empty' | DatabaseSeed
    /** Simulated DHIS2 version, default '2.41.3'. */
    serverVersion?: string
    latencyMs?: number
    faults?: FaultOptions | null
    /** Origins allowed by CORS besides the server itself (DHIS2's corsAllowlist). */
    corsAllowlist?: string[]
    now?: () => Date
    /** Run the analytics job once after start (the demo does). */
    runAnalyticsOnStart?: boolean
    /** Unzipped or zipped app bundles to install at start (path to a .zip). */
    installApps?: string[]
    /** Compress answers like the reverse proxy usually in front of DHIS2 (nginx gzip); DHIS2 itself does not. */
    gzip?: boolean
}

export interface RunningSimulator {
    url: string
    port: number
    db: Database
    setFaults(faults: FaultOptions | null): void
    setLatency(ms: number): void
    runAnalytics(): Promise<void>
    /** Forget every change since the seed (and delete the persisted changes). */
    reset(): Promise<void>
    close(): Promise<void>
}
