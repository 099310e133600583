// What the simulator knows of DHIS2's metadata schemas: class names, references, required and unique
// properties (docs/dhis2-api.md §8.4; HBM not-null columns).
import type { MetadataCollection } from '../core/types.js'

export interface CollectionSchema {
    klass: string
    /** Java simple name, used in messages ("DataElement with id … could not be found."). */
    simpleName: string
    /** Single references: property → collection. */
    references: Record<string, MetadataCollection>
    /** Reference lists: property → collection. */
    referenceLists: Record<string, MetadataCollection>
    /** Required in a /api/metadata payload (E4000). */
    required: string[]
    /** Unique among the collection (E5003). */
    unique: string[]
}

const identifiable = (
    pkg: string,
    simpleName: string,
    extra: Partial<Omit<CollectionSchema, 'klass' | 'simpleName'>>
): CollectionSchema => ({
    klass: `org.hisp.dhis.${pkg}.${simpleName}`,
    simpleName,
    references: extra.references ?? {},
    referenceLists: extra.referenceLists ?? {},
    required: extra.required ?? ['name'],
    unique: extra.unique ?? ['name', 'code'],
})

export const SCHEMAS: Record<MetadataCollection, CollectionSchema> = {
    organisationUnits: identifiable('organisationunit', 'OrganisationUnit', {
        references: { parent: 'organisationUnits' },
        required: ['name', 'shortName', 'openingDate'],
        unique: ['code'],
    }),
    organisationUnitLevels: identifiable('organisationunit', 'OrganisationUnitLevel', {
        required: ['name', 'level'],
        unique: ['name', 'code', 'level'],
    }),
    organisationUnitGroups: identifiable('organisationunit', 'OrganisationUnitGroup', {
        referenceLists: { organisationUnits: 'organisationUnits' },
        required: ['name', 'shortName'],
        unique: ['name', 'code', 'shortName'],
    }),
    organisationUnitGroupSets: identifiable('organisationunit', 'OrganisationUnitGroupSet', {
        referenceLists: { organisationUnitGroups: 'organisationUnitGroups' },
        required: ['name', 'shortName'],
        unique: ['name', 'code', 'shortName'],
    }),
    categoryOptions: identifiable('category', 'CategoryOption', {
        referenceLists: { organisationUnits: 'organisationUnits' },
        required: ['name', 'shortName'],
        unique: ['name', 'code', 'shortName'],
    }),
    categories: identifiable('category', 'Category', {
        referenceLists: { categoryOptions: 'categoryOptions' },
        required: ['name', 'shortName', 'dataDimensionType'],
        unique: ['name', 'code', 'shortName'],
    }),
    categoryCombos: identifiable('category', 'CategoryCombo', {
        referenceLists: { categories: 'categories' },
        required: ['name', 'dataDimensionType'],
    }),
    categoryOptionCombos: identifiable('category', 'CategoryOptionCombo', {
        references: { categoryCombo: 'categoryCombos' },
        referenceLists: { categoryOptions: 'categoryOptions' },
        required: [],
        unique: ['code'],
    }),
    dataElements: identifiable('dataelement', 'DataElement', {
        references: { categoryCombo: 'categoryCombos' },
        required: ['name', 'shortName', 'valueType', 'domainType', 'aggregationType'],
        unique: ['name', 'code', 'shortName'],
    }),
    dataElementGroups: identifiable('dataelement', 'DataElementGroup', {
        referenceLists: { dataElements: 'dataElements' },
        required: ['name', 'shortName'],
        unique: ['name', 'code', 'shortName'],
    }),
    dataSets: identifiable('dataset', 'DataSet', {
        references: { categoryCombo: 'categoryCombos' },
        referenceLists: { organisationUnits: 'organisationUnits' },
        required: ['name', 'shortName', 'periodType'],
        unique: ['name', 'code'],
    }),
    indicatorTypes: identifiable('indicator', 'IndicatorType', { required: ['name', 'factor'] }),
    indicators: identifiable('indicator', 'Indicator', {
        references: { indicatorType: 'indicatorTypes' },
        required: ['name', 'shortName', 'indicatorType', 'numerator', 'denominator'],
        unique: ['name', 'code', 'shortName'],
    }),
    indicatorGroups: identifiable('indicator', 'IndicatorGroup', {
        referenceLists: { indicators: 'indicators' },
    }),
    constants: identifiable('constant', 'Constant', { required: ['name', 'value'] }),
    userRoles: identifiable('user', 'UserRole', {}),
    userGroups: identifiable('user', 'UserGroup', { referenceLists: { users: 'users' } }),
    users: identifiable('user', 'User', {
        referenceLists: {
            userRoles: 'userRoles',
            organisationUnits: 'organisationUnits',
            dataViewOrganisationUnits: 'organisationUnits',
        },
        required: ['username', 'firstName', 'surname'],
        unique: ['username', 'code'],
    }),
}

/** References inside embedded objects (dataSetElements, compulsory operands). */
export const EMBEDDED_REFERENCES: Partial<
    Record<MetadataCollection, Record<string, Record<string, MetadataCollection>>>
> = {
    dataSets: {
        dataSetElements: { dataElement: 'dataElements', categoryCombo: 'categoryCombos' },
        compulsoryDataElementOperands: {
            dataElement: 'dataElements',
            categoryOptionCombo: 'categoryOptionCombos',
        },
    },
}

/** Import order: objects are created after what they reference. */
export const IMPORT_ORDER: MetadataCollection[] = [
    'categoryOptions',
    'categories',
    'categoryCombos',
    'categoryOptionCombos',
    'organisationUnits',
    'organisationUnitLevels',
    'organisationUnitGroups',
    'organisationUnitGroupSets',
    'dataElements',
    'dataElementGroups',
    'dataSets',
    'indicatorTypes',
    'indicators',
    'indicatorGroups',
    'constants',
    'userRoles',
    'userGroups',
    'users',
]

/**
 * Maximum string lengths (E4001) from the Hibernate mappings of 2.41.3 (`length="…"`; a string column without one
 * gets Hibernate's 255; `type="text"` columns have no limit) and `identifiableProperties.hbm` (code 50).
 */
const NAME_AND_CODE = { name: 230, code: 50 }
const NAMEABLE = { ...NAME_AND_CODE, shortName: 50 }

export const MAX_LENGTHS: Record<MetadataCollection, Record<string, number>> = {
    organisationUnits: {
        ...NAMEABLE,
        url: 255,
        contactPerson: 255,
        address: 255,
        email: 150,
        phoneNumber: 150,
    },
    organisationUnitLevels: NAME_AND_CODE,
    organisationUnitGroups: NAMEABLE,
    organisationUnitGroupSets: NAMEABLE,
    categoryOptions: { ...NAMEABLE, formName: 230 },
    categories: NAMEABLE,
    categoryCombos: NAME_AND_CODE,
    categoryOptionCombos: NAME_AND_CODE,
    dataElements: { ...NAMEABLE, formName: 230, url: 255 },
    dataElementGroups: NAMEABLE,
    dataSets: NAMEABLE,
    indicatorTypes: NAME_AND_CODE,
    indicators: { ...NAMEABLE, url: 255 },
    indicatorGroups: NAME_AND_CODE,
    constants: NAMEABLE,
    userRoles: NAME_AND_CODE,
    userGroups: NAME_AND_CODE,
    users: { code: 50 },
}

/** `@PropertyRange(min = …)` on strings (E4002): `formName` of DataElement and CategoryOption needs 2. */
export const MIN_LENGTHS: Partial<Record<MetadataCollection, Record<string, number>>> = {
    dataElements: { formName: 2 },
    categoryOptions: { formName: 2 },
}
