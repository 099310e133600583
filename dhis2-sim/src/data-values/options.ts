// Query parameters bound onto DHIS2's ImportOptions (docs/dhis2-api.md §2.4) and their echo (§4.3).
import type { SystemSettings } from '../core/types.js'
import { idSchemeName, parseIdScheme, type IdScheme } from './metadata-index.js'

export type ImportStrategy = 'CREATE_AND_UPDATE' | 'CREATE' | 'UPDATE' | 'DELETE'

const STRATEGIES: Record<string, ImportStrategy> = {
    CREATE_AND_UPDATE: 'CREATE_AND_UPDATE',
    CREATE: 'CREATE',
    UPDATE: 'UPDATE',
    DELETE: 'DELETE',
    SYNC: 'CREATE_AND_UPDATE',
    NEW_AND_UPDATES: 'CREATE_AND_UPDATE',
    NEW: 'CREATE',
    UPDATES: 'UPDATE',
    DELETES: 'DELETE',
}

export const IMPORT_STRATEGY_NAMES = Object.keys(STRATEGIES)

/** ImportStrategy name → behaviour; null when the name is not an enum constant. */
export function parseStrategy(value: string): ImportStrategy | null {
    return STRATEGIES[value.trim().toUpperCase()] ?? null
}

export interface IdSchemeParams {
    idScheme?: IdScheme
    dataElementIdScheme?: IdScheme
    orgUnitIdScheme?: IdScheme
    categoryOptionComboIdScheme?: IdScheme
    dataSetIdScheme?: IdScheme
}

export const ID_SCHEME_PARAMS = [
    'idScheme',
    'dataElementIdScheme',
    'orgUnitIdScheme',
    'categoryOptionComboIdScheme',
    'dataSetIdScheme',
] as const

const STRICT_FLAGS = [
    ['strictPeriods', 'keyDataImportStrictPeriods', false],
    ['strictDataElements', 'keyDataImportStrictDataElements', false],
    ['strictCategoryOptionCombos', 'keyDataImportStrictCategoryOptionCombos', false],
    ['strictAttributeOptionCombos', 'keyDataImportStrictAttributeOptionCombos', false],
    ['strictOrganisationUnits', 'keyDataImportStrictOrganisationUnits', false],
    ['requireCategoryOptionCombo', 'keyDataImportRequireCategoryOptionCombo', false],
    ['requireAttributeOptionCombo', 'keyDataImportRequireAttributeOptionCombo', false],
    ['strictDataSetApproval', 'keyDataImportStrictDataSetApproval', true],
    ['strictDataSetLocking', 'keyDataImportStrictDataSetLocking', true],
    ['strictDataSetInputPeriods', 'keyDataImportStrictDataSetInputPeriods', true],
] as const

export type StrictFlag = (typeof STRICT_FLAGS)[number][0]

export interface ImportOptions {
    idSchemes: IdSchemeParams
    dryRun: boolean
    async: boolean
    importStrategy: ImportStrategy
    /** The strategy name as given (echoed). */
    importStrategyName: string
    skipExistingCheck: boolean
    force: boolean
    firstRowIsHeader: boolean
    dataSet: string | null
    /** Effective flags: query parameter OR system setting. */
    strict: Record<StrictFlag, boolean>
    /** What the query said, for the echo. */
    echo: Record<string, unknown>
}

export class OptionError extends Error {}

function bool(query: URLSearchParams, name: string, fallback: boolean): boolean {
    const value = query.get(name)
    if (value === null || value === '') return fallback
    const lower = value.trim().toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    throw new OptionError(
        `Value '${value}' is not valid for parameter ${name}. Valid values are: [true, false]`
    )
}

function settingOn(settings: SystemSettings, key: string, fallback: boolean): boolean {
    const value = settings[key]
    if (value === undefined || value === null) return fallback
    return value === true || value === 'true'
}

/** Binds the query string; throws OptionError (→ 400) for values Spring would refuse. */
export function parseImportOptions(query: URLSearchParams, settings: SystemSettings): ImportOptions {
    const strategyParam = query.get('importStrategy') ?? query.get('strategy')
    let importStrategy: ImportStrategy = 'CREATE_AND_UPDATE'
    let importStrategyName = 'CREATE_AND_UPDATE'
    if (strategyParam !== null && strategyParam !== '') {
        const parsed = parseStrategy(strategyParam)
        if (!parsed) {
            throw new OptionError(
                `Value '${strategyParam}' is not valid for parameter importStrategy. Valid values are: [${IMPORT_STRATEGY_NAMES.join(', ')}]`
            )
        }
        importStrategy = parsed
        importStrategyName = strategyParam.trim().toUpperCase()
    }
    const idSchemes: IdSchemeParams = {}
    const idSchemeEcho: Record<string, unknown> = {}
    for (const name of ID_SCHEME_PARAMS) {
        const scheme = parseIdScheme(query.get(name))
        if (scheme) {
            idSchemes[name] = scheme
            idSchemeEcho[name] = schemeEcho(scheme)
        }
    }
    const strictQuery = {} as Record<StrictFlag, boolean>
    const strict = {} as Record<StrictFlag, boolean>
    for (const [flag, setting, settingDefault] of STRICT_FLAGS) {
        strictQuery[flag] = bool(query, flag, false)
        strict[flag] = strictQuery[flag] || settingOn(settings, setting, settingDefault)
    }
    const dryRun = bool(query, 'dryRun', false)
    const isAsync = bool(query, 'async', false)
    const skipExistingCheck = bool(query, 'skipExistingCheck', false)
    const force = bool(query, 'force', false)
    const firstRowIsHeader = bool(query, 'firstRowIsHeader', true)
    const dataSet = query.get('dataSet')
    const echo: Record<string, unknown> = { idSchemes: idSchemeEcho, dryRun }
    if (query.has('preheatCache')) echo.preheatCache = bool(query, 'preheatCache', false)
    Object.assign(echo, {
        async: isAsync,
        importStrategy: importStrategyName,
        mergeMode: 'REPLACE',
        reportMode: 'FULL',
        skipExistingCheck,
        sharing: bool(query, 'sharing', false),
        skipNotifications: bool(query, 'skipNotifications', false),
        skipAudit: bool(query, 'skipAudit', false),
        datasetAllowsPeriods: bool(query, 'datasetAllowsPeriods', false),
        strictPeriods: strictQuery.strictPeriods,
        strictDataElements: strictQuery.strictDataElements,
        strictCategoryOptionCombos: strictQuery.strictCategoryOptionCombos,
        strictAttributeOptionCombos: strictQuery.strictAttributeOptionCombos,
        strictOrganisationUnits: strictQuery.strictOrganisationUnits,
        strictDataSetApproval: strictQuery.strictDataSetApproval,
        strictDataSetLocking: strictQuery.strictDataSetLocking,
        strictDataSetInputPeriods: strictQuery.strictDataSetInputPeriods,
        requireCategoryOptionCombo: strictQuery.requireCategoryOptionCombo,
        requireAttributeOptionCombo: strictQuery.requireAttributeOptionCombo,
        skipPatternValidation: bool(query, 'skipPatternValidation', false),
        ignoreEmptyCollection: bool(query, 'ignoreEmptyCollection', false),
        force,
        firstRowIsHeader,
        skipLastUpdated: bool(query, 'skipLastUpdated', false),
        mergeDataValues: bool(query, 'mergeDataValues', false),
        skipCache: bool(query, 'skipCache', false),
    })
    if (dataSet !== null && dataSet !== '') echo.dataSet = dataSet
    const filename = query.get('filename')
    if (filename) echo.filename = filename
    const notificationLevel = query.get('notificationLevel')
    if (notificationLevel) echo.notificationLevel = notificationLevel
    return {
        idSchemes,
        dryRun,
        async: isAsync,
        importStrategy,
        importStrategyName,
        skipExistingCheck,
        force,
        firstRowIsHeader,
        dataSet: dataSet !== null && dataSet !== '' ? dataSet : null,
        strict,
        echo,
    }
}

function schemeEcho(scheme: IdScheme): Record<string, string> {
    return scheme.type === 'ATTRIBUTE'
        ? { type: 'ATTRIBUTE', attribute: scheme.attribute }
        : { type: idSchemeName(scheme) }
}
