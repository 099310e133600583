// The online form of a monthly report, generated from the DHIS2 data set as the metadata snapshot holds
// it, and the way back: typed fields → rows of the clinic's long layout (mappings/facility-report/long.json),
// so that a form goes through the very same reading, validation and mapping as a file. Pure: no I/O.
//
// Order: the snapshot does not fetch data set sections (bridge/src/metadata-snapshot/fetch.ts asks for
// dataSetElements only), so the form has one section, named after the data set, with the fields in the
// data set's element order and each element's disaggregations in its category combo's order.
//
// Labels: French names are DHIS2's own (a Malian instance's default locale). The snapshot holds no
// translations, so English names come from the project's metadata package definitions (the same text the
// package installs as DHIS2 translations), matched by code; an object the package does not know keeps
// its DHIS2 name.
import { CATEGORY_OPTIONS, DATA_ELEMENTS, DATA_SETS } from '@odd3/mappings/definitions'
import { LocalizedError } from '../i18n/localized-error.js'
import type { MetadataIndex } from '../metadata-snapshot/index.js'
import type { CocMeta, DataElementMeta } from '../metadata-snapshot/types.js'
import { monthLabel } from './expected-months.js'
import type { FormField, FormModel, IntakeOrgUnit } from './form-types.js'

export type { FormField, FormModel, IntakeOrgUnit }

/** A form field with the cells its value is written under in the long layout. */
export interface IntakeFormField extends FormField {
    /** `indicateur`: the data element code (its UID when it has no code). */
    indicator: string
    /** `ventilation`: the disaggregation's name, empty for an element without disaggregation. */
    disaggregation: string
}

/** A FormModel plus what formValuesToRows needs to write the long layout; still plain JSON. */
export interface IntakeFormModel extends FormModel {
    /** The facility's DHIS2 code (its UID when it has no code), written in `code_structure`. */
    facility: string
    sections: Array<{ name: string; fields: IntakeFormField[] }>
}

/** The long layout's columns, as named in mappings/facility-report/long.json (a test checks they match). */
export const LONG_HEADER = ['code_structure', 'periode', 'indicateur', 'ventilation', 'valeur'] as const

const EN_NAMES = new Map<string, string>(
    [...DATA_ELEMENTS, ...DATA_SETS, ...CATEGORY_OPTIONS].map((d) => [d.code.toUpperCase(), d.nameEn])
)

function english(code: string | undefined): string | undefined {
    return code ? EN_NAMES.get(code.toUpperCase()) : undefined
}

/**
 * A field's HTML name: `v_<element>_<combo>`. UIDs are 11 letters and digits, so this is the usual
 * result; any other character is written `-xx` (hex) so the key stays safe in an HTML name and in a URL
 * and two different pairs never share a key.
 */
export function fieldKey(dataElement: string, categoryOptionCombo: string): string {
    const safe = (s: string) =>
        s.replace(/[^A-Za-z0-9]/g, (c) => '-' + c.codePointAt(0)!.toString(16).padStart(2, '0') + '-')
    return `v_${safe(dataElement)}_${safe(categoryOptionCombo)}`
}

export function elementLabel(de: DataElementMeta, lang: 'fr' | 'en'): string {
    const fr = de.name ?? de.code ?? de.id
    return lang === 'en' ? (english(de.code) ?? fr) : fr
}

function cocLabel(coc: CocMeta, lang: 'fr' | 'en'): string {
    const fr = coc.name ?? coc.code ?? coc.id
    if (lang === 'fr') return fr
    // the snapshot keeps a COC's options by code: their English names, in the COC's order
    const names = coc.categoryOptions.map(english)
    return names.length > 0 && names.every((n) => n !== undefined) ? names.join(', ') : fr
}

/** The `indicateur` cell: the code when the pipeline's lookup finds this very element by it. */
function indicatorCell(metadata: MetadataIndex, de: DataElementMeta): string {
    return de.code && metadata.dataElement(de.code)?.id === de.id ? de.code : de.id
}

/**
 * The `ventilation` cell: empty for the only COC of a combo (the pipeline's default), else the COC's
 * name, code or UID, the first that the pipeline's lookup resolves to this very COC.
 */
function disaggregationCell(metadata: MetadataIndex, de: DataElementMeta, coc: CocMeta): string {
    if (metadata.defaultCoc(de.categoryCombo)?.id === coc.id) return ''
    for (const candidate of [coc.name, coc.code])
        if (candidate && metadata.coc(de.categoryCombo, candidate)?.id === coc.id) return candidate
    return coc.id
}

/**
 * The form of a data set for one facility and month, with the values DHIS2 holds now as the starting
 * point. `current` is keyed `${dataElement}|${categoryOptionCombo}` (UIDs). Throws when DHIS2 has no
 * such data set, or when the data set has an attribute category combo (mutuelles): the long layout has
 * no column for it, so such reports come as files.
 */
export function buildFormModel(
    metadata: MetadataIndex,
    dataSetCode: string,
    orgUnit: IntakeOrgUnit,
    period: string,
    current: Map<string, string>,
    lang: 'fr' | 'en'
): IntakeFormModel {
    const ds = metadata.dataSet(dataSetCode)
    if (!ds) throw LocalizedError.of('MAPPING_DATA_SET_MISSING', { dataSet: dataSetCode, layout: 'long' })
    if (metadata.defaultCoc(ds.categoryCombo) === undefined)
        throw new Error(`data set ${dataSetCode} has an attribute combo: no online form for it`)
    const fields: IntakeFormField[] = []
    for (const deId of ds.dataElements) {
        const de = metadata.dataElement(deId)
        const combo = de ? metadata.combo(de.categoryCombo) : undefined
        if (!de || !combo) continue // an element the snapshot cannot describe cannot be typed either
        const single = combo.categoryOptionCombos.length === 1
        for (const coc of combo.categoryOptionCombos) {
            const name = elementLabel(de, lang)
            fields.push({
                key: fieldKey(de.id, coc.id),
                label: single ? name : `${name} — ${cocLabel(coc, lang)}`,
                dataElement: de.id,
                categoryOptionCombo: coc.id,
                valueType: de.valueType,
                current: current.get(`${de.id}|${coc.id}`) ?? null,
                indicator: indicatorCell(metadata, de),
                disaggregation: disaggregationCell(metadata, de, coc),
            })
        }
    }
    const ou = metadata.orgUnit(orgUnit.id)
    const dataSetName =
        lang === 'en' ? (english(ds.code) ?? ds.name ?? ds.code ?? ds.id) : (ds.name ?? ds.code ?? ds.id)
    return {
        orgUnit,
        facility: ou?.code && metadata.orgUnit(ou.code)?.id === ou.id ? ou.code : orgUnit.id,
        period,
        periodLabel: monthLabel(period, lang),
        dataSetName,
        sections: [{ name: dataSetName, fields }],
    }
}

export interface FormRows {
    header: string[]
    rows: string[][]
    /** The field key of each row: rows[i] is line i + 2 of the file (after the header), for messages. */
    rowFields: string[]
    /** Submitted keys that are no field of the form, in the order given: the caller refuses them. */
    unknownKeys: string[]
}

/** `202401` → `2024-01`, the period as the long layout writes it. */
function layoutPeriod(period: string): string {
    const m = /^(\d{4})(\d{2})$/.exec(period)
    return m ? `${m[1]}-${m[2]}` : period
}

/**
 * The typed fields as rows of the long layout, in the form's order. A field left empty (or blank) is
 * not reported; a value is passed as typed (trimmed) so that the pipeline, not the form, judges it.
 */
export function formValuesToRows(model: IntakeFormModel, fields: Record<string, string>): FormRows {
    const byKey = new Map<string, IntakeFormField>()
    for (const section of model.sections) for (const f of section.fields) byKey.set(f.key, f)
    const unknownKeys = Object.keys(fields).filter((k) => !byKey.has(k))
    const rows: string[][] = []
    const rowFields: string[] = []
    const period = layoutPeriod(model.period)
    for (const f of byKey.values()) {
        const typed = Object.hasOwn(fields, f.key) ? fields[f.key] : undefined
        const value = typeof typed === 'string' ? typed.trim() : ''
        if (value === '') continue
        rows.push([model.facility, period, f.indicator, f.disaggregation, value])
        rowFields.push(f.key)
    }
    return { header: [...LONG_HEADER], rows, rowFields, unknownKeys }
}

function csvCell(s: string): string {
    return /[;"\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * The rows as a CSV the bridge reads like any clinic's file (French Excel's `;`, a BOM, CRLF), every
 * cell quoted when it must be, so a value typed with a `;` or a quote stays one cell.
 */
export function formRowsToCsv(rows: Pick<FormRows, 'header' | 'rows'>): string {
    const lines = [rows.header, ...rows.rows].map((r) => r.map(csvCell).join(';'))
    return '\ufeff' + lines.join('\r\n') + '\r\n'
}
