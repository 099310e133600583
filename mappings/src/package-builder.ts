// Turns the compact definitions into a DHIS2 metadata import file (`POST /api/metadata`, 2.39-2.42).
// Pure and deterministic: the same definitions always give the same JSON, byte for byte.
import {
    CATEGORIES,
    CATEGORY_COMBOS,
    CATEGORY_OPTIONS,
    DATA_ELEMENTS,
    DATA_SETS,
    INDICATOR_TYPES,
    INDICATORS,
    ORG_UNIT_GROUP_SETS,
    ORG_UNIT_GROUPS,
    USER_GROUPS,
    type CategoryComboDef,
    type CategoryDef,
    type ExpressionTerm,
    type Named,
} from '../metadata/definitions.js'
import type { MetadataPackage, PackageObject, Ref, Translation } from './package-types.js'
import { DEFAULT_UIDS, uidFromCode } from './uid.js'

export const PACKAGE_CODE = 'ODD3_MALI_PRIVE'
export const PACKAGE_VERSION = '1.0.0'

/** Data entry needs write access to data (the second pair); metadata stays editable by its owners only. */
export const SHARING_METADATA = 'rw------'
export const SHARING_DATA = 'rwrw----'
/** A user group is read by every user (the app looks the planners' group up by code); admins manage it. */
export const SHARING_USER_GROUP = 'r-------'

function sharing(publicAccess: string): Record<string, unknown> {
    return {
        publicAccess,
        sharing: { public: publicAccess, external: false, users: {}, userGroups: {} },
    }
}

function ref(kind: string, code: string): Ref {
    return { id: uidFromCode(kind, code) }
}

function translations(named: Named, withShortName = true): Translation[] {
    const out: Translation[] = []
    for (const [locale, name, shortName, description] of [
        ['fr', named.name, named.shortName, named.description],
        ['en', named.nameEn, named.shortNameEn, named.descriptionEn],
    ] as const) {
        out.push({ property: 'NAME', locale, value: name })
        if (withShortName) out.push({ property: 'SHORT_NAME', locale, value: shortName })
        if (description) out.push({ property: 'DESCRIPTION', locale, value: description })
    }
    return out
}

function base(kind: string, named: Named, withShortName = true): PackageObject {
    const object: PackageObject = { id: uidFromCode(kind, named.code), code: named.code, name: named.name }
    if (withShortName) object.shortName = named.shortName
    if (named.description) object.description = named.description
    object.translations = translations(named, withShortName)
    return object
}

/** DHIS2 orders the options of a combo by category, then by the category's option order. */
export function cartesian<T>(lists: T[][]): T[][] {
    return lists.reduce<T[][]>(
        (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
        [[]]
    )
}

export function cocCode(comboCode: string, optionCodes: string[]): string {
    return [comboCode, ...optionCodes].join('_')
}

function byCode<T extends { code: string }>(items: T[]): Map<string, T> {
    return new Map(items.map((item) => [item.code, item]))
}

function must<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`Unknown ${what}`)
    return value
}

/** The option-code tuples of a combo, in DHIS2 order. */
export function comboOptionTuples(combo: CategoryComboDef, categories: Map<string, CategoryDef>): string[][] {
    return cartesian(combo.categories.map((code) => must(categories.get(code), `category ${code}`).options))
}

function categoryComboUid(code: string): string {
    return code === 'default' ? DEFAULT_UIDS.categoryCombo : uidFromCode('categoryCombo', code)
}

/** `#{de}` or the sum of `#{de.coc}` over the combos that carry every requested option. */
export function expressionOf(terms: ExpressionTerm[] | 1): string {
    if (terms === 1) return '1'
    const categories = byCode(CATEGORIES)
    const combos = byCode(CATEGORY_COMBOS)
    const elements = byCode(DATA_ELEMENTS)
    const parts: string[] = []
    for (const term of terms) {
        const element = must(elements.get(term.dataElement), `data element ${term.dataElement}`)
        const deUid = uidFromCode('dataElement', element.code)
        if (!term.options || term.options.length === 0) {
            parts.push(`#{${deUid}}`)
            continue
        }
        const combo = must(combos.get(element.categoryCombo), `category combo ${element.categoryCombo}`)
        const wanted = term.options
        for (const tuple of comboOptionTuples(combo, categories)) {
            if (!wanted.every((option) => tuple.includes(option))) continue
            parts.push(`#{${deUid}.${uidFromCode('categoryOptionCombo', cocCode(combo.code, tuple))}}`)
        }
    }
    return parts.join(' + ')
}

export function buildMetadataPackage(): MetadataPackage {
    const options = byCode(CATEGORY_OPTIONS)
    const categories = byCode(CATEGORIES)

    const categoryOptions = CATEGORY_OPTIONS.map((o) => ({
        ...base('categoryOption', o),
        ...sharing(SHARING_DATA),
    }))

    const categoryObjects = CATEGORIES.map((c) => ({
        ...base('category', c),
        dataDimensionType: c.dataDimensionType,
        dataDimension: true,
        categoryOptions: c.options.map((code) => ref('categoryOption', code)),
        ...sharing(SHARING_METADATA),
    }))

    const categoryCombos = CATEGORY_COMBOS.map((cc) => ({
        ...base('categoryCombo', cc, false),
        dataDimensionType: cc.dataDimensionType,
        skipTotal: false,
        categories: cc.categories.map((code) => ref('category', code)),
        ...sharing(SHARING_METADATA),
    }))

    const categoryOptionCombos: PackageObject[] = []
    for (const combo of CATEGORY_COMBOS) {
        for (const tuple of comboOptionTuples(combo, categories)) {
            const code = cocCode(combo.code, tuple)
            const named = tuple.map((o) => must(options.get(o), `category option ${o}`))
            categoryOptionCombos.push({
                id: uidFromCode('categoryOptionCombo', code),
                code,
                name: named.map((o) => o.name).join(', '),
                ignoreApproval: false,
                categoryCombo: ref('categoryCombo', combo.code),
                categoryOptions: tuple.map((o) => ref('categoryOption', o)),
                translations: [
                    { property: 'NAME', locale: 'fr', value: named.map((o) => o.name).join(', ') },
                    { property: 'NAME', locale: 'en', value: named.map((o) => o.nameEn).join(', ') },
                ],
            })
        }
    }

    const dataElements = DATA_ELEMENTS.map((d) => ({
        ...base('dataElement', d),
        formName: d.name,
        valueType: d.valueType,
        domainType: 'AGGREGATE',
        aggregationType: d.aggregationType,
        categoryCombo: { id: categoryComboUid(d.categoryCombo) },
        zeroIsSignificant: false,
        ...sharing(SHARING_METADATA),
    }))

    const dataSets = DATA_SETS.map((ds) => {
        const id = uidFromCode('dataSet', ds.code)
        return {
            ...base('dataSet', ds),
            periodType: ds.periodType,
            categoryCombo: { id: categoryComboUid(ds.categoryCombo) },
            dataSetElements: ds.elements.map((code) => ({
                dataElement: ref('dataElement', code),
                dataSet: { id },
            })),
            openFuturePeriods: 0,
            expiryDays: 0,
            timelyDays: 15,
            ...sharing(SHARING_DATA),
        }
    })

    const indicatorTypes = INDICATOR_TYPES.map((t) => ({
        ...base('indicatorType', t, false),
        factor: t.factor,
        number: t.number,
        ...sharing(SHARING_METADATA),
    }))

    const indicators = INDICATORS.map((i) => ({
        ...base('indicator', i),
        indicatorType: ref('indicatorType', i.indicatorType),
        numerator: expressionOf(i.numerator),
        numeratorDescription: i.numeratorDescription,
        denominator: expressionOf(i.denominator),
        denominatorDescription: i.denominatorDescription,
        annualized: i.annualized,
        decimals: i.decimals,
        ...sharing(SHARING_METADATA),
    }))

    // Groups carry no members: which facility belongs to which sector is per installation.
    const organisationUnitGroups = ORG_UNIT_GROUPS.map((g) => ({
        ...base('organisationUnitGroup', g),
        ...sharing(SHARING_METADATA),
    }))

    const organisationUnitGroupSets = ORG_UNIT_GROUP_SETS.map((gs) => ({
        ...base('organisationUnitGroupSet', gs),
        dataDimension: true,
        compulsory: gs.compulsory,
        includeSubhierarchyInAnalytics: false,
        organisationUnitGroups: gs.groups.map((code) => ref('organisationUnitGroup', code)),
        ...sharing(SHARING_METADATA),
    }))

    // DHIS2 user groups have no short name; `users` is left out so an install never touches the members.
    const userGroups = USER_GROUPS.map((g) => ({
        ...base('userGroup', g, false),
        ...sharing(SHARING_USER_GROUP),
    }))

    return {
        package: {
            code: PACKAGE_CODE,
            name: 'ODD 3 Mali — secteur privé (MAP)',
            version: PACKAGE_VERSION,
            DHIS2Version: '2.39-2.42',
            locale: 'fr',
            description:
                'Éléments de données, combinaisons de catégories, ensembles de données, groupes et indicateurs ' +
                'ODD 3 / MAP du Mali. Generated by mappings/scripts/build-package.ts: do not edit by hand.',
        },
        categoryOptions,
        categories: categoryObjects,
        categoryCombos,
        categoryOptionCombos,
        dataElements,
        dataSets,
        indicatorTypes,
        indicators,
        organisationUnitGroups,
        organisationUnitGroupSets,
        userGroups,
    }
}
