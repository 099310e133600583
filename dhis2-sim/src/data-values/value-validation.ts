// Value-type validation of ValidationUtils/MathUtils (docs/dhis2-api.md §3.2) and the translated error keys.
// Keys without a translation in the user's language fall back to English, then to the raw key,
// as DHIS2's I18n.getString does.

const MAX_VALUE_LENGTH = 50_000
const MAX_STORED_BY_LENGTH = 255

const NUMERIC = /^(-?0|-?[1-9]\d*)(\.\d+)?$/
const INTEGER = /^(0|-?[1-9]\d*)$/
const POSITIVE_INTEGER = /^[1-9]\d*$/
const ZERO_OR_POSITIVE_INTEGER = /^(0|[1-9]\d*)$/
const NEGATIVE_INTEGER = /^-[1-9]\d*$/
const ZERO = /^0(\.0*)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/

export const NUMERIC_VALUE_TYPES = new Set([
    'NUMBER',
    'UNIT_INTERVAL',
    'PERCENTAGE',
    'INTEGER',
    'INTEGER_POSITIVE',
    'INTEGER_NEGATIVE',
    'INTEGER_ZERO_OR_POSITIVE',
])

const TEXT_VALUE_TYPES = new Set(['TEXT', 'LONG_TEXT', 'LETTER', 'MULTI_TEXT'])

function isNumeric(value: string): boolean {
    return value.length < 250 && NUMERIC.test(value)
}

function validDate(value: string): boolean {
    const match = DATE.exec(value)
    if (!match) return false
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const date = new Date(Date.UTC(y, m - 1, d))
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** `ValidationUtils.normalizeBoolean`: BOOLEAN/TRUE_ONLY accept t/1/True… and store `true`/`false`. */
export function normalizeBoolean(value: string | null, valueType: string): string | null {
    if (value === null || (valueType !== 'BOOLEAN' && valueType !== 'TRUE_ONLY')) return value
    if (['true', 'True', 'TRUE', 't', 'T', '1'].includes(value)) return 'true'
    if (['false', 'False', 'FALSE', 'f', 'F', '0'].includes(value)) return 'false'
    return value
}

/** `ValidationUtils.valueIsValid`: the error key, or null when the value is valid. Blank values pass. */
export function valueIsValid(value: string | null, valueType: string): string | null {
    if (value === null || value.trim() === '') return null
    if (TEXT_VALUE_TYPES.has(valueType) && value.length > MAX_VALUE_LENGTH) {
        return 'value_length_greater_than_max_length'
    }
    switch (valueType) {
        case 'NUMBER':
            return isNumeric(value) ? null : 'value_not_numeric'
        case 'UNIT_INTERVAL':
            return isNumeric(value) && Number(value) >= 0 && Number(value) <= 1
                ? null
                : 'value_not_unit_interval'
        case 'PERCENTAGE':
            return isNumeric(value) && Number(value) >= 0 && Number(value) <= 100
                ? null
                : 'value_not_percentage'
        case 'INTEGER':
            return INTEGER.test(value) && value.length < 250 ? null : 'value_not_integer'
        case 'INTEGER_POSITIVE':
            return POSITIVE_INTEGER.test(value) && value.length < 250 ? null : 'value_not_positive_integer'
        case 'INTEGER_NEGATIVE':
            return NEGATIVE_INTEGER.test(value) && value.length < 250 ? null : 'value_not_negative_integer'
        case 'INTEGER_ZERO_OR_POSITIVE':
            return ZERO_OR_POSITIVE_INTEGER.test(value) && value.length < 250
                ? null
                : 'value_not_zero_or_positive_integer'
        case 'BOOLEAN':
            return value === 'true' || value === 'false' ? null : 'value_not_bool'
        case 'TRUE_ONLY':
            return value === 'true' ? null : 'value_not_true_only'
        case 'DATE':
        case 'AGE':
            return validDate(value) ? null : 'value_not_valid_date'
        case 'DATETIME':
            return DATETIME.test(value) && validDate(value.slice(0, 10)) ? null : 'value_not_valid_datetime'
        default:
            return null
    }
}

export function commentIsValid(comment: string | null): string | null {
    return comment !== null && comment.length > MAX_VALUE_LENGTH
        ? 'comment_length_greater_than_max_length'
        : null
}

export function storedByIsValid(storedBy: string | null): string | null {
    return storedBy !== null && storedBy.length > MAX_STORED_BY_LENGTH
        ? 'stored_by_length_greater_than_max_length'
        : null
}

/** `ValidationUtils.dataValueIsZeroAndInsignificant`. */
export function isZeroAndInsignificant(
    value: string | null,
    element: { valueType: string; zeroIsSignificant: boolean; aggregationType: string }
): boolean {
    return (
        value !== null &&
        NUMERIC_VALUE_TYPES.has(element.valueType) &&
        !element.zeroIsSignificant &&
        element.aggregationType !== 'AVERAGE' &&
        element.aggregationType !== 'AVERAGE_SUM_ORG_UNIT' &&
        ZERO.test(value)
    )
}

// i18n_global.properties / i18n_global_fr.properties, for the keys the importer can raise.
const ENGLISH: Record<string, string> = {
    value_not_numeric: 'Data value is not numeric',
    value_not_integer: 'Data value is not an integer',
    value_not_positive_integer: 'Data value is not a positive integer',
    value_not_negative_integer: 'Data value is not a negative integer',
    value_not_bool: 'Data value is not boolean',
    value_not_valid_date: 'Data value is not a valid date',
}

const FRENCH: Record<string, string> = {
    value_not_numeric: 'La valeur est non numérique',
}

/** The translation of an error key for a UI locale (`fr`, `fr_ML`, `en`…). */
export function translate(key: string, locale: string | undefined): string {
    if (locale !== undefined && locale.toLowerCase().startsWith('fr')) {
        const french = FRENCH[key]
        if (french !== undefined) return french
    }
    return ENGLISH[key] ?? key
}
