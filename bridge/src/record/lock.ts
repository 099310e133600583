// One push at a time per state folder: two runs planning against the same ledger would each believe
// DHIS2 lacks what the other is sending. The lock file is created atomically (written aside, then
// hard-linked into place, which fails if it exists), so it is never seen half-written.
import { LocalizedError } from '../i18n/localized-error.js'
import { hostname } from 'node:os'
import { link, readFile, unlink, writeFile } from 'node:fs/promises'
import { unlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Localized } from '../core/types.js'
import { messageFor } from '../i18n/messages.js'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js'

export interface LockOwner {
    pid: number
    host: string
    since: string
    runId: string
}

/** Another live process holds the state: a message for people, and who it is. */
export class StateLockedError extends Error {
    constructor(
        readonly owner: LockOwner,
        readonly localized: Localized,
        lang: 'fr' | 'en' = 'fr'
    ) {
        super(lang === 'en' ? localized.en : localized.fr)
        this.name = 'StateLockedError'
    }
}

export interface StateLock {
    readonly path: string
    readonly owner: LockOwner
    /** Idempotent; the sync form is for signal and exit handlers. */
    release(): Promise<void>
    releaseSync(): void
}

export function lockFileFor(stateDir: string): string {
    return join(stateDir, 'push.lock')
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0)
        return true
    } catch (e) {
        // EPERM: the process exists but belongs to someone else
        return (e as NodeJS.ErrnoException).code === 'EPERM'
    }
}

async function readOwner(path: string): Promise<LockOwner | null> {
    try {
        const o = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
        if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string')
            return { pid: o.pid, host: o.host, since: o.since, runId: String(o.runId ?? '') }
    } catch {
        // unreadable: treated as stale below
    }
    return null
}

function describeSince(iso: string): string {
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export async function acquireStateLock(stateDir: string, runId: string): Promise<StateLock> {
    await ensurePrivateDir(stateDir)
    const path = lockFileFor(stateDir)
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), runId }
    const aside = `${path}.${process.pid}.${runId}`
    await writeFile(aside, JSON.stringify(owner) + '\n', { mode: PRIVATE_FILE_MODE, flag: 'wx' })
    try {
        for (let attempt = 0; attempt < 3; attempt++) {
            try {
                await link(aside, path)
                return heldLock(path, owner)
            } catch (e) {
                if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
            }
            const current = await readOwner(path)
            const stale = current === null || (current.host === owner.host && !isAlive(current.pid))
            if (!stale) {
                const { message } = messageFor('STATE_LOCKED', {
                    pid: current.pid,
                    host: current.host,
                    since: describeSince(current.since),
                })
                throw new StateLockedError(current, message)
            }
            // a run that died without releasing: its lock is taken over (the next link may still lose a race)
            await unlink(path).catch(() => undefined)
        }
        throw LocalizedError.of('STATE_LOCK_RACE', { path })
    } finally {
        await unlink(aside).catch(() => undefined)
    }
}

function heldLock(path: string, owner: LockOwner): StateLock {
    let released = false
    const stillOurs = async (): Promise<boolean> => {
        const current = await readOwner(path)
        return current?.pid === owner.pid && current.runId === owner.runId
    }
    return {
        path,
        owner,
        async release() {
            if (released) return
            released = true
            if (await stillOurs()) await unlink(path).catch(() => undefined)
        },
        releaseSync() {
            if (released) return
            released = true
            try {
                unlinkSync(path)
            } catch {
                // already gone
            }
        },
    }
}
