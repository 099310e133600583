// What DHIS2 holds for the facility-months a push is about to send, read before planning so the
// plan is made against DHIS2 itself, not only against the bridge's memory of it.
//
// GET /api/dataValueSets binds `dataSet`, `period` and `orgUnit` as sets (DataValueSetQueryParams,
// 2.39-2.42): one request covers one data set × many periods × many org units. Each value comes
// with `storedBy` and `lastUpdated`, which say who changed it and when. The whole request is refused
// (409, E2012) if one org unit is outside the account's view: such a batch is split until the
// culprits are alone, and their facility-months are planned against the ledger only.
import { setTimeout as sleep } from 'node:timers/promises'
import { z } from 'zod'
import { valueKey } from '../core/types.js'
import { Dhis2Error, type Dhis2Client } from '../dhis2/client.js'

export interface Dhis2Value {
    value: string
    comment?: string
    storedBy?: string
    lastUpdated?: string
}

export interface Dhis2Holdings {
    /** By `valueKey()`. */
    values: Map<string, Dhis2Value>
    /** `chunkKey()` scopes DHIS2 answered for: a key absent there is absent in DHIS2. */
    read: Set<string>
    /** Scopes DHIS2 would not let the account read, with DHIS2's reason. */
    unread: Map<string, string>
    requests: number
}

export interface Scope {
    dataSet: string
    orgUnit: string
    period: string
}

const answerSchema = z
    .object({
        dataSet: z.string().optional(),
        period: z.string().optional(),
        orgUnit: z.string().optional(),
        attributeOptionCombo: z.string().optional(),
        dataValues: z
            .array(
                z
                    .object({
                        dataElement: z.string(),
                        period: z.string().optional(),
                        orgUnit: z.string().optional(),
                        categoryOptionCombo: z.string().optional(),
                        attributeOptionCombo: z.string().optional(),
                        value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
                        comment: z.string().nullish(),
                        storedBy: z.string().nullish(),
                        lastUpdated: z.string().nullish(),
                        deleted: z.boolean().optional(),
                    })
                    .loose()
            )
            .default([]),
    })
    .loose()

export interface ReadOptions {
    /** Org units per request: keeps the URL well under the 8 KiB proxies and Tomcat accept. */
    orgUnitsPerRequest?: number
    maxAttempts?: number
    backoffMs?: number
}

/** Reads are idempotent: retried on network errors, 5xx and 429 like the pushes. */
async function getWithRetry(
    client: Dhis2Client,
    params: URLSearchParams,
    options: Required<ReadOptions>
): Promise<{ status: number; data: unknown }> {
    for (let attempt = 1; ; attempt++) {
        try {
            const res = await client.request({ method: 'GET', url: 'dataValueSets', params })
            if ((res.status >= 500 || res.status === 429) && attempt < options.maxAttempts) {
                await sleep(options.backoffMs * 2 ** (attempt - 1))
                continue
            }
            return { status: res.status, data: res.data }
        } catch (e) {
            const retry = e instanceof Dhis2Error && e.retryable && attempt < options.maxAttempts
            if (!retry) throw e
            await sleep(options.backoffMs * 2 ** (attempt - 1))
        }
    }
}

function refusal(status: number, data: unknown): string {
    const body = data && typeof data === 'object' ? (data as Record<string, unknown>) : {}
    const code = typeof body.errorCode === 'string' ? `${body.errorCode} ` : ''
    const message = typeof body.message === 'string' ? body.message : ''
    return `HTTP ${status} ${code}${message}`.trim()
}

export async function readDhis2Values(
    client: Dhis2Client,
    scopes: Iterable<Scope>,
    options: ReadOptions = {}
): Promise<Dhis2Holdings> {
    const opts: Required<ReadOptions> = {
        orgUnitsPerRequest: options.orgUnitsPerRequest ?? 40,
        maxAttempts: options.maxAttempts ?? 4,
        backoffMs: options.backoffMs ?? 500,
    }
    const out: Dhis2Holdings = { values: new Map(), read: new Set(), unread: new Map(), requests: 0 }
    // data set → org unit → periods
    const wanted = new Map<string, Map<string, Set<string>>>()
    for (const s of scopes) {
        let byOu = wanted.get(s.dataSet)
        if (!byOu) wanted.set(s.dataSet, (byOu = new Map()))
        let periods = byOu.get(s.orgUnit)
        if (!periods) byOu.set(s.orgUnit, (periods = new Set()))
        periods.add(s.period)
    }

    const readBatch = async (dataSet: string, orgUnits: string[], byOu: Map<string, Set<string>>) => {
        const periods = new Set<string>()
        for (const ou of orgUnits) for (const p of byOu.get(ou) ?? []) periods.add(p)
        const params = new URLSearchParams()
        params.append('dataSet', dataSet)
        for (const p of [...periods].sort()) params.append('period', p)
        for (const ou of orgUnits) params.append('orgUnit', ou)
        out.requests++
        let res: { status: number; data: unknown }
        try {
            res = await getWithRetry(client, params, opts)
        } catch (e) {
            // refused credentials stop the run; a DHIS2 that does not answer leaves these to the ledger
            if (!(e instanceof Dhis2Error) || e.kind === 'unauthorized' || e.kind === 'forbidden') throw e
            for (const ou of orgUnits)
                for (const p of byOu.get(ou) ?? []) out.unread.set(`${dataSet}|${ou}|${p}`, e.message)
            return
        }
        if (res.status !== 200) {
            if (res.status >= 500 || res.status === 429 || orgUnits.length === 1) {
                for (const ou of orgUnits)
                    for (const p of byOu.get(ou) ?? [])
                        out.unread.set(`${dataSet}|${ou}|${p}`, refusal(res.status, res.data))
                return
            }
            // one org unit outside the account's view refuses the whole batch: halve until it is alone
            const half = Math.ceil(orgUnits.length / 2)
            await readBatch(dataSet, orgUnits.slice(0, half), byOu)
            await readBatch(dataSet, orgUnits.slice(half), byOu)
            return
        }
        const answer = answerSchema.parse(res.data)
        for (const ou of orgUnits) for (const p of byOu.get(ou) ?? []) out.read.add(`${dataSet}|${ou}|${p}`)
        for (const dv of answer.dataValues) {
            if (dv.deleted) continue
            const v = dv.value
            if (v === null || v === undefined) continue
            const key = valueKey({
                dataElement: dv.dataElement,
                period: dv.period ?? answer.period ?? '',
                orgUnit: dv.orgUnit ?? answer.orgUnit ?? '',
                categoryOptionCombo: dv.categoryOptionCombo ?? '',
                attributeOptionCombo: dv.attributeOptionCombo ?? answer.attributeOptionCombo ?? '',
            })
            const held: Dhis2Value = { value: String(v) }
            if (dv.comment) held.comment = dv.comment
            if (dv.storedBy) held.storedBy = dv.storedBy
            if (dv.lastUpdated) held.lastUpdated = dv.lastUpdated
            out.values.set(key, held)
        }
    }

    for (const [dataSet, byOu] of wanted) {
        const orgUnits = [...byOu.keys()].sort()
        for (let i = 0; i < orgUnits.length; i += opts.orgUnitsPerRequest)
            await readBatch(dataSet, orgUnits.slice(i, i + opts.orgUnitsPerRequest), byOu)
    }
    return out
}
