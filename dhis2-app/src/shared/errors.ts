import i18n from '@dhis2/d2-i18n'

/** What the app tells the user when DHIS2 refuses or fails; built in one place so wording stays consistent. */
export interface UserFacingError {
    kind: 'access' | 'network' | 'server' | 'invalid-response' | 'analytics-not-run' | 'session-expired'
    title: string
    message: string
    /** HTTP status when DHIS2 answered. */
    status: number | null
}

interface ErrorLike {
    type?: unknown
    message?: unknown
    details?: unknown
}

function detail(error: ErrorLike, key: 'httpStatusCode' | 'errorCode'): string | number | undefined {
    const details = error.details
    if (typeof details !== 'object' || details === null || !(key in details)) return undefined
    const value: unknown = Reflect.get(details, key)
    return typeof value === 'string' || typeof value === 'number' ? value : undefined
}

/** Maps an app-runtime FetchError (or anything thrown while reading a response) to a French-first message. */
export function toUserFacingError(error: unknown): UserFacingError {
    return { ...describe(error), status: httpStatus(error) }
}

function httpStatus(error: unknown): number | null {
    const e: ErrorLike = typeof error === 'object' && error !== null ? error : {}
    const status = detail(e, 'httpStatusCode')
    return typeof status === 'number' ? status : null
}

function describe(error: unknown): Omit<UserFacingError, 'status'> {
    const e: ErrorLike = typeof error === 'object' && error !== null ? error : {}
    const status = detail(e, 'httpStatusCode')
    const code = detail(e, 'errorCode')
    if (e.type === 'network') {
        return {
            kind: 'network',
            title: i18n.t('DHIS2 cannot be reached'),
            message: i18n.t(
                'Check your connection, then reload the page. The figures shown may be incomplete.'
            ),
        }
    }
    // DHIS2 2.39.4+, 2.40.2+ and 2.41+ refuse analytics with E7144 until the analytics tables have been
    // generated once (a new server, right after the metadata install): docs/dhis2-api.md §7.7.
    if (code === 'E7144') {
        return {
            kind: 'analytics-not-run',
            title: i18n.t('The DHIS2 analytics tables have not been generated yet'),
            message: i18n.t(
                'The figures will appear once a DHIS2 administrator has run the analytics tables update (Data Administration app, Analytics Tables), and it has finished.'
            ),
        }
    }
    // DHIS2 answers an XHR without a valid session with 401 and a JSON WebMessage (Http401LoginUrl-
    // AuthenticationEntryPoint); app-runtime falls back to the message "Unauthorized" when the body is not JSON.
    if (e.type === 'access' && (status === 401 || (status === undefined && e.message === 'Unauthorized'))) {
        return {
            kind: 'session-expired',
            title: i18n.t('Your DHIS2 session has expired'),
            message: i18n.t('Sign in again to continue; the page goes back to the DHIS2 login.'),
        }
    }
    if (e.type === 'access' && code === 'E7120') {
        return {
            kind: 'access',
            title: i18n.t('No access to this organisation unit'),
            message: i18n.t(
                'Your DHIS2 account is not allowed to view data for this organisation unit. Choose one within your own area.'
            ),
        }
    }
    if (e.type === 'access' && status !== 409) {
        return {
            kind: 'access',
            title: i18n.t('Access refused by DHIS2'),
            message: i18n.t(
                'Your DHIS2 account cannot read these data. Ask your DHIS2 administrator for access to the MAP/ODD-3 indicators and data sets.'
            ),
        }
    }
    if (e.type === 'access') {
        return {
            kind: 'server',
            title: i18n.t('DHIS2 refused the request'),
            message: i18n.t('DHIS2 answered — {{message}}', {
                message: typeof e.message === 'string' ? e.message : '',
            }),
        }
    }
    if (e instanceof Error && e.name === 'ZodError') {
        return {
            kind: 'invalid-response',
            title: i18n.t('Unexpected answer from DHIS2'),
            message: i18n.t(
                'The server sent data the app does not understand. Check the DHIS2 version (2.39 or later).'
            ),
        }
    }
    return {
        kind: 'server',
        title: i18n.t('DHIS2 could not answer'),
        message:
            status === undefined
                ? i18n.t('Try again in a few minutes.')
                : i18n.t('Error {{status}}. Try again in a few minutes.', { status }),
    }
}
