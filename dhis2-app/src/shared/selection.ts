import { UID_PATTERN } from '@odd3/mappings/uid'

/** What the user is looking at; it lives in the URL hash so links can be shared and Back works. */
export interface Selection {
    /** Organisation unit UID; null means the user's own. */
    orgUnit: string | null
    /** Calendar year; null means the default year. */
    year: number | null
    /** Plan code of the indicator opened in detail (e.g. `ODD-3.1.2`); null for none. */
    indicator: string | null
}

/** Reads a selection from a location hash such as `#/?ou=AbC123defGh&year=2024&indicator=ODD-3.7.1`. */
export function parseSelection(hash: string): Selection {
    const query = hash.replace(/^#\/?\??/, '')
    const params = new URLSearchParams(query)
    const ou = params.get('ou')
    const yearText = params.get('year')
    const year = yearText !== null && /^\d{4}$/.test(yearText) ? Number(yearText) : null
    const indicator = params.get('indicator')
    return {
        orgUnit: ou !== null && UID_PATTERN.test(ou) ? ou : null,
        year,
        indicator: indicator !== null && indicator.trim() !== '' ? indicator : null,
    }
}

/** The hash for a selection; empty parts are left out so default views keep short links. */
export function selectionToHash(selection: Selection): string {
    const params = new URLSearchParams()
    if (selection.orgUnit) params.set('ou', selection.orgUnit)
    if (selection.year !== null) params.set('year', String(selection.year))
    if (selection.indicator) params.set('indicator', selection.indicator)
    const query = params.toString()
    return query === '' ? '#/' : `#/?${query}`
}
