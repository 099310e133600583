// The online form is generated from the data set as DHIS2 (the simulator) describes it, and what is typed
// into it goes through the same pipeline as a clinic's file: written as the long layout's CSV, validated
// and converted by the CLI's own handlers, it gives exactly the values typed.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { Dhis2Client } from '../../src/dhis2/client.js'
import type { CommonOptions } from '../../src/pipeline/prepare.js'
import { runConvert } from '../../src/convert/handler.js'
import { runValidate } from '../../src/validate/handler.js'
import {
    buildFormModel,
    fieldKey,
    formRowsToCsv,
    formValuesToRows,
    LONG_HEADER,
    type IntakeFormModel,
    type IntakeOrgUnit,
} from '../../src/intake/form-model.js'
import { fetchMetadata, writeSnapshot } from '../../src/metadata-snapshot/fetch.js'
import { MetadataIndex } from '../../src/metadata-snapshot/index.js'
import { DEFAULT_COC } from '../../src/metadata-snapshot/types.js'
import { as, startDemo, tempState } from '../helpers/sim.js'

const DATA_SET = 'DS_PRIVE_MENSUEL'
const PERIOD = '202403'

let sim: RunningSimulator
let metadata: MetadataIndex
let metadataFile: string
let clinic: IntakeOrgUnit
let current: Map<string, string>
let dir: string

beforeAll(async () => {
    sim = await startDemo()
    const client = new Dhis2Client(as(sim, 'bridge', 'Bridge@2024'))
    const snapshot = await fetchMetadata(client)
    dir = tempState()
    metadataFile = join(dir, 'metadata.json')
    await writeSnapshot(metadataFile, snapshot)
    metadata = new MetadataIndex(snapshot)
    const ou = metadata.orgUnit('FS-C5-012')
    if (!ou) throw new Error('FS-C5-012 missing from the demo database')
    clinic = { id: ou.id, name: ou.name ?? ou.id, path: ou.path }
    // The demo leaves private clinics' months to the bridge: a data manager types three values first
    const de = (code: string) => metadata.dataElement(code)!
    const under5 = metadata.coc(de('CONSULT_CURATIVE').categoryCombo, 'Moins de 5 ans')!.id
    const typed = [
        { dataElement: de('CONSULT_CURATIVE').id, categoryOptionCombo: under5, value: '41' },
        { dataElement: de('CPN1').id, categoryOptionCombo: DEFAULT_COC, value: '17' },
        { dataElement: de('DECES_MATERNELS').id, categoryOptionCombo: DEFAULT_COC, value: '0' },
    ]
    const posted = await fetch(`${sim.url}/api/dataValueSets`, {
        method: 'POST',
        headers: {
            'content-type': 'application/json',
            authorization: 'Basic ' + Buffer.from('admin:district').toString('base64'),
        },
        body: JSON.stringify({
            dataValues: typed.map((v) => ({ ...v, orgUnit: clinic.id, period: PERIOD })),
        }),
    })
    expect(posted.status).toBe(200)
    // What DHIS2 holds for the clinic's month: the form's starting point, as the service would read it
    const held = await client.get<{ dataValues?: Array<Record<string, string>> }>('dataValueSets', {
        dataSet: metadata.dataSet(DATA_SET)?.id ?? '',
        orgUnit: clinic.id,
        period: PERIOD,
    })
    current = new Map(
        (held.dataValues ?? []).map((v) => [`${v.dataElement}|${v.categoryOptionCombo}`, v.value ?? ''])
    )
}, 120_000)
afterAll(async () => sim?.close())

const allFields = (model: IntakeFormModel) => model.sections.flatMap((s) => s.fields)

describe('form model', () => {
    it('has one field per data element × disaggregation, in the data set’s order, labelled in French', () => {
        const model = buildFormModel(metadata, DATA_SET, clinic, PERIOD, current, 'fr')
        const ds = metadata.dataSet(DATA_SET)!
        expect(model.dataSetName).toBe('Rapport mensuel des structures de santé privées')
        expect(model.periodLabel).toBe('mars 2024')
        expect(model.orgUnit).toEqual(clinic)
        expect(model.facility).toBe('FS-C5-012')
        // the snapshot has no sections: one section, named after the data set
        expect(model.sections.map((s) => s.name)).toEqual([model.dataSetName])
        const fields = allFields(model)
        const expected = ds.dataElements.flatMap((de) =>
            metadata
                .combo(metadata.dataElement(de)!.categoryCombo)!
                .categoryOptionCombos.map((c) => [de, c.id])
        )
        expect(fields.map((f) => [f.dataElement, f.categoryOptionCombo])).toEqual(expected)
        expect(fields).toHaveLength(28) // 21 elements, 4 by age and 3 by sex
        const byCode = (code: string) => fields.filter((f) => f.indicator === code)
        expect(byCode('CONSULT_CURATIVE').map((f) => f.label)).toEqual([
            'Consultations curatives — Moins de 5 ans',
            'Consultations curatives — 5 ans et plus',
        ])
        expect(byCode('CPN1').map((f) => [f.label, f.disaggregation, f.categoryOptionCombo])).toEqual([
            [metadata.dataElement('CPN1')!.name, '', DEFAULT_COC],
        ])
        expect(byCode('VIH_TESTES').map((f) => f.disaggregation)).toEqual(['Masculin', 'Féminin'])
        for (const f of fields) expect(f.valueType).toBe('INTEGER_ZERO_OR_POSITIVE')
    })

    it('starts from what DHIS2 holds', () => {
        expect(current.size).toBeGreaterThanOrEqual(2) // a zero may not be stored (zeroIsSignificant)
        const fields = allFields(buildFormModel(metadata, DATA_SET, clinic, PERIOD, current, 'fr'))
        for (const f of fields)
            expect(f.current).toBe(current.get(`${f.dataElement}|${f.categoryOptionCombo}`) ?? null)
        expect(fields.filter((f) => f.current !== null).length).toBe(current.size)
        expect(fields.find((f) => f.indicator === 'CONSULT_CURATIVE')?.current).toBe('41')
        expect(fields.find((f) => f.indicator === 'CPN1')?.current).toBe('17')
        expect(fields.find((f) => f.indicator === 'CPN4')?.current).toBeNull()
    })

    it('labels the form in English on request', () => {
        const model = buildFormModel(metadata, DATA_SET, clinic, PERIOD, current, 'en')
        expect(model.dataSetName).toBe('Monthly report of private health facilities')
        expect(model.periodLabel).toBe('March 2024')
        const fields = allFields(model)
        expect(fields.find((f) => f.indicator === 'CONSULT_CURATIVE')?.label).toBe(
            'Curative consultations — Under 5 years'
        )
        expect(fields.filter((f) => f.indicator === 'TB_CAS_NOTIFIES').map((f) => f.label)).toEqual([
            'Tuberculosis cases notified (all forms) — Male',
            'Tuberculosis cases notified (all forms) — Female',
        ])
    })

    it('gives stable keys that are safe as HTML names', () => {
        const a = allFields(buildFormModel(metadata, DATA_SET, clinic, PERIOD, current, 'fr'))
        const b = allFields(buildFormModel(metadata, DATA_SET, clinic, '202404', new Map(), 'en'))
        expect(a.map((f) => f.key)).toEqual(b.map((f) => f.key))
        expect(new Set(a.map((f) => f.key)).size).toBe(a.length)
        for (const f of a) expect(f.key).toMatch(/^v_[A-Za-z0-9]+_[A-Za-z0-9]+$/)
        expect(fieldKey('a"b', 'c d')).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(fieldKey('a-b', 'c')).not.toBe(fieldKey('a', 'b-c'))
    })

    it('writes the long layout’s columns, as mappings/facility-report/long.json names them', () => {
        const layout = JSON.parse(
            readFileSync(join(import.meta.dirname, '../../../mappings/facility-report/long.json'), 'utf8')
        ) as { dataSet: string; columns: Record<string, { name: string }> }
        const c = layout.columns
        expect([...LONG_HEADER]).toEqual([
            c.facility?.name,
            c.period?.name,
            c.dataElement?.name,
            c.disaggregation?.name,
            c.value?.name,
        ])
        expect(layout.dataSet).toBe(DATA_SET)
    })

    it('refuses a data set DHIS2 does not have', () => {
        expect(() => buildFormModel(metadata, 'DS_INCONNU', clinic, PERIOD, current, 'fr')).toThrow(
            /DS_INCONNU/
        )
    })
})

describe('form values through the pipeline', () => {
    it('validates and maps to exactly the values typed; empty fields are not reported', async () => {
        const model = buildFormModel(metadata, DATA_SET, clinic, '202402', new Map(), 'fr')
        const fields = allFields(model)
        const typed: Record<string, string> = {}
        const expected = new Map<string, string>()
        fields.forEach((f, i) => {
            if (i === 3)
                typed[f.key] = '' // left empty
            else if (i === 4)
                typed[f.key] = '   ' // blank
            else if (i === 5)
                return // absent
            else if (i === 6) {
                typed[f.key] = '1 234' // French thousands space
                expected.set(`${f.dataElement}|${f.categoryOptionCombo}`, '1234')
            } else if (i === 7) {
                typed[f.key] = ' 0 ' // a zero is a value
                expected.set(`${f.dataElement}|${f.categoryOptionCombo}`, '0')
            } else {
                typed[f.key] = String(10 + i)
                expected.set(`${f.dataElement}|${f.categoryOptionCombo}`, String(10 + i))
            }
        })
        typed['v_inconnu_champ'] = '5'
        typed['orgUnit'] = 'ailleurs'
        const out = formValuesToRows(model, typed)
        expect(out.unknownKeys).toEqual(['v_inconnu_champ', 'orgUnit'])
        expect(out.rows).toHaveLength(expected.size)
        expect(out.rowFields).toHaveLength(expected.size)
        expect(out.rows[0]?.slice(0, 2)).toEqual(['FS-C5-012', '2024-02'])

        const file = join(dir, 'form-202402.csv')
        writeFileSync(file, formRowsToCsv(out))
        const common: CommonOptions = { files: [file], metadataFile, layout: 'long', stateDir: dir }
        const report = await runValidate(common)
        expect(report.issues).toEqual([])
        expect(report.values).toBe(expected.size)

        const json = join(dir, 'form-202402.json')
        await runConvert({ ...common, out: json })
        const sent = (JSON.parse(readFileSync(json, 'utf8')) as { dataValues: Array<Record<string, string>> })
            .dataValues
        expect(new Set(sent.map((v) => `${v.orgUnit}|${v.period}|${v.attributeOptionCombo}`))).toEqual(
            new Set([`${clinic.id}|202402|${DEFAULT_COC}`])
        )
        expect(new Map(sent.map((v) => [`${v.dataElement}|${v.categoryOptionCombo}`, v.value]))).toEqual(
            expected
        )
        expect(sent).toHaveLength(expected.size)
    })

    it('points a bad value back at its field, and keeps a typed « ; » in one cell', async () => {
        const model = buildFormModel(metadata, DATA_SET, clinic, '202402', new Map(), 'fr')
        const [first, second, third] = allFields(model)
        const out = formValuesToRows(model, {
            [first!.key]: '12',
            [second!.key]: 'douze',
            [third!.key]: '3;4',
        })
        const file = join(dir, 'form-bad.csv')
        writeFileSync(file, formRowsToCsv(out))
        const report = await runValidate({ files: [file], metadataFile, layout: 'long', stateDir: dir })
        expect(report.values).toBe(1)
        const fieldOf = (row: number | undefined) => out.rowFields[(row ?? 0) - 2]
        const errors = report.issues.filter((i) => i.severity === 'error')
        expect(errors.map((i) => [i.code, i.column, i.value, fieldOf(i.row)])).toEqual([
            ['NOT_A_NUMBER', 'valeur', 'douze', second!.key],
            ['NOT_A_NUMBER', 'valeur', '3;4', third!.key],
        ])
        expect(errors[0]?.message.fr).toMatch(/douze/)
    })
})
