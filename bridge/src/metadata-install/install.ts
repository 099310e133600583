// `bridge metadata install`: puts the metadata package into a DHIS2.
// compare with the server → VALIDATE → show the plan → COMMIT → generate missing option combos.
// Safe to run twice, and it never removes anything: importStrategy is always CREATE_AND_UPDATE
// (never DELETE or SYNC), updates keep what the server has beyond the package, nothing sends deleteAll.
import { jsonErrorPosition } from '../core/json-position.js'
import { readFile } from 'node:fs/promises'
import { parseMetadataPackage } from '@odd3/mappings/metadata'
import { LocalizedError } from '../i18n/localized-error.js'
import { isRecord } from '../core/is-record.js'
import { httpError } from '../dhis2/client.js'
import type { MetadataApi, QueryParams } from '../dhis2/metadata-api.js'
import { listAll } from '../dhis2/paginate.js'
import { changedProperties, mergeForUpdate } from './compare.js'
import { parseImportReport, type ImportErrorReport, type ImportReportSummary } from './import-report.js'

export type MetadataObject = Record<string, unknown> & { id: string }
export type MetadataPackage = Record<string, MetadataObject[]>

export type PlanAction = 'create' | 'update' | 'unchanged'

export interface PlanItem {
    collection: string
    id: string
    code?: string
    name?: string
    action: PlanAction
    /** For updates: the package properties the server does not match yet. */
    properties?: string[]
}

export interface InstallOptions {
    /** Stop after VALIDATE: show the plan, change nothing. */
    dryRun?: boolean
}

export interface InstallResult {
    plan: PlanItem[]
    counts: { create: number; update: number; unchanged: number }
    /** Nothing to create or update: no import was sent. */
    upToDate: boolean
    validation: ImportReportSummary | null
    commit: ImportReportSummary | null
    errors: ImportErrorReport[]
    /** Option combos missing after the import, before and after the maintenance call. */
    missingOptionCombos: { before: number; after: number; generated: boolean }
    ok: boolean
}

/** Collections in the package that hold metadata objects (`system`, `date`… are skipped). */
export function packageCollections(raw: unknown): MetadataPackage {
    if (!isRecord(raw)) throw LocalizedError.of('METADATA_PACKAGE_NOT_OBJECT')
    const out: MetadataPackage = {}
    for (const [key, value] of Object.entries(raw)) {
        if (!Array.isArray(value)) continue
        const objects = value.filter((o): o is MetadataObject => isRecord(o) && typeof o.id === 'string')
        if (objects.length > 0) out[key] = objects
    }
    return out
}

export async function readPackage(path: string): Promise<MetadataPackage> {
    const text = await readFile(path, 'utf8')
    let raw: unknown
    try {
        raw = JSON.parse(text)
    } catch {
        // JSON.parse quotes the text around the fault: only its place is said
        const at = jsonErrorPosition(text)
        throw LocalizedError.of('JSON_SYNTAX', { line: at?.line ?? '?', col: at?.column ?? '?' })
    }
    // The project's package (it has a `package` descriptor) is checked by its own loader first, so a
    // hand-edited file fails here with a clear message; other DHIS2 metadata files are taken as they are.
    if (isRecord(raw) && isRecord(raw.package)) parseMetadataPackage(raw)
    return packageCollections(raw)
}

/** The full owner view of the objects, so an update can resend what the server has. */
const FETCH_FIELDS = ':owner'
const ID_CHUNK = 50

export async function fetchExisting(
    api: MetadataApi,
    collection: string,
    ids: readonly string[]
): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>()
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
        const chunk = ids.slice(i, i + ID_CHUNK)
        const response = await api.get(collection, {
            filter: `id:in:[${chunk.join(',')}]`,
            fields: FETCH_FIELDS,
            pageSize: ID_CHUNK,
        })
        if (response.status !== 200) throw httpError(response.status, response.data, collection)
        const list = isRecord(response.data) ? response.data[collection] : undefined
        if (!Array.isArray(list)) continue
        for (const item of list) if (isRecord(item) && typeof item.id === 'string') found.set(item.id, item)
    }
    return found
}

export async function planInstall(
    api: MetadataApi,
    pkg: MetadataPackage
): Promise<{ plan: PlanItem[]; payload: MetadataPackage }> {
    const plan: PlanItem[] = []
    const payload: MetadataPackage = {}
    for (const [collection, objects] of Object.entries(pkg)) {
        const existing = await fetchExisting(
            api,
            collection,
            objects.map((o) => o.id)
        )
        for (const object of objects) {
            const item: PlanItem = { collection, id: object.id, action: 'create' }
            if (typeof object.code === 'string') item.code = object.code
            if (typeof object.name === 'string') item.name = object.name
            const current = existing.get(object.id)
            let toSend: MetadataObject | null = object
            if (current !== undefined) {
                const properties = changedProperties(object, current)
                if (properties.length === 0) {
                    item.action = 'unchanged'
                    toSend = null
                } else {
                    item.action = 'update'
                    item.properties = properties
                    toSend = { ...mergeForUpdate(object, current), id: object.id }
                }
            }
            plan.push(item)
            if (toSend !== null) (payload[collection] ??= []).push(toSend)
        }
    }
    return { plan, payload }
}

function importParams(mode: 'VALIDATE' | 'COMMIT'): QueryParams {
    return {
        importMode: mode,
        identifier: 'UID',
        importStrategy: 'CREATE_AND_UPDATE',
        atomicMode: 'ALL',
        importReportMode: 'ERRORS',
    }
}

async function postMetadata(
    api: MetadataApi,
    payload: MetadataPackage,
    mode: 'VALIDATE' | 'COMMIT'
): Promise<ImportReportSummary> {
    const response = await api.post('metadata', payload, importParams(mode))
    return parseImportReport(response.status, response.data)
}

/** Every option combo a disaggregation combo of the package needs: the product of its categories' options. */
export function expectedOptionCombos(
    pkg: MetadataPackage
): Array<{ categoryCombo: string; options: string[] }> {
    const categories = new Map((pkg.categories ?? []).map((c) => [c.id, c]))
    const refs = (value: unknown): string[] =>
        Array.isArray(value)
            ? value.flatMap((v) => (isRecord(v) && typeof v.id === 'string' ? [v.id] : []))
            : []
    const out: Array<{ categoryCombo: string; options: string[] }> = []
    for (const combo of pkg.categoryCombos ?? []) {
        if (combo.name === 'default') continue
        let product: string[][] = [[]]
        for (const categoryId of refs(combo.categories)) {
            const options = refs(categories.get(categoryId)?.categoryOptions)
            product = product.flatMap((prefix) => options.map((o) => [...prefix, o]))
        }
        for (const options of product) if (options.length > 0) out.push({ categoryCombo: combo.id, options })
    }
    return out
}

export async function countMissingOptionCombos(api: MetadataApi, pkg: MetadataPackage): Promise<number> {
    const expected = expectedOptionCombos(pkg)
    const comboIds = [...new Set(expected.map((e) => e.categoryCombo))]
    const have = new Set<string>()
    for (let i = 0; i < comboIds.length; i += ID_CHUNK) {
        const chunk = comboIds.slice(i, i + ID_CHUNK)
        const list = await listAll(api, 'categoryOptionCombos', 'id,categoryCombo[id],categoryOptions[id]', {
            params: { filter: `categoryCombo.id:in:[${chunk.join(',')}]` },
        })
        for (const coc of list) {
            if (!isRecord(coc.categoryCombo) || !Array.isArray(coc.categoryOptions)) continue
            const options = coc.categoryOptions
                .flatMap((o) => (isRecord(o) && typeof o.id === 'string' ? [o.id] : []))
                .sort()
            have.add(`${String(coc.categoryCombo.id)}|${options.join(',')}`)
        }
    }
    return expected.filter((e) => !have.has(`${e.categoryCombo}|${[...e.options].sort().join(',')}`)).length
}

export async function installMetadata(
    api: MetadataApi,
    pkg: MetadataPackage,
    options: InstallOptions = {}
): Promise<InstallResult> {
    const { plan, payload } = await planInstall(api, pkg)
    const counts = {
        create: plan.filter((p) => p.action === 'create').length,
        update: plan.filter((p) => p.action === 'update').length,
        unchanged: plan.filter((p) => p.action === 'unchanged').length,
    }
    const upToDate = counts.create === 0 && counts.update === 0
    const result: InstallResult = {
        plan,
        counts,
        upToDate,
        validation: null,
        commit: null,
        errors: [],
        missingOptionCombos: { before: 0, after: 0, generated: false },
        ok: true,
    }
    if (!upToDate) {
        result.validation = await postMetadata(api, payload, 'VALIDATE')
        if (result.validation.status === 'ERROR') {
            result.errors = result.validation.errors
            result.ok = false
            return result
        }
        if (options.dryRun === true) return result
        result.commit = await postMetadata(api, payload, 'COMMIT')
        result.errors = result.commit.errors
        if (result.commit.status !== 'OK') {
            result.ok = false
            return result
        }
    }
    if (options.dryRun === true) return result
    // /api/metadata does not generate category option combos (DHIS2 2.41): check, and ask for them.
    const before = await countMissingOptionCombos(api, pkg)
    result.missingOptionCombos = { before, after: before, generated: false }
    if (before > 0) {
        const response = await api.post('maintenance/categoryOptionComboUpdate', undefined)
        if (response.status >= 300)
            throw httpError(response.status, response.data, 'maintenance/categoryOptionComboUpdate')
        result.missingOptionCombos.generated = true
        result.missingOptionCombos.after = await countMissingOptionCombos(api, pkg)
        if (result.missingOptionCombos.after > 0) result.ok = false
    }
    return result
}
