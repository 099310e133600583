// The import context of a data value set (DefaultDataValueSetService#createDataSetContext and the context
// it builds), the data-set level checks that abort an import (DataValueSetImportValidator, in DHIS2's order)
// and the completion a `completeDate` asks for (handleComplete). docs/dhis2-api.md §3.1.
import type { Database, SimUser } from '../core/types.js'
import { parsePeriod, type Period } from '../periods/period.js'
import { conflict, memo, trimToNull } from './import-support.js'
import {
    canDataWrite,
    DEFAULT_COC,
    metadataIndex,
    parseIdScheme,
    type DataSetInfo,
    type IdScheme,
    type MetadataIndex,
} from './metadata-index.js'
import type { ImportOptions, ImportStrategy, StrictFlag } from './options.js'
import { parseStrategy } from './options.js'
import type { DataValueSetPayload } from './payload.js'
import type { ImportConflict } from './summary.js'

export interface ImportContextInput {
    db: Database
    user: SimUser
    options: ImportOptions
    now: Date
    /** Minor server version (41 for 2.41.3): a few counting rules changed between releases. */
    minorVersion?: number
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

/** What every value check may read: the options, the user and the set's outer (payload level) ids. */
export interface ImportContext {
    db: Database
    user: SimUser
    now: Date
    index: MetadataIndex
    payload: DataValueSetPayload
    dryRun: boolean
    strategy: ImportStrategy
    strict: Record<StrictFlag, boolean>
    skipExistingCheck: boolean
    locale: string | undefined
    /** 2.39-2.40 counted an unchanged value as updated. */
    unchangedCountsAsUpdate: boolean
    /** 2.38 worded E7619, E7633 and E7641 differently (ErrorCode on the 2.38 branch). */
    legacyMessages: boolean
    /** InputUtils.canForceDataInput: `force` only counts for superusers. */
    forceDataInput: boolean
    resolveDataElement: (raw: string) => string | undefined
    resolveOrgUnit: (raw: string) => string | undefined
    resolveCombo: (raw: string) => string | undefined
    inHierarchy: (orgUnit: string) => boolean
    optionWritable: (option: string) => boolean
    dataSetRaw: string | null
    dataSet: DataSetInfo | undefined
    outerOrgUnitRaw: string | null
    outerOrgUnit: string | undefined
    outerPeriodRaw: string | null
    outerPeriod: Period | null
    outerAocRaw: string | null
    outerAoc: string | undefined
}

/** The context, or the message of the IllegalQueryException InputUtils throws for unknown attribute options. */
export function createImportContext(
    payload: DataValueSetPayload,
    input: ImportContextInput
): ImportContext | { illegal: string } {
    const { db, user, now, options } = input
    const index = metadataIndex(db)
    const schemes = effectiveSchemes(payload, options)
    const resolveOrgUnit = memo((raw) => index.resolve('organisationUnits', schemes.orgUnit, raw))
    const resolveCombo = memo((raw) =>
        index.resolve('categoryOptionCombos', schemes.categoryOptionCombo, raw)
    )

    const dataSetRaw = trimToNull(payload.dataSet)
    const dataSetId = dataSetRaw !== null ? index.resolve('dataSets', schemes.dataSet, dataSetRaw) : undefined
    const dataSet = dataSetId !== undefined ? index.dataSets.get(dataSetId) : undefined
    const outerOrgUnitRaw = trimToNull(payload.orgUnit)
    const outerPeriodRaw = trimToNull(payload.period)
    const outerAocRaw = trimToNull(payload.attributeOptionCombo)
    let outerAoc: string | undefined
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
        if (outerAoc === undefined) return { illegal: 'Illegal category option combo identifier' }
    }
    const minor = input.minorVersion ?? 41
    return {
        db,
        user,
        now,
        index,
        payload,
        dryRun: payload.dryRun ?? options.dryRun,
        strategy: (payload.strategy ? parseStrategy(payload.strategy) : null) ?? options.importStrategy,
        strict: options.strict,
        skipExistingCheck: options.skipExistingCheck,
        locale: user.settings.keyUiLocale,
        unchangedCountsAsUpdate: minor <= 40,
        legacyMessages: minor <= 38,
        forceDataInput: options.force && user.authorities.includes('ALL'),
        resolveDataElement: memo((raw) => index.resolve('dataElements', schemes.dataElement, raw)),
        resolveOrgUnit,
        resolveCombo,
        inHierarchy: memo((orgUnit) => {
            const chain = index.ancestors(orgUnit)
            return user.organisationUnits.some((unit) => chain.includes(unit))
        }),
        optionWritable: memo((option) => {
            const info = index.categoryOptions.get(option)
            return info ? canDataWrite(user, info.object) : true
        }),
        dataSetRaw,
        dataSet,
        outerOrgUnitRaw,
        outerOrgUnit: outerOrgUnitRaw !== null ? resolveOrgUnit(outerOrgUnitRaw) : undefined,
        outerPeriodRaw,
        outerPeriod: outerPeriodRaw !== null ? parsePeriod(outerPeriodRaw) : null,
        outerAocRaw,
        outerAoc,
    }
}

type DataSetCheck = (ctx: ImportContext) => ImportConflict | null

/** DataValueSetImportValidator's data-set validations, in its order; any failure aborts the import. */
export const DATA_SET_CHECKS: readonly DataSetCheck[] = [
    function validateDataSetExists(ctx) {
        return ctx.dataSetRaw !== null && !ctx.dataSet
            ? conflict('E7600', 'dataSet', 'Data set not found or not accessible: `{0}`', [
                  ['dataSet', ctx.dataSetRaw],
              ])
            : null
    },
    function validateDataSetIsAccessibleByUser(ctx) {
        return ctx.dataSet && !canDataWrite(ctx.user, ctx.dataSet.object)
            ? conflict('E7601', 'dataSet', 'User does not have write access for DataSet: `{0}`', [
                  ['dataSet', ctx.dataSetRaw],
              ])
            : null
    },
    function validateDataSetOrgUnitExists(ctx) {
        return ctx.outerOrgUnitRaw !== null && ctx.outerOrgUnit === undefined
            ? conflict('E7603', 'orgUnit', 'Org unit not found or not accessible: `{0}`', [
                  ['organisationUnit', ctx.outerOrgUnitRaw],
              ])
            : null
    },
    function validateDataSetAttrOptionComboExists(ctx) {
        return ctx.outerAocRaw !== null && ctx.outerAoc === undefined
            ? conflict(
                  'E7604',
                  'attributeOptionCombo',
                  'Attribute option combo not found or not accessible: `{0}`',
                  [['categoryOptionCombo', ctx.outerAocRaw]]
              )
            : null
    },
]

/** `completeDate`: "true" → today, "false"/empty → none, a future date → today (DVS getCompletionDate). */
function completionDate(raw: string | null, now: Date): Date | null {
    const value = trimToNull(raw)
    if (value === null || value.toLowerCase() === 'false') return null
    if (value.toLowerCase() === 'true') return now
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value)
    if (Number.isNaN(parsed.getTime())) return null
    return parsed.getTime() > now.getTime() ? now : parsed
}

/**
 * handleComplete, always for the default attribute option combo. DHIS2 applies no org unit hierarchy here
 * (docs/dhis2-api.md §11). Returns the summary's `dataSetComplete` and the conflicts it adds.
 */
export function handleComplete(ctx: ImportContext): {
    dataSetComplete: string | undefined
    conflicts: ImportConflict[]
} {
    const { dataSet, outerOrgUnit, outerPeriod } = ctx
    const completedAt = dataSet ? completionDate(ctx.payload.completeDate, ctx.now) : null
    if (!dataSet || !completedAt) return { dataSetComplete: 'false', conflicts: [] }
    if (outerOrgUnit === undefined || !outerPeriod) {
        return {
            dataSetComplete: undefined,
            conflicts: [
                {
                    object: outerOrgUnit === undefined ? 'OrganisationUnit' : 'Period',
                    objects: {},
                    value: 'Must be provided to complete data set',
                },
            ],
        }
    }
    if (!ctx.dryRun) {
        ctx.db.completeRegistrations.put({
            dataSet: dataSet.id,
            period: outerPeriod.id,
            organisationUnit: outerOrgUnit,
            attributeOptionCombo: DEFAULT_COC,
            completed: true,
            date: completedAt.toISOString(),
            storedBy: ctx.user.username,
            lastUpdated: ctx.now.toISOString(),
        })
    }
    return { dataSetComplete: completedAt.toISOString().slice(0, 10), conflicts: [] }
}
