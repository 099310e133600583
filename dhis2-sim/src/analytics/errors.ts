// DHIS2's IllegalQueryException for analytics: answered as 409 with the error code (docs/dhis2-api.md §7.7).
export class AnalyticsQueryError extends Error {
    constructor(
        readonly errorCode: string,
        message: string
    ) {
        super(message)
        this.name = 'AnalyticsQueryError'
    }
}

/** ErrorCode.java messages; `{0}`-style arguments are filled in order. */
const MESSAGES: Record<string, string> = {
    E7100: 'Query parameters cannot be null',
    E7101: 'At least one dimension must be specified',
    E7102: 'At least one data dimension item or data element group set dimension item must be specified',
    E7103: 'Dimensions cannot be specified as dimension and filter simultaneously: `{0}`',
    E7104: 'At least one period as dimension or filter, or start and dates, must be specified',
    E7105: 'Periods and start and end dates cannot be specified simultaneously',
    E7106: 'Start date cannot be after end date',
    E7108: 'Only a single indicator can be specified as filter',
    E7110: 'Category option combos cannot be specified as filter',
    E7111: 'Dimensions cannot be specified more than once: `{0}`',
    E7114: 'Category option combos cannot be specified as dimension when indicators are present as dimension or filter',
    E7120: 'User: `{0}` is not allowed to view org unit: `{1}`',
    E7124: 'Dimension is present in query without any valid dimension options: `{0}`',
    E7125: 'Dimension identifier does not reference any dimension: `{0}`',
    E7143: 'Organisation unit or organisation unit level is not valid',
}

export function queryError(code: string, ...args: string[]): AnalyticsQueryError {
    const template = MESSAGES[code] ?? code
    const message = template.replace(/\{(\d+)\}/g, (_match, index: string) => args[Number(index)] ?? '')
    return new AnalyticsQueryError(code, message)
}
