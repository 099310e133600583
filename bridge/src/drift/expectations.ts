// What each kind of mapping file expects to find in DHIS2.
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { UID_PATTERN } from '@odd3/mappings/uid'
import { loadFacilityMappingFile } from '../mapping/facility-mapping.js'
import { isRecord } from '../core/is-record.js'
import { packageCollections } from '../metadata-install/install.js'
import { labRulesSchema, type LabRules } from '../sources/lab/rules.js'
import { mutuelleMappingSchema, type MutuelleMapping } from '../sources/mutuelle/mapping.js'
import type { Expectation } from './check.js'

async function json(path: string): Promise<unknown> {
    return JSON.parse(await readFile(path, 'utf8')) as unknown
}

async function jsonFiles(dir: string): Promise<string[]> {
    try {
        return (await readdir(dir))
            .filter((n) => n.endsWith('.json'))
            .sort()
            .map((n) => join(dir, n))
    } catch {
        return []
    }
}

const refId = (v: unknown): string | undefined => (isRecord(v) && typeof v.id === 'string' ? v.id : undefined)

/** The metadata package: every object by UID, with its code and name; the combos of elements and data sets. */
export function packageExpectations(raw: unknown, file: string): Expectation[] {
    const out: Expectation[] = []
    const collections = packageCollections(raw)
    const comboCode = new Map(
        (collections.categoryCombos ?? []).map((c) => [c.id, typeof c.code === 'string' ? c.code : c.id])
    )
    comboCode.set('bjDvmb4bfuf', 'default')
    for (const [collection, objects] of Object.entries(collections)) {
        for (const o of objects) {
            const e: Expectation = { file, collection, id: o.id }
            if (typeof o.code === 'string') e.code = o.code
            if (typeof o.name === 'string') e.name = o.name
            const combo = refId(o.categoryCombo)
            if (collection === 'dataElements' || collection === 'dataSets') {
                if (combo !== undefined) {
                    e.categoryCombo = combo
                    e.categoryComboLabel = comboCode.get(combo) ?? combo
                }
            }
            if (collection === 'categoryOptionCombos' && combo !== undefined) e.inCombo = combo
            if (collection === 'dataSets' && typeof o.periodType === 'string') e.periodType = o.periodType
            out.push(e)
        }
    }
    return out
}

function product(lists: string[][]): string[][] {
    return lists.reduce<string[][]>(
        (acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])),
        [[]]
    )
}

export function labExpectations(rules: LabRules, file: string): Expectation[] {
    const out: Expectation[] = [{ file, collection: 'dataSets', code: rules.dataSet }]
    const options: Record<string, string[]> = {
        result: Object.keys(rules.results),
        age: rules.ageGroups.map((g) => g.option),
        sex: Object.keys(rules.sexes),
    }
    for (const [code, test] of Object.entries(rules.tests)) {
        out.push({ file, collection: 'dataElements', code, categoryCombo: test.categoryCombo })
        for (const combination of product(test.disaggregation.map((d) => options[d] ?? []))) {
            out.push({
                file,
                collection: 'categoryOptionCombos',
                code: [test.categoryCombo, ...combination].join('_'),
                inCombo: test.categoryCombo,
            })
        }
    }
    return out
}

export function mutuelleExpectations(mapping: MutuelleMapping, file: string, today: string): Expectation[] {
    const out: Expectation[] = [
        { file, collection: 'dataSets', code: mapping.dataSet, categoryCombo: mapping.attributeCombo },
    ]
    const e = mapping.elements
    for (const code of [e.members, e.beneficiaries, e.membersUpToDate])
        out.push({ file, collection: 'dataElements', code })
    for (const code of [e.claims, e.claimsAmount]) {
        out.push({ file, collection: 'dataElements', code, categoryCombo: mapping.prestationCombo })
    }
    for (const p of Object.keys(mapping.prestations)) {
        out.push({
            file,
            collection: 'categoryOptionCombos',
            code: `${mapping.prestationCombo}_${p}`,
            inCombo: mapping.prestationCombo,
        })
    }
    for (const [code, m] of Object.entries(mapping.mutuelles)) {
        out.push({
            file,
            collection: 'categoryOptionCombos',
            code: `${mapping.attributeCombo}_${code}`,
            inCombo: mapping.attributeCombo,
        })
        out.push({ file, collection: 'organisationUnits', code: m.district, openOn: today })
    }
    return out
}

/** Clinic report layouts (`mappings/facility-report/*.json`): their data set and data elements. */
export function facilityReportExpectations(raw: unknown, file: string): Expectation[] {
    if (!isRecord(raw)) return []
    const out: Expectation[] = []
    if (typeof raw.dataSet === 'string') out.push({ file, collection: 'dataSets', code: raw.dataSet })
    const elements = new Set<string>()
    if (Array.isArray(raw.fields)) {
        for (const f of raw.fields)
            if (isRecord(f) && typeof f.dataElement === 'string') elements.add(f.dataElement)
    }
    if (isRecord(raw.elementAliases)) {
        for (const v of Object.values(raw.elementAliases)) if (typeof v === 'string') elements.add(v)
    }
    for (const code of elements) out.push({ file, collection: 'dataElements', code })
    return out
}

export async function facilityMappingExpectations(dir: string, today: string): Promise<Expectation[]> {
    const out: Expectation[] = []
    for (const path of await jsonFiles(dir)) {
        const mapping = await loadFacilityMappingFile(path)
        for (const entry of mapping.entries) {
            const e: Expectation = { file: path, collection: 'organisationUnits', openOn: today }
            if (UID_PATTERN.test(entry.orgUnit)) e.id = entry.orgUnit
            else e.code = entry.orgUnit
            if (entry.district !== undefined) e.parent = entry.district
            out.push(e)
        }
    }
    return out
}

export interface ExpectationSources {
    mappingsRoot: string
    /** Facility mappings folder; default `<mappingsRoot>/facilities`. */
    facilitiesDir?: string
    today: string
}

/** Every expectation of every mapping file under `mappings/`, deduplicated per file. */
export async function collectExpectations(sources: ExpectationSources): Promise<Expectation[]> {
    const root = sources.mappingsRoot
    const rel = (p: string): string => relative(join(root, '..'), p)
    const all: Expectation[] = []
    const pkgPath = join(root, 'metadata', 'dhis2-metadata-package.json')
    all.push(...packageExpectations(await json(pkgPath), rel(pkgPath)))
    for (const path of await jsonFiles(join(root, 'facility-report'))) {
        all.push(...facilityReportExpectations(await json(path), rel(path)))
    }
    const rulesPath = join(root, 'labs', 'rules.json')
    all.push(...labExpectations(labRulesSchema.parse(await json(rulesPath)), rel(rulesPath)))
    const mutPath = join(root, 'mutuelles', 'mutuelles.json')
    all.push(
        ...mutuelleExpectations(mutuelleMappingSchema.parse(await json(mutPath)), rel(mutPath), sources.today)
    )
    for (const e of await facilityMappingExpectations(
        sources.facilitiesDir ?? join(root, 'facilities'),
        sources.today
    )) {
        all.push({ ...e, file: rel(e.file) })
    }
    const seen = new Set<string>()
    return all.filter((e) => {
        const key = `${e.file}|${e.collection}|${e.id ?? ''}|${e.code ?? ''}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
    })
}
