// Issue 8, "what it must show": a hidden draft sheet, a sheet copied for the next month with a stale
// period, a hidden old column with the template's title, two files for one facility-month, and a
// mistyped template column, pushed in ONE command to the simulator. No wrong value reaches DHIS2 (read
// back as admin), each conflict names both places, reports that lost values are not marked complete,
// and the exit code is not 0.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import type { ValidationIssue } from '../../src/core/types.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import { runConvert } from '../../src/convert/handler.js'
import { runPush } from '../../src/push/handler.js'
import { ADMIN, as, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
let client: Dhis2Client
const ids: Record<string, string> = {}

const WIDE_HEAD = ['code_structure', 'nom_structure', 'periode', 'CPN 1re visite', 'Accouchements (total)']

async function uidOf(collection: string, code: string): Promise<string> {
    const body = await client.get<Record<string, Array<{ id: string; code?: string }>>>(collection, {
        fields: 'id,code',
        filter: `code:eq:${code}`,
    })
    const found = body[collection]?.find((o) => o.code === code)
    if (!found) throw new Error(`no ${code}`)
    return found.id
}

/** What DHIS2 holds for one facility-month, by data element code. */
async function held(facility: string, period: string): Promise<Record<string, string | undefined>> {
    const body = await client.get<{ dataValues?: Array<{ dataElement: string; value: string }> }>(
        'dataValueSets',
        { dataSet: ids.ds ?? '', period, orgUnit: ids[facility] ?? '' }
    )
    const byId = new Map((body.dataValues ?? []).map((v) => [v.dataElement, v.value]))
    return { CPN1: byId.get(ids.CPN1 ?? ''), ACCOUCH_TOTAL: byId.get(ids.ACCOUCH_TOTAL ?? '') }
}

async function completed(facility: string, period: string): Promise<boolean> {
    const body = await client.get<{ completeDataSetRegistrations?: Array<{ period: string }> }>(
        'completeDataSetRegistrations',
        { dataSet: ids.ds ?? '', orgUnit: ids[facility] ?? '', period }
    )
    return (body.completeDataSetRegistrations ?? []).some((r) => r.period === period)
}

function sheet(wb: ExcelJS.Workbook, name: string, rows: Array<Array<string | number>>): ExcelJS.Worksheet {
    const ws = wb.addWorksheet(name)
    ws.addRow(WIDE_HEAD)
    for (const r of rows) ws.addRow(r)
    return ws
}

async function makeFiles(dir: string): Promise<string[]> {
    // A: the real June sheet, and a hidden draft with other values for the same facility-month
    const a = new ExcelJS.Workbook()
    sheet(a, 'Juin 2024', [['FS-C5-011', 'Clinique A', '2024-06', 11, 21]])
    sheet(a, 'Brouillon', [['FS-C5-011', 'Clinique A', '2024-06', 99, 98]]).state = 'hidden'
    // B: July, and August copied from it without changing the period cells
    const b = new ExcelJS.Workbook()
    sheet(b, 'Juillet 2024', [['FS-C5-012', 'Clinique B', '2024-07', 12, 22]])
    sheet(b, 'Août 2024', [['FS-C5-012', 'Clinique B', '2024-07', 55, 56]])
    // C: an old column with the template's title, hidden, before the visible one
    const c = new ExcelJS.Workbook()
    const ws = c.addWorksheet('Septembre 2024')
    ws.addRow([
        'code_structure',
        'nom_structure',
        'periode',
        'CPN 1re visite',
        'CPN 1re visite',
        'Accouchements (total)',
    ])
    ws.addRow(['FS-C5-015', 'Clinique C', '2024-09', 77, 13, 23])
    ws.getColumn(4).hidden = true
    const files = [
        join(dir, 'rapport-juin.xlsx'),
        join(dir, 'rapport-2024.xlsx'),
        join(dir, 'rapport-sept.xlsx'),
    ]
    await a.xlsx.writeFile(files[0] ?? '')
    await b.xlsx.writeFile(files[1] ?? '')
    await c.xlsx.writeFile(files[2] ?? '')
    // D: two files for one facility-month, CPN differs, deliveries agree
    const csv = (rows: string[][]): string => rows.map((r) => r.join(';')).join('\n') + '\n'
    files.push(join(dir, 'fs-c5-013-juin-envoi1.csv'), join(dir, 'fs-c5-013-juin-envoi2.csv'))
    writeFileSync(files[3] ?? '', csv([WIDE_HEAD, ['FS-C5-013', 'Clinique D', '2024-06', '14', '24']]))
    writeFileSync(files[4] ?? '', csv([WIDE_HEAD, ['FS-C5-013', 'Clinique D', '2024-06', '15', '24']]))
    // E: a mistyped template column: refused with a suggestion, its report not complete
    files.push(join(dir, 'fs-c5-014-juin.csv'))
    writeFileSync(
        files[5] ?? '',
        csv([
            ['code_structure', 'periode', 'CPN 1ere visiteX', 'Accouchements (total)', 'Observations'],
            ['FS-C5-014', '2024-06', '16', '26', 'RAS'],
        ])
    )
    return files
}

beforeAll(async () => {
    sim = await startDemo()
    client = new Dhis2Client(as(sim, ...ADMIN))
    ids.ds = await uidOf('dataSets', 'DS_PRIVE_MENSUEL')
    ids.CPN1 = await uidOf('dataElements', 'CPN1')
    ids.ACCOUCH_TOTAL = await uidOf('dataElements', 'ACCOUCH_TOTAL')
    for (const f of ['FS-C5-011', 'FS-C5-012', 'FS-C5-013', 'FS-C5-014', 'FS-C5-015'])
        ids[f] = await uidOf('organisationUnits', f)
}, 120_000)
afterAll(async () => sim?.close())

const codes = (issues: ValidationIssue[]): string[] => issues.map((i) => i.code)

describe('one meaning per DHIS2 cell, in one push of several files', () => {
    it('sends no wrong value, names both places of each conflict, exits non-zero', async () => {
        const dir = tempState()
        const files = await makeFiles(dir)
        const before = {
            d: await held('FS-C5-013', '202406'),
            aug: await held('FS-C5-012', '202408'),
        }
        const report = await runPush({ files, dhis2: as(sim, ...ADMIN), stateDir: tempState() })
        expect(report.exitCode).not.toBe(0)

        // A: the hidden draft's values never reach DHIS2
        const a = await held('FS-C5-011', '202406')
        expect(a.CPN1).not.toBe('99')
        expect(a.ACCOUCH_TOTAL).not.toBe('98')
        // the reader skips hidden sheets (issue 8 §1): the visible sheet's values are the ones sent
        expect(codes(report.issues)).toContain('HIDDEN_SHEET_SKIPPED')
        expect(a).toEqual({ CPN1: '11', ACCOUCH_TOTAL: '21' })

        // B: the stale copy is refused by its title, July keeps July's values, August is untouched
        const stale = report.issues.find((i) => i.code === 'SHEET_PERIOD_MISMATCH')
        expect(stale).toMatchObject({
            severity: 'error',
            file: 'rapport-2024.xlsx',
            sheet: 'Août 2024',
            row: 2,
        })
        expect(stale?.message.fr).toMatch(/Août 2024.*2024-07/)
        expect(await held('FS-C5-012', '202407')).toEqual({ CPN1: '12', ACCOUCH_TOTAL: '22' })
        expect(await held('FS-C5-012', '202408')).toEqual(before.aug)

        // C: the hidden old column's value never reaches DHIS2
        const c = await held('FS-C5-015', '202409')
        expect(c.CPN1).not.toBe('77')
        expect(codes(report.issues)).toContain('HIDDEN_COLUMN_SKIPPED')
        expect(c.CPN1).toBe('13')
        expect(c.ACCOUCH_TOTAL).toBe('23')

        // D: two files, two values for one cell: a blocking conflict naming both files; neither is sent
        const conflict = report.issues.filter(
            (i) => i.code === 'DUPLICATE_CONFLICT' && i.file.startsWith('fs-c5-013')
        )
        expect(conflict).toHaveLength(1)
        expect(conflict[0]).toMatchObject({ severity: 'error', file: 'fs-c5-013-juin-envoi2.csv', row: 2 })
        expect(conflict[0]?.message.fr).toContain('fs-c5-013-juin-envoi1.csv, ligne 2')
        expect(conflict[0]?.message.fr).toContain('fs-c5-013-juin-envoi2.csv, ligne 2')
        expect(conflict[0]?.message.fr).toMatch(/Aucune des deux n’est envoyée/)
        const d = await held('FS-C5-013', '202406')
        expect(d.CPN1).toBe(before.d.CPN1)
        expect(d.ACCOUCH_TOTAL).toBe('24')
        expect(
            report.issues.find((i) => i.code === 'DUPLICATE_SAME' && i.file.startsWith('fs-c5-013'))
        ).toMatchObject({ severity: 'warning' })
        expect(await completed('FS-C5-013', '202406')).toBe(false)

        // E: the mistyped column is an error with the closest title, the report is not marked complete
        const unrecognised = report.issues.find((i) => i.code === 'UNRECOGNISED_COLUMN')
        expect(unrecognised).toMatchObject({
            severity: 'error',
            file: 'fs-c5-014-juin.csv',
            column: 'CPN 1ere visiteX',
        })
        expect(unrecognised?.message.fr).toContain('vouliez-vous dire « CPN 1re visite » ?')
        const e = await held('FS-C5-014', '202406')
        expect(e.ACCOUCH_TOTAL).toBe('26')
        expect(e.CPN1).not.toBe('16')
        expect(await completed('FS-C5-014', '202406')).toBe(false)
        // an unrelated column stays a warning (Observations is the comment column here)
        expect(report.issues.filter((i) => i.code === 'UNKNOWN_COLUMN' && i.severity === 'error')).toEqual([])
        // the reports that lost nothing are complete
        expect(await completed('FS-C5-012', '202407')).toBe(true)
    }, 120_000)

    it('convert leaves the conflicting cell out of its output', async () => {
        const dir = tempState()
        const files = (await makeFiles(dir)).filter((f) => f.includes('fs-c5-013'))
        const out = join(dir, 'out.json')
        const report = await runConvert({ files, dhis2: as(sim, ...ADMIN), stateDir: tempState(), out })
        const { readFileSync } = await import('node:fs')
        const set = JSON.parse(readFileSync(out, 'utf8')) as {
            dataValues: Array<{ dataElement: string; value: string }>
        }
        expect(set.dataValues.map((v) => v.dataElement)).toEqual([ids.ACCOUCH_TOTAL])
        expect(report.values).toBe(1)
        expect(report.exitCode).toBe(2)
    }, 60_000)
})

describe('copyWithoutBlocked (the second pass of convert, also used for stdout)', () => {
    it('copies a dataValueSet line by line without the blocked cells, keeping valid JSON', async () => {
        const { closeSync, openSync, readFileSync } = await import('node:fs')
        const { copyWithoutBlocked } = await import('../../src/pipeline/value-set-filter.js')
        const dir = tempState()
        const v = (de: string, value: string, comment?: string): string =>
            JSON.stringify({
                dataElement: de,
                period: '202406',
                orgUnit: 'ou1',
                categoryOptionCombo: 'coc',
                attributeOptionCombo: 'aoc',
                value,
                ...(comment ? { comment } : {}),
            })
        const src = join(dir, 'in.json')
        writeFileSync(
            src,
            '{"dataValues":[\n' +
                [v('a', '1'), v('b', '2', 'deux,\nlignes'), v('c', '3')].join(',\n') +
                '\n]}\n'
        )
        for (const [blocked, kept] of [
            [['a|202406|ou1|coc|aoc'], ['b', 'c']],
            [['c|202406|ou1|coc|aoc'], ['a', 'b']],
            [['a|202406|ou1|coc|aoc', 'b|202406|ou1|coc|aoc', 'c|202406|ou1|coc|aoc'], []],
        ] as const) {
            const dest = join(dir, 'out.json')
            const fd = openSync(dest, 'w')
            const dropped = await copyWithoutBlocked(src, fd, new Set(blocked))
            closeSync(fd)
            const set = JSON.parse(readFileSync(dest, 'utf8')) as {
                dataValues: Array<{ dataElement: string }>
            }
            expect(set.dataValues.map((x) => x.dataElement)).toEqual(kept)
            expect(dropped).toBe(blocked.length)
        }
    })
})

describe('lab line lists: totals are made per file, and checked across files', () => {
    it('the same lab file twice is not counted twice: each total is sent once, with a warning', async () => {
        const { copyFileSync } = await import('node:fs')
        const { runValidate } = await import('../../src/validate/handler.js')
        const labs = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'labs')
        const dir = tempState()
        const one = join(dir, 'registre-FS-C5-019-2025S1.csv')
        const two = join(dir, 'registre-FS-C5-019-2025S1-copie.csv')
        copyFileSync(join(labs, 'registre-FS-C5-019-2025S1.csv'), one)
        copyFileSync(one, two)
        const single = await runValidate({
            files: [one],
            source: 'lab',
            dhis2: as(sim, ...ADMIN),
            stateDir: dir,
        })
        const twice = await runValidate({
            files: [one, two],
            source: 'lab',
            dhis2: as(sim, ...ADMIN),
            stateDir: dir,
        })
        expect(single.values).toBeGreaterThan(0)
        expect(twice.values).toBe(single.values)
        const same = twice.issues.filter((i) => i.code === 'DUPLICATE_SAME')
        expect(same).toHaveLength(single.values)
        expect(same[0]?.message.fr).toContain('registre-FS-C5-019-2025S1.csv')
        expect(twice.issues.filter((i) => i.code === 'DUPLICATE_CONFLICT')).toEqual([])
    }, 60_000)
})
