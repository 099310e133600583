// The data value set import of DHIS2 2.38-2.42 (DefaultDataValueSetService + DataValueSetImportValidator),
// docs/dhis2-api.md §3.1 and §3.3: data-set level aborts, per-value checks in DHIS2's order stopping at the
// first failure, grouped conflicts, the counting rules and the write.
import type { Database, DataValueKey, SimUser, StoredDataValue } from '../core/types.js'
import { currentPeriod, parsePeriod, shiftPeriod, type Period } from '../periods/period.js'
import {
    canDataWrite,
    DEFAULT_COC,
    metadataIndex,
    parseIdScheme,
    type DataElementInfo,
    type DataSetInfo,
    type IdScheme,
    type MetadataIndex,
} from './metadata-index.js'
import type { ImportOptions, ImportStrategy } from './options.js'
import { parseStrategy } from './options.js'
import type { DataValueEntry, DataValueSetPayload } from './payload.js'
import { ConflictCollector, type ImportConflict, type ImportCount, type ImportStatus } from './summary.js'
import { recordInsert } from './value-index.js'
import {
    commentIsValid,
    isZeroAndInsignificant,
    normalizeBoolean,
    storedByIsValid,
    translate,
    valueIsValid,
} from './value-validation.js'

export interface ImportResult {
    status: ImportStatus
    description: string
    importCount: ImportCount
    conflicts: ImportConflict[]
    rejectedIndexes: number[]
    /** Undefined when the import was aborted. */
    dataSetComplete?: string
}

export interface ImportContextInput {
    db: Database
    user: SimUser
    options: ImportOptions
    now: Date
    /** Minor server version (41 for 2.41.3): a few counting rules changed between releases. */
    minorVersion?: number
}

const EMPTY_COUNT = (): ImportCount => ({ imported: 0, updated: 0, ignored: 0, deleted: 0 })

/** A summary for a body that could not be read (DVS catches the parser exception). */
export function failedImport(message: string): ImportResult {
    return {
        status: 'ERROR',
        description: `The import process failed: ${message}`,
        importCount: EMPTY_COUNT(),
        conflicts: [],
        rejectedIndexes: [],
    }
}

interface Schemes {
    generic: IdScheme
    dataElement: IdScheme
    orgUnit: IdScheme
    categoryOptionCombo: IdScheme
    dataSet: IdScheme
}

/** payload specific > query specific > payload idScheme > query idScheme > UID (DVS createIdScheme). */
function effectiveSchemes(payload: DataValueSetPayload, options: ImportOptions): Schemes {
    const generic = parseIdScheme(payload.idScheme) ?? options.idSchemes.idScheme ?? { type: 'UID' }
    const pick = (payloadValue: string | null, queryValue: IdScheme | undefined): IdScheme =>
        parseIdScheme(payloadValue) ?? queryValue ?? generic
    return {
        generic,
        dataElement: pick(payload.dataElementIdScheme, options.idSchemes.dataElementIdScheme),
        orgUnit: pick(payload.orgUnitIdScheme, options.idSchemes.orgUnitIdScheme),
        categoryOptionCombo: pick(
            payload.categoryOptionComboIdScheme,
            options.idSchemes.categoryOptionComboIdScheme
        ),
        dataSet: pick(payload.dataSetIdScheme, options.idSchemes.dataSetIdScheme),
    }
}

/** Memoised id lookups: an import repeats the same few ids many thousand times. */
function memo<T>(compute: (key: string) => T): (key: string) => T {
    const cache = new Map<string, T>()
    return (key) => {
        if (cache.has(key)) return cache.get(key) as T
        const value = compute(key)
        cache.set(key, value)
        return value
    }
}

function trimToNull(value: string | null): string | null {
    if (value === null) return null
    const trimmed = value.trim()
    return trimmed === '' ? null : trimmed
}

/** `completeDate`: "true" → today, "false"/empty → none, a future date → today (DVS getCompletionDate). */
function completionDate(raw: string | null, now: Date): Date | null {
    const value = trimToNull(raw)
    if (value === null || value.toLowerCase() === 'false') return null
    if (value.toLowerCase() === 'true') return now
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value)
    if (Number.isNaN(parsed.getTime())) return null
    return parsed.getTime() > now.getTime() ? now : parsed
}

function message(template: string, args: Array<string | null>): string {
    return template.replace(/\{(\d)\}/g, (_, n: string) => args[Number(n)] ?? 'null')
}

function objectsOf(pairs: Array<[string, string | null]>): Record<string, string> {
    const objects: Record<string, string> = {}
    for (const [key, value] of pairs) if (value !== null) objects[key] = value
    return objects
}

/** Builds a conflict the way DataValueImportConflict descriptors do: first id = `object`. */
function conflict(
    errorCode: string,
    property: string | null,
    template: string,
    objects: Array<[string, string | null]>,
    args: Array<string | null> = objects.map(([, value]) => value)
): ImportConflict {
    const result: ImportConflict = { objects: objectsOf(objects), value: message(template, args), errorCode }
    const first = objects[0]?.[1]
    if (first !== undefined && first !== null) result.object = first
    if (property !== null) result.property = property
    return result
}

/** Lock check of DataSet.isLocked: expiry days after the period's last day, unless F_EDIT_EXPIRED. */
export function isLocked(dataSet: DataSetInfo, period: Period, user: SimUser, now: Date): boolean {
    if (dataSet.expiryDays <= 0) return false
    if (user.authorities.includes('ALL') || user.authorities.includes('F_EDIT_EXPIRED')) return false
    const lockStart = new Date(`${period.endDate}T00:00:00Z`).getTime() + dataSet.expiryDays * 86_400_000
    return now.getTime() > lockStart
}

/** The latest open period of a data set: current − 1 + openFuturePeriods (PeriodType.getFuturePeriod). */
function latestOpenPeriod(dataSet: DataSetInfo, now: Date): Period | null {
    if (!dataSet.periodType) return null
    return shiftPeriod(currentPeriod(dataSet.periodType, now), dataSet.openFuturePeriods - 1)
}

function inputPeriodAllowed(dataSet: DataSetInfo, period: Period, now: Date): boolean {
    if (dataSet.inputPeriods.length === 0) return true
    const instant = now.getTime()
    return dataSet.inputPeriods.some(
        (entry) =>
            parsePeriod(entry.period)?.id === period.id &&
            (entry.openingDate === null || new Date(entry.openingDate).getTime() <= instant) &&
            (entry.closingDate === null || new Date(entry.closingDate).getTime() >= instant)
    )
}

export function importDataValueSet(payload: DataValueSetPayload, input: ImportContextInput): ImportResult {
    const { db, user, now } = input
    const options = input.options
    const index = metadataIndex(db)
    const schemes = effectiveSchemes(payload, options)
    const dryRun = payload.dryRun ?? options.dryRun
    const strategy: ImportStrategy =
        (payload.strategy ? parseStrategy(payload.strategy) : null) ?? options.importStrategy
    const strict = options.strict
    const locale = user.settings.keyUiLocale
    const collector = new ConflictCollector()
    const unchangedCountsAsUpdate = (input.minorVersion ?? 41) <= 40
    // 2.38 worded E7619, E7633 and E7641 differently (ErrorCode on the 2.38 branch).
    const legacyMessages = (input.minorVersion ?? 41) <= 38
    // InputUtils.canForceDataInput: `force` only counts for superusers.
    const forceDataInput = options.force && user.authorities.includes('ALL')

    const resolveDataElement = memo((raw) => index.resolve('dataElements', schemes.dataElement, raw))
    const resolveOrgUnit = memo((raw) => index.resolve('organisationUnits', schemes.orgUnit, raw))
    const resolveCombo = memo((raw) =>
        index.resolve('categoryOptionCombos', schemes.categoryOptionCombo, raw)
    )

    // ---- Outer context (DVS createDataSetContext)
    const dataSetRaw = trimToNull(payload.dataSet)
    const dataSetId = dataSetRaw !== null ? index.resolve('dataSets', schemes.dataSet, dataSetRaw) : undefined
    const dataSet = dataSetId !== undefined ? index.dataSets.get(dataSetId) : undefined
    const outerOrgUnitRaw = trimToNull(payload.orgUnit)
    const outerOrgUnit = outerOrgUnitRaw !== null ? resolveOrgUnit(outerOrgUnitRaw) : undefined
    const outerPeriodRaw = trimToNull(payload.period)
    const outerPeriod = outerPeriodRaw !== null ? parsePeriod(outerPeriodRaw) : null
    let outerAoc: string | undefined
    const outerAocRaw = trimToNull(payload.attributeOptionCombo)
    if (outerAocRaw !== null) {
        outerAoc = resolveCombo(outerAocRaw)
    } else if (dataSet && payload.attributeCategoryOptions) {
        const wanted = new Set(
            payload.attributeCategoryOptions.map(
                (raw) => index.resolve('categoryOptions', schemes.generic, raw) ?? raw
            )
        )
        const cocs = index.categoryCombos.get(dataSet.categoryCombo)?.cocs ?? new Set<string>()
        for (const coc of cocs) {
            const options = index.categoryOptionCombos.get(coc)?.options ?? []
            if (options.length === wanted.size && options.every((option) => wanted.has(option))) {
                outerAoc = coc
            }
        }
        // InputUtils throws an IllegalQueryException, which the import reports as a failure.
        if (outerAoc === undefined) return failedImport('Illegal category option combo identifier')
    }

    // ---- Data-set level checks: any failure aborts the whole import.
    const abort = (c: ImportConflict): ImportResult => ({
        status: 'ERROR',
        description: 'Import process was aborted',
        importCount: EMPTY_COUNT(),
        conflicts: [c],
        rejectedIndexes: [],
    })
    if (dataSetRaw !== null && !dataSet) {
        return abort(
            conflict('E7600', 'dataSet', 'Data set not found or not accessible: `{0}`', [
                ['dataSet', dataSetRaw],
            ])
        )
    }
    if (dataSet && !canDataWrite(user, dataSet.object)) {
        return abort(
            conflict('E7601', 'dataSet', 'User does not have write access for DataSet: `{0}`', [
                ['dataSet', dataSetRaw],
            ])
        )
    }
    if (!dataSet && strict.strictDataElements) {
        return abort(conflict('E7602', 'dataSet', 'A valid dataset is required', []))
    }
    if (outerOrgUnitRaw !== null && outerOrgUnit === undefined) {
        return abort(
            conflict('E7603', 'orgUnit', 'Org unit not found or not accessible: `{0}`', [
                ['organisationUnit', outerOrgUnitRaw],
            ])
        )
    }
    if (outerAocRaw !== null && outerAoc === undefined) {
        return abort(
            conflict(
                'E7604',
                'attributeOptionCombo',
                'Attribute option combo not found or not accessible: `{0}`',
                [['categoryOptionCombo', outerAocRaw]]
            )
        )
    }

    // ---- Completeness (handleComplete), always for the default attribute option combo.
    let dataSetComplete: string | undefined = 'false'
    const completionConflicts: ImportConflict[] = []
    const completedAt = dataSet ? completionDate(payload.completeDate, now) : null
    if (dataSet && completedAt) {
        if (outerOrgUnit === undefined || !outerPeriod) {
            dataSetComplete = undefined
            completionConflicts.push({
                object: outerOrgUnit === undefined ? 'OrganisationUnit' : 'Period',
                objects: {},
                value: 'Must be provided to complete data set',
            })
        } else {
            if (!dryRun) {
                db.completeRegistrations.put({
                    dataSet: dataSet.id,
                    period: outerPeriod.id,
                    organisationUnit: outerOrgUnit,
                    attributeOptionCombo: DEFAULT_COC,
                    completed: true,
                    date: completedAt.toISOString(),
                    storedBy: user.username,
                    lastUpdated: now.toISOString(),
                })
            }
            dataSetComplete = completedAt.toISOString().slice(0, 10)
        }
    }

    // ---- Per-value caches of checks that depend only on ids.
    const inHierarchy = memo((orgUnit) => {
        const chain = index.ancestors(orgUnit)
        return user.organisationUnits.some((unit) => chain.includes(unit))
    })
    const optionWritable = memo((option) => {
        const info = index.categoryOptions.get(option)
        return info ? canDataWrite(user, info.object) : true
    })
    const counts = EMPTY_COUNT()
    const nowIso = now.toISOString()
    const store = db.dataValues

    for (const c of completionConflicts) collector.add(c)
    const values = payload.dataValues
    for (let i = 0; i < values.length; i++) {
        const entry = values[i] as DataValueEntry
        const result = validate(entry, i)
        if (result === null) continue
        write(entry, i, result)
    }

    interface Resolved {
        element: DataElementInfo
        period: Period
        orgUnit: string
        coc: string
        aoc: string
        value: string | null
    }

    function validate(entry: DataValueEntry, i: number): Resolved | null {
        const fail = (c: ImportConflict): null => {
            collector.add(c, i)
            counts.ignored++
            return null
        }
        const deRaw = trimToNull(entry.dataElement)
        const deId = deRaw !== null ? resolveDataElement(deRaw) : undefined
        const element = deId !== undefined ? index.dataElements.get(deId) : undefined
        if (!element) {
            return fail(
                conflict('E7610', 'dataElement', 'Data element not found or not accessible: `{0}`', [
                    ['dataElement', entry.dataElement],
                ])
            )
        }
        const period = outerPeriod ?? (entry.period !== null ? parsePeriod(entry.period.trim()) : null)
        if (!period) {
            return fail(conflict('E7611', 'period', 'Period not valid: `{0}`', [['period', entry.period]]))
        }
        const orgUnit =
            outerOrgUnit ??
            (trimToNull(entry.orgUnit) !== null ? resolveOrgUnit(entry.orgUnit?.trim() ?? '') : undefined)
        if (orgUnit === undefined) {
            return fail(
                conflict('E7612', 'orgUnit', 'Organisation unit not found or not accessible: `{0}`', [
                    ['organisationUnit', entry.orgUnit],
                ])
            )
        }
        const cocRaw = trimToNull(entry.categoryOptionCombo)
        let coc = cocRaw !== null ? resolveCombo(cocRaw) : undefined
        if (cocRaw !== null && coc === undefined) {
            return fail(
                conflict(
                    'E7613',
                    'categoryOptionCombo',
                    'Category option combo not found or not accessible for writing data: `{0}`',
                    [['categoryOptionCombo', entry.categoryOptionCombo]]
                )
            )
        }
        if (coc !== undefined) {
            for (const option of index.categoryOptionCombos.get(coc)?.options ?? []) {
                if (!optionWritable(option)) {
                    return fail(
                        conflict(
                            'E7614',
                            'categoryOptionCombo',
                            'Category option combo: `{0}` option not accessible: `{1}`',
                            [
                                ['categoryOptionCombo', entry.categoryOptionCombo],
                                ['categoryOption', option],
                            ]
                        )
                    )
                }
            }
        }
        const aocRaw = trimToNull(entry.attributeOptionCombo)
        let aoc = outerAoc ?? (aocRaw !== null ? resolveCombo(aocRaw) : undefined)
        if (outerAoc === undefined && aocRaw !== null && aoc === undefined) {
            return fail(
                conflict(
                    'E7615',
                    'attributeOptionCombo',
                    'Attribute option combo not found or not accessible for writing data: `{0}`',
                    [['categoryOptionCombo', entry.attributeOptionCombo]]
                )
            )
        }
        if (aoc !== undefined) {
            for (const option of index.categoryOptionCombos.get(aoc)?.options ?? []) {
                if (!optionWritable(option)) {
                    return fail(
                        conflict(
                            'E7616',
                            'attributeOptionCombo',
                            'Attribute option combo: `{0}` option not accessible: `{1}`',
                            [
                                [
                                    'categoryOptionCombo',
                                    entry.attributeOptionCombo ?? payload.attributeOptionCombo,
                                ],
                                ['categoryOption', option],
                            ]
                        )
                    )
                }
            }
        }
        if (!inHierarchy(orgUnit)) {
            return fail(
                conflict(
                    'E7617',
                    'orgUnit',
                    'Organisation unit: `{0}` not in hierarchy of current user: `{1}`',
                    [
                        ['organisationUnit', entry.orgUnit ?? outerOrgUnitRaw],
                        ['user', user.id],
                    ]
                )
            )
        }
        const isNullValue = entry.value === null && entry.comment === null
        if (isNullValue && entry.deleted !== true && strategy !== 'DELETE') {
            return fail(
                conflict('E7618', 'value', 'Data value or comment not specified for data element: `{0}`', [
                    ['dataElement', entry.dataElement],
                ])
            )
        }
        const value = normalizeBoolean(entry.value, element.valueType)
        const errorKey = valueIsValid(value, element.valueType)
        if (errorKey !== null) {
            return fail(
                conflict(
                    'E7619',
                    'value',
                    legacyMessages
                        ? "Value must match data element's `{0}` type constraints: {1}"
                        : 'Value must match value type of data element `{0}`: `{1}`',
                    [
                        ['dataElement', entry.dataElement],
                        ['value', errorKey],
                    ],
                    [entry.dataElement, translate(errorKey, locale)]
                )
            )
        }
        const commentKey = commentIsValid(entry.comment)
        if (commentKey !== null) {
            return fail(
                conflict(
                    'E7620',
                    'comment',
                    'Invalid comment: {0}',
                    [['comment', commentKey]],
                    [translate(commentKey, locale)]
                )
            )
        }
        if (element.optionCodes && value !== null && !element.optionCodes.has(value)) {
            return fail(
                conflict(
                    'E7621',
                    'value',
                    'Data value is not a valid option of the data element option set: `{0}`',
                    [['dataElement', entry.dataElement]]
                )
            )
        }
        if (coc === undefined) {
            if (strict.requireCategoryOptionCombo) {
                return fail(
                    conflict(
                        'E7630',
                        'categoryOptionCombo',
                        'Category option combo is required but is not specified',
                        []
                    )
                )
            }
            coc = DEFAULT_COC
        }
        if (aoc === undefined) {
            if (strict.requireAttributeOptionCombo) {
                return fail(
                    conflict(
                        'E7631',
                        'attributeOptionCombo',
                        'Attribute option combo is required but is not specified',
                        []
                    )
                )
            }
            aoc = DEFAULT_COC
        }
        if (strict.strictPeriods) {
            const types = element.dataSets.map((id) => index.dataSets.get(id)?.periodType)
            if (!types.includes(period.periodType)) {
                return fail(
                    conflict(
                        'E7632',
                        null,
                        'Period type of period: `{0}` not valid for data element: `{1}`',
                        [
                            ['period', entry.period ?? outerPeriodRaw],
                            ['dataElement', entry.dataElement],
                        ]
                    )
                )
            }
        }
        const targets = targetDataSets(index, dataSet, element, orgUnit, aoc)
        if (strict.strictDataElements && dataSet) {
            if (!targets.some((target) => target.elements.has(element.id))) {
                return fail(
                    conflict(
                        'E7633',
                        'dataElement',
                        `Data element: \`{0}\` is not part of ${legacyMessages ? 'dataset' : 'dataset(s)'}: \`{1}\``,
                        [
                            ['dataElement', entry.dataElement],
                            ['dataSet', dataSet.id],
                        ]
                    )
                )
            }
        }
        if (strict.strictCategoryOptionCombos) {
            const cocs = element.categoryCombo
                ? index.categoryCombos.get(element.categoryCombo)?.cocs
                : undefined
            if (!cocs?.has(coc)) {
                return fail(
                    conflict(
                        'E7634',
                        'categoryOptionCombo',
                        'Category option combo: `{0}` must be part of category combo of data element: `{1}`',
                        [
                            ['categoryOptionCombo', entry.categoryOptionCombo],
                            ['dataElement', entry.dataElement],
                        ]
                    )
                )
            }
        }
        if (strict.strictAttributeOptionCombos) {
            const allowed = element.dataSets.some((id) => {
                const ds = index.dataSets.get(id)
                return ds
                    ? (index.categoryCombos.get(ds.categoryCombo)?.cocs.has(aoc ?? DEFAULT_COC) ?? false)
                    : false
            })
            if (!allowed) {
                return fail(
                    conflict(
                        'E7635',
                        'attributeOptionCombo',
                        'Attribute option combo: `{0}` must be part of category combo of data sets of data element: `{1}`',
                        [
                            ['categoryOptionCombo', entry.attributeOptionCombo ?? outerAocRaw],
                            ['dataElement', entry.dataElement],
                        ]
                    )
                )
            }
        }
        if (strict.strictOrganisationUnits) {
            const assigned = (index.orgUnitDataSets.get(orgUnit) ?? []).some((id) =>
                index.dataSets.get(id)?.elements.has(element.id)
            )
            if (!assigned) {
                return fail(
                    conflict(
                        'E7636',
                        'orgUnit',
                        'Data element: `{1}` must be assigned through data sets to organisation unit: `{0}`',
                        [
                            ['organisationUnit', entry.orgUnit ?? outerOrgUnitRaw],
                            ['dataElement', entry.dataElement],
                        ]
                    )
                )
            }
        }
        const storedByKey = storedByIsValid(entry.storedBy)
        if (storedByKey !== null) {
            return fail(
                conflict(
                    'E7637',
                    'storedBy',
                    'Invalid storedBy: {0}',
                    [['storedBy', storedByKey]],
                    [translate(storedByKey, locale)]
                )
            )
        }
        const aocOptions = (index.categoryOptionCombos.get(aoc)?.options ?? []).map((id) =>
            index.categoryOptions.get(id)
        )
        for (const option of aocOptions) {
            if (!option) continue
            let end = option.endDate
            const extra = dataSet?.openPeriodsAfterCoEndDate ?? 0
            if (end !== null && extra > 0 && dataSet?.periodType) {
                end = shiftPeriod(currentPeriod(dataSet.periodType, end), extra).endDate
            }
            if (
                (option.startDate !== null && option.startDate > period.endDate) ||
                (end !== null && end < period.startDate)
            ) {
                return fail(
                    conflict(
                        'E7638',
                        'period',
                        'Period: `{0}` is not within date range of attribute option combo: `{1}`',
                        [
                            ['period', entry.period ?? outerPeriodRaw],
                            ['categoryOptionCombo', entry.attributeOptionCombo ?? outerAocRaw],
                        ]
                    )
                )
            }
        }
        let restriction: string[] | null = null
        for (const option of aocOptions) {
            if (!option || option.orgUnits.length === 0) continue
            restriction =
                restriction === null
                    ? option.orgUnits
                    : restriction.filter((id) => option.orgUnits.includes(id))
        }
        if (restriction !== null) {
            const chain = index.ancestors(orgUnit)
            const allowed = restriction
            if (!chain.some((id) => allowed.includes(id))) {
                return fail(
                    conflict(
                        'E7639',
                        'orgUnit',
                        'Organisation unit: `{0}` is not valid for attribute option combo: `{1}`',
                        [
                            ['organisationUnit', entry.orgUnit ?? outerOrgUnitRaw],
                            ['categoryOptionCombo', entry.attributeOptionCombo ?? outerAocRaw],
                        ]
                    )
                )
            }
        }
        if (!forceDataInput && targets.length > 0) {
            const lockFailure = checkTargets(targets, strict.strictDataSetLocking, (target) =>
                isLocked(target, period, user, now)
                    ? conflict(
                          'E7640',
                          'period',
                          'Current date is past expiry days for period: `{0}`  and data set: `{1}`',
                          [
                              ['period', entry.period ?? outerPeriodRaw],
                              ['dataSet', target.id],
                          ]
                      )
                    : null
            )
            if (lockFailure) return fail(lockFailure)
            const futureFailure = checkTargets(targets, true, (target) => {
                const latest = latestOpenPeriod(target, now)
                if (!latest || period.startDate <= latest.endDate) return null
                return conflict(
                    'E7641',
                    'period',
                    legacyMessages
                        ? 'Period: `{0}` is after latest open future period: `{3}` for data element: `{1}`'
                        : 'Period: `{0}` is after latest open future period: `{3}` for data element: `{1}` and data set: `{2}`',
                    [
                        ['period', entry.period ?? outerPeriodRaw],
                        ['dataElement', entry.dataElement],
                        ['dataSet', target.id],
                    ],
                    [entry.period ?? outerPeriodRaw, entry.dataElement, target.id, latest.id]
                )
            })
            if (futureFailure) return fail(futureFailure)
            const inputFailure = checkTargets(targets, strict.strictDataSetInputPeriods, (target) =>
                inputPeriodAllowed(target, period, now)
                    ? null
                    : conflict(
                          'E7643',
                          'period',
                          'Period: `{0}` is not open for this data set at this time: `{1}`',
                          [
                              ['period', entry.period ?? outerPeriodRaw],
                              ['dataSet', target.id],
                          ]
                      )
            )
            if (inputFailure) return fail(inputFailure)
        }
        return { element, period, orgUnit, coc, aoc, value }
    }

    function write(entry: DataValueEntry, i: number, resolved: Resolved): void {
        const { element, period, orgUnit, coc, aoc } = resolved
        const key: DataValueKey = {
            dataElement: element.id,
            period: period.id,
            orgUnit,
            categoryOptionCombo: coc,
            attributeOptionCombo: aoc,
        }
        const existing = options.skipExistingCheck ? undefined : store.get(key)
        const live = existing !== undefined && !existing.deleted
        const value = trimToNull(resolved.value)
        const comment = trimToNull(entry.comment)
        const zero = isZeroAndInsignificant(value, element)
        const removal = entry.deleted === true || (value === null && comment === null)
        const rejectIgnored = (): void => {
            counts.ignored++
            collector.reject(i)
        }
        const softDelete = (): void => {
            counts.deleted++
            if (!dryRun && existing) update(existing, { deleted: true, lastUpdated: nowIso })
        }
        const insert = (): void => {
            counts.imported++
            if (dryRun) return
            const fields = {
                value,
                comment,
                followup: entry.followup ?? false,
                storedBy: entry.storedBy ?? user.username,
                lastUpdated: validInstant(entry.lastUpdated) ?? nowIso,
                deleted: false,
            }
            if (existing) update(existing, fields)
            else {
                const row: StoredDataValue = {
                    ...key,
                    ...fields,
                    created: validInstant(entry.created) ?? nowIso,
                }
                store.put(row)
                recordInsert(db, row)
            }
        }
        // Order of DefaultDataValueSetService.importDataValue: a zero of an element where zero is not
        // significant is skipped (not counted, not rejected) unless there is a row to delete.
        if (zero && (existing === undefined || strategy === 'CREATE')) return
        if (live) {
            if (strategy === 'DELETE') return softDelete()
            if (strategy === 'CREATE') return rejectIgnored()
            if (removal || zero) return softDelete()
            // A missing follow-up flag reads as false (DataValue.isFollowup).
            const followup = entry.followup ?? false
            if (existing.value === value && existing.comment === comment && existing.followup === followup) {
                // 2.41 counts an unchanged value as ignored; 2.39-2.40 counted it as updated.
                if (unchangedCountsAsUpdate) counts.updated++
                else counts.ignored++
                return
            }
            counts.updated++
            if (!dryRun) {
                update(existing, {
                    value,
                    comment,
                    followup,
                    storedBy: entry.storedBy ?? user.username,
                    created: validInstant(entry.created) ?? existing.created,
                    lastUpdated: validInstant(entry.lastUpdated) ?? nowIso,
                    deleted: false,
                })
            }
            return
        }
        if (strategy === 'UPDATE' || strategy === 'DELETE') return rejectIgnored()
        // Null values are not persisted: ignored, without rejection.
        if (removal) {
            counts.ignored++
            return
        }
        insert()
    }

    /** Updates keep the stored object (the export index holds references to it). */
    function update(existing: StoredDataValue, changes: Partial<StoredDataValue>): void {
        Object.assign(existing, changes)
        store.put(existing)
    }

    const conflicts = collector.list()
    return {
        status: conflicts.length > 0 ? 'WARNING' : 'SUCCESS',
        description: 'Import process completed successfully',
        importCount: counts,
        conflicts,
        rejectedIndexes: collector.rejectedIndexes(),
        ...(dataSetComplete !== undefined ? { dataSetComplete } : {}),
    }
}

function validInstant(value: string | null): string | null {
    if (value === null) return null
    const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
    return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/**
 * Data sets the lock, future-period and input-period checks run against: the payload data set, or
 * every data set of the element assigned to the org unit whose category combo is the AOC's.
 */
function targetDataSets(
    index: MetadataIndex,
    dataSet: DataSetInfo | undefined,
    element: DataElementInfo,
    orgUnit: string,
    aoc: string
): DataSetInfo[] {
    if (dataSet) return [dataSet]
    const aocCombo = index.categoryOptionCombos.get(aoc)?.categoryCombo ?? null
    const result: DataSetInfo[] = []
    for (const id of element.dataSets) {
        const ds = index.dataSets.get(id)
        if (ds && ds.orgUnits.has(orgUnit) && ds.categoryCombo === aocCombo) result.push(ds)
    }
    return result
}

/** Strict: every target must pass (first failure reported). Otherwise one passing target suffices. */
function checkTargets(
    targets: DataSetInfo[],
    strict: boolean,
    check: (target: DataSetInfo) => ImportConflict | null
): ImportConflict | null {
    let first: ImportConflict | null = null
    for (const target of targets) {
        const failure = check(target)
        if (failure === null) {
            if (!strict) return null
        } else {
            first ??= failure
            if (strict) return failure
        }
    }
    return first
}
