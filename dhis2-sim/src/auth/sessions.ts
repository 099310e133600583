// Server-side sessions behind the JSESSIONID cookie (DHIS2's default timeout is one hour, sliding).
import { randomBytes } from 'node:crypto'

const SESSION_TIMEOUT_MS = 60 * 60 * 1000

interface Session {
    /** Null for an anonymous session that only remembers where the browser wanted to go. */
    username: string | null
    expires: number
    savedRequest?: string
}

export class SessionStore {
    private readonly sessions = new Map<string, Session>()
    private created = 0

    constructor(private readonly now: () => Date) {}

    /** Drops expired sessions now and then, so that anonymous browser sessions do not pile up. */
    private sweep(): void {
        if (++this.created % 500 !== 0) return
        const now = this.now().getTime()
        for (const [id, session] of this.sessions) if (session.expires < now) this.sessions.delete(id)
    }

    create(username: string): string {
        this.sweep()
        const id = randomBytes(16).toString('hex').toUpperCase()
        this.sessions.set(id, { username, expires: this.now().getTime() + SESSION_TIMEOUT_MS })
        return id
    }

    /** Like Spring Security's saved request: an anonymous session remembering the page asked for. */
    createAnonymous(savedRequest: string): string {
        this.sweep()
        const id = randomBytes(16).toString('hex').toUpperCase()
        this.sessions.set(id, {
            username: null,
            savedRequest,
            expires: this.now().getTime() + SESSION_TIMEOUT_MS,
        })
        return id
    }

    /** The page an anonymous session asked for before logging in. */
    savedRequest(id: string | undefined): string | undefined {
        return id ? this.sessions.get(id)?.savedRequest : undefined
    }

    /** The session's username, extending the session; undefined when unknown, anonymous or expired. */
    touch(id: string): string | undefined {
        const session = this.sessions.get(id)
        if (!session) return undefined
        const now = this.now().getTime()
        if (session.expires < now) {
            this.sessions.delete(id)
            return undefined
        }
        session.expires = now + SESSION_TIMEOUT_MS
        return session.username ?? undefined
    }

    destroy(id: string): void {
        this.sessions.delete(id)
    }
}

export const SESSION_COOKIE = 'JSESSIONID'

export function parseCookies(header: string | string[] | undefined): Record<string, string> {
    const cookies: Record<string, string> = {}
    const text = Array.isArray(header) ? header.join('; ') : (header ?? '')
    for (const part of text.split(';')) {
        const index = part.indexOf('=')
        if (index < 0) continue
        const name = part.slice(0, index).trim()
        if (name && !(name in cookies)) cookies[name] = part.slice(index + 1).trim()
    }
    return cookies
}

export function sessionCookie(id: string): string {
    return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`
}

export function expiredSessionCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`
}
