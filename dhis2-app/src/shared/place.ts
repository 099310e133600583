import i18n from '@dhis2/d2-i18n'

/** An org unit as a sentence places it. */
export interface PlacedUnit {
    name: string
    /** 1 country, 2 region, 3 health district, 4 facility (Mali's hierarchy). */
    level: number
}

/** French elides « de » before a vowel or a mute h: « district sanitaire d'Ansongo ». */
export function frenchOf(name: string): string {
    // accents stripped first: « Ansongo » and an accented initial vowel elide alike
    return /^[aeiouyh]/i.test(name.normalize('NFD')) ? "d'" : 'de '
}

/**
 * Where something happens, as a sentence says it: « au Mali », « dans la région de Sikasso », « dans le
 * district sanitaire de Kadiolo », « à Clinique Kénédougou » ("in Mali", "in the Sikasso region"…).
 */
export function placePhrase(unit: PlacedUnit): string {
    const params = { name: unit.name, of: frenchOf(unit.name) }
    if (unit.level <= 1) return i18n.t('in {{name}}', params)
    if (unit.level === 2) return i18n.t('in the {{name}} region', params)
    if (unit.level === 3) return i18n.t('in the {{name}} health district', params)
    return i18n.t('at {{name}}', params)
}
