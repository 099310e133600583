// Who is logged in: a server-side session keyed by a random id, the only thing the browser holds.
// Sessions live in this process's memory for now: a restart logs everyone out (they log in again,
// nothing submitted is lost: submissions are in the database), and several intake instances behind
// one address would need a shared store (the database) or sticky sessions. No password is ever kept
// here: only who DHIS2 said the person is and their org units, as /api/me gave them.
import { randomBytes } from 'node:crypto'

/** The same shape as the service's IntakeUser, kept structural so this module stands alone. */
export interface SessionUser {
    username: string
    displayName: string
    orgUnits: Array<{ id: string; name: string; path: string }>
}

export interface Session {
    id: string
    user: SessionUser
    lastSeen: number
    /** Issues to show once on the next page (the good values of a partial submission were accepted). */
    flash?: { reference: string; issues: unknown[] }
}

export const SESSION_COOKIE = 'intake_session'
export const DEFAULT_IDLE_MS = 30 * 60_000

export class SessionStore {
    private readonly sessions = new Map<string, Session>()
    private readonly sweeper: NodeJS.Timeout

    constructor(
        readonly idleMs = DEFAULT_IDLE_MS,
        private readonly now: () => number = Date.now
    ) {
        // expired sessions are also refused on read; the sweep only keeps memory bounded
        this.sweeper = setInterval(() => this.sweep(), Math.min(idleMs, 60_000))
        this.sweeper.unref()
    }

    /** A new session with a fresh id: a login never reuses an id the browser had before (fixation). */
    create(user: SessionUser): Session {
        const session: Session = { id: randomBytes(32).toString('base64url'), user, lastSeen: this.now() }
        this.sessions.set(session.id, session)
        return session
    }

    /** The live session for this id, its idle clock restarted; undefined when unknown or expired. */
    touch(id: string | undefined): Session | undefined {
        if (!id) return undefined
        const session = this.sessions.get(id)
        if (!session) return undefined
        if (this.now() - session.lastSeen > this.idleMs) {
            this.sessions.delete(id)
            return undefined
        }
        session.lastSeen = this.now()
        return session
    }

    destroy(id: string | undefined): void {
        if (id) this.sessions.delete(id)
    }

    get size(): number {
        return this.sessions.size
    }

    private sweep(): void {
        const limit = this.now() - this.idleMs
        for (const [id, session] of this.sessions) if (session.lastSeen < limit) this.sessions.delete(id)
    }

    close(): void {
        clearInterval(this.sweeper)
        this.sessions.clear()
    }
}
