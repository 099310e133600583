// Persists what clients change as JSON lines appended to `<dataDir>/journal.jsonl`; the deterministic
// seed is rebuilt at start and the journal replayed on top. Each batch (one request, or the writes of
// one tick outside requests) is appended and fsync'ed before the answer leaves, so a crash loses at
// most a batch that was never acknowledged; a torn last line is skipped on replay.
import {
    closeSync,
    existsSync,
    fstatSync,
    fsyncSync,
    mkdirSync,
    openSync,
    readFileSync,
    readSync,
    rmSync,
    writeSync,
} from 'node:fs'
import { join } from 'node:path'
import type { DatabaseChange } from '../core/database.js'
import type { StoredToken } from '../auth/tokens.js'

export type JournalRecord =
    | { t: 'db'; change: DatabaseChange }
    | { t: 'token.put'; token: StoredToken }
    | { t: 'token.remove'; uid: string }
    | { t: 'app.install'; key: string; file: string }
    | { t: 'app.remove'; key: string }
    | { t: 'cors'; allowlist: string[] }
    | { t: 'userSetting'; username: string; key: string; value: string | null }

export const JOURNAL_FILE = 'journal.jsonl'

export class Journal {
    private fd: number | null = null
    private pending: string[] = []
    private scheduled = false

    constructor(readonly dataDir: string) {
        mkdirSync(dataDir, { recursive: true })
    }

    get file(): string {
        return join(this.dataDir, JOURNAL_FILE)
    }

    /** Every complete record written so far; a torn or unreadable line is skipped. */
    read(): JournalRecord[] {
        if (!existsSync(this.file)) return []
        const records: JournalRecord[] = []
        const lines = readFileSync(this.file, 'utf8').split('\n')
        for (const line of lines) {
            if (line.trim() === '') continue
            try {
                records.push(JSON.parse(line) as JournalRecord)
            } catch {
                // A crash during an append leaves at most one partial line: ignore it.
            }
        }
        return records
    }

    append(record: JournalRecord): void {
        this.pending.push(JSON.stringify(record))
        if (!this.scheduled) {
            this.scheduled = true
            setImmediate(() => this.flush())
        }
    }

    /** Appends pending records and fsyncs them. */
    flush(): void {
        this.scheduled = false
        if (this.pending.length === 0) return
        const text = this.pending.join('\n') + '\n'
        this.pending = []
        if (this.fd === null) {
            // A previous crash may have left a torn line without a newline: start on a fresh line.
            this.fd = openSync(this.file, 'a+')
            const size = fstatSync(this.fd).size
            if (size > 0) {
                const last = Buffer.alloc(1)
                readSync(this.fd, last, 0, 1, size - 1)
                if (last[0] !== 0x0a) writeSync(this.fd, '\n')
            }
        }
        writeSync(this.fd, text)
        fsyncSync(this.fd)
    }

    close(): void {
        this.flush()
        if (this.fd !== null) closeSync(this.fd)
        this.fd = null
    }

    /** Deletes every persisted change (journal and stored app bundles). */
    clear(): void {
        this.pending = []
        if (this.fd !== null) closeSync(this.fd)
        this.fd = null
        rmSync(this.file, { force: true })
        rmSync(join(this.dataDir, 'apps'), { recursive: true, force: true })
    }
}
