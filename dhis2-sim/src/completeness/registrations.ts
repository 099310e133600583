// /api/completeDataSetRegistrations (docs/dhis2-api.md §11): legacy conflicts without error codes, and the
// status rule of finalizeSummary (ERROR only when every registration was ignored).
import type { CompleteRegistration, SimRequest, SimResponse } from '../core/types.js'
import { accessDenied, badRequest, conflict, noContent } from '../core/web-message.js'
import { DEFAULT_COC, metadataIndex, parseIdScheme, type IdScheme } from '../data-values/metadata-index.js'
import { parseStrategy } from '../data-values/options.js'
import { decompress } from '../data-values/payload.js'
import {
    ConflictCollector,
    importSummaryResponse,
    minorVersion,
    summaryBody,
} from '../data-values/summary.js'
import { isLocked } from '../data-values/value-checks.js'
import { parsePeriod, periodsInRange, PERIOD_TYPES } from '../periods/period.js'

function text(value: unknown): string | null {
    if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
    if (typeof value === 'number') return String(value)
    return null
}

function flag(query: URLSearchParams, name: string): boolean {
    return query.get(name)?.toLowerCase() === 'true'
}

function toDate(value: string | null, fallback: Date): Date {
    if (value === null) return fallback
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
    return Number.isNaN(date.getTime()) ? fallback : date
}

export function postCompleteRegistrations(request: SimRequest): SimResponse {
    const user = request.user
    if (!user) return accessDenied()
    const { db, query } = request
    const index = metadataIndex(db)
    const now = request.now()
    let raw: unknown
    try {
        raw = JSON.parse(decompress(request.body).toString('utf8'))
    } catch (error) {
        return badRequest(error instanceof Error ? error.message : String(error))
    }
    const payload =
        raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
    const generic = parseIdScheme(text(payload.idScheme)) ??
        parseIdScheme(query.get('idScheme')) ?? { type: 'UID' }
    const scheme = (name: string): IdScheme =>
        parseIdScheme(text(payload[name])) ?? parseIdScheme(query.get(name)) ?? generic
    const dataSetScheme = scheme('dataSetIdScheme')
    const orgUnitScheme = scheme('orgUnitIdScheme')
    const aocScheme = scheme('attributeOptionComboIdScheme')
    const dryRun = payload.dryRun === true || flag(query, 'dryRun')
    const strategy =
        parseStrategy(text(payload.strategy) ?? query.get('importStrategy') ?? 'CREATE_AND_UPDATE') ??
        'CREATE_AND_UPDATE'
    const list = Array.isArray(payload.completeDataSetRegistrations)
        ? payload.completeDataSetRegistrations
        : []

    const collector = new ConflictCollector()
    const counts = { imported: 0, updated: 0, ignored: 0, deleted: 0 }
    const legacy = (object: string | null, value: string): void => {
        collector.add(object !== null ? { object, objects: {}, value } : { objects: {}, value })
        counts.ignored++
    }
    for (const item of list) {
        const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {}
        const dataSetRaw = text(record.dataSet)
        const dataSet = dataSetRaw !== null ? index.resolve('dataSets', dataSetScheme, dataSetRaw) : undefined
        if (dataSet === undefined) {
            legacy(dataSetRaw, 'Data set not found or not accessible')
            continue
        }
        const periodRaw = text(record.period)
        const period = periodRaw !== null ? parsePeriod(periodRaw) : null
        if (!period) {
            legacy(periodRaw, 'Period not valid')
            continue
        }
        const orgUnitRaw = text(record.organisationUnit)
        const orgUnit =
            orgUnitRaw !== null ? index.resolve('organisationUnits', orgUnitScheme, orgUnitRaw) : undefined
        if (orgUnit === undefined) {
            legacy(orgUnitRaw, 'Organisation unit not found or not accessible')
            continue
        }
        if (!index.ancestors(orgUnit).some((id) => user.organisationUnits.includes(id))) {
            legacy(orgUnitRaw, `Organisation unit is not in hierarchy of user: ${user.username}`)
            continue
        }
        const aocRaw = text(record.attributeOptionCombo)
        const aoc = aocRaw !== null ? index.resolve('categoryOptionCombos', aocScheme, aocRaw) : DEFAULT_COC
        if (aoc === undefined) {
            legacy(aocRaw, 'Attribute option combo not found or not accessible')
            continue
        }
        const existing = db.completeRegistrations.get(dataSet, period.id, orgUnit, aoc)
        if (strategy === 'DELETE') {
            if (existing) {
                counts.deleted++
                if (!dryRun) db.completeRegistrations.remove(dataSet, period.id, orgUnit, aoc)
            } else counts.ignored++
            continue
        }
        if ((existing && strategy === 'CREATE') || (!existing && strategy === 'UPDATE')) {
            counts.ignored++
            continue
        }
        const registration: CompleteRegistration = {
            dataSet,
            period: period.id,
            organisationUnit: orgUnit,
            attributeOptionCombo: aoc,
            completed: record.completed !== false && record.completed !== 'false',
            date: toDate(text(record.date), now).toISOString(),
            storedBy: text(record.storedBy) ?? user.username,
            lastUpdated: now.toISOString(),
        }
        if (existing) counts.updated++
        else counts.imported++
        if (!dryRun) db.completeRegistrations.put(registration)
    }
    const allIgnored = list.length === 0 || counts.ignored === list.length
    const summary = summaryBody(
        {
            status: allIgnored ? 'ERROR' : 'SUCCESS',
            importOptions: { idSchemes: {}, dryRun, async: false, importStrategy: strategy },
            description: 'Import process complete.',
            importCount: counts,
            conflicts: collector.list(),
        },
        minorVersion(request.serverVersion)
    )
    return importSummaryResponse(summary, request.serverVersion, request.apiVersion)
}

function all(query: URLSearchParams, name: string): string[] {
    return query
        .getAll(name)
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter((value) => value !== '')
}

/**
 * `GET /api/completeDataSetRegistrations` (docs/dhis2-api.md §11), as
 * `DefaultCompleteDataSetRegistrationExchangeService`: unknown ids are dropped (`paramsFromUrl`), every
 * requested org unit must be in the user's hierarchy (`decideAccess`, E2012), then `validate` runs its
 * checks in order and the LAST failing one is answered (409 with its E20xx code).
 */
export function getCompleteRegistrations(request: SimRequest): SimResponse {
    const { db, query } = request
    const index = metadataIndex(db)
    const generic = parseIdScheme(query.get('idScheme')) ?? { type: 'UID' as const }
    const dataSets = new Set(
        all(query, 'dataSet')
            .map((id) =>
                index.resolve('dataSets', parseIdScheme(query.get('dataSetIdScheme')) ?? generic, id)
            )
            .filter((id): id is string => id !== undefined)
    )
    let periods: Set<string> | null = null
    const periodIds = all(query, 'period')
    const startDate = query.get('startDate')
    const endDate = query.get('endDate')
    // Periods win over dates (paramsFromUrl), so DHIS2's E2003 cannot come from a URL.
    if (periodIds.length > 0) {
        periods = new Set(
            periodIds.map((id) => parsePeriod(id)?.id).filter((id): id is string => id !== undefined)
        )
    } else if (startDate && endDate) {
        periods = new Set(
            PERIOD_TYPES.flatMap((type) => periodsInRange(type, startDate, endDate).map((p) => p.id))
        )
    }
    const created = query.get('created')
    const createdDuration = query.get('createdDuration')
    const orgUnitScheme = parseIdScheme(query.get('orgUnitIdScheme')) ?? generic
    const orgUnits = all(query, 'orgUnit')
        .map((id) => index.resolve('organisationUnits', orgUnitScheme, id))
        .filter((id): id is string => id !== undefined)
    const groups = all(query, 'orgUnitGroup').filter((id) => db.metadata.get('organisationUnitGroups', id))
    const children = flag(query, 'children')
    const limitRaw = query.get('limit')
    const limit = limitRaw ? Number(limitRaw) : null

    const user = request.user
    for (const ou of orgUnits) {
        if (!user || !index.ancestors(ou).some((id) => user.organisationUnits.includes(id)))
            return conflict(`User is not allowed to view org unit: \`${ou}\``, { errorCode: 'E2012' })
    }
    let error: [string, string] | null = null
    if (dataSets.size === 0) error = ['E2013', 'At least one data set must be specified']
    if (periods === null && !created && !createdDuration) {
        error = [
            'E2002',
            'At least one period, start/end dates, last updated or last updated duration must be specified',
        ]
    }
    const datesOnly = periodIds.length === 0 && startDate && endDate
    if (datesOnly && toDate(startDate, new Date(0)) > toDate(endDate, new Date(0)))
        error = ['E2004', 'Start date must be before end date']
    if (createdDuration && !/^\d+[smhd]$/.test(createdDuration))
        error = ['E2005', `Duration is not valid: \`${createdDuration}\``]
    if (orgUnits.length === 0 && groups.length === 0)
        error = ['E2006', 'At least one organisation unit or organisation unit group must be specified']
    if (children && groups.length > 0)
        error = ['E2007', 'Organisation unit children cannot be included for organisation unit groups']
    if (children && orgUnits.length === 0)
        error = ['E2008', 'At least one organisation unit must be specified when children are included']
    if (limit !== null && limit < 0) error = ['E2009', `Limit cannot be less than zero: \`${limitRaw}\``]
    if (error) return conflict(error[1], { errorCode: error[0] })

    const roots = [...orgUnits]
    for (const groupId of groups) {
        const group = db.metadata.get('organisationUnitGroups', groupId)
        if (Array.isArray(group?.organisationUnits)) {
            for (const ref of group.organisationUnits) {
                const id = ref && typeof ref === 'object' ? (ref as { id?: unknown }).id : undefined
                if (typeof id === 'string') roots.push(id)
            }
        }
    }
    const createdAfter = created ? toDate(created, new Date(0)).getTime() : null
    const result: Array<Record<string, unknown>> = []
    for (const registration of db.completeRegistrations.all()) {
        if (!dataSets.has(registration.dataSet)) continue
        if (periods && !periods.has(registration.period)) continue
        const chain = index.ancestors(registration.organisationUnit)
        if (
            children
                ? !roots.some((root) => chain.includes(root))
                : !roots.includes(registration.organisationUnit)
        )
            continue
        if (createdAfter !== null && new Date(registration.date).getTime() < createdAfter) continue
        result.push({
            period: registration.period,
            dataSet: registration.dataSet,
            organisationUnit: registration.organisationUnit,
            attributeOptionCombo: registration.attributeOptionCombo,
            date: registration.date.slice(0, 23),
            storedBy: registration.storedBy,
            lastUpdated: registration.lastUpdated.slice(0, 23),
            completed: registration.completed,
        })
        if (limit !== null && result.length >= limit) break
    }
    // The streaming writer opens the array at the first registration: none gives `{}`.
    return { status: 200, body: result.length > 0 ? { completeDataSetRegistrations: result } : {} }
}

/**
 * CompleteDataSetRegistrationController#deleteCompleteDataSetRegistration (2.39-2.42): DHIS2 checks that the
 * identifiers exist and that no data set is locked, but not the user's org unit hierarchy; it only removes
 * registrations of data sets assigned to each org unit (docs/dhis2-api.md §11).
 */
export function deleteCompleteRegistrations(request: SimRequest): SimResponse {
    const user = request.user
    if (!user) return accessDenied()
    const { db, query } = request
    const index = metadataIndex(db)
    const dataSets = [...new Set(all(query, 'ds'))]
    const pe = query.get('pe') ?? ''
    const period = parsePeriod(pe)
    const orgUnit = query.get('ou') ?? ''
    // The message prints the requested Set<String> as Java does: `[a, b]`.
    if (dataSets.length === 0 || dataSets.some((id) => !index.dataSets.has(id))) {
        return conflict(`Illegal data set identifier in this list: [${dataSets.join(', ')}]`)
    }
    if (!period) return conflict(`Illegal period identifier: ${pe}`)
    if (!db.metadata.get('organisationUnits', orgUnit)) {
        return conflict(`Illegal organisation unit identifier: ${orgUnit}`)
    }
    const aoc = attributeOptionCombo(index, query.get('cc'), query.get('cp'))
    if (typeof aoc !== 'string') return aoc
    const multiOu = flag(query, 'multiOu')
    const now = request.now()
    // getLockStatus with multiOu looks at the children only (DefaultDataSetService#getLockStatus).
    const lockUnits = multiOu ? (index.children.get(orgUnit) ?? []) : [orgUnit]
    const locked = dataSets.filter((id) => {
        const dataSet = index.dataSets.get(id)
        return dataSet !== undefined && lockUnits.length > 0 && isLocked(dataSet, period, user, now)
    })
    if (locked.length > 0) return conflict(`Locked Data set(s) : ${locked.join(', ')}`)
    const units = multiOu ? [orgUnit, ...(index.children.get(orgUnit) ?? [])] : [orgUnit]
    for (const ds of dataSets) {
        const assigned = index.dataSets.get(ds)?.orgUnits ?? new Set<string>()
        for (const unit of units) {
            if (assigned.has(unit)) db.completeRegistrations.remove(ds, period.id, unit, aoc)
        }
    }
    return noContent()
}

/** InputUtils#getAttributeOptionCombo(cc, cp, false): the default combo without cc and cp, else the match. */
function attributeOptionCombo(
    index: ReturnType<typeof metadataIndex>,
    cc: string | null,
    cp: string | null
): string | SimResponse {
    const options = cp === null ? null : cp.split(';').filter((option) => option !== '')
    if ((cc === null) !== (options === null)) {
        return conflict('Both category combination and category options must be specified', {
            errorCode: 'E2040',
        })
    }
    if (cc === null || options === null) return DEFAULT_COC
    const combo = index.categoryCombos.get(cc)
    if (!combo)
        return conflict(`Category combo not found or not accessible: \`${cc}\``, { errorCode: 'E1110' })
    const missing = options.find((option) => !index.categoryOptions.has(option))
    if (missing !== undefined) {
        return conflict(`Category option not found or not accessible: \`${missing}\``, { errorCode: 'E1111' })
    }
    const wanted = new Set(options)
    const match = [...combo.cocs].find((coc) => {
        const found = index.categoryOptionCombos.get(coc)?.options ?? []
        return found.length === wanted.size && found.every((option) => wanted.has(option))
    })
    if (!match) {
        return conflict(
            'Attribute option combo does not exist for given category combo and category options',
            {
                errorCode: 'E2041',
            }
        )
    }
    return match
}
