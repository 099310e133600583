// Writes fixtures/clinics/: monthly reports of the demo database's private clinics as clinics really
// send them (French Excel CSV with BOM, Windows-1252 CSV with a two-row header, XLSX, JSON), the
// French template, and the bad-input set. Deterministic: run again, get the same files.
//   node --import tsx bridge/scripts/make-clinic-fixtures.ts
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { wideLayoutSchema } from '../src/sources/facility-report/layout.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, 'fixtures', 'clinics')
const bad = join(out, 'bad')
mkdirSync(bad, { recursive: true })

interface WideField {
    column: string
    dataElement: string
    options: string[]
}
const wide: { fields: WideField[] } = wideLayoutSchema.parse(
    JSON.parse(readFileSync(join(root, 'mappings', 'facility-report', 'wide.json'), 'utf8'))
)
const COLUMN_SUFFIX: Record<string, string> = {
    AGE_LT5: '< 5 ans',
    AGE_5PLUS: '5 ans et plus',
    SEXE_M: 'masculin',
    SEXE_F: 'féminin',
}

interface Facility {
    code: string
    name: string
    district: string
}
interface OrgUnitsFile {
    regions: Array<{
        districts: Array<{
            code: string
            facilities: Array<{ code: string; name: string; type: string; sector: string }>
        }>
    }>
}
const ous = JSON.parse(
    readFileSync(join(root, 'fixtures', 'demo-db', 'org-units.json'), 'utf8')
) as OrgUnitsFile
export const privateFacilities: Facility[] = ous.regions.flatMap((r) =>
    r.districts.flatMap((d) =>
        d.facilities
            .filter((f) => f.sector.startsWith('PRIVE') && f.type !== 'LABO')
            .map((f) => ({ code: f.code, name: f.name, district: d.code }))
    )
)
const inDistrict = (d: string) => privateFacilities.filter((f) => f.district === d)

/** A small deterministic generator (mulberry32), seeded per facility and month. */
function rng(seed: string): () => number {
    let h = 1779033703
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
    let a = h >>> 0
    return () => {
        a = (a + 0x6d2b79f5) >>> 0
        let t = a
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}

/** One facility-month: a value per wide field, coherent (confirmed ≤ tested ≤ suspected…). */
export function reportValues(facility: string, period: string): Map<string, number> {
    const r = rng(facility + period)
    const n = (lo: number, hi: number) => Math.floor(lo + r() * (hi - lo + 1))
    const v = new Map<string, number>()
    for (const age of ['AGE_LT5', 'AGE_5PLUS']) {
        const consult = age === 'AGE_LT5' ? n(40, 160) : n(80, 320)
        const susp = Math.round(consult * (0.3 + r() * 0.2))
        const tested = Math.round(susp * (0.8 + r() * 0.2))
        v.set(`CONSULT_CURATIVE|${age}`, consult)
        v.set(`PALU_SUSPECTS|${age}`, susp)
        v.set(`PALU_TESTES|${age}`, tested)
        v.set(`PALU_CONFIRMES|${age}`, Math.round(tested * (0.3 + r() * 0.3)))
    }
    const births = n(8, 40)
    v.set('CPN1|', n(15, 60))
    v.set('CPN4|', n(5, 30))
    v.set('ACCOUCH_TOTAL|', births)
    v.set('ACCOUCH_ASSISTES|', births - n(0, 2))
    v.set('NAISS_VIVANTES|', births - n(0, 1))
    v.set('DECES_MATERNELS|', r() < 0.05 ? 1 : 0)
    v.set('DECES_NEONATALS|', n(0, 1))
    v.set('DECES_MOINS5|', n(0, 2))
    v.set('PF_NOUVELLES|', n(3, 20))
    v.set('PF_UTILISATRICES|', n(30, 150))
    v.set('VAC_PENTA3|', n(5, 30))
    v.set('VAC_RR1|', n(5, 28))
    v.set('VAC_COMPLET|', n(3, 25))
    for (const s of ['SEXE_M', 'SEXE_F']) {
        v.set(`VIH_TESTES|${s}`, n(10, 60))
        v.set(`VIH_NOUVEAUX|${s}`, n(0, 3))
        v.set(`TB_CAS_NOTIFIES|${s}`, n(0, 2))
    }
    v.set('SIDA_DECES|', r() < 0.1 ? 1 : 0)
    return v
}

const DISAGG: Record<string, string> = {
    AGE_LT5: '< 5 ans',
    AGE_5PLUS: '5 ans et plus',
    SEXE_M: 'M',
    SEXE_F: 'F',
}
const LONG_HEADER = ['code_structure', 'periode', 'indicateur', 'ventilation', 'valeur', 'commentaire']

type Row = string[]

function longRows(facilities: Facility[], period: string, periodText: string): Row[] {
    const rows: Row[] = []
    for (const f of facilities)
        for (const [k, value] of reportValues(f.code, period)) {
            const [de = '', opt = ''] = k.split('|')
            rows.push([f.code, periodText, de, DISAGG[opt] ?? '', String(value), ''])
        }
    return rows
}

function csv(rows: Row[], sep = ';'): string {
    return (
        rows
            .map((r) => r.map((c) => (/[";\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep))
            .join('\r\n') + '\r\n'
    )
}

const BOM = '\ufeff'
const c5 = inDistrict('ML-BKO-C5')
const kad = inDistrict('ML-3-KAD')
const sik = inDistrict('ML-3-SIK')

// 1. Commune V, January 2024, long, UTF-8 with BOM, blank lines as Excel leaves them
{
    const rows = longRows(c5, '202401', 'janvier 2024')
    rows[0]![5] = 'Rapport vérifié par le médecin-chef'
    const withBlanks: Row[] = [LONG_HEADER]
    rows.forEach((r, i) => {
        withBlanks.push(r)
        if (i % 28 === 27) withBlanks.push(['', '', '', '', '', ''])
    })
    writeFileSync(join(out, 'commune5-2024-01-long.csv'), BOM + csv(withBlanks))
    // the same report corrected a month later: three values changed
    const corrected = withBlanks.map((r) => [...r])
    const changes: Array<[string, string, string]> = [
        ['FS-C5-011', 'CPN1', ''],
        ['FS-C5-012', 'ACCOUCH_TOTAL', ''],
        ['FS-C5-013', 'CONSULT_CURATIVE', '< 5 ans'],
    ]
    for (const [f, de, d] of changes) {
        const r = corrected.find((x) => x[0] === f && x[2] === de && x[3] === d)
        if (r) r[4] = String(Number(r[4]) + 5)
    }
    writeFileSync(join(out, 'commune5-2024-01-long-corrige.csv'), BOM + csv(corrected))
}

// 2. Commune V, February 2024, wide, Windows-1252, title row and a two-row merged header
function wideHeaderRows(): { top: Row; bottom: Row } {
    const top: Row = ['Code structure', 'Nom de la structure', 'Période']
    const bottom: Row = ['', '', '']
    let lastGroup = ''
    for (const f of wide.fields) {
        const label = f.column
        const opt = f.options[0]
        if (!opt) {
            top.push(label)
            bottom.push('')
            lastGroup = ''
            continue
        }
        const suffix = ` ${COLUMN_SUFFIX[opt] ?? opt}`
        const group = label.slice(0, label.length - suffix.length)
        top.push(group === lastGroup ? '' : group)
        bottom.push(suffix.trim())
        lastGroup = group
    }
    top.push('Commentaire')
    bottom.push('')
    return { top, bottom }
}
function wideRow(f: Facility, period: string, periodText: string): Row {
    const v = reportValues(f.code, period)
    return [
        f.code,
        f.name,
        periodText,
        ...wide.fields.map((w) => String(v.get(`${w.dataElement}|${w.options[0] ?? ''}`) ?? '')),
        '',
    ]
}
{
    const { top, bottom } = wideHeaderRows()
    const rows: Row[] = [
        ['Rapport mensuel des structures privées — District sanitaire de la Commune V — février 2024'],
        [],
        top,
        bottom,
    ]
    for (const f of c5) rows.push(wideRow(f, '202402', '02/2024'))
    writeFileSync(join(out, 'commune5-2024-02-wide-windows1252.csv'), iconv.encode(csv(rows), 'windows1252'))
}

async function writeWideXlsx(
    file: string,
    facilities: Facility[],
    period: string,
    periodText: string,
    title: string
): Promise<void> {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Rapport')
    const { top, bottom } = wideHeaderRows()
    ws.addRow([title])
    ws.addRow([])
    ws.addRow(top)
    ws.addRow(bottom)
    // merge what a person merges: group titles across, single titles down
    let start = -1
    for (let c = 0; c <= top.length; c++) {
        const isGroupStart = c < top.length && top[c] !== '' && bottom[c] !== ''
        const continues = c < top.length && top[c] === '' && bottom[c] !== ''
        if (start >= 0 && !continues) {
            if (c - 1 > start) ws.mergeCells(3, start + 1, 3, c)
            start = -1
        }
        if (isGroupStart) start = c
        if (c < top.length && top[c] !== '' && bottom[c] === '') ws.mergeCells(3, c + 1, 4, c + 1)
    }
    for (const f of facilities) {
        const r = wideRow(f, period, periodText)
        ws.addRow(r.map((x, i) => (i >= 3 && i < r.length - 1 && x !== '' ? Number(x) : x)))
    }
    const codes = wb.addWorksheet('Codes')
    codes.addRow(['code_structure', 'nom_structure'])
    for (const f of facilities) codes.addRow([f.code, f.name])
    await wb.xlsx.writeFile(file)
}

// 3. Commune V, March 2024, wide XLSX with merged header cells
await writeWideXlsx(
    join(out, 'commune5-2024-03-wide.xlsx'),
    c5,
    '202403',
    'mars 2024',
    'Rapport mensuel — Commune V — mars 2024'
)

// 4. Kadiolo, January 2024, long XLSX with real Excel dates in the period column
{
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Données')
    ws.addRow(LONG_HEADER)
    for (const r of longRows(kad, '202401', ''))
        ws.addRow([r[0], new Date(Date.UTC(2024, 0, 1)), r[2], r[3], Number(r[4]), ''])
    await wb.xlsx.writeFile(join(out, 'kadiolo-2024-01-long.xlsx'))
}

// 5. Sikasso, January 2024, JSON (long rows, as a clinic software exports them)
{
    const rows = longRows(sik, '202401', '2024-01').map((r) => ({
        code_structure: r[0],
        periode: r[1],
        indicateur: r[2],
        ventilation: r[3],
        valeur: Number(r[4]),
    }))
    writeFileSync(join(out, 'sikasso-2024-01-long.json'), JSON.stringify(rows, null, 2) + '\n')
}

// 6. The French template for clinics: one row per facility and month
{
    const header = [
        'code_structure',
        'nom_structure',
        'periode',
        ...wide.fields.map((f) => f.column),
        'commentaire',
    ]
    const example = [
        'FS-C5-011',
        'Clinique Médicale de Badalabougou',
        'mars 2024',
        ...wide.fields.map(() => ''),
        '',
    ]
    writeFileSync(join(out, 'modele-rapport-mensuel.csv'), BOM + csv([header, example]))
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Rapport')
    ws.addRow(header)
    ws.addRow(example)
    ws.getRow(1).font = { bold: true }
    ws.columns.forEach((c) => (c.width = 18))
    const help = wb.addWorksheet("Mode d'emploi")
    for (const line of [
        'Rapport mensuel des structures de santé privées — mode d’emploi',
        '1. Une ligne par structure et par mois. Ne changez pas les titres de la première ligne.',
        '2. code_structure : le code donné par le district (ex. FS-C5-011). periode : le mois (mars 2024, 03/2024 ou 2024-03).',
        '3. Écrivez des nombres entiers (0 ou plus), sans texte ni unité. Laissez vide ce que vous ne savez pas.',
        '4. Un mois ne peut être envoyé qu’une fois terminé.',
        '5. Enregistrez en .xlsx, ou en « CSV UTF-8 (délimité par des points-virgules) ».',
        '6. Pour corriger, renvoyez le fichier entier : seules les valeurs modifiées sont mises à jour dans DHIS2.',
    ])
        help.addRow([line])
    help.getColumn(1).width = 110
    const codes = wb.addWorksheet('Codes')
    codes.addRow(['colonne', 'code DHIS2', 'ventilation'])
    for (const f of wide.fields) codes.addRow([f.column, f.dataElement, f.options.join(', ')])
    await wb.xlsx.writeFile(join(out, 'modele-rapport-mensuel.xlsx'))
}

// 7. Bad input: ten kinds of problems, each on its own row or file, among good rows
{
    const good = longRows(c5.slice(0, 2), '202404', '2024-04')
    const rows: Row[] = [LONG_HEADER, ...good]
    rows.push(['FS-C5-999', '2024-04', 'CPN1', '', '12', 'structure inconnue'])
    rows.push(['FS-C5-011', '2024-04', 'CONSULT_PRENATALE', '', '7', 'indicateur inconnu'])
    rows.push(['FS-C5-011', '13/2024', 'CPN4', '', '4', 'période fausse'])
    rows.push(['FS-C5-012', '2024-04', 'VAC_PENTA3', '', 'douze', 'texte au lieu d’un nombre'])
    rows.push(['FS-C5-012', '2024-04', 'DECES_NEONATALS', '', '-3', 'nombre négatif'])
    // the same cell twice with another value (the first one, in `good`, is kept)
    const dup = good.find((r) => r[0] === 'FS-C5-011' && r[2] === 'CPN1')
    rows.push(['FS-C5-011', '2024-04', 'CPN1', '', String(Number(dup?.[4] ?? 0) + 10), 'doublon'])
    // a Kadiolo clinic in Commune V's file: refused by DHIS2 for the district's account (E7617)
    rows.push(['FS-KAD-008', '2024-04', 'CPN1', '', '9', 'autre district'])
    writeFileSync(join(bad, 'rapport-erreurs-commune5.csv'), BOM + csv(rows))
    writeFileSync(join(bad, 'vide.csv'), BOM + csv([LONG_HEADER]))
    writeFileSync(
        join(bad, 'colonne-manquante.csv'),
        BOM +
            csv([
                ['code_structure', 'periode', 'indicateur', 'ventilation', 'commentaire'],
                ['FS-C5-011', '2024-04', 'CPN1', '', ''],
            ])
    )
    // "CSV (MS-DOS)" from Excel: code page 850, neither UTF-8 nor Windows-1252
    const dos = [
        LONG_HEADER,
        ['FS-C5-013', '2024-04', 'CPN1', '', '11', 'Données vérifiées par le médecin'],
        ['FS-C5-013', '2024-04', 'CPN4', '', '6', 'Reçu en retard'],
    ]
    writeFileSync(join(bad, 'encodage-dos.csv'), iconv.encode(csv(dos), 'cp850'))
}

console.log(`fixtures written to ${out}`)
