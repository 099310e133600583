// The shape of mappings/metadata/dhis2-metadata-package.json: a DHIS2 metadata import file.

export interface Ref {
    id: string
}

export interface Translation {
    property: 'NAME' | 'SHORT_NAME' | 'DESCRIPTION' | 'FORM_NAME'
    locale: string
    value: string
}

/** A DHIS2 metadata object as serialised in the package: every object has an id and a code. */
export interface PackageObject {
    id: string
    code: string
    name: string
    shortName?: string
    translations?: Translation[]
    [property: string]: unknown
}

export interface PackageDescriptor {
    code: string
    name: string
    version: string
    DHIS2Version: string
    locale: string
    description: string
}

export const PACKAGE_COLLECTIONS = [
    'categoryOptions',
    'categories',
    'categoryCombos',
    'categoryOptionCombos',
    'dataElements',
    'dataSets',
    'indicatorTypes',
    'indicators',
    'organisationUnitGroups',
    'organisationUnitGroupSets',
    'userGroups',
] as const

export type PackageCollection = (typeof PACKAGE_COLLECTIONS)[number]

export type MetadataPackage = { package: PackageDescriptor } & Record<PackageCollection, PackageObject[]>
