import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { CompletionEntry, LedgerEntry } from '../../src/plan/ledger.js'
import {
    importJsonlLedger,
    ledgerCompletion,
    ledgerCompletions,
    ledgerEntries,
    ledgerGet,
    ledgerInstance,
    ledgerKeysInScope,
    ledgerRunTally,
    ledgerSize,
    recordCompletions,
    recordLedger,
} from '../../src/storage/ledger.js'
import { DatabaseLedger } from '../../src/storage/db-ledger.js'
import { createSubmission } from '../../src/storage/submissions.js'
import { ENGINES, type TestDatabase } from './engines.js'
import { submission } from './fixtures.js'

const DHIS2 = ledgerInstance('https://bridge:S3cret@dhis2.sante.gov.ml/')
const OTHER_DHIS2 = ledgerInstance('http://localhost:8080')
const SCOPE = 'DsPriveMens|FsC5Badala1|202403'

function entry(de: string, value: string, extra: Partial<LedgerEntry> = {}): LedgerEntry {
    return {
        key: `${de}|202403|FsC5Badala1|Coc5EtPlus|HllvX50cXC0`,
        scope: SCOPE,
        value,
        file: 'commune5-2024-03.csv',
        row: 4,
        runId: 'run-1',
        at: '2024-04-02T10:00:00.000Z',
        ...extra,
    }
}

const completion = (extra: Partial<CompletionEntry> = {}): CompletionEntry => ({
    kind: 'complete',
    key: 'DsPriveMens|FsC5Badala1|202403|HllvX50cXC0',
    file: 'commune5-2024-03.csv',
    row: 4,
    runId: 'run-1',
    at: '2024-04-02T10:00:01.000Z',
    ...extra,
})

const dir = mkdtempSync(join(tmpdir(), 'bridge-ledger-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('keys a ledger by the DHIS2 address without its credentials', () => {
    expect(DHIS2).toBe('https://dhis2.sante.gov.ml')
    expect(ledgerInstance('https://DHIS2.sante.gov.ml')).toBe(DHIS2)
})

describe.each(ENGINES)('ledger on $name', (engine) => {
    let t: TestDatabase
    afterEach(() => t?.dispose())

    it('DatabaseLedger: what a CLI run writes, a delivery opened by another process reads, with its tally', async () => {
        t = await engine.fresh()
        const cli = await DatabaseLedger.open(t.db, DHIS2, { scopes: [SCOPE], reportKeys: [] })
        const a = entry('DeConsultA', '12')
        const b = entry('DeConsultB', '7', { via: 'found' })
        await cli.record([a, b])
        await cli.recordCompletions([completion()])
        const tally = { values: 1, found: 1, completions: 1, files: ['commune5-2024-03.csv'] }
        expect(cli.runTally('run-1')).toEqual(tally)
        expect(cli.keysInScope(SCOPE).sort()).toEqual([a.key, b.key].sort())

        const other = await t.openAgain()
        const delivery = await DatabaseLedger.open(other, DHIS2, {
            scopes: [SCOPE],
            reportKeys: [completion().key],
        })
        expect(delivery.get(a.key)).toEqual(a)
        expect(delivery.get(b.key)).toEqual(b)
        expect(delivery.completion(completion().key)).toEqual(completion())
        expect(await ledgerRunTally(other, DHIS2, 'run-1')).toEqual(tally)
        // the facility-months it was not opened for, and another DHIS2, answer "unknown"
        expect((await DatabaseLedger.open(other, DHIS2, { scopes: [], reportKeys: [] })).size).toBe(0)
        expect(
            (await DatabaseLedger.open(other, OTHER_DHIS2, { scopes: [SCOPE], reportKeys: [] })).size
        ).toBe(0)
    })

    it('records values and completions per DHIS2; the last record of a key wins', async () => {
        t = await engine.fresh()
        const a = entry('DeConsultA', '12', { comment: 'vérifié' })
        const b = entry('DeConsultB', '7', { via: 'found' })
        const elsewhere = entry('DeConsultC', '1', { scope: 'DsPriveMens|FsC5Badala1|202402' })
        await recordLedger(t.db, DHIS2, [a, b, elsewhere])
        await recordLedger(t.db, OTHER_DHIS2, [entry('DeConsultA', '99')])
        expect(await ledgerGet(t.db, DHIS2, a.key)).toEqual(a)
        expect(await ledgerGet(t.db, DHIS2, b.key)).toEqual(b)
        expect(await ledgerGet(t.db, DHIS2, 'no|such|key')).toBeUndefined()
        expect(await ledgerKeysInScope(t.db, DHIS2, SCOPE)).toEqual([a.key, b.key].sort())
        expect(await ledgerSize(t.db, DHIS2)).toBe(3)
        expect(await ledgerSize(t.db, OTHER_DHIS2)).toBe(1)

        const s = await createSubmission(t.db, submission())
        const corrected = entry('DeConsultA', '13', { runId: 'run-2', at: '2024-04-05T08:00:00.000Z' })
        await recordLedger(t.db, DHIS2, [corrected, { ...corrected, value: '14' }], { submissionId: s.id })
        expect(await ledgerGet(t.db, DHIS2, a.key)).toEqual({ ...corrected, value: '14' })
        const rows = await t.db.query<{ submission_id: string }>(
            'SELECT submission_id FROM ledger_values WHERE instance = ? AND value_key = ?',
            [DHIS2, a.key]
        )
        expect(rows[0]!.submission_id).toBe(s.id)
        expect(await ledgerEntries(t.db, DHIS2)).toHaveLength(3)

        expect(await ledgerCompletion(t.db, DHIS2, completion().key)).toBeUndefined()
        await recordCompletions(t.db, DHIS2, [completion()])
        expect(await ledgerCompletion(t.db, DHIS2, completion().key)).toEqual(completion())
        expect(await ledgerCompletions(t.db, DHIS2)).toEqual([completion()])
        expect(await ledgerCompletions(t.db, OTHER_DHIS2)).toEqual([])

        // every line a run wrote counts, superseded or not, as in the JSON-lines ledger
        expect(await ledgerRunTally(t.db, DHIS2, 'run-1')).toEqual({
            values: 2,
            found: 1,
            completions: 1,
            files: ['commune5-2024-03.csv'],
        })
        expect(await ledgerRunTally(t.db, DHIS2, 'run-2')).toMatchObject({
            values: 2,
            found: 0,
            completions: 0,
        })
        expect(await ledgerRunTally(t.db, DHIS2, 'never')).toEqual({
            values: 0,
            found: 0,
            completions: 0,
            files: [],
        })
    })

    it('imports a JSON-lines ledger once, skipping torn lines', async () => {
        t = await engine.fresh()
        const file = join(dir, `ledger-${engine.name}.jsonl`)
        const lines = [
            entry('DeConsultA', '10'),
            entry('DeConsultB', '5'),
            completion(),
            entry('DeConsultA', '11', { runId: 'run-2', at: '2024-04-03T10:00:00.000Z', via: 'found' }),
        ]
        writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n' + '{"key":"DeConsultC|2024')
        const first = await importJsonlLedger(t.db, DHIS2, file)
        expect(first).toEqual({ alreadyImported: false, values: 3, completions: 1, skipped: 1 })
        const snapshot = async () => ({
            values: await ledgerEntries(t.db, DHIS2),
            completions: await ledgerCompletions(t.db, DHIS2),
            run1: await ledgerRunTally(t.db, DHIS2, 'run-1'),
            run2: await ledgerRunTally(t.db, DHIS2, 'run-2'),
        })
        const after = await snapshot()
        expect(after).toEqual({
            values: [lines[3], lines[1]],
            completions: [completion()],
            run1: { values: 2, found: 0, completions: 1, files: ['commune5-2024-03.csv'] },
            run2: { values: 0, found: 1, completions: 0, files: ['commune5-2024-03.csv'] },
        })
        expect(await importJsonlLedger(t.db, DHIS2, file)).toEqual({ ...first, alreadyImported: true })
        expect(await snapshot()).toEqual(after)

        // the database learned a newer value since; the file then grew (the CLI ran once more on it)
        const newer = entry('DeConsultB', '6', { runId: 'run-3', at: '2024-04-10T10:00:00.000Z' })
        await recordLedger(t.db, DHIS2, [newer])
        appendFileSync(file, '\n' + JSON.stringify(entry('DeConsultD', '3', { runId: 'run-4' })) + '\n')
        expect(await importJsonlLedger(t.db, DHIS2, file)).toMatchObject({
            alreadyImported: false,
            values: 4,
        })
        expect(await ledgerGet(t.db, DHIS2, newer.key)).toEqual(newer)
        expect(await ledgerGet(t.db, DHIS2, lines[0]!.key)).toEqual(lines[3])
        expect(await ledgerSize(t.db, DHIS2)).toBe(3)
        expect(await ledgerRunTally(t.db, DHIS2, 'run-1')).toEqual(after.run1)
    })
})
