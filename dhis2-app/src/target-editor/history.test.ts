import { describe, expect, it } from 'vitest'
import { parseHistoryList } from './data-store-client'
import { historyCsv, historyKey, newestFirst, type HistoryItem } from './history'

const saved: HistoryItem = {
    key: 'history-1765123200000-abc123',
    entry: {
        type: 'odd3-target-history',
        code: 'ODD-3.3.3',
        orgUnit: null,
        outcome: 'saved',
        old: null,
        new: { code: 'ODD-3.3.3', orgUnit: null, targets: { '2030': 45.5 }, revision: 1 },
        reason: 'Plan stratégique; version 2',
        via: 'editor',
    },
    by: { id: 'Hfjg2ZhZLsb', name: 'Fatoumata Traoré' },
    at: '2026-12-07T16:12:00.000',
}

const refused: HistoryItem = {
    ...saved,
    key: 'history-1765123260000-def456',
    entry: {
        ...saved.entry,
        outcome: 'refused',
        old: saved.entry.new,
        new: { code: 'ODD-3.3.3', orgUnit: null, targets: { '2030': 50 }, revision: 0 },
        reason: 'Autre avis',
    },
    by: { id: 'PlanifDeux1', name: 'Ibrahim Sangaré' },
}

describe('the targets history', () => {
    it('sorts newest first by the time in the key', () => {
        expect(newestFirst([saved, refused]).map((i) => i.entry.outcome)).toEqual(['refused', 'saved'])
        const key = historyKey(new Date(Date.UTC(2026, 11, 7)), () => 0)
        expect(key).toBe('history-1796601600000-aaaaaa')
    })

    it('exports French CSV: BOM, semicolons, quoted reasons, old and new values', () => {
        const csv = historyCsv([saved, refused], () => 'Mali')
        expect(csv.startsWith('\uFEFFDate;Utilisateur;Code;Niveau;')).toBe(true)
        const lines = csv.slice(1).trimEnd().split('\r\n')
        expect(lines).toHaveLength(3)
        expect(lines[1]).toContain(
            'Ibrahim Sangaré;ODD-3.3.3;Mali;Refusé (modifié entre-temps);2030 = 45,5;2030 = 50;Autre avis'
        )
        expect(lines[2]).toContain('"Plan stratégique; version 2"')
    })

    it('reads the namespace query, where DHIS2 leaves out null members, and skips other keys', () => {
        const list = parseHistoryList({
            entries: [
                { key: 'targets', version: 2 },
                {
                    key: saved.key,
                    type: 'odd3-target-history',
                    code: 'ODD-3.3.3',
                    outcome: 'saved',
                    new: saved.entry.new,
                    reason: saved.entry.reason,
                    via: 'editor',
                },
                { key: 'history-2-broken', type: 'odd3-target-history', code: 'X' },
            ],
        })
        expect(list).toEqual([{ key: saved.key, entry: saved.entry }])
    })
})
