// What every intake operation shares: the database, the service account's DHIS2 client, and the
// pipeline's preparation (metadata, facility mappings) per source kind, kept in memory so that a
// submission is validated and receipted even while DHIS2 is down.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Lang } from '../core/types.js'
import { Dhis2Client, withoutCredentials, type Dhis2Config } from '../dhis2/client.js'
import { defaultMappingsRoot } from '../core/package-root.js'
import { prepare, type Prepared } from '../pipeline/prepare.js'
import { cacheFileFor } from '../metadata-snapshot/fetch.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import type { KindContext } from '../sources/types.js'
import { databaseTarget, importLegacyLedger, migrate, openDatabase, type Database } from '../storage/index.js'
import { ledgerInstance, type Instance } from '../storage/ledger.js'

export type IntakeSource = 'facility-report' | 'lab' | 'mutuelle'

export interface IntakeConfig {
    dhis2: Dhis2Config
    databaseUrl?: string
    stateDir: string
    mappingsRoot?: string
}

/** Metadata older than this is fetched again in the background (the next submission uses it). */
const REFRESH_AFTER_MS = 60 * 60_000

interface Preparation {
    prepared: Prepared
    at: number
    /** The DHIS2 server's clock minus ours when the metadata was read: "today" is the server's. */
    clockOffsetMs: number
    refreshing: boolean
}

export class IntakeContext {
    readonly client: Dhis2Client
    readonly instance: Instance
    readonly stateDir: string
    readonly mappingsRoot: string
    private readonly preparations = new Map<IntakeSource, Promise<Preparation>>()

    constructor(
        readonly config: IntakeConfig,
        readonly db: Database
    ) {
        this.client = new Dhis2Client(config.dhis2)
        this.instance = ledgerInstance(withoutCredentials(config.dhis2.baseUrl))
        this.stateDir = resolve(config.stateDir)
        this.mappingsRoot = config.mappingsRoot ?? defaultMappingsRoot()
    }

    static async open(config: IntakeConfig): Promise<IntakeContext> {
        const db = await openDatabase(databaseTarget(config.databaseUrl, config.stateDir))
        try {
            await migrate(db)
            // a state folder the CLI used before the ledger moved into the database: its old ledger too
            await importLegacyLedger(db, config.stateDir, withoutCredentials(config.dhis2.baseUrl))
        } catch (e) {
            await db.close()
            throw e
        }
        return new IntakeContext(config, db)
    }

    private async load(source: IntakeSource): Promise<Preparation> {
        const common = {
            files: [],
            source,
            stateDir: this.stateDir,
            mappingsRoot: this.mappingsRoot,
        }
        let prepared: Prepared
        try {
            prepared = await prepare({ ...common, dhis2: this.config.dhis2 })
        } catch (e) {
            // DHIS2 down at start: the metadata cached by an earlier start still validates submissions
            const auth = this.config.dhis2.auth
            const cache = cacheFileFor(
                this.stateDir,
                this.client.baseUrl,
                auth.kind === 'basic' ? auth.username : 'token'
            )
            if (!existsSync(cache)) throw e
            prepared = await prepare({ ...common, metadataFile: cache })
        }
        const serverDate = Date.parse(prepared.metadataInfo.stamp.serverDate ?? '')
        const fetchedAt = Date.parse(prepared.metadataInfo.stamp.fetchedAt)
        const clockOffsetMs =
            Number.isFinite(serverDate) && Number.isFinite(fetchedAt) ? serverDate - fetchedAt : 0
        return { prepared, at: Date.now(), clockOffsetMs, refreshing: false }
    }

    private preparation(source: IntakeSource): Promise<Preparation> {
        let p = this.preparations.get(source)
        if (!p) {
            p = this.load(source)
            this.preparations.set(source, p)
            // a failed first load is tried again by the next submission
            p.catch(() => this.preparations.delete(source))
        }
        return p
    }

    /** The pipeline's context for one submission: metadata, mappings, the person's language, DHIS2's today. */
    async kindContext(source: IntakeSource, lang: Lang): Promise<{ ctx: KindContext; mappingsRoot: string }> {
        const prep = await this.preparation(source)
        if (Date.now() - prep.at > REFRESH_AFTER_MS && !prep.refreshing) {
            prep.refreshing = true
            this.load(source).then(
                (fresh) => this.preparations.set(source, Promise.resolve(fresh)),
                () => {
                    prep.refreshing = false
                    prep.at = Date.now()
                }
            )
        }
        return {
            ctx: { ...prep.prepared.ctx, lang, today: this.today(prep) },
            mappingsRoot: prep.prepared.mappingsRoot,
        }
    }

    private today(prep: Preparation): Date {
        return new Date(Date.now() + prep.clockOffsetMs)
    }

    /** DHIS2's metadata as the service account sees it. */
    async metadata(): Promise<MetadataIndex> {
        return (await this.preparation('facility-report')).prepared.ctx.metadata
    }

    /** "Today" on the DHIS2 server. */
    async serverToday(): Promise<Date> {
        return this.today(await this.preparation('facility-report'))
    }

    async close(): Promise<void> {
        await this.db.close()
    }
}
