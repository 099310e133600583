// Reads a facility registry (CSV as the ordre des médecins / DRS keep it, `;` or `,` separated,
// UTF-8 or Windows-1252). Column titles are matched loosely: people write "Nom", "nom de la structure"…
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { LocalizedError } from '../i18n/localized-error.js'
import { messageFor } from '../i18n/messages.js'
import { foldText } from './normalize.js'
import type { RegistryFacility } from './match.js'

const COLUMN_ALIASES: Record<keyof Omit<RegistryFacility, 'row'>, string[]> = {
    ref: ['ref', 'reference', 'code', 'numero', 'n agrement', 'agrement', 'id'],
    name: ['nom', 'nom de la structure', 'structure', 'denomination', 'raison sociale', 'name'],
    district: ['district', 'district sanitaire', 'cercle', 'ds'],
    commune: ['commune', 'localite', 'quartier'],
    sector: ['secteur', 'sector'],
    type: ['type', 'type de structure', 'categorie'],
}

/** Registry sector and type words to the group codes of the data model. */
export function sectorCode(text: string): string | undefined {
    const t = foldText(text)
    if (t.length === 0) return undefined
    if (/confess|non lucratif|ong|associatif|caritati/.test(t)) return 'SECT_PRIVE_NON_LUCRATIF'
    if (/communaut|cscom/.test(t)) return 'SECT_COMMUNAUTAIRE'
    if (/public|etat/.test(t)) return 'SECT_PUBLIC'
    if (/prive|lucratif/.test(t)) return 'SECT_PRIVE_LUCRATIF'
    return undefined
}

export function typeCode(text: string): string | undefined {
    const t = foldText(text)
    if (/^lab|laboratoire/.test(t)) return 'TYPE_LABO'
    if (/polyclin|clinique|^clin/.test(t)) return 'TYPE_CLINIQUE'
    if (/cabinet|^cab/.test(t)) return 'TYPE_CABINET'
    if (/hopital/.test(t)) return 'TYPE_HOPITAL'
    if (/cscom/.test(t)) return 'TYPE_CSCOM'
    if (/csref/.test(t)) return 'TYPE_CSREF'
    return undefined
}

function decode(bytes: Buffer): string {
    const utf8 = bytes.toString('utf8')
    // U+FFFD means the bytes were not UTF-8: French Excel writes Windows-1252.
    const text = utf8.includes('\uFFFD') ? iconv.decode(bytes, 'win1252') : utf8
    return text.replace(/^\uFEFF/, '')
}

/** A registry file the bridge cannot read as such. */
export class RegistryError extends LocalizedError {}

export function parseRegistry(text: string): RegistryFacility[] {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
    const rows: string[][] = parse(text, {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: false,
        trim: true,
    })
    const header = (rows[0] ?? []).map(foldText)
    const index = (key: keyof typeof COLUMN_ALIASES): number =>
        header.findIndex((h) => COLUMN_ALIASES[key].includes(h))
    const columns = {
        ref: index('ref'),
        name: index('name'),
        district: index('district'),
        commune: index('commune'),
        sector: index('sector'),
        type: index('type'),
    }
    for (const required of ['name', 'district'] as const) {
        if (columns[required] < 0) {
            const { message, hint } = messageFor('REGISTRY_MISSING_COLUMN', {
                column: required === 'name' ? 'nom' : 'district',
                titles: COLUMN_ALIASES[required].join(', '),
            })
            throw new RegistryError(message, hint)
        }
    }
    const out: RegistryFacility[] = []
    rows.slice(1).forEach((cells, i) => {
        const cell = (col: number): string => (col < 0 ? '' : (cells[col] ?? '').trim())
        const name = cell(columns.name)
        if (name.length === 0 && cells.every((c) => c.trim().length === 0)) return
        const row = i + 2
        const facility: RegistryFacility = {
            ref: cell(columns.ref) || `ligne-${row}`,
            name,
            district: cell(columns.district),
            row,
        }
        const commune = cell(columns.commune)
        if (commune.length > 0) facility.commune = commune
        const sector = sectorCode(cell(columns.sector))
        if (sector !== undefined) facility.sector = sector
        const type = typeCode(cell(columns.type)) ?? typeCode(name)
        if (type !== undefined) facility.type = type
        out.push(facility)
    })
    return out
}

export async function readRegistry(path: string): Promise<RegistryFacility[]> {
    return parseRegistry(decode(await readFile(path)))
}
