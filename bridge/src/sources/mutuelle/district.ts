// District names as people write them: « DS Nara », « District sanitaire de Nara », « CSRéf Nara »,
// « Cercle de Nara » all name the district of Nara. The usual prefixes are dropped on both sides
// before comparing (DHIS2 may itself call the district « DS Nara »).
import { normalizeLabel } from '../../metadata-snapshot/index.js'

// longest first: « district sanitaire de » before « district »
const PREFIXES = [
    'district sanitaire de la',
    'district sanitaire de',
    'district sanitaire du',
    'district sanitaire d',
    'district sanitaire',
    'district de la',
    'district de',
    'district du',
    'district d',
    'district',
    'centre de sante de reference de la',
    'centre de sante de reference de',
    'centre de sante de reference du',
    'centre de sante de reference d',
    'centre de sante de reference',
    'cs ref de',
    'csref de',
    'cs ref',
    'csref',
    'cercle de',
    'cercle du',
    'cercle d',
    'cercle',
    'ds de',
    'ds',
]

/** The district's own name: normalised, without « DS », « District sanitaire de »… */
export function districtCore(text: string): string {
    let t = normalizeLabel(text)
    for (const p of PREFIXES) {
        if (t.startsWith(p + ' ')) {
            t = t.slice(p.length + 1).trim()
            break
        }
    }
    return t
}

/** Whether what was typed names one of the district's names (prefixes and case aside). */
export function sameDistrict(typed: string, names: readonly string[]): boolean {
    const t = districtCore(typed)
    if (t.length === 0) return false
    return names.some((n) => {
        const core = districtCore(n)
        // « Nioro » for « Nioro du Sahel »: a whole-word start is enough
        return core === t || core.startsWith(t + ' ') || normalizeLabel(n) === normalizeLabel(typed)
    })
}
