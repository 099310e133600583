// What only the embedded engine has: a file on disk, its modes, its pragmas, and other processes on it.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate } from '../../src/storage/migrations.js'
import { openSqlite } from '../../src/storage/sqlite.js'
import { createSubmission } from '../../src/storage/submissions.js'
import { submission } from './fixtures.js'

const root = mkdtempSync(join(tmpdir(), 'bridge-sqlite-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const mode = (path: string): number => statSync(path).mode & 0o777

function claimInChild(file: string, owner: string, startAt: number): Promise<string[]> {
    const worker = join(dirname(fileURLToPath(import.meta.url)), 'claim-worker.ts')
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', worker, file, owner, String(startAt)], {
            stdio: ['ignore', 'pipe', 'pipe'],
        })
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => (out += d.toString()))
        child.stderr.on('data', (d: Buffer) => (err += d.toString()))
        child.on('error', reject)
        child.on('close', (code) =>
            code === 0
                ? resolve(JSON.parse(out) as string[])
                : reject(new Error(`worker ${owner}: ${code}\n${err}`))
        )
    })
}

describe('the SQLite file', () => {
    it('is created 0600 in a new 0700 folder, whatever the umask, and so are its WAL files', async () => {
        const previous = process.umask(0)
        try {
            const file = join(root, 'state', 'bridge.sqlite')
            const db = await openSqlite(file)
            await migrate(db)
            await createSubmission(db, submission())
            expect(mode(dirname(file))).toBe(0o700)
            expect(mode(file)).toBe(0o600)
            expect(existsSync(`${file}-wal`)).toBe(true)
            expect(mode(`${file}-wal`)).toBe(0o600)
            expect(mode(`${file}-shm`)).toBe(0o600)
            await db.close()
        } finally {
            process.umask(previous)
        }
    })

    it('leaves an existing folder as its owner set it, and tightens an existing file', async () => {
        const folder = join(root, 'shared')
        mkdirSync(folder, { mode: 0o750 })
        const db = await openSqlite(join(folder, 'b.sqlite'))
        expect(mode(folder)).toBe(0o750)
        expect(mode(join(folder, 'b.sqlite'))).toBe(0o600)
        await db.close()
    })

    it('runs in WAL mode with foreign keys and a busy timeout', async () => {
        const db = await openSqlite(join(root, 'pragmas', 'b.sqlite'), { busyTimeoutMs: 7000 })
        expect(await db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }])
        expect(await db.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }])
        expect(await db.query('PRAGMA busy_timeout')).toEqual([{ timeout: 7000 }])
        expect(await db.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }])
        await migrate(db)
        // a value of a submission that does not exist is refused
        await expect(
            db.run(
                `INSERT INTO submission_values (submission_id, position, data_set, data_element, category_option_combo,
                    attribute_option_combo, org_unit, period, value) VALUES ('none', 0, 'a', 'b', 'c', 'd', 'e', 'f', '1')`
            )
        ).rejects.toThrow(/FOREIGN KEY/)
        await db.close()
    })

    it('gives each submission to one of two processes claiming at once', async () => {
        const file = join(root, 'processes', 'bridge.sqlite')
        const db = await openSqlite(file)
        await migrate(db)
        const ids: string[] = []
        for (let i = 0; i < 60; i++) ids.push((await createSubmission(db, submission())).id)
        await db.close()
        const startAt = Date.now() + 3000
        const [a, b] = await Promise.all([
            claimInChild(file, 'process-a', startAt),
            claimInChild(file, 'process-b', startAt),
        ])
        expect([...a!, ...b!].sort()).toEqual([...ids].sort())
    })
})
