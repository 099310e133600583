// The live DHIS2 metadata drift is checked against, fetched with explicit fields.
import { isRecord } from '../core/is-record.js'
import type { MetadataApi } from '../dhis2/metadata-api.js'
import { listAll } from '../dhis2/paginate.js'

export interface LiveObject {
    id: string
    code?: string
    name?: string
    /** Reference fields we compare: categoryCombo, parent… as ids, with codes where asked. */
    refs: Record<string, { id: string; code?: string; name?: string } | undefined>
    closedDate?: string
    periodType?: string
    /** For category combos: option combos (id, code, option codes). */
    optionCombos?: Array<{ id: string; code?: string; options: string[] }>
}

export const LIVE_QUERIES: Record<string, string> = {
    dataElements: 'id,code,name,categoryCombo[id,code]',
    categoryCombos: 'id,code,name,categoryOptionCombos[id,code,categoryOptions[code]]',
    categoryOptionCombos: 'id,code,name,categoryCombo[id,code]',
    categoryOptions: 'id,code,name',
    categories: 'id,code,name',
    dataSets: 'id,code,name,periodType,categoryCombo[id,code]',
    indicators: 'id,code,name',
    indicatorTypes: 'id,code,name',
    organisationUnitGroups: 'id,code,name',
    organisationUnitGroupSets: 'id,code,name',
    organisationUnits: 'id,code,name,closedDate,parent[id,code,name]',
    userGroups: 'id,code,name',
}

export class LiveMetadata {
    private readonly byId = new Map<string, Map<string, LiveObject>>()
    private readonly byCode = new Map<string, Map<string, LiveObject>>()

    add(collection: string, object: LiveObject): void {
        const ids = this.byId.get(collection) ?? new Map<string, LiveObject>()
        const codes = this.byCode.get(collection) ?? new Map<string, LiveObject>()
        ids.set(object.id, object)
        if (object.code !== undefined) codes.set(object.code.toUpperCase(), object)
        this.byId.set(collection, ids)
        this.byCode.set(collection, codes)
    }

    get(collection: string, id: string): LiveObject | undefined {
        return this.byId.get(collection)?.get(id)
    }

    byCodeOf(collection: string, code: string): LiveObject | undefined {
        return this.byCode.get(collection)?.get(code.toUpperCase())
    }

    /** By UID, else by code. */
    find(collection: string, key: string): LiveObject | undefined {
        return this.get(collection, key) ?? this.byCodeOf(collection, key)
    }
}

function toRef(value: unknown): LiveObject['refs'][string] {
    if (!isRecord(value) || typeof value.id !== 'string') return undefined
    const out: { id: string; code?: string; name?: string } = { id: value.id }
    if (typeof value.code === 'string') out.code = value.code
    if (typeof value.name === 'string') out.name = value.name
    return out
}

export function toLive(raw: Record<string, unknown>): LiveObject | undefined {
    if (typeof raw.id !== 'string') return undefined
    const live: LiveObject = { id: raw.id, refs: {} }
    if (typeof raw.code === 'string') live.code = raw.code
    if (typeof raw.name === 'string') live.name = raw.name
    if (typeof raw.closedDate === 'string') live.closedDate = raw.closedDate
    if (typeof raw.periodType === 'string') live.periodType = raw.periodType
    for (const key of ['categoryCombo', 'parent']) live.refs[key] = toRef(raw[key])
    if (Array.isArray(raw.categoryOptionCombos)) {
        live.optionCombos = raw.categoryOptionCombos.flatMap((c) => {
            if (!isRecord(c) || typeof c.id !== 'string') return []
            const options = Array.isArray(c.categoryOptions)
                ? c.categoryOptions.flatMap((o) =>
                      isRecord(o) && typeof o.code === 'string' ? [o.code] : []
                  )
                : []
            return [{ id: c.id, ...(typeof c.code === 'string' ? { code: c.code } : {}), options }]
        })
    }
    return live
}

export async function fetchLive(api: MetadataApi): Promise<LiveMetadata> {
    const live = new LiveMetadata()
    for (const [collection, fields] of Object.entries(LIVE_QUERIES)) {
        for (const raw of await listAll(api, collection, fields, { pageSize: 1000 })) {
            const object = toLive(raw)
            if (object !== undefined) live.add(collection, object)
        }
    }
    return live
}
