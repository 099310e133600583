// Issue 8, "What it must show": runs of the real CLI (a child process, against the simulator) over lab
// files with patient fields where they should not be — no title row, names typed in the test, result,
// sex and age columns, mis-encoded names — and over a malformed config file and an address holding the
// password. Every output (stdout, stderr, --json reports, the converted file) and every state file
// (audit, ledger, metadata cache, their names) is searched for each patient value and secret: none is
// found.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { startDemo } from '../helpers/sim.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'bridge.js')

interface Run {
    args: string[]
    code: number
    stdout: string
    stderr: string
}

function bridge(args: string[], env: Record<string, string>): Promise<Run> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, ...args], {
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
        child.on('close', (code) => resolve({ args, code: code ?? -1, stdout, stderr }))
    })
}

/** Every file under a folder, with its name (names are outputs too: a cache file named after the URL). */
function stateText(dir: string, skip: readonly string[] = []): string {
    const parts: string[] = []
    const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            const p = join(d, e.name)
            if (skip.includes(p)) continue
            parts.push(`== ${p}`)
            if (e.isDirectory()) walk(p)
            else parts.push(readFileSync(p).toString('latin1'), readFileSync(p, 'utf8'))
        }
    }
    walk(dir)
    return parts.join('\n')
}

// Unique, made-up patient values: a hit can only be a leak.
const P = {
    name1: 'Moussa Zarboulekh',
    phone1: '+223 70 41 96 27',
    birth1: '17/11/1961',
    file1: 'DOS-NOHDR-88314',
    name2: 'Aminata Qwertyfane',
    name3: 'Fatoumata Plixtorou',
    name4: 'Drissa Vomblakane',
    name5: 'Kadiatou Zerbinova',
    name6: 'Ousmane Trazzikou',
    phone6: '+223 66 05 38 14',
    name7: 'Sekou Glarbonet',
    name8: 'Hawa Traorkelmi',
    name9: 'Bakary Flimzotte',
    name10: 'Salif Quenbrakos',
}
// What a mis-encoding makes of « Sékou » and « Traoré » typed in cp1252 and read as UTF-8 (and back)
const MANGLED = ['SÃ©kou Glarbonet', 'Traorkelmi HawÃ©']

const HEADER =
    'N° dossier;Nom et prénom;Téléphone;Date de naissance;Âge;Sexe;Code structure;Date du test;Examen;Résultat'

function labFiles(dir: string): Promise<string[]> {
    const noHeader = join(dir, 'registre-sans-titres.csv')
    writeFileSync(
        noHeader,
        '\uFEFF' +
            [
                `${P.file1};${P.name1};${P.phone1};${P.birth1};63;M;FS-C5-019;07/01/2025;TDR;Positif`,
                `DOS-NOHDR-88315;${P.name2};+223 71 00 00 01;02/02/1990;35;F;FS-C5-019;08/01/2025;TDR;Négatif`,
            ].join('\r\n') +
            '\r\n'
    )
    const wrongColumns = join(dir, 'registre-noms-mal-places.csv')
    writeFileSync(
        wrongColumns,
        '\uFEFF' +
            [
                HEADER,
                // names typed in the test, sex, result, age, facility and date columns
                `D-1;X;;;34;F;FS-C5-019;07/01/2025;${P.name3};Positif`,
                `D-2;X;;;34;${P.name4};FS-C5-019;07/01/2025;Test VIH;Positif`,
                `D-3;X;;;34;F;FS-C5-019;07/01/2025;TDR;${P.name5}`,
                `D-4;X;;;${P.name6} ${P.phone6};F;FS-C5-019;07/01/2025;TDR;Positif`,
                `D-5;X;;;34;F;${P.name9};07/01/2025;TDR;Positif`,
                `D-6;X;;;34;F;FS-C5-019;${P.name10};TDR;Positif`,
                // a good row, so the file is read and pushed
                `D-7;X;;;34;F;FS-C5-019;07/01/2025;TDR;Positif`,
            ].join('\r\n') +
            '\r\n'
    )
    // a UTF-8 file where some names were typed in cp1252 (invalid bytes) and others double-encoded
    const misEncoded = join(dir, 'registre-mal-encode.csv')
    writeFileSync(
        misEncoded,
        Buffer.concat([
            Buffer.from('\uFEFF' + HEADER + '\r\n', 'utf8'),
            Buffer.from(`D-8;${P.name8} Haw`, 'utf8'),
            Buffer.from([0xe9]),
            Buffer.from(`;;;34;F;FS-C5-019;07/01/2025;${MANGLED[0]};Positif\r\n`, 'utf8'),
            Buffer.from(`D-9;X;;;34;${MANGLED[1]};FS-C5-019;07/01/2025;Test VIH;Négatif\r\n`, 'utf8'),
            Buffer.from(`D-10;${P.name7};;;34;F;FS-C5-019;07/01/2025;TDR;Positif\r\n`, 'utf8'),
        ])
    )
    return (async () => {
        // a workbook without its title row, a patient's row first
        const wb = new ExcelJS.Workbook()
        const ws = wb.addWorksheet('Registre')
        ws.addRow([
            P.file1,
            P.name1,
            P.phone1,
            P.birth1,
            63,
            'M',
            'FS-C5-019',
            '07/01/2025',
            'TDR',
            'Positif',
        ])
        ws.addRow(['D-11', P.name2, '', '', 34, P.name3, 'FS-C5-019', '07/01/2025', 'Test VIH', 'Positif'])
        const xlsx = join(dir, 'registre-sans-titres.xlsx')
        await wb.xlsx.writeFile(xlsx)
        return [noHeader, wrongColumns, misEncoded, xlsx]
    })()
}

/** The searched strings: each whole value and its distinctive word (a partial quote is a leak too). */
function needles(values: readonly string[]): string[] {
    const out = new Set<string>()
    for (const v of values) {
        out.add(v)
        for (const w of v.split(/[\s/+]+/)) if (w.length >= 6 && !/^\d+$/.test(w)) out.add(w)
    }
    return [...out]
}

function leaks(haystack: string, searched: readonly string[]): string[] {
    const lower = haystack.toLowerCase()
    return searched.filter((n) => lower.includes(n.toLowerCase()))
}

let sim: RunningSimulator
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => sim?.close())

describe('no patient field in any output or state file (labs)', () => {
    it('validate, convert and push over badly filled lab registers quote none of the patient values', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bridge-leak-lab-'))
        const state = join(dir, 'state')
        const files = await labFiles(dir)
        const env = { DHIS2_BASE_URL: sim.url, DHIS2_USERNAME: 'bridge', DHIS2_PASSWORD: 'Bridge@2024' }
        const common = ['--source', 'lab', '--state-dir', state, '--today', '2025-03-15']
        const runs: Run[] = []
        for (const lang of ['fr', 'en']) {
            runs.push(await bridge(['validate', ...files, ...common, '--lang', lang], env))
            runs.push(await bridge(['validate', ...files, ...common, '--lang', lang, '--json'], env))
        }
        const out = join(dir, 'valeurs.json')
        runs.push(await bridge(['convert', ...files, ...common, '--out', out], env))
        runs.push(await bridge(['convert', ...files, ...common, '--out', '-', '--json'], env))
        runs.push(await bridge(['push', ...files, ...common], env))
        runs.push(await bridge(['push', ...files, ...common, '--json', '--lang', 'en'], env))

        // the runs did happen: files read, problems reported by row and column
        const report = JSON.parse(runs[1]!.stdout) as {
            issues: Array<{ code: string; file: string; row?: number; column?: string; value?: string }>
        }
        const codes = report.issues.map((i) => `${i.file}:${i.code}`)
        expect(codes).toContain('registre-sans-titres.csv:NO_HEADER_ROW')
        expect(codes).toContain('registre-sans-titres.xlsx:NO_HEADER_ROW')
        expect(codes).toContain('registre-noms-mal-places.csv:LAB_UNKNOWN_TEST')
        expect(codes).toContain('registre-noms-mal-places.csv:LAB_UNKNOWN_SEX')
        expect(codes).toContain('registre-noms-mal-places.csv:LAB_UNKNOWN_RESULT')
        expect(codes).toContain('registre-noms-mal-places.csv:LAB_BAD_AGE')
        expect(codes).toContain('registre-noms-mal-places.csv:UNKNOWN_FACILITY')
        expect(codes).toContain('registre-noms-mal-places.csv:LAB_BAD_DATE')
        for (const i of report.issues) expect(i).not.toHaveProperty('value')
        // a file without its title row names the titles it expects
        expect(runs[0]!.stdout).toMatch(/Aucune ligne de titres reconnue/)
        expect(runs[0]!.stdout).toMatch(/Code structure ; Date du test ; Examen ; Résultat/)
        expect(runs[2]!.stdout).toMatch(/No recognised title row/)
        // the good rows went through: the converted file holds values
        expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ dataValues: expect.any(Array) })
        expect(runs.every((r) => r.code >= 0 && r.code <= 2)).toBe(true)

        const searched = needles([...Object.values(P), ...MANGLED])
        // the search can find them: every searched string is in the registers themselves
        const inputs = files.filter((f) => f.endsWith('.csv')).map((f) => readFileSync(f, 'utf8'))
        expect(leaks(inputs.join('\n'), searched)).toEqual(searched)
        const everything = [
            ...runs.flatMap((r) => [r.stdout, r.stderr]),
            readFileSync(out, 'utf8'),
            stateText(state),
        ].join('\n')
        expect(everything.length).toBeGreaterThan(1000)
        expect(leaks(everything, searched)).toEqual([])
    }, 240_000)
})

describe('no secret in any output or state file', () => {
    it('a malformed config file is reported by position, without any of its content', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bridge-leak-cfg-'))
        const state = join(dir, 'state')
        const config = join(dir, 'dhis2.json')
        // the comma after the password is missing: JSON.parse's own message would quote it
        writeFileSync(
            config,
            `{\n  "baseUrl": "${sim.url}",\n  "username": "bridge",\n  "password": "Sup3rS3cretPwd-91"\n  "timeoutMs": 5000\n}\n`,
            { mode: 0o600 }
        )
        const runs: Run[] = []
        for (const extra of [[], ['--json'], ['--lang', 'en']])
            runs.push(
                await bridge(
                    ['validate', join(dir, 'none.csv'), '--config', config, '--state-dir', state, ...extra],
                    {}
                )
            )
        runs.push(await bridge(['refresh-metadata', '--config', config, '--state-dir', state], {}))
        for (const r of runs) expect(r.code).toBe(1)
        expect(runs[0]!.stderr).toMatch(/mal écrit : erreur de syntaxe JSON ligne 5, colonne 3/)
        expect(runs[2]!.stderr).toMatch(/JSON syntax error at line 5, column 3/)
        const everything = runs.flatMap((r) => [r.stdout, r.stderr]).join('\n') + stateText(dir, [config])
        expect(leaks(readFileSync(config, 'utf8'), ['Sup3rS3cretPwd-91'])).toHaveLength(1)
        expect(leaks(everything, ['Sup3rS3cretPwd-91', 'Sup3rS3cret', 'S3cretPwd'])).toEqual([])
        for (const r of runs) {
            expect(r.stderr + r.stdout).not.toMatch(/\bat .*\.(m?js|ts):\d+/)
            expect(r.stderr + r.stdout).not.toContain('[object Object]')
        }
    }, 120_000)

    it('a password inside DHIS2_BASE_URL is used, stripped, and written nowhere', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'bridge-leak-url-'))
        const state = join(dir, 'state')
        const url = new URL(sim.url)
        const withCredentials = `${url.protocol}//bridge:${encodeURIComponent('Bridge@2024')}@${url.host}`
        const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'labs')
        const file = join(fixtures, 'agrege-FS-KTI-010-2025S1.csv')
        const env = { DHIS2_BASE_URL: withCredentials }
        const runs: Run[] = [
            await bridge(['push', file, '--source', 'lab', '--state-dir', state], env),
            await bridge(['push', file, '--source', 'lab', '--state-dir', state, '--json'], env),
            await bridge(['refresh-metadata', '--state-dir', state], env),
        ]
        // the credentials worked (nothing refused as unauthorized) and the user was told to move them
        for (const r of runs) expect(r.stderr + r.stdout).not.toMatch(/mot de passe DHIS2 refusé/)
        expect(runs[0]!.stderr).toMatch(/Identifiant et mot de passe retirés de l’adresse DHIS2/)
        const report = JSON.parse(runs[1]!.stdout) as { target?: string; values: number }
        expect(report.values).toBeGreaterThan(0)
        expect(report.target).toBe(`${url.protocol}//${url.host}`)
        const secrets = [
            'Bridge@2024',
            'Bridge%402024',
            'Bridge_402024',
            Buffer.from('bridge:Bridge@2024').toString('base64'),
        ]
        const everything = runs.flatMap((r) => [r.stdout, r.stderr]).join('\n') + stateText(state)
        expect(leaks(everything, secrets)).toEqual([])
        // the metadata cache is this account's only
        const cache = readdirSync(state).filter((n) => n.startsWith('metadata-'))
        expect(cache.length).toBeGreaterThan(0)
        for (const n of cache) expect(statSync(join(state, n)).mode & 0o077).toBe(0)
        expect(statSync(state).mode & 0o077).toBe(0)
    }, 120_000)
})
