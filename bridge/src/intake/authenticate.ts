// DHIS2 is the identity provider: the person's own credentials are tried once against /api/me, and
// only who they are and their data-capture org units are kept. The password lives in this call's
// HTTP client and nowhere else.
import { z } from 'zod'
import { Dhis2Client, Dhis2Error, type Dhis2Config } from '../dhis2/client.js'

export interface AuthenticatedUser {
    username: string
    displayName: string
    orgUnits: Array<{ id: string; name: string; path: string }>
}

const meSchema = z.object({
    username: z.string().min(1),
    displayName: z.string().optional(),
    name: z.string().optional(),
    organisationUnits: z
        .array(z.object({ id: z.string(), name: z.string().optional(), path: z.string().optional() }))
        .default([]),
})

/** `organisationUnits` is the data-capture scope (DHIS2 User.organisationUnits), what a clinic may submit. */
export const ME_FIELDS = 'username,displayName,organisationUnits[id,name,path]'

/**
 * The user DHIS2 knows by these credentials, or null when DHIS2 refuses them (401/403). Throws when
 * DHIS2 cannot be asked (down, not DHIS2): the caller says "try again later", not "wrong password".
 */
export async function authenticateWithDhis2(
    service: Pick<Dhis2Config, 'baseUrl' | 'timeoutMs'>,
    username: string,
    password: string
): Promise<AuthenticatedUser | null> {
    // a colon cannot travel in Basic auth's user part; an empty field is not worth a request
    if (!username || !password || username.includes(':')) return null
    const client = new Dhis2Client({
        baseUrl: service.baseUrl,
        auth: { kind: 'basic', username, password },
        timeoutMs: service.timeoutMs ?? 30_000,
        // a login is not retried for long: the person is waiting in front of the page
        getRetry: { attempts: 2, baseDelayMs: 300 },
    })
    let body: unknown
    try {
        body = await client.get('me', { fields: ME_FIELDS })
    } catch (e) {
        if (e instanceof Dhis2Error && (e.kind === 'unauthorized' || e.kind === 'forbidden')) return null
        throw e
    }
    const me = meSchema.parse(body)
    return {
        username: me.username,
        displayName: me.displayName ?? me.name ?? me.username,
        orgUnits: me.organisationUnits
            .filter((ou) => ou.path !== undefined)
            .map((ou) => ({ id: ou.id, name: ou.name ?? ou.id, path: ou.path ?? '' })),
    }
}
