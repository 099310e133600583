import { describe, expect, it } from 'vitest'
import { useLanguage } from '../../test/i18n'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import type { TargetRecord } from '../progress/target-record'
import { parseCsv } from './csv'
import { previewImport } from './import-preview'
import { parseTargetSetCsv, targetSetCsv, type OrgUnitRef } from './target-set-csv'

const SIKASSO = 'OuSikasso01'
const KOUTIALA = 'OuKoutiala1'
const ORG_UNITS = new Map<string, OrgUnitRef>([
    [SIKASSO, { id: SIKASSO, name: 'Région de Sikasso', above: [null] }],
    [KOUTIALA, { id: KOUTIALA, name: 'District de Koutiala', above: [null, SIKASSO] }],
])

const RECORDS: TargetRecord[] = [
    { code: 'ODD-3.3.3', orgUnit: null, targets: { '2030': 40 }, revision: 3 },
    {
        code: 'ODD-3.3.3',
        orgUnit: SIKASSO,
        baseline: { value: 120.5, year: 2018, source: 'DRS Sikasso; plan régional' },
        targets: { '2023': 95, '2030': null },
        notes: { fr: 'Cible du plan régional « PRDS »', en: 'Regional plan target' },
        revision: 1,
    },
    {
        code: 'ODD-3.1.1',
        orgUnit: null,
        surveyValues: [
            { value: 280.5, year: 2023, source: 'EDSM VII' },
            { value: 300, year: 2021, source: 'EMOP' },
        ],
        revision: 2,
    },
]

const context = { indicators: DEFAULT_TARGETS, orgUnits: ORG_UNITS, records: RECORDS, currentYear: 2026 }

describe('the target set as a French CSV', () => {
    it('writes a BOM, French headers, semicolons, decimal commas and CRLF', () => {
        const csv = targetSetCsv(RECORDS, DEFAULT_TARGETS, ORG_UNITS, 'Mali')
        expect(csv.startsWith('\uFEFF')).toBe(true)
        const lines = csv.slice(1).split('\r\n')
        expect(lines[0]).toContain('Code;Indicateur;')
        expect(lines[0]).toContain('Cible 2030')
        expect(csv).toContain(';120,5;2018;"DRS Sikasso; plan régional";95;XX;')
        expect(csv).toContain('280,5 (2023, EDSM VII) | 300 (2021, EMOP)')
        // one blank national line per indicator without a national record: the file doubles as a template
        expect(lines.filter((l) => l.startsWith('ODD-3.1.2;'))).toHaveLength(1)
    })

    it('reads back what it writes, unchanged', () => {
        const csv = targetSetCsv(RECORDS, DEFAULT_TARGETS, ORG_UNITS, 'Mali')
        const result = parseTargetSetCsv(csv, context)
        expect(result.errors).toEqual([])
        const preview = previewImport(result.lines, RECORDS)
        expect(preview.every((p) => p.kind === 'unchanged')).toBe(true)
        expect(preview.filter((p) => p.current !== undefined)).toHaveLength(3)
    })

    it('previews what changes, line by line', () => {
        const csv = [
            'Code;Identifiant de l’unité;Cible 2023;Cible 2030',
            `ODD-3.3.3;;;35`,
            `ODD-3.3.3;${KOUTIALA};80;`,
            `ODD-3.1.2;;;`,
        ].join('\n')
        const result = parseTargetSetCsv(
            csv.replace('Identifiant de l’unité', 'Organisation unit ID'),
            context
        )
        expect(result.errors).toEqual([])
        expect(previewImport(result.lines, RECORDS).map((p) => [p.line, p.kind])).toEqual([
            [2, 'changed'],
            [3, 'added'],
            [4, 'unchanged'],
        ])
    })

    it('names the line and the column of every error and keeps no line', async () => {
        const csv = [
            'Code;Organisation unit ID;Baseline;Baseline year;Baseline source;Target 2023;Target 2030;Survey values',
            'ODD-3.3.3;;;;;67;35;',
            'ODD-3.1.2;;;;;73,4;120;', // 120 % is out of range
            'ODD-9.9.9;;;;;1;1;', // unknown code
            `ODD-3.3.3;${SIKASSO};abc;2018;DRS;;;`, // not a number
            'ODD-3.1.1;;;;;;;280 en 2023', // survey cell not understood
        ].join('\r\n')
        await useLanguage('en')
        const result = parseTargetSetCsv(csv, context)
        expect(result.errors.map((e) => [e.line, e.field])).toEqual([
            [3, 'Target 2030'],
            [4, 'Code'],
            [5, 'Baseline'],
            [6, 'Survey values'],
        ])
    })

    it('refuses the same indicator and level twice, and a missing column', () => {
        const twice = parseTargetSetCsv(
            'Code;Organisation unit ID;Target 2023;Target 2030\nODD-3.3.3;;60;\nODD-3.3.3;;61;\n',
            context
        )
        expect(twice.errors.map((e) => e.line)).toEqual([3])
        const missing = parseTargetSetCsv('Code;Target 2023\nODD-3.3.3;60\n', context)
        expect(missing.errors.length).toBeGreaterThan(0)
        expect(missing.lines).toEqual([])
    })

    it('splits quoted fields with separators and line breaks, counting lines as a spreadsheet does', () => {
        const rows = parseCsv('\uFEFFa;b\r\n"x;y";"deux\nlignes"\r\n\r\n"il dit ""non""";z\r\n')
        expect(rows).toEqual([
            { line: 1, fields: ['a', 'b'] },
            { line: 2, fields: ['x;y', 'deux\nlignes'] },
            { line: 5, fields: ['il dit "non"', 'z'] },
        ])
    })
})
