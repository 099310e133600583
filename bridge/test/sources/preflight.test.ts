// The pre-flight check against DHIS2 metadata catches, before anything is sent, what DHIS2 would
// refuse or silently accept wrongly: COCs of another combo, org units not assigned to the data set,
// wrong period types, running or future months, wrong value types. Metadata from a snapshot file.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runValidate } from '../../src/validate/handler.js'
import { CACHE_FORMAT, type MetadataSnapshot } from '../../src/metadata-snapshot/types.js'

const dir = mkdtempSync(join(tmpdir(), 'preflight-'))
const snapshot: MetadataSnapshot = {
    stamp: {
        format: CACHE_FORMAT,
        baseUrl: 'http://x',
        username: 'u',
        serverVersion: '2.40.5',
        lastUpdated: '',
        fetchedAt: new Date().toISOString(),
    },
    dataElements: [
        {
            id: 'DeConsult01',
            code: 'CONSULT_CURATIVE',
            valueType: 'INTEGER_ZERO_OR_POSITIVE',
            categoryCombo: 'CcAge000001',
        },
        {
            id: 'DeCpn100001',
            code: 'CPN1',
            valueType: 'INTEGER_ZERO_OR_POSITIVE',
            categoryCombo: 'bjDvmb4bfuf',
        },
        {
            id: 'DeVih000001',
            code: 'VIH_TESTES',
            valueType: 'INTEGER_ZERO_OR_POSITIVE',
            categoryCombo: 'CcSexe00001',
        },
        {
            id: 'DeOther0001',
            code: 'LAB_PALU_TDR',
            valueType: 'INTEGER_ZERO_OR_POSITIVE',
            categoryCombo: 'bjDvmb4bfuf',
        },
    ],
    categoryCombos: [
        {
            id: 'bjDvmb4bfuf',
            code: 'default',
            categoryOptionCombos: [
                { id: 'HllvX50cXC0', code: 'default', name: 'default', categoryOptions: ['default'] },
            ],
        },
        {
            id: 'CcAge000001',
            code: 'CC_AGE_U5',
            categoryOptionCombos: [
                {
                    id: 'CocLt500001',
                    code: 'CC_AGE_U5_AGE_LT5',
                    name: 'Moins de 5 ans',
                    categoryOptions: ['AGE_LT5'],
                },
                {
                    id: 'Coc5plus001',
                    code: 'CC_AGE_U5_AGE_5PLUS',
                    name: '5 ans et plus',
                    categoryOptions: ['AGE_5PLUS'],
                },
            ],
        },
        {
            id: 'CcSexe00001',
            code: 'CC_SEXE',
            categoryOptionCombos: [
                { id: 'CocM0000001', code: 'CC_SEXE_SEXE_M', name: 'Masculin', categoryOptions: ['SEXE_M'] },
                { id: 'CocF0000001', code: 'CC_SEXE_SEXE_F', name: 'Féminin', categoryOptions: ['SEXE_F'] },
            ],
        },
    ],
    dataSets: [
        {
            id: 'DsPrive0001',
            code: 'DS_PRIVE_MENSUEL',
            periodType: 'Monthly',
            openFuturePeriods: 0,
            expiryDays: 0,
            categoryCombo: 'bjDvmb4bfuf',
            dataElements: ['DeConsult01', 'DeCpn100001', 'DeVih000001'],
            organisationUnits: ['OuClin00011', 'OuClosed001'],
        },
    ],
    organisationUnits: [
        {
            id: 'OuClin00011',
            code: 'FS-C5-011',
            name: 'Clinique de Badalabougou',
            path: '/a/b/c/OuClin00011',
            level: 4,
        },
        { id: 'OuCscom0001', code: 'FS-C5-001', name: 'CSCom', path: '/a/b/c/OuCscom0001', level: 4 },
        {
            id: 'OuClosed001',
            code: 'FS-C5-019',
            name: 'Clinique fermée',
            path: '/a/b/c/OuClosed001',
            level: 4,
            closedDate: '2024-02-15T00:00:00.000',
        },
    ],
}
const metadataFile = join(dir, 'metadata.json')
writeFileSync(metadataFile, JSON.stringify(snapshot))

const rows = [
    'code_structure;periode;indicateur;ventilation;valeur',
    'FS-C5-011;2024-03;CONSULT_CURATIVE;< 5 ans;12',
    'FS-C5-011;2024-03;CONSULT_CURATIVE;M;3',
    'FS-C5-001;2024-03;CPN1;;4',
    'FS-C5-011;2024Q1;CPN1;;4',
    'FS-C5-011;novembre 2026;CPN1;;4',
    'FS-C5-011;2024-03;LAB_PALU_TDR;;4',
    'FS-C5-011;2024-03;VIH_TESTES;Inconnu;4',
    'FS-C5-011;2024-03;VIH_TESTES;Féminin;12,5',
    'FS-C5-011;2024-03;VIH_TESTES;F;7',
    'FS-C5-011;2024-03;VIH_TESTES;F;7',
    'FS-C5-019;2024-03;CPN1;;2',
]
const file = join(dir, 'preflight.csv')
writeFileSync(file, '\ufeff' + rows.join('\r\n') + '\r\n')

describe('pre-flight check', () => {
    it('reports each problem on its row before anything is sent', async () => {
        const report = await runValidate({
            files: [file],
            metadataFile,
            today: new Date('2026-11-25T12:00:00Z'),
            lang: 'en',
        })
        const got = report.issues.map((i) => `${i.row}:${i.code}:${i.severity}`)
        expect(got).toEqual([
            '3:COC_NOT_IN_COMBO:error',
            '4:ORG_UNIT_NOT_IN_DATA_SET:error',
            '5:WRONG_PERIOD_TYPE:error',
            '6:FUTURE_PERIOD:error',
            '7:NO_DATA_SET:error',
            '8:UNKNOWN_DISAGGREGATION:error',
            '9:NOT_AN_INTEGER:error',
            '11:DUPLICATE_SAME:warning',
            '12:ORG_UNIT_CLOSED:warning',
        ])
        const future = report.issues.find((i) => i.code === 'FUTURE_PERIOD')
        expect(future?.message.fr).toContain('202610')
        expect(report.issues.find((i) => i.code === 'COC_NOT_IN_COMBO')?.hint?.fr).toContain('Moins de 5 ans')
        expect(report.values).toBe(3)
        expect(report.exitCode).toBe(2)
    })

    it('strict mode turns any error into a failure', async () => {
        const { runConvert } = await import('../../src/convert/handler.js')
        const report = await runConvert({
            files: [file],
            metadataFile,
            out: join(dir, 'o.json'),
            strict: true,
            today: new Date('2026-11-25T12:00:00Z'),
        })
        expect(report.exitCode).toBe(1)
        expect(report.note?.en).toMatch(/Strict mode/)
    })
})
