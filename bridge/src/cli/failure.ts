// What the CLI prints when a command cannot go on: one sentence in the user's language, with what to
// do. Never a stack, never "[object Object]", never both languages on one line.
import { LocalizedError } from '../i18n/localized-error.js'
import type { Lang } from '../core/types.js'
import { Dhis2Error } from '../dhis2/client.js'
import { explainDhis2Error } from '../dhis2/explain.js'

function dhis2ErrorIn(e: unknown): Dhis2Error | undefined {
    for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
        if (cur instanceof Dhis2Error) return cur
        cur = cur instanceof Error ? cur.cause : undefined
    }
    return undefined
}

/** The error as a LocalizedError: already one, a DHIS2 exchange, or an unexpected failure. */
export function toLocalized(e: unknown): LocalizedError {
    if (e instanceof LocalizedError) return e
    const dhis2 = dhis2ErrorIn(e)
    if (dhis2) return explainDhis2Error(dhis2)
    if (e instanceof Error) {
        // an aborted push carries only the text of the DHIS2 error that stopped it
        const status = /^HTTP (\d{3}) on /.exec(e.message)
        if (status)
            return explainDhis2Error(new Dhis2Error(kindOf(Number(status[1])), e.message, Number(status[1])))
        const detail = e.message.split('\n')[0]?.slice(0, 300) || e.name
        return LocalizedError.of('UNEXPECTED_FAILURE', { detail }, { cause: e })
    }
    return LocalizedError.of('UNEXPECTED_FAILURE', {
        detail: typeof e === 'string' ? e.slice(0, 300) : typeof e,
    })
}

function kindOf(status: number): 'unauthorized' | 'forbidden' | 'http' {
    return status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http'
}

export function describeFailure(e: unknown, lang: Lang): string {
    return toLocalized(e).render(lang)
}
