import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CATEGORY_COMBOS, CATEGORIES, DATA_SETS, INDICATORS } from '../metadata/definitions.js'
import { buildMetadataPackage, cartesian } from '../src/package-builder.js'
import {
    PACKAGE_COLLECTIONS,
    loadMetadataPackage,
    metadataIndex,
    type PackageObject,
} from '../src/package.js'
import { DEFAULT_UIDS, UID_PATTERN, uidFromCode } from '../src/uid.js'

const pkg = loadMetadataPackage()
const index = metadataIndex()
const allObjects = PACKAGE_COLLECTIONS.flatMap((collection) => pkg[collection])
const allIds = new Set([...allObjects.map((o) => o.id), ...Object.values(DEFAULT_UIDS)])

/** Every `{ id }` reference nested anywhere in an object (its own id excluded). */
function references(value: unknown, top = true): string[] {
    if (Array.isArray(value)) return value.flatMap((item) => references(item, false))
    if (typeof value !== 'object' || value === null) return []
    const out: string[] = []
    for (const [key, child] of Object.entries(value)) {
        if (key === 'id' && !top && typeof child === 'string') out.push(child)
        else if (key !== 'translations' && key !== 'sharing') out.push(...references(child, false))
    }
    return out
}

describe('metadata package', () => {
    it('is the committed output of the definitions (run mappings/scripts/build-package.ts)', () => {
        const committed = readFileSync(
            new URL('../metadata/dhis2-metadata-package.json', import.meta.url),
            'utf8'
        )
        expect(committed).toBe(`${JSON.stringify(buildMetadataPackage(), null, 2)}\n`)
    })

    it('has valid, unique, code-derived UIDs', () => {
        const ids = allObjects.map((o) => o.id)
        expect(new Set(ids).size).toBe(ids.length)
        for (const o of allObjects) expect(o.id).toMatch(UID_PATTERN)
        expect(index.dataElementUid('PALU_CONFIRMES')).toBe(uidFromCode('dataElement', 'PALU_CONFIRMES'))
        expect(index.dataSetUid('DS_SLIS_MENSUEL')).toBe(uidFromCode('dataSet', 'DS_SLIS_MENSUEL'))
    })

    it('resolves every reference', () => {
        for (const o of allObjects) {
            for (const id of references(o)) expect(allIds.has(id), `${o.code} → ${id}`).toBe(true)
        }
    })

    it('has unique codes, names and short names within each collection, within DHIS2 lengths', () => {
        for (const collection of PACKAGE_COLLECTIONS) {
            const objects: PackageObject[] = pkg[collection]
            const codes = objects.map((o) => o.code)
            expect(new Set(codes).size, collection).toBe(codes.length)
            if (collection !== 'categoryOptionCombos') {
                const names = objects.map((o) => o.name)
                expect(new Set(names).size, collection).toBe(names.length)
            }
            const shortNames = objects.flatMap((o) => (o.shortName ? [o.shortName] : []))
            expect(new Set(shortNames).size, collection).toBe(shortNames.length)
            for (const o of objects) {
                expect(o.name.length).toBeLessThanOrEqual(230)
                if (o.shortName) expect(o.shortName.length, o.shortName).toBeLessThanOrEqual(50)
                expect(o.code.length).toBeLessThanOrEqual(50)
            }
        }
    })

    it('holds every category option combo, as the cartesian product of the categories', () => {
        for (const combo of CATEGORY_COMBOS) {
            const expected = cartesian(
                combo.categories.map((c) => CATEGORIES.find((cat) => cat.code === c)?.options ?? [])
            )
            const comboUid = index.categoryComboUid(combo.code)
            const cocs = pkg.categoryOptionCombos.filter(
                (coc) => (coc.categoryCombo as { id: string }).id === comboUid
            )
            expect(cocs).toHaveLength(expected.length)
            for (const tuple of expected) {
                const uid = index.cocUid(combo.code, tuple)
                const coc = cocs.find((c) => c.id === uid)
                expect(coc?.code).toBe([combo.code, ...tuple].join('_'))
                const optionIds = (coc?.categoryOptions as Array<{ id: string }>).map((r) => r.id)
                expect(optionIds).toEqual(tuple.map((o) => index.categoryOptionUid(o)))
            }
        }
    })

    it('defines data elements as DHIS2 needs them', () => {
        for (const de of pkg.dataElements) {
            expect(de.domainType).toBe('AGGREGATE')
            expect(de.zeroIsSignificant).toBe(false)
            expect(['INTEGER_ZERO_OR_POSITIVE', 'NUMBER']).toContain(de.valueType)
            expect(['SUM', 'LAST', 'AVERAGE_SUM_ORG_UNIT']).toContain(de.aggregationType)
        }
        expect(index.byCode('dataElements', 'POP_TOTALE')?.aggregationType).toBe('AVERAGE_SUM_ORG_UNIT')
        expect(index.byCode('dataElements', 'PF_UTILISATRICES')?.aggregationType).toBe('LAST')
    })

    it('defines data sets without org units, with DHIS2 default periods and data-write sharing', () => {
        for (const ds of pkg.dataSets) {
            expect(ds.organisationUnits).toBeUndefined()
            expect(ds.openFuturePeriods).toBe(0)
            expect(ds.expiryDays).toBe(0)
            expect(ds.timelyDays).toBe(15)
            expect(ds.publicAccess).toBe('rwrw----')
        }
        for (const def of DATA_SETS) expect(index.dataSetElementCodes(def.code)).toEqual(def.elements)
        expect(index.byCode('dataSets', 'DS_MUTUELLE_MENSUEL')?.categoryCombo).toEqual({
            id: index.categoryComboUid('CC_MUTUELLE'),
        })
        for (const option of pkg.categoryOptions) expect(option.publicAccess).toBe('rwrw----')
        for (const de of pkg.dataElements) expect(de.publicAccess).toBe('rw------')
    })

    it('writes indicator expressions that reference existing data elements and their own option combos', () => {
        for (const indicator of pkg.indicators) {
            for (const side of ['numerator', 'denominator'] as const) {
                const expression = String(indicator[side])
                const stripped = expression.replace(/#\{[A-Za-z0-9.]+\}/g, '').replace(/[\s+]/g, '')
                expect(['', '1'], `${indicator.code} ${side}`).toContain(stripped)
                for (const match of expression.matchAll(/#\{([A-Za-z0-9]{11})(?:\.([A-Za-z0-9]{11}))?\}/g)) {
                    const de = index.byId('dataElements', match[1] ?? '')
                    expect(de, expression).toBeDefined()
                    if (match[2] && de) {
                        const cocs = index.cocsOfDataElement(de.code).map((c) => c.id)
                        expect(cocs).toContain(match[2])
                    }
                }
            }
            expect(index.byId('indicatorTypes', (indicator.indicatorType as { id: string }).id)).toBeDefined()
        }
        const malaria = String(index.byCode('indicators', 'IND_PALU_INCIDENCE')?.numerator)
        expect(malaria).toContain(`#{${index.dataElementUid('PALU_CONFIRMES')}}`)
        expect(malaria).toContain(
            `#{${index.dataElementUid('LAB_PALU_TDR')}.${index.cocUid('CC_RESULTAT_AGE', ['RES_POS', 'AGE_LT5'])}}`
        )
        expect(malaria).not.toContain(index.cocUid('CC_RESULTAT_AGE', ['RES_NEG', 'AGE_LT5']))
        expect(INDICATORS.map((i) => i.code).sort()).toEqual(pkg.indicators.map((i) => i.code).sort())
    })

    it('ships groups without members and group sets as data dimensions', () => {
        for (const group of pkg.organisationUnitGroups) expect(group.organisationUnits).toBeUndefined()
        const sector = index.byCode('organisationUnitGroupSets', 'SECTEUR')
        expect(sector?.dataDimension).toBe(true)
        expect(sector?.compulsory).toBe(true)
        expect((sector?.organisationUnitGroups as unknown[]).length).toBe(4)
    })

    it('names everything in French with English and French translations', () => {
        for (const o of allObjects) {
            const translations = o.translations ?? []
            for (const locale of ['fr', 'en']) {
                expect(
                    translations.some((t) => t.locale === locale && t.property === 'NAME'),
                    o.code
                ).toBe(true)
            }
            expect(translations.find((t) => t.locale === 'fr' && t.property === 'NAME')?.value).toBe(o.name)
        }
        expect(index.byCode('dataElements', 'ACCOUCH_ASSISTES')?.name).toBe(
            'Accouchements assistés par du personnel qualifié'
        )
    })
})
