// The one place a failed exchange with DHIS2 becomes words a clinic secretary understands: wrong
// password, server unreachable, an address that is not DHIS2, an account without the right.
import { LocalizedError } from '../i18n/localized-error.js'
import type { MessageCode } from '../i18n/messages.js'
import { Dhis2Error } from './client.js'

const WHAT: Record<string, { fr: string; en: string }> = {
    html: { fr: 'page web au lieu de données', en: 'a web page instead of data' },
    redirect: { fr: 'renvoi vers une autre page', en: 'redirection to another page' },
    missing: { fr: 'l’API DHIS2 n’existe pas à cette adresse', en: 'no DHIS2 API at this address' },
}

function pathWhat(path: string | undefined): { fr: string; en: string } {
    const p = (path ?? '').replace(/^\/?(api\/)?/, '').split('?')[0] ?? ''
    if (p.startsWith('dataValueSets')) return { fr: 'envoi des valeurs', en: 'sending values' }
    if (p.startsWith('completeDataSetRegistrations'))
        return { fr: 'marquage des rapports complets', en: 'marking reports complete' }
    if (p.startsWith('metadata')) return { fr: 'import des métadonnées', en: 'metadata import' }
    if (p.startsWith('system') || p.startsWith('me'))
        return { fr: 'lecture du compte et du serveur', en: 'reading the account and server' }
    return { fr: 'lecture des métadonnées', en: 'reading metadata' }
}

/** The catalogue error for a Dhis2Error (French and English). */
export function explainDhis2Error(e: Dhis2Error): LocalizedError {
    const url = e.baseUrl ?? 'DHIS2'
    const bothWhat = (w: { fr: string; en: string }, code: MessageCode): LocalizedError => {
        const fr = LocalizedError.of(code, { url, what: w.fr }, { cause: e })
        const en = LocalizedError.of(code, { url, what: w.en })
        return new LocalizedError(
            { fr: fr.text.fr, en: en.text.en },
            fr.hint && en.hint ? { fr: fr.hint.fr, en: en.hint.en } : undefined,
            { cause: e }
        )
    }
    switch (e.kind) {
        case 'unauthorized':
            return LocalizedError.of('DHIS2_UNAUTHORIZED', { url }, { cause: e })
        case 'forbidden':
            return bothWhat(pathWhat(e.path), 'DHIS2_FORBIDDEN')
        case 'network':
            return LocalizedError.of('DHIS2_UNREACHABLE', { url }, { cause: e })
        case 'timeout':
            return LocalizedError.of('DHIS2_TIMEOUT', { url }, { cause: e })
        case 'not-dhis2':
            return bothWhat(
                e.status !== undefined && e.status >= 300 && e.status < 400 ? WHAT.redirect! : WHAT.html!,
                'DHIS2_NOT_DHIS2'
            )
        case 'aborted':
            return LocalizedError.of('DHIS2_UNREACHABLE', { url }, { cause: e })
        case 'http':
        default:
            if (e.status === 404 || e.status === 405) return bothWhat(WHAT.missing!, 'DHIS2_NOT_DHIS2')
            if (e.status !== undefined && e.status >= 500)
                return LocalizedError.of('DHIS2_SERVER_ERROR', { url, status: e.status }, { cause: e })
            return bothWhat(pathWhat(e.path), 'DHIS2_UNEXPECTED_ANSWER')
    }
}
