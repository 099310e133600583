// DHIS2's IllegalQueryException for analytics: answered as 409 with the error code (docs/dhis2-api.md §7.7).
export class AnalyticsQueryError extends Error {
    constructor(
        readonly errorCode: string,
        message: string,
        /** The envelope's `devMessage` (DHIS2 sets one for SQL failures only). */
        readonly devMessage?: string
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
    E7107: 'Start and end dates cannot be specified for reporting rates',
    E7108: 'Only a single indicator can be specified as filter',
    E7109: 'Only a single reporting rate can be specified as filter',
    E7110: 'Category option combos cannot be specified as filter',
    E7111: 'Dimensions cannot be specified more than once: `{0}`',
    E7112: 'Reporting rates can only be specified together with dimensions of type: `{0}`',
    E7113: 'Assigned categories cannot be specified when data elements are not specified',
    E7114: 'Assigned categories can only be specified together with data elements',
    E7120: 'User: `{0}` is not allowed to view org unit: `{1}`',
    E7124: 'Dimension is present in query without any valid dimension options: `{0}`',
    E7125: 'Dimension identifier does not reference any dimension: `{0}`',
    E7143: 'Organisation unit or organisation unit level is not valid',
    E7144: 'Query failed because a referenced table does not exist. Please ensure analytics job was run',
}

export function queryError(code: string, ...args: string[]): AnalyticsQueryError {
    const template = MESSAGES[code] ?? code
    const message = template.replace(/\{(\d+)\}/g, (_match, index: string) => args[Number(index)] ?? '')
    return new AnalyticsQueryError(code, message)
}

/**
 * The answer to a query that reaches the analytics tables before the analytics job ever ran
 * (docs/dhis2-api.md §7.7): PostgreSQL's "relation does not exist" (SQL state 42P01) turned into E7144 by
 * `WebMessageUtils.createWebMessage(SQLException)`, which appends the SQL state to the message.
 */
export function missingTablesError(): AnalyticsQueryError {
    const sqlState = '42P01'
    return new AnalyticsQueryError(
        'E7144',
        `${MESSAGES.E7144 ?? ''} (SqlState: ${sqlState})`,
        `SqlState: ${sqlState}`
    )
}

/**
 * Whether a query on missing analytics tables fails (E7144) rather than answering an empty grid.
 * 2.39.0-2.39.3 and 2.40.0-2.40.1 caught the SQL error in `JdbcAnalyticsManager` and answered no rows;
 * 2.39.4, 2.40.2 and 2.41+ rethrow it.
 */
export function missingTablesFail(serverVersion: string): boolean {
    const [, minor = 41, patch = 0] = serverVersion.split('.').map(Number)
    if (minor === 39) return patch >= 4
    if (minor === 40) return patch >= 2
    return minor > 40
}
