// A separate process claiming from one SQLite file until nothing is due: prints the claimed ids as JSON.
import { claimNextOutbox } from '../../src/storage/outbox.js'
import { openSqlite } from '../../src/storage/sqlite.js'

const [file, owner, startAt] = process.argv.slice(2)
if (!file || !owner) throw new Error('usage: claim-worker.ts <file> <owner> [start time in ms]')
const db = await openSqlite(file)
// both processes start claiming at the same moment, whichever Node started faster
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt ?? 0) - Date.now())))
const claimed: string[] = []
for (;;) {
    const lease = await claimNextOutbox(db, owner, { leaseMs: 600_000 })
    if (!lease) break
    claimed.push(lease.submissionId)
}
await db.close()
process.stdout.write(JSON.stringify(claimed))
