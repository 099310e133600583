import { mkdtempSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { valueKey, type MappedValue } from '../../src/core/types.js'
import { JsonlLedger, ledgerFileFor, MemoryLedger } from '../../src/plan/ledger.js'
import { buildPlan } from '../../src/plan/plan.js'

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
    it('new, changed, unchanged and removed; survives a reopen and a torn last line', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'ledger-'))
        const file = ledgerFileFor(dir, 'https://dhis2.example.org/')
        let ledger = await JsonlLedger.open(file)
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
        appendFileSync(file, '{"key":"torn')
        ledger = await JsonlLedger.open(file)
        expect(ledger.size).toBe(3)
        const second = buildPlan([v('A', '1'), v('B', '5')], ledger)
        expect(second.counts).toMatchObject({ new: 0, changed: 1, unchanged: 1, removed: 1 })
        expect(second.removed[0]?.key).toBe(valueKey(v('C', '3')))
        expect([...second.chunks.values()].flat().map((p) => p.value.dataElement)).toEqual(['B'])
        expect(second.values.find((p) => p.status === 'changed')?.previous).toBe('2')
        // --force sends unchanged values too
        expect([...buildPlan([v('A', '1')], ledger, { force: true }).chunks.values()].flat()).toHaveLength(1)
    })

    it('chunks by data set × org unit × period', () => {
        const plan = buildPlan(
            [v('A', '1', 'Ou1'), v('B', '1', 'Ou1'), v('A', '1', 'Ou2')],
            new MemoryLedger()
        )
        expect([...plan.chunks.keys()]).toEqual(['Ds|Ou1|202401', 'Ds|Ou2|202401'])
    })
})
