// GET /api/dataValueSets (docs/dhis2-api.md §6): parameter validation E2001-E2012, selection, id schemes on
// output, the JSON writer's single-dataSet header form, and CSV.
import { gzipSync } from 'node:zlib'
import type {
    Database,
    MetadataCollection,
    SimRequest,
    SimResponse,
    SimUser,
    StoredDataValue,
} from '../core/types.js'
import { conflict } from '../core/web-message.js'
import { parsePeriod } from '../periods/period.js'
import {
    canDataRead,
    DEFAULT_COC,
    metadataIndex,
    parseIdScheme,
    type IdScheme,
    type MetadataIndex,
} from './metadata-index.js'
import { valuesByOrgUnit } from './value-index.js'

class IllegalQuery extends Error {
    constructor(
        readonly code: string,
        message: string
    ) {
        super(message)
    }
}

function all(query: URLSearchParams, name: string): string[] {
    // Repeated parameters and comma-separated lists are both accepted, as Spring binds sets.
    return query
        .getAll(name)
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter((value) => value !== '')
}

function flag(query: URLSearchParams, name: string): boolean {
    return query.get(name)?.toLowerCase() === 'true'
}

/** `DateUtils.getDuration`: `10d`, `12h`, `30m`, `45s` → milliseconds, or null. */
export function parseDuration(value: string): number | null {
    const match = /^(\d+)([dhms])$/.exec(value.trim())
    if (!match) return null
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[match[2] as 'd' | 'h' | 'm' | 's']
    return Number(match[1]) * unit
}

function parseDate(value: string): Date | null {
    const date = new Date(/T|\s/.test(value) && !/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? `${value}Z` : value)
    return Number.isNaN(date.getTime()) ? null : date
}

/** `yyyy-MM-dd'T'HH:mm:ss.SSSZ` in UTC (DateUtils.toLongGmtDate). */
export function longGmtDate(iso: string): string {
    const date = new Date(iso)
    if (Number.isNaN(date.getTime())) return iso
    return `${date.toISOString().slice(0, 23)}+0000`
}

interface Selection {
    dataSets: string[]
    dataElements: Set<string>
    periods: Set<string> | null
    startDate: string | null
    endDate: string | null
    lastUpdated: number | null
    orgUnits: string[]
    orgUnitGroups: string[]
    children: boolean
    attributeOptionCombos: Set<string> | null
    includeDeleted: boolean
    limit: number | null
}

function resolveAll(
    index: MetadataIndex,
    collection: MetadataCollection,
    scheme: IdScheme,
    values: string[]
): string[] {
    const ids: string[] = []
    for (const value of values) {
        const id = index.resolve(collection, scheme, value)
        if (id !== undefined) ids.push(id)
    }
    return ids
}

/** User#getDataViewOrganisationUnitsWithFallback. */
function dataViewUnitsWithFallback(user: SimUser): string[] {
    return user.dataViewOrganisationUnits.length > 0 ? user.dataViewOrganisationUnits : user.organisationUnits
}

function select(db: Database, user: SimUser, query: URLSearchParams, now: Date): Selection {
    const index = metadataIndex(db)
    const inputScheme = parseIdScheme(query.get('inputIdScheme')) ?? { type: 'UID' as const }
    const scheme = (name: string): IdScheme => parseIdScheme(query.get(name)) ?? inputScheme
    const dataSets = resolveAll(index, 'dataSets', scheme('inputDataSetIdScheme'), all(query, 'dataSet'))
    const dataElements = resolveAll(
        index,
        'dataElements',
        scheme('inputDataElementIdScheme'),
        all(query, 'dataElement')
    )
    const groups = resolveAll(index, 'dataElementGroups', inputScheme, all(query, 'dataElementGroup'))
    const periods = all(query, 'period')
        .map((id) => parsePeriod(id)?.id)
        .filter((id): id is string => id !== undefined)
    const startDate = query.get('startDate')
    const endDate = query.get('endDate')
    const lastUpdated = query.get('lastUpdated')
    const lastUpdatedDuration = query.get('lastUpdatedDuration')
    const orgUnits = resolveAll(
        index,
        'organisationUnits',
        scheme('inputOrgUnitIdScheme'),
        all(query, 'orgUnit')
    )
    const orgUnitGroups = resolveAll(index, 'organisationUnitGroups', inputScheme, all(query, 'orgUnitGroup'))
    const children = flag(query, 'children')
    const limitRaw = query.get('limit')
    const limit = limitRaw !== null && limitRaw !== '' ? Number(limitRaw) : null

    if (dataSets.length === 0 && dataElements.length === 0 && groups.length === 0) {
        throw new IllegalQuery(
            'E2001',
            'At least one data element, data set or data element group must be specified'
        )
    }
    const hasStartEnd = Boolean(startDate) && Boolean(endDate)
    if (periods.length === 0 && !hasStartEnd && !lastUpdated && !lastUpdatedDuration) {
        throw new IllegalQuery(
            'E2002',
            'At least one period, start/end dates, last updated or last updated duration must be specified'
        )
    }
    if (periods.length > 0 && hasStartEnd) {
        throw new IllegalQuery('E2003', 'Both periods and start/end date cannot be specified')
    }
    if (hasStartEnd && startDate && endDate && startDate > endDate) {
        throw new IllegalQuery('E2004', 'Start date must be before end date')
    }
    let lastUpdatedAt: number | null = null
    if (lastUpdatedDuration) {
        const duration = parseDuration(lastUpdatedDuration)
        if (duration === null)
            throw new IllegalQuery('E2005', `Duration is not valid: \`${lastUpdatedDuration}\``)
        lastUpdatedAt = now.getTime() - duration
    } else if (lastUpdated) {
        lastUpdatedAt = parseDate(lastUpdated)?.getTime() ?? null
    }
    if (orgUnits.length === 0 && orgUnitGroups.length === 0) {
        throw new IllegalQuery(
            'E2006',
            'At least one organisation unit or organisation unit group must be specified'
        )
    }
    if (children && orgUnitGroups.length > 0) {
        throw new IllegalQuery(
            'E2007',
            'Organisation unit children cannot be included for organisation unit groups'
        )
    }
    if (children && orgUnits.length === 0) {
        throw new IllegalQuery(
            'E2008',
            'At least one organisation unit must be specified when children are included'
        )
    }
    if (limit !== null && (!Number.isFinite(limit) || limit < 0)) {
        throw new IllegalQuery('E2009', `Limit cannot be less than zero: \`${limitRaw ?? ''}\``)
    }
    for (const id of dataSets) {
        const ds = index.dataSets.get(id)
        if (ds && !canDataRead(user, ds.object)) {
            throw new IllegalQuery('E2010', `User is not allowed to read data for data set: \`${id}\``)
        }
    }
    // DefaultDataValueSetService#validate: the data view units (the capture units when there are none),
    // superusers included; a user without any sees no org unit.
    const scope = dataViewUnitsWithFallback(user)
    for (const id of orgUnits) {
        if (!index.ancestors(id).some((ancestor) => scope.includes(ancestor))) {
            throw new IllegalQuery('E2012', `User is not allowed to view org unit: \`${id}\``)
        }
    }

    const elements = new Set(dataElements)
    for (const id of dataSets) for (const de of index.dataSets.get(id)?.elements ?? []) elements.add(de)
    for (const id of groups) {
        const group = db.metadata.get('dataElementGroups', id)
        if (Array.isArray(group?.dataElements)) {
            for (const ref of group.dataElements) {
                if (ref && typeof ref === 'object' && typeof (ref as { id?: unknown }).id === 'string') {
                    elements.add((ref as { id: string }).id)
                }
            }
        }
    }
    const aocIds = resolveAll(index, 'categoryOptionCombos', inputScheme, all(query, 'attributeOptionCombo'))
    return {
        dataSets,
        dataElements: elements,
        periods: periods.length > 0 ? new Set(periods) : null,
        startDate: hasStartEnd ? startDate : null,
        endDate: hasStartEnd ? endDate : null,
        lastUpdated: lastUpdatedAt,
        orgUnits,
        orgUnitGroups,
        children,
        attributeOptionCombos: aocIds.length > 0 ? new Set(aocIds) : null,
        includeDeleted: flag(query, 'includeDeleted'),
        limit,
    }
}

function targetOrgUnits(db: Database, index: MetadataIndex, selection: Selection): string[] {
    const units = new Set<string>(selection.orgUnits)
    if (selection.children) {
        const stack = [...selection.orgUnits]
        while (stack.length > 0) {
            const id = stack.pop() as string
            for (const child of index.children.get(id) ?? []) {
                if (!units.has(child)) {
                    units.add(child)
                    stack.push(child)
                }
            }
        }
    }
    for (const groupId of selection.orgUnitGroups) {
        const group = db.metadata.get('organisationUnitGroups', groupId)
        if (!Array.isArray(group?.organisationUnits)) continue
        for (const ref of group.organisationUnits) {
            if (ref && typeof ref === 'object' && typeof (ref as { id?: unknown }).id === 'string') {
                units.add((ref as { id: string }).id)
            }
        }
    }
    return [...units]
}

function rows(db: Database, selection: Selection): StoredDataValue[] {
    const index = metadataIndex(db)
    const byOrgUnit = valuesByOrgUnit(db)
    const result: StoredDataValue[] = []
    for (const orgUnit of targetOrgUnits(db, index, selection)) {
        for (const value of byOrgUnit.get(orgUnit) ?? []) {
            if (!selection.dataElements.has(value.dataElement)) continue
            if (value.deleted && !selection.includeDeleted) continue
            if (selection.periods && !selection.periods.has(value.period)) continue
            if (selection.startDate !== null && selection.endDate !== null) {
                const period = parsePeriod(value.period)
                if (!period || period.startDate < selection.startDate || period.endDate > selection.endDate)
                    continue
            }
            if (
                selection.lastUpdated !== null &&
                new Date(value.lastUpdated).getTime() < selection.lastUpdated
            )
                continue
            if (
                selection.attributeOptionCombos &&
                !selection.attributeOptionCombos.has(value.attributeOptionCombo)
            )
                continue
            result.push(value)
        }
    }
    const order = (value: StoredDataValue): string =>
        `${parsePeriod(value.period)?.startDate ?? value.period}|${value.orgUnit}|${value.dataElement}|${value.categoryOptionCombo}|${value.attributeOptionCombo}`
    result.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
    return selection.limit !== null ? result.slice(0, selection.limit) : result
}

interface OutputSchemes {
    dataElement: IdScheme
    orgUnit: IdScheme
    categoryOptionCombo: IdScheme
    attributeOptionCombo: IdScheme
    dataSet: IdScheme
}

function outputSchemes(query: URLSearchParams): OutputSchemes {
    const generic = parseIdScheme(query.get('idScheme')) ?? { type: 'UID' as const }
    const pick = (name: string): IdScheme => parseIdScheme(query.get(name)) ?? generic
    return {
        dataElement: pick('dataElementIdScheme'),
        orgUnit: pick('orgUnitIdScheme'),
        categoryOptionCombo: pick('categoryOptionComboIdScheme'),
        attributeOptionCombo: pick('attributeOptionComboIdScheme'),
        dataSet: pick('dataSetIdScheme'),
    }
}

function wantsCsv(request: SimRequest): boolean {
    if (request.format === 'csv' || request.query.get('format') === 'csv') return true
    if (request.format === 'json' || request.query.get('format') === 'json') return false
    const accept = request.headers.accept
    const value = Array.isArray(accept) ? accept.join(',') : (accept ?? '')
    return /(application|text)\/csv/.test(value) && !/application\/json/.test(value)
}

function csvField(value: string | null): string {
    if (value === null) return ''
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function getDataValueSets(request: SimRequest): SimResponse {
    const user = request.user
    if (!user) return conflict('No current user')
    let selection: Selection
    try {
        selection = select(request.db, user, request.query, request.now())
    } catch (error) {
        if (error instanceof IllegalQuery) return conflict(error.message, { errorCode: error.code })
        throw error
    }
    const index = metadataIndex(request.db)
    const schemes = outputSchemes(request.query)
    const selected = rows(request.db, selection)
    const compression = request.query.get('compression')
    const attachment = request.query.get('attachment')

    if (wantsCsv(request)) {
        const lines = [
            'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup,deleted',
        ]
        for (const value of selected) {
            lines.push(
                [
                    index.render('dataElements', schemes.dataElement, value.dataElement),
                    value.period,
                    index.render('organisationUnits', schemes.orgUnit, value.orgUnit),
                    index.render(
                        'categoryOptionCombos',
                        schemes.categoryOptionCombo,
                        value.categoryOptionCombo
                    ),
                    index.render(
                        'categoryOptionCombos',
                        schemes.attributeOptionCombo,
                        value.attributeOptionCombo
                    ),
                    value.value,
                    value.storedBy,
                    longGmtDate(value.lastUpdated),
                    value.comment,
                    String(value.followup),
                    value.deleted ? 'true' : '',
                ]
                    .map(csvField)
                    .join(',')
            )
        }
        return packed(
            lines.join('\n') + '\n',
            'application/csv; charset=UTF-8',
            compression,
            attachment,
            'csv'
        )
    }

    const dataValues = selected.map((value) => {
        const out: Record<string, unknown> = {
            dataElement: index.render('dataElements', schemes.dataElement, value.dataElement),
            period: value.period,
            orgUnit: index.render('organisationUnits', schemes.orgUnit, value.orgUnit),
            categoryOptionCombo: index.render(
                'categoryOptionCombos',
                schemes.categoryOptionCombo,
                value.categoryOptionCombo
            ),
            attributeOptionCombo: index.render(
                'categoryOptionCombos',
                schemes.attributeOptionCombo,
                value.attributeOptionCombo
            ),
            value: value.value,
            storedBy: value.storedBy,
            created: longGmtDate(value.created),
            lastUpdated: longGmtDate(value.lastUpdated),
            comment: value.comment,
            followup: value.followup,
        }
        if (value.deleted) out.deleted = true
        return out
    })
    let body: Record<string, unknown> = { dataValues }
    const singlePeriod = selection.periods?.size === 1 ? [...selection.periods][0] : undefined
    if (
        selection.dataSets.length === 1 &&
        singlePeriod !== undefined &&
        selection.orgUnits.length === 1 &&
        selection.orgUnitGroups.length === 0
    ) {
        const dataSet = selection.dataSets[0] as string
        const orgUnit = selection.orgUnits[0] as string
        const registration = request.db.completeRegistrations.get(dataSet, singlePeriod, orgUnit, DEFAULT_COC)
        body = {
            dataSet: index.render('dataSets', schemes.dataSet, dataSet),
            completeDate: registration && registration.completed ? longGmtDate(registration.date) : null,
            period: singlePeriod,
            orgUnit: index.render('organisationUnits', schemes.orgUnit, orgUnit),
            dataValues,
        }
    }
    return packed(JSON.stringify(body), 'application/json; charset=UTF-8', compression, attachment, 'json')
}

function packed(
    text: string,
    contentType: string,
    compression: string | null,
    attachment: string | null,
    extension: string
): SimResponse {
    const headers: Record<string, string> = { 'Content-Type': contentType }
    if (compression === 'gzip') {
        headers['Content-Type'] = `application/${extension}+gzip`
        headers['Content-Disposition'] = `attachment; filename=${attachment ?? `dataValues.${extension}`}.gz`
        return { status: 200, headers, body: gzipSync(Buffer.from(text, 'utf8')) }
    }
    if (attachment) headers['Content-Disposition'] = `attachment; filename=${attachment}`
    return { status: 200, headers, body: text }
}
