import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { MappedValue, ValidationIssue } from '../../src/core/types.js'
import { processFiles } from '../../src/pipeline/process.js'
import { districtCore, sameDistrict } from '../../src/sources/mutuelle/district.js'
import { parseAmount } from '../../src/sources/mutuelle/mapping.js'
import '../../src/sources/mutuelle/kind.js'
import { testContext } from '../lab/snapshot.js'

const FIXTURES = new URL('../../../fixtures/mutuelles/', import.meta.url).pathname
const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname

async function run(
    file: string
): Promise<{ values: MappedValue[]; codes: string[]; issues: ValidationIssue[] }> {
    const values: MappedValue[] = []
    const result = await processFiles(
        [file.startsWith('/') ? file : FIXTURES + file],
        testContext(),
        { kind: 'mutuelle', mappingsRoot: MAPPINGS },
        (v) => values.push(v)
    )
    return {
        values,
        codes: result.issues.filter((i) => i.severity === 'error').map((i) => i.code),
        issues: result.issues,
    }
}

function csv(name: string, lines: string[]): string {
    const path = join(mkdtempSync(join(tmpdir(), 'mutuelle-')), name)
    writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n')
    return path
}

describe('mutuelles', () => {
    it('reads amounts as French Excel writes them', () => {
        expect(parseAmount('12 500')).toBe(12500)
        expect(parseAmount('12\u202f500,50')).toBe(12500.5)
        expect(parseAmount('1.250.000')).toBe(1250000)
        expect(parseAmount('7500 FCFA')).toBe(7500)
        expect(parseAmount('environ 20 000')).toBeUndefined()
    })

    it('puts membership on the health district with the mutuelle as attribute option combo', async () => {
        const { values, codes } = await run('adhesions-2025S1.csv')
        expect(codes.sort()).toEqual(['MUT_INCONSISTENT', 'UNKNOWN_MUTUELLE'])
        // Five mutuelles × six months × three elements.
        expect(values).toHaveLength(90)
        const kolokani = values.filter(
            (v) => v.dataElementCode === 'MUT_BENEFICIAIRES' && v.orgUnitCode === 'ML-2-KLK'
        )
        expect(kolokani).toHaveLength(6)
        expect(kolokani.find((v) => v.period === '202501')?.value).toBe('11201')
        const pkg = JSON.parse(
            readFileSync(
                new URL('../../../mappings/metadata/dhis2-metadata-package.json', import.meta.url),
                'utf8'
            )
        ) as {
            categoryOptionCombos: Array<{ id: string; code: string }>
        }
        const aoc = pkg.categoryOptionCombos.find((c) => c.code === 'CC_MUTUELLE_MUT_KOLOKANI')?.id
        expect(new Set(kolokani.map((v) => v.attributeOptionCombo))).toEqual(new Set([aoc]))
        expect(new Set(values.map((v) => v.orgUnitCode))).toEqual(
            new Set(['ML-2-KLK', 'ML-2-NAR', 'ML-1-NIO', 'ML-5-BDG', 'ML-BKO-C5'])
        )
    })

    it('puts claims on the care facility by service kind, amounts summed exactly', async () => {
        const { values, codes } = await run('prestations-2025S1.csv')
        expect(codes.sort()).toEqual(['NOT_A_NUMBER', 'UNKNOWN_PRESTATION'])
        const raw = readFileSync(FIXTURES + 'prestations-2025S1.csv', 'utf8')
            .replace(/^\uFEFF/, '')
            .trim()
            .split(/\r?\n/)
            .slice(1)
        const good = raw
            .map((l) => l.split(';'))
            .filter((c) => c[3] !== 'Transport' && !String(c[5]).startsWith('environ'))
        const amount = good.reduce((n, c) => n + Number(String(c[5]).replace(/\s/g, '')), 0)
        const count = good.reduce((n, c) => n + Number(c[4]), 0)
        const sum = (code: string): number =>
            values.filter((v) => v.dataElementCode === code).reduce((n, v) => n + Number(v.value), 0)
        expect(sum('MUT_PRESTATIONS_MONTANT')).toBe(amount)
        expect(sum('MUT_PRESTATIONS')).toBe(count)
        expect(
            values.some(
                (v) =>
                    v.orgUnitCode === 'FS-KLK-008' &&
                    v.categoryOptionComboCode === 'CC_PRESTATION_PREST_HOSPIT'
            )
        ).toBe(true)
    })

    it('counts a claim row whose optional « Nombre » is left empty as one claim', async () => {
        const file = csv('prestations-nombre-vide.csv', [
            'Mutuelle;Code structure;Mois;Type de prestation;Nombre;Montant (FCFA)',
            'MS Kolokani;FS-KLK-001;mars 2025;Consultation;;1 500',
            'MS Kolokani;FS-KLK-001;mars 2025;Consultation;;2 000',
            'MS Kolokani;FS-KLK-001;mars 2025;Consultation;3;4 500',
            'MS Kolokani;FS-KLK-001;mars 2025;Hospitalisation;;25 000',
        ])
        const { values, codes } = await run(file)
        expect(codes).toEqual([])
        const get = (de: string, coc: string): string | undefined =>
            values.find((v) => v.dataElementCode === de && v.categoryOptionComboCode === coc)?.value
        expect(get('MUT_PRESTATIONS', 'CC_PRESTATION_PREST_CONSULT')).toBe('5')
        expect(get('MUT_PRESTATIONS_MONTANT', 'CC_PRESTATION_PREST_CONSULT')).toBe('8000')
        expect(get('MUT_PRESTATIONS', 'CC_PRESTATION_PREST_HOSPIT')).toBe('1')
    })

    it('accepts district names with their usual prefixes, and says which district a wrong one should be', async () => {
        expect(districtCore('DS Nara')).toBe('nara')
        expect(districtCore('District sanitaire de Nara')).toBe('nara')
        expect(districtCore('CSRéf Nara')).toBe('nara')
        expect(sameDistrict('Nioro', ['Nioro du Sahel'])).toBe(true)
        expect(sameDistrict('DS Kolokani', ['Nara', 'ML-2-NAR'])).toBe(false)
        const file = csv('adhesions-districts.csv', [
            'Mutuelle;District sanitaire;Mois;Adhérents;Bénéficiaires;Adhérents à jour',
            'Mutuelle Nara;DS Nara;01/2025;1347;7543;1002',
            'Mutuelle Nara;District sanitaire de Nara;02/2025;1401;7846;819',
            'Mutuelle Nara;CSRéf Nara;03/2025;1428;7997;826',
            'Mutuelle Nara;district sanitaire de NARA;04/2025;1438;8053;1062',
            'Mutuelle Commune V;Commune 5;04/2025;4117;17703;2931',
            'MS Simby;DS Nioro du Sahel;04/2025;900;4000;600',
            'Mutuelle Nara;DS Kolokani;05/2025;1454;8142;965',
        ])
        const { values, issues } = await run(file)
        const errors = issues.filter((i) => i.severity === 'error')
        expect(errors.map((i) => `${i.code}@${i.row}`)).toEqual(['MUT_WRONG_DISTRICT@8'])
        expect(errors[0]?.message.fr).toBe(
            'District sanitaire différent de celui de la mutuelle Mutuelle de santé de Nara : Nara attendu.'
        )
        expect(errors[0]?.message.en).not.toMatch(/ \/ /)
        expect(errors[0]).not.toHaveProperty('value')
        expect(values).toHaveLength(6 * 3)
    })

    it('quotes no cell of a mutuelle file: row and column only', async () => {
        const file = csv('prestations-texte.csv', [
            'Mutuelle;Code structure;Mois;Type de prestation;Nombre;Montant (FCFA)',
            'Mariam Zorbakine;FS-KLK-001;mars 2025;Consultation;1;1 500',
            'MS Kolokani;Ibrahim Vextolune;mars 2025;Consultation;1;1 500',
            'MS Kolokani;FS-KLK-001;mars 2025;Oumou Frelagine;1;1 500',
            'MS Kolokani;FS-KLK-001;mars 2025;Consultation;Issa Drombelle;1 500',
        ])
        const { issues } = await run(file)
        expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.code}@${i.row}`)).toEqual([
            'UNKNOWN_MUTUELLE@2',
            'UNKNOWN_FACILITY@3',
            'UNKNOWN_PRESTATION@4',
            'NOT_A_NUMBER@5',
        ])
        const text = JSON.stringify(issues)
        for (const word of ['Zorbakine', 'Vextolune', 'Frelagine', 'Drombelle'])
            expect(text).not.toContain(word)
        for (const i of issues) expect(i).not.toHaveProperty('value')
    })
})
