// System and user settings with DHIS2's defaults (SettingKey, UserSettingKey 2.41).
import type { SimUser, SystemSettings } from '../core/types.js'

export const SYSTEM_SETTING_DEFAULTS: SystemSettings = {
    applicationTitle: 'DHIS 2',
    keyUiLocale: 'fr',
    keyDbLocale: null,
    keyAnalysisDisplayProperty: 'name',
    keyStyle: 'light_blue/light_blue.css',
    startModule: 'dhis-web-dashboard',
    helpPageLink: 'https://dhis2.github.io/dhis2-docs/master/en/user/html/dhis2_user_manual_en.html',
    keyCalendar: 'iso8601',
    keyDateFormat: 'yyyy-MM-dd',
    keyFinancialYearStart: 'FINANCIAL_YEAR_OCTOBER',
    keyAnalyticsFinancialYearStart: 'FINANCIAL_YEAR_OCTOBER',
    keyDataImportStrictPeriods: false,
    keyDataImportStrictDataElements: false,
    keyDataImportStrictCategoryOptionCombos: false,
    keyDataImportStrictOrganisationUnits: false,
    keyDataImportStrictAttributeOptionCombos: false,
    keyDataImportRequireCategoryOptionCombo: false,
    keyDataImportRequireAttributeOptionCombo: false,
    keyIgnoreAnalyticsApprovalYearThreshold: -1,
    keyCacheStrategy: 'CACHE_6AM_TOMORROW',
    keyMessageEmailNotification: true,
    keyMessageSmsNotification: true,
}

/** A system setting with its default. */
export function systemSetting(settings: SystemSettings, key: string): SystemSettings[string] | undefined {
    if (key in settings) return settings[key]
    return SYSTEM_SETTING_DEFAULTS[key]
}

export function allSystemSettings(settings: SystemSettings): SystemSettings {
    const out: SystemSettings = {}
    for (const [key, value] of Object.entries({ ...SYSTEM_SETTING_DEFAULTS, ...settings })) {
        if (value !== null && value !== undefined) out[key] = value
    }
    return out
}

export const USER_SETTING_KEYS = [
    'keyStyle',
    'keyMessageEmailNotification',
    'keyMessageSmsNotification',
    'keyUiLocale',
    'keyDbLocale',
    'keyAnalysisDisplayProperty',
    'keyTrackerDashboardLayout',
] as const

/** The user's settings with system fallbacks, as `/api/me` `settings` and `/api/userSettings` show them. */
export function userSettings(user: SimUser, system: SystemSettings): Record<string, string | boolean> {
    const out: Record<string, string | boolean> = {}
    for (const key of USER_SETTING_KEYS) {
        const own = user.settings[key]
        let value: unknown = own !== undefined && own !== '' ? own : systemSetting(system, key)
        if (key === 'keyUiLocale' && (value === null || value === undefined || value === '')) value = 'fr'
        if (key === 'keyMessageEmailNotification' || key === 'keyMessageSmsNotification') {
            value = value === undefined || value === null ? true : String(value) === 'true'
        }
        if (value === null || value === undefined) continue
        out[key] = typeof value === 'boolean' ? value : String(value)
    }
    return out
}
