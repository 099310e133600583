import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { valueKey, type MappedValue } from '../../src/core/types.js'
import { ledgerFileFor, MemoryLedger, type LedgerEntry } from '../../src/plan/ledger.js'
import { buildPlan } from '../../src/plan/plan.js'
import { openStateLedger, type StateLedger } from '../../src/storage/state-ledger.js'

function v(de: string, value: string, orgUnit = 'Ou1'): MappedValue {
    return {
        dataSet: 'Ds',
        dataElement: de,
        categoryOptionCombo: 'Coc',
        attributeOptionCombo: 'Aoc',
        orgUnit,
        period: '202401',
        value,
        dataElementCode: de,
        categoryOptionComboCode: 'default',
        orgUnitCode: orgUnit,
        file: 'f.csv',
        row: 2,
        column: 'valeur',
    }
}

describe('plan against the ledger', () => {
    const DHIS2 = 'https://dhis2.example.org'
    const open = (stateDir: string): Promise<StateLedger> =>
        openStateLedger({ stateDir, baseUrl: DHIS2, scopes: ['Ds|Ou1|202401'], reportKeys: [] })

    it('new, changed, unchanged and removed; survives a reopen', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ledger-'))
        let state = await open(dir)
        let ledger = state.ledger
        const first = buildPlan([v('A', '1'), v('B', '2'), v('C', '3')], ledger)
        expect(first.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0, removed: 0 })
        await ledger.record(
            first.values.map((p) => ({
                key: p.key,
                scope: 'Ds|Ou1|202401',
                value: p.value.value,
                file: 'f.csv',
                row: 2,
                runId: 'r1',
                at: 'now',
            }))
        )
        await state.close()
        state = await open(dir)
        ledger = state.ledger
        expect(ledger.size).toBe(3)
        expect(await state.runTally('r1')).toMatchObject({ values: 3, found: 0, files: ['f.csv'] })
        const second = buildPlan([v('A', '1'), v('B', '5')], ledger)
        expect(second.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1, removed: 1 })
        expect(second.removed[0]?.key).toBe(valueKey(v('C', '3')))
        expect([...second.chunks.values()].flat().map((p) => p.value.dataElement)).toEqual(['B'])
        expect(second.values.find((p) => p.status === 'changed')?.previous).toBe('2')
        // --force sends unchanged values too
        expect([...buildPlan([v('A', '1')], ledger, { force: true }).chunks.values()].flat()).toHaveLength(1)
        await state.close()
    })

    it('an old JSON-lines ledger in the state folder is imported once, its torn last line skipped', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ledger-'))
        const line = (de: string, value: string): LedgerEntry => ({
            key: valueKey(v(de, value)),
            scope: 'Ds|Ou1|202401',
            value,
            file: 'f.csv',
            row: 2,
            runId: 'r0',
            at: '2024-02-01T00:00:00.000Z',
        })
        const legacy = ledgerFileFor(dir, DHIS2)
        const text = [line('A', '1'), line('B', '2')].map((l) => JSON.stringify(l)).join('\n')
        writeFileSync(legacy, text + '\n{"key":"torn')
        // a dry run reads it as it is, and writes nothing
        const dry = await openStateLedger({
            stateDir: dir,
            baseUrl: DHIS2,
            scopes: ['Ds|Ou1|202401'],
            reportKeys: [],
            readOnly: true,
        })
        expect(dry.ledger.size).toBe(2)
        await dry.close()
        expect(existsSync(join(dir, 'bridge.sqlite'))).toBe(false)
        let state = await open(dir)
        expect(state.imported).toMatchObject({ alreadyImported: false, values: 2, skipped: 1 })
        expect(buildPlan([v('A', '1'), v('B', '5')], state.ledger).counts).toMatchObject({
            unchanged: 1,
            changed: 1,
        })
        await state.close()
        state = await open(dir)
        expect(state.imported).toMatchObject({ alreadyImported: true })
        expect(state.ledger.size).toBe(2)
        await state.close()
    })

    it('chunks by data set × org unit × period', () => {
        const plan = buildPlan(
            [v('A', '1', 'Ou1'), v('B', '1', 'Ou1'), v('A', '1', 'Ou2')],
            new MemoryLedger()
        )
        expect([...plan.chunks.keys()]).toEqual(['Ds|Ou1|202401', 'Ds|Ou2|202401'])
    })
})
