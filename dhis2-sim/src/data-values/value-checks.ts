// The per-value checks of DataValueSetImportValidator (2.41.3), one function each, in DHIS2's order: the
// first failing check rejects the value (docs/dhis2-api.md §3.3). Checks resolve the value's ids as they go,
// so a later check may rely on what an earlier one resolved.
import { currentPeriod, parsePeriod, shiftPeriod, type Period } from '../periods/period.js'
import type { ImportContext } from './import-context.js'
import { conflict, trimToNull } from './import-support.js'
import { DEFAULT_COC, type DataElementInfo, type DataSetInfo, type MetadataIndex } from './metadata-index.js'
import type { DataValueEntry } from './payload.js'
import type { ImportConflict } from './summary.js'
import type { SimUser } from '../core/types.js'
import {
    commentIsValid,
    normalizeBoolean,
    storedByIsValid,
    translate,
    valueIsValid,
} from './value-validation.js'

/** A value while it is checked: what the checks so far resolved. */
export interface ValueDraft {
    entry: DataValueEntry
    element?: DataElementInfo
    period?: Period
    orgUnit?: string
    coc?: string
    aoc?: string
    /** The value normalised for its value type (booleans). */
    value: string | null
    /** Data sets the lock and period checks run against (computed once the AOC is known). */
    targets?: DataSetInfo[]
}

/** A value that passed every check. */
export interface ResolvedValue {
    element: DataElementInfo
    period: Period
    orgUnit: string
    coc: string
    aoc: string
    value: string | null
}

export type ValueCheck = (draft: ValueDraft, ctx: ImportContext) => ImportConflict | null

/** A check reads what an earlier check resolved; reaching it unresolved is a programming error. */
function known<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`value check order: ${what} is not resolved yet`)
    return value
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

function targetsOf(draft: ValueDraft, ctx: ImportContext): DataSetInfo[] {
    draft.targets ??= targetDataSets(
        ctx.index,
        ctx.dataSet,
        known(draft.element, 'element'),
        known(draft.orgUnit, 'orgUnit'),
        known(draft.aoc, 'aoc')
    )
    return draft.targets
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

/** The lock and period checks do not apply to a forced import or a value without target data sets. */
function datedChecksApply(draft: ValueDraft, ctx: ImportContext): boolean {
    return !ctx.forceDataInput && targetsOf(draft, ctx).length > 0
}

function optionAccessConflict(
    ctx: ImportContext,
    combo: string,
    code: 'E7614' | 'E7616',
    raw: string | null
): ImportConflict | null {
    for (const option of ctx.index.categoryOptionCombos.get(combo)?.options ?? []) {
        if (ctx.optionWritable(option)) continue
        return code === 'E7614'
            ? conflict(
                  'E7614',
                  'categoryOptionCombo',
                  'Category option combo: `{0}` option not accessible: `{1}`',
                  [
                      ['categoryOptionCombo', raw],
                      ['categoryOption', option],
                  ]
              )
            : conflict(
                  'E7616',
                  'attributeOptionCombo',
                  'Attribute option combo: `{0}` option not accessible: `{1}`',
                  [
                      ['categoryOptionCombo', raw],
                      ['categoryOption', option],
                  ]
              )
    }
    return null
}

export const VALUE_CHECKS: readonly ValueCheck[] = [
    function validateDataValueDataElementExists(draft, ctx) {
        const raw = trimToNull(draft.entry.dataElement)
        const id = raw !== null ? ctx.resolveDataElement(raw) : undefined
        draft.element = id !== undefined ? ctx.index.dataElements.get(id) : undefined
        return draft.element
            ? null
            : conflict('E7610', 'dataElement', 'Data element not found or not accessible: `{0}`', [
                  ['dataElement', draft.entry.dataElement],
              ])
    },
    function validateDataValuePeriodExists(draft, ctx) {
        const { entry } = draft
        draft.period =
            ctx.outerPeriod ?? (entry.period !== null ? parsePeriod(entry.period.trim()) : null) ?? undefined
        return draft.period
            ? null
            : conflict('E7611', 'period', 'Period not valid: `{0}`', [['period', entry.period]])
    },
    function validateDataValueOrgUnitExists(draft, ctx) {
        const { entry } = draft
        draft.orgUnit =
            ctx.outerOrgUnit ??
            (trimToNull(entry.orgUnit) !== null ? ctx.resolveOrgUnit(entry.orgUnit?.trim() ?? '') : undefined)
        return draft.orgUnit !== undefined
            ? null
            : conflict('E7612', 'orgUnit', 'Organisation unit not found or not accessible: `{0}`', [
                  ['organisationUnit', entry.orgUnit],
              ])
    },
    function validateDataValueCategoryOptionComboExists(draft, ctx) {
        const raw = trimToNull(draft.entry.categoryOptionCombo)
        draft.coc = raw !== null ? ctx.resolveCombo(raw) : undefined
        return raw !== null && draft.coc === undefined
            ? conflict(
                  'E7613',
                  'categoryOptionCombo',
                  'Category option combo not found or not accessible for writing data: `{0}`',
                  [['categoryOptionCombo', draft.entry.categoryOptionCombo]]
              )
            : null
    },
    function validateDataValueCategoryOptionComboAccess(draft, ctx) {
        return draft.coc === undefined
            ? null
            : optionAccessConflict(ctx, draft.coc, 'E7614', draft.entry.categoryOptionCombo)
    },
    function validateDataValueAttrOptionComboExists(draft, ctx) {
        const raw = trimToNull(draft.entry.attributeOptionCombo)
        draft.aoc = ctx.outerAoc ?? (raw !== null ? ctx.resolveCombo(raw) : undefined)
        return ctx.outerAoc === undefined && raw !== null && draft.aoc === undefined
            ? conflict(
                  'E7615',
                  'attributeOptionCombo',
                  'Attribute option combo not found or not accessible for writing data: `{0}`',
                  [['categoryOptionCombo', draft.entry.attributeOptionCombo]]
              )
            : null
    },
    function validateDataValueAttrOptionComboAccess(draft, ctx) {
        return draft.aoc === undefined
            ? null
            : optionAccessConflict(
                  ctx,
                  draft.aoc,
                  'E7616',
                  draft.entry.attributeOptionCombo ?? ctx.payload.attributeOptionCombo
              )
    },
    function validateDataValueOrgUnitInUserHierarchy(draft, ctx) {
        return ctx.inHierarchy(known(draft.orgUnit, 'orgUnit'))
            ? null
            : conflict(
                  'E7617',
                  'orgUnit',
                  'Organisation unit: `{0}` not in hierarchy of current user: `{1}`',
                  [
                      ['organisationUnit', draft.entry.orgUnit ?? ctx.outerOrgUnitRaw],
                      ['user', ctx.user.id],
                  ]
              )
    },
    function validateDataValueIsDefined(draft, ctx) {
        const { entry } = draft
        const isNullValue = entry.value === null && entry.comment === null
        return isNullValue && entry.deleted !== true && ctx.strategy !== 'DELETE'
            ? conflict('E7618', 'value', 'Data value or comment not specified for data element: `{0}`', [
                  ['dataElement', entry.dataElement],
              ])
            : null
    },
    function validateDataValueIsValid(draft, ctx) {
        const element = known(draft.element, 'element')
        draft.value = normalizeBoolean(draft.entry.value, element.valueType)
        const errorKey = valueIsValid(draft.value, element.valueType)
        return errorKey === null
            ? null
            : conflict(
                  'E7619',
                  'value',
                  ctx.legacyMessages
                      ? "Value must match data element's `{0}` type constraints: {1}"
                      : 'Value must match value type of data element `{0}`: `{1}`',
                  [
                      ['dataElement', draft.entry.dataElement],
                      ['value', errorKey],
                  ],
                  [draft.entry.dataElement, translate(errorKey, ctx.locale)]
              )
    },
    function validateDataValueCommentIsValid(draft, ctx) {
        const commentKey = commentIsValid(draft.entry.comment)
        return commentKey === null
            ? null
            : conflict(
                  'E7620',
                  'comment',
                  'Invalid comment: {0}',
                  [['comment', commentKey]],
                  [translate(commentKey, ctx.locale)]
              )
    },
    function validateDataValueOptionsExist(draft) {
        const element = known(draft.element, 'element')
        return element.optionCodes && draft.value !== null && !element.optionCodes.has(draft.value)
            ? conflict(
                  'E7621',
                  'value',
                  'Data value is not a valid option of the data element option set: `{0}`',
                  [['dataElement', draft.entry.dataElement]]
              )
            : null
    },
    function checkDataValueCategoryOptionCombo(draft, ctx) {
        if (draft.coc !== undefined) return null
        if (ctx.strict.requireCategoryOptionCombo) {
            return conflict(
                'E7630',
                'categoryOptionCombo',
                'Category option combo is required but is not specified',
                []
            )
        }
        draft.coc = DEFAULT_COC
        return null
    },
    function checkDataValueAttrOptionCombo(draft, ctx) {
        if (draft.aoc !== undefined) return null
        if (ctx.strict.requireAttributeOptionCombo) {
            return conflict(
                'E7631',
                'attributeOptionCombo',
                'Attribute option combo is required but is not specified',
                []
            )
        }
        draft.aoc = DEFAULT_COC
        return null
    },
    function checkDataValuePeriodType(draft, ctx) {
        if (!ctx.strict.strictPeriods) return null
        const element = known(draft.element, 'element')
        const types = element.dataSets.map((id) => ctx.index.dataSets.get(id)?.periodType)
        return types.includes(known(draft.period, 'period').periodType)
            ? null
            : conflict('E7632', null, 'Period type of period: `{0}` not valid for data element: `{1}`', [
                  ['period', draft.entry.period ?? ctx.outerPeriodRaw],
                  ['dataElement', draft.entry.dataElement],
              ])
    },
    function checkDataValueStrictDataElement(draft, ctx) {
        if (!ctx.strict.strictDataElements) return null
        const element = known(draft.element, 'element')
        // The payload's data set, else every data set of the element (not only those of the org unit).
        const targets = ctx.dataSet ? [ctx.dataSet.id] : element.dataSets
        const contains = targets.some((id) => ctx.index.dataSets.get(id)?.elements.has(element.id))
        return contains
            ? null
            : conflict(
                  'E7633',
                  'dataElement',
                  `Data element: \`{0}\` is not part of ${ctx.legacyMessages ? 'dataset' : 'dataset(s)'}: \`{1}\``,
                  [
                      ['dataElement', draft.entry.dataElement],
                      ['dataSet', targets.join(',')],
                  ]
              )
    },
    function checkDataValueStrictCategoryOptionCombos(draft, ctx) {
        if (!ctx.strict.strictCategoryOptionCombos) return null
        const element = known(draft.element, 'element')
        const cocs = element.categoryCombo
            ? ctx.index.categoryCombos.get(element.categoryCombo)?.cocs
            : undefined
        return cocs?.has(known(draft.coc, 'coc'))
            ? null
            : conflict(
                  'E7634',
                  'categoryOptionCombo',
                  'Category option combo: `{0}` must be part of category combo of data element: `{1}`',
                  [
                      ['categoryOptionCombo', draft.entry.categoryOptionCombo],
                      ['dataElement', draft.entry.dataElement],
                  ]
              )
    },
    function checkDataValueStrictAttrOptionCombos(draft, ctx) {
        if (!ctx.strict.strictAttributeOptionCombos) return null
        const aoc = draft.aoc ?? DEFAULT_COC
        const allowed = known(draft.element, 'element').dataSets.some((id) => {
            const ds = ctx.index.dataSets.get(id)
            return ds ? (ctx.index.categoryCombos.get(ds.categoryCombo)?.cocs.has(aoc) ?? false) : false
        })
        return allowed
            ? null
            : conflict(
                  'E7635',
                  'attributeOptionCombo',
                  'Attribute option combo: `{0}` must be part of category combo of data sets of data element: `{1}`',
                  [
                      ['categoryOptionCombo', draft.entry.attributeOptionCombo ?? ctx.outerAocRaw],
                      ['dataElement', draft.entry.dataElement],
                  ]
              )
    },
    function checkDataValueStrictOrgUnits(draft, ctx) {
        if (!ctx.strict.strictOrganisationUnits) return null
        const element = known(draft.element, 'element')
        const assigned = (ctx.index.orgUnitDataSets.get(known(draft.orgUnit, 'orgUnit')) ?? []).some((id) =>
            ctx.index.dataSets.get(id)?.elements.has(element.id)
        )
        return assigned
            ? null
            : conflict(
                  'E7636',
                  'orgUnit',
                  'Data element: `{1}` must be assigned through data sets to organisation unit: `{0}`',
                  [
                      ['organisationUnit', draft.entry.orgUnit ?? ctx.outerOrgUnitRaw],
                      ['dataElement', draft.entry.dataElement],
                  ]
              )
    },
    function checkDataValueStoredByIsValid(draft, ctx) {
        const storedByKey = storedByIsValid(draft.entry.storedBy)
        return storedByKey === null
            ? null
            : conflict(
                  'E7637',
                  'storedBy',
                  'Invalid storedBy: {0}',
                  [['storedBy', storedByKey]],
                  [translate(storedByKey, ctx.locale)]
              )
    },
    function checkDataValuePeriodWithinAttrOptionComboRange(draft, ctx) {
        const period = known(draft.period, 'period')
        const dataSet = ctx.dataSet
        for (const id of ctx.index.categoryOptionCombos.get(known(draft.aoc, 'aoc'))?.options ?? []) {
            const option = ctx.index.categoryOptions.get(id)
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
                return conflict(
                    'E7638',
                    'period',
                    'Period: `{0}` is not within date range of attribute option combo: `{1}`',
                    [
                        ['period', draft.entry.period ?? ctx.outerPeriodRaw],
                        ['categoryOptionCombo', draft.entry.attributeOptionCombo ?? ctx.outerAocRaw],
                    ]
                )
            }
        }
        return null
    },
    function checkDataValueOrgUnitValidForAttrOptionCombo(draft, ctx) {
        let restriction: string[] | null = null
        for (const id of ctx.index.categoryOptionCombos.get(known(draft.aoc, 'aoc'))?.options ?? []) {
            const option = ctx.index.categoryOptions.get(id)
            if (!option || option.orgUnits.length === 0) continue
            restriction =
                restriction === null
                    ? option.orgUnits
                    : restriction.filter((unit) => option.orgUnits.includes(unit))
        }
        if (restriction === null) return null
        const allowed = restriction
        const chain = ctx.index.ancestors(known(draft.orgUnit, 'orgUnit'))
        return chain.some((id) => allowed.includes(id))
            ? null
            : conflict(
                  'E7639',
                  'orgUnit',
                  'Organisation unit: `{0}` is not valid for attribute option combo: `{1}`',
                  [
                      ['organisationUnit', draft.entry.orgUnit ?? ctx.outerOrgUnitRaw],
                      ['categoryOptionCombo', draft.entry.attributeOptionCombo ?? ctx.outerAocRaw],
                  ]
              )
    },
    function checkDataValueDataSetIsNotLocked(draft, ctx) {
        if (!datedChecksApply(draft, ctx)) return null
        const period = known(draft.period, 'period')
        return checkTargets(targetsOf(draft, ctx), ctx.strict.strictDataSetLocking, (target) =>
            isLocked(target, period, ctx.user, ctx.now)
                ? conflict(
                      'E7640',
                      'period',
                      'Current date is past expiry days for period: `{0}`  and data set: `{1}`',
                      [
                          ['period', draft.entry.period ?? ctx.outerPeriodRaw],
                          ['dataSet', target.id],
                      ]
                  )
                : null
        )
    },
    function checkDataValueNotAfterLatestOpenFuturePeriod(draft, ctx) {
        if (!datedChecksApply(draft, ctx)) return null
        const period = known(draft.period, 'period')
        const periodRaw = draft.entry.period ?? ctx.outerPeriodRaw
        return checkTargets(targetsOf(draft, ctx), true, (target) => {
            const latest = latestOpenPeriod(target, ctx.now)
            if (!latest || period.startDate <= latest.endDate) return null
            return conflict(
                'E7641',
                'period',
                ctx.legacyMessages
                    ? 'Period: `{0}` is after latest open future period: `{3}` for data element: `{1}`'
                    : 'Period: `{0}` is after latest open future period: `{3}` for data element: `{1}` and data set: `{2}`',
                [
                    ['period', periodRaw],
                    ['dataElement', draft.entry.dataElement],
                    ['dataSet', target.id],
                ],
                [periodRaw, draft.entry.dataElement, target.id, latest.id]
            )
        })
    },
    function checkDataValuePeriodIsOpenNow(draft, ctx) {
        if (!datedChecksApply(draft, ctx)) return null
        const period = known(draft.period, 'period')
        return checkTargets(targetsOf(draft, ctx), ctx.strict.strictDataSetInputPeriods, (target) =>
            inputPeriodAllowed(target, period, ctx.now)
                ? null
                : conflict(
                      'E7643',
                      'period',
                      'Period: `{0}` is not open for this data set at this time: `{1}`',
                      [
                          ['period', draft.entry.period ?? ctx.outerPeriodRaw],
                          ['dataSet', target.id],
                      ]
                  )
        )
    },
]

/** Runs the checks in order: the first conflict, or the value with every id resolved. */
export function checkValue(entry: DataValueEntry, ctx: ImportContext): ImportConflict | ResolvedValue {
    const draft: ValueDraft = { entry, value: null }
    for (const check of VALUE_CHECKS) {
        const failure = check(draft, ctx)
        if (failure) return failure
    }
    return {
        element: known(draft.element, 'element'),
        period: known(draft.period, 'period'),
        orgUnit: known(draft.orgUnit, 'orgUnit'),
        coc: known(draft.coc, 'coc'),
        aoc: known(draft.aoc, 'aoc'),
        value: draft.value,
    }
}
