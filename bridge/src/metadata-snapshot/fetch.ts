// Fetches the metadata the pre-flight check needs, page by page with explicit `fields`, and keeps
// it on disk with a version stamp (server, user, DHIS2 version, newest lastUpdated).
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { stateFileFor } from '../core/state-file.js'
import { LocalizedError } from '../i18n/localized-error.js'
import type { Dhis2Client } from '../dhis2/client.js'
import { listAll } from '../dhis2/paginate.js'
import { CACHE_FORMAT, metadataSnapshotSchema, type MetadataSnapshot } from './types.js'

/** Queries are data, declared once with their fields (never `*`). */
export const METADATA_QUERIES = {
    dataElements: 'id,code,name,valueType,zeroIsSignificant,categoryCombo[id],optionSet[id],lastUpdated',
    categoryCombos:
        'id,code,name,dataDimensionType,lastUpdated,categoryOptionCombos[id,code,name,categoryOptions[id,code]]',
    dataSets:
        'id,code,name,periodType,openFuturePeriods,expiryDays,lastUpdated,categoryCombo[id],dataSetElements[dataElement[id]],organisationUnits[id]',
    organisationUnits: 'id,code,name,path,level,openingDate,closedDate,lastUpdated',
} as const

const PAGE_SIZE = 1000

const idRef = z.object({ id: z.string(), code: z.string().optional() }).loose()
const lastUpdated = z.string().optional()

const dataElementRaw = z.object({
    id: z.string(),
    code: z.string().optional(),
    name: z.string().optional(),
    valueType: z.string().default('TEXT'),
    zeroIsSignificant: z.boolean().optional(),
    categoryCombo: idRef.optional(),
    optionSet: idRef.optional(),
    lastUpdated,
})
const comboRaw = z.object({
    id: z.string(),
    code: z.string().optional(),
    name: z.string().optional(),
    dataDimensionType: z.string().optional(),
    lastUpdated,
    categoryOptionCombos: z
        .array(
            z.object({
                id: z.string(),
                code: z.string().optional(),
                name: z.string().optional(),
                categoryOptions: z.array(idRef).default([]),
            })
        )
        .default([]),
})
const dataSetRaw = z.object({
    id: z.string(),
    code: z.string().optional(),
    name: z.string().optional(),
    periodType: z.string(),
    openFuturePeriods: z.number().default(0),
    expiryDays: z.number().default(0),
    lastUpdated,
    categoryCombo: idRef.optional(),
    dataSetElements: z.array(z.object({ dataElement: idRef })).default([]),
    organisationUnits: z.array(idRef).default([]),
})
const orgUnitRaw = z.object({
    id: z.string(),
    code: z.string().optional(),
    name: z.string().optional(),
    path: z.string().default(''),
    level: z.number().default(0),
    openingDate: z.string().optional(),
    closedDate: z.string().optional(),
    lastUpdated,
})

export async function fetchMetadata(client: Dhis2Client): Promise<MetadataSnapshot> {
    const info = await client.get<{ version?: string; serverDate?: string }>('system/info', {
        fields: 'version,serverDate',
    })
    const me = z
        .object({
            id: z.string(),
            username: z.string().default(''),
            organisationUnits: z.array(z.object({ id: z.string(), path: z.string().optional() })).default([]),
        })
        .parse(await client.get('me', { fields: 'id,username,organisationUnits[id,path]' }))
    const [des, combos, dss, ous] = await Promise.all([
        listAll(client, 'dataElements', METADATA_QUERIES.dataElements, {
            pageSize: PAGE_SIZE,
            schema: dataElementRaw,
        }),
        listAll(client, 'categoryCombos', METADATA_QUERIES.categoryCombos, {
            pageSize: PAGE_SIZE,
            schema: comboRaw,
        }),
        listAll(client, 'dataSets', METADATA_QUERIES.dataSets, { pageSize: PAGE_SIZE, schema: dataSetRaw }),
        listAll(client, 'organisationUnits', METADATA_QUERIES.organisationUnits, {
            pageSize: PAGE_SIZE,
            schema: orgUnitRaw,
        }),
    ])
    let newest = ''
    for (const o of [...des, ...combos, ...dss, ...ous])
        if (o.lastUpdated && o.lastUpdated > newest) newest = o.lastUpdated
    const snapshot: MetadataSnapshot = {
        stamp: {
            format: CACHE_FORMAT,
            baseUrl: client.baseUrl,
            username: me.username,
            serverVersion: info.version ?? 'unknown',
            lastUpdated: newest,
            fetchedAt: new Date().toISOString(),
            ...(info.serverDate ? { serverDate: info.serverDate } : {}),
        },
        dataElements: des.map((d) => ({
            id: d.id,
            ...(d.code ? { code: d.code } : {}),
            ...(d.name ? { name: d.name } : {}),
            valueType: d.valueType,
            ...(d.zeroIsSignificant !== undefined ? { zeroIsSignificant: d.zeroIsSignificant } : {}),
            categoryCombo: d.categoryCombo?.id ?? 'bjDvmb4bfuf',
            ...(d.optionSet ? { optionSet: d.optionSet.id } : {}),
        })),
        categoryCombos: combos.map((c) => ({
            id: c.id,
            ...(c.code ? { code: c.code } : {}),
            ...(c.name ? { name: c.name } : {}),
            ...(c.dataDimensionType ? { dataDimensionType: c.dataDimensionType } : {}),
            categoryOptionCombos: c.categoryOptionCombos.map((coc) => ({
                id: coc.id,
                ...(coc.code ? { code: coc.code } : {}),
                ...(coc.name ? { name: coc.name } : {}),
                categoryOptions: coc.categoryOptions.map((o) => o.code ?? o.id),
            })),
        })),
        dataSets: dss.map((d) => ({
            id: d.id,
            ...(d.code ? { code: d.code } : {}),
            ...(d.name ? { name: d.name } : {}),
            periodType: d.periodType,
            openFuturePeriods: d.openFuturePeriods,
            expiryDays: d.expiryDays,
            categoryCombo: d.categoryCombo?.id ?? 'bjDvmb4bfuf',
            dataElements: d.dataSetElements.map((e) => e.dataElement.id),
            organisationUnits: d.organisationUnits.map((o) => o.id),
        })),
        organisationUnits: ous.map((o) => ({
            id: o.id,
            ...(o.code ? { code: o.code } : {}),
            ...(o.name ? { name: o.name } : {}),
            path: o.path,
            level: o.level,
            ...(o.openingDate ? { openingDate: o.openingDate } : {}),
            ...(o.closedDate ? { closedDate: o.closedDate } : {}),
        })),
        me: {
            id: me.id,
            username: me.username,
            organisationUnits: me.organisationUnits.map((o) => o.path ?? o.id),
        },
    }
    return snapshot
}

export async function readSnapshot(file: string): Promise<MetadataSnapshot> {
    let raw: unknown
    try {
        raw = JSON.parse(await readFile(file, 'utf8'))
    } catch (e) {
        // JSON.parse quotes the text around a fault: name the file only
        throw LocalizedError.of('METADATA_CACHE_INVALID', { file }, { cause: e })
    }
    const parsed = metadataSnapshotSchema.safeParse(raw)
    if (!parsed.success) throw LocalizedError.of('METADATA_CACHE_INVALID', { file })
    return parsed.data
}

/**
 * The snapshot names the server's users and structure: readable by this account only (file 0600, in a
 * folder created 0700), written to a temporary file then renamed so a reader never sees half a cache.
 */
export async function writeSnapshot(file: string, snapshot: MetadataSnapshot): Promise<void> {
    // the mode applies only to folders created here: an existing folder the user chose keeps its own
    await mkdir(dirname(file), { recursive: true, mode: 0o700 })
    const tmp = `${file}.${process.pid}.tmp`
    const handle = await open(tmp, 'w', 0o600)
    try {
        await handle.writeFile(JSON.stringify(snapshot), 'utf8')
    } finally {
        await handle.close()
    }
    await chmod(tmp, 0o600)
    await rename(tmp, file)
}

export function cacheFileFor(stateDir: string, baseUrl: string, username: string): string {
    return stateFileFor(stateDir, 'metadata', `${baseUrl}#${username}`, '.json')
}

export interface CachedMetadataOptions {
    stateDir: string
    refresh?: boolean
    /** Older caches are fetched again (default one hour). */
    maxAgeMs?: number
    username: string
}

/**
 * The cached snapshot when it is fresh and from the same server, user and DHIS2 version;
 * otherwise a new fetch, saved for next time.
 */
export async function cachedMetadata(
    client: Dhis2Client,
    options: CachedMetadataOptions
): Promise<{ snapshot: MetadataSnapshot; fromCache: boolean; file: string }> {
    const file = cacheFileFor(options.stateDir, client.baseUrl, options.username)
    if (!options.refresh) {
        try {
            const cached = await readSnapshot(file)
            const age = Date.now() - Date.parse(cached.stamp.fetchedAt)
            const info = await client.get<{ version?: string }>('system/info', { fields: 'version' })
            if (
                cached.stamp.baseUrl === client.baseUrl &&
                cached.stamp.serverVersion === (info.version ?? 'unknown') &&
                age >= 0 &&
                age < (options.maxAgeMs ?? 3_600_000)
            )
                return { snapshot: cached, fromCache: true, file }
        } catch {
            // no usable cache: fetch
        }
    }
    const snapshot = await fetchMetadata(client)
    await writeSnapshot(file, snapshot)
    return { snapshot, fromCache: false, file }
}
