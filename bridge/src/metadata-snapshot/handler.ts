// `bridge refresh-metadata`: fetches the pre-flight snapshot from DHIS2 into the cache, or into a
// file given with --out for offline work (`--metadata <file>`).
import { resolve } from 'node:path'
import { EXIT, type CommandReport } from '../core/report.js'
import type { Localized } from '../core/types.js'
import { Dhis2Client, type Dhis2Config } from '../dhis2/client.js'
import { messageFor } from '../i18n/messages.js'
import { cacheFileFor, fetchMetadata, writeSnapshot } from './fetch.js'

export interface RefreshMetadataOptions {
    dhis2: Dhis2Config
    /** A file for offline use; absent: the cache of the state folder. */
    out?: string
    stateDir: string
}

export interface RefreshMetadataReport extends CommandReport {
    file: string
    dataElements: number
    dataSets: number
    organisationUnits: number
    serverVersion: string
    /** One sentence for people. */
    message: Localized
}

export async function runRefreshMetadata(options: RefreshMetadataOptions): Promise<RefreshMetadataReport> {
    const client = new Dhis2Client(options.dhis2)
    const snapshot = await fetchMetadata(client)
    const auth = options.dhis2.auth
    const file =
        options.out ??
        cacheFileFor(
            resolve(options.stateDir),
            client.baseUrl,
            auth.kind === 'basic' ? auth.username : 'token'
        )
    await writeSnapshot(file, snapshot)
    const counts = {
        dataElements: snapshot.dataElements.length,
        dataSets: snapshot.dataSets.length,
        organisationUnits: snapshot.organisationUnits.length,
        serverVersion: snapshot.stamp.serverVersion,
    }
    return {
        file,
        ...counts,
        message: messageFor('METADATA_REFRESHED', { file, ...counts }).message,
        exitCode: EXIT.success,
    }
}
