// Facility names as people write them: accents dropped or not, abbreviations, typos, word order.
// Both sides (registry and DHIS2) go through the same normalisation, so an abbreviation expanded
// on one side meets its expansion on the other.

/** Abbreviations and variants, after accent stripping and lower-casing, to one canonical form. */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
    [/\bcab(?:inet)?\s+med(?:ical)?\b/g, 'cabinet medical'],
    [/\bcentre\s+de\s+sante\s+communautaire\b/g, 'cscom'],
    [/\bcentre\s+de\s+sante\s+de\s+reference\b/g, 'csref'],
    [/\bcs\s*com\b/g, 'cscom'],
    [/\bcs\s*ref\b/g, 'csref'],
    [/\blabo?\s+d\s+analyses?\s+med(?:icales?)?\b/g, 'laboratoire d analyses medical'],
    // "LAM": the usual acronym of Laboratoire d'Analyses Médicales.
    [/\blam\b/g, 'laboratoire d analyses medical'],
    [/\blabo?\b/g, 'laboratoire'],
    [/\blaboratoires\b/g, 'laboratoire'],
    [/\bpolycl(?:in)?\b/g, 'polyclinique'],
    [/\bpoly\s+clinique\b/g, 'polyclinique'],
    [/\bclin(?:iq)?\b/g, 'clinique'],
    [/\bcab\b/g, 'cabinet'],
    [/\bmed\b/g, 'medical'],
    [/\bmedicales?\b/g, 'medical'],
    [/\bdr\b/g, 'docteur'],
    [/\bpr\b/g, 'professeur'],
    [/\bste\b/g, 'sainte'],
    [/\bst\b/g, 'saint'],
    [/\bhop\b/g, 'hopital'],
    [/\bdisp\b/g, 'dispensaire'],
    [/\bmat\b/g, 'maternite'],
    [/\bcsps?\b/g, 'centre de sante'],
    [/\bcs\b/g, 'centre de sante'],
]

/** Words that carry no identity; dropped after expansion. */
const STOP_WORDS = new Set([
    'de',
    'du',
    'des',
    'la',
    'le',
    'les',
    'l',
    'd',
    'et',
    'a',
    'au',
    'aux',
    'en',
    'sarl',
    'sa',
])

/** Lower case, no diacritics, punctuation as spaces, single spaces. */
export function foldText(text: string): string {
    return text
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[''`´]/g, ' ')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()
        .replace(/\s+/g, ' ')
}

/** Canonical tokens of a facility name: folded, abbreviations expanded, stop words dropped. */
export function facilityTokens(name: string): string[] {
    let text = ` ${foldText(name)} `
    for (const [pattern, replacement] of ABBREVIATIONS) {
        text = text.replace(pattern, replacement)
    }
    return text.split(' ').filter((token) => token.length > 0 && !STOP_WORDS.has(token))
}

/** District names come as "District sanitaire de Kadiolo", "DS Kadiolo", "CSRef Commune V"… */
const ROMAN = ['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']

export function districtKey(name: string): string {
    return (
        foldText(name)
            .replace(/^(district sanitaire|district|ds|csref|cs ref|cercle)( de| du| d)?\s+/, '')
            // Bamako's districts are communes: "Commune 5" and "Commune V" are the same.
            .replace(/\bcommune (\d{1,2})\b/, (_m, n: string) => `commune ${ROMAN[Number(n)] ?? n}`)
            .replace(/\s+/g, ' ')
            .trim()
    )
}
