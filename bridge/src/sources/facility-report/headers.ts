// Column titles as people type them, matched by meaning. The mechanical part lives here (accents, case,
// punctuation, spacing, ordinals, age bands, plural, word order, abbreviations listed in the layout file);
// each other accepted spelling is an alias in `mappings/facility-report/*.json`. A title that still looks
// like a template column is told apart from an unrelated one, so that it can be refused with a suggestion.

const STOP_WORDS = new Set([
    'de',
    'des',
    'du',
    'd',
    'la',
    'le',
    'les',
    'l',
    'au',
    'aux',
    'a',
    'et',
    'en',
    'pour',
    'par',
    'nombre',
    'nbre',
    'nb',
    'of',
    'the',
])

const SEX: Record<string, string> = {
    m: 'masc',
    h: 'masc',
    homme: 'masc',
    masculin: 'masc',
    male: 'masc',
    garcon: 'masc',
    f: 'fem',
    femme: 'fem',
    feminin: 'fem',
    female: 'fem',
    fille: 'fem',
}

// Age bands of the template, written many ways; the tokens carry no digit so that the digit/letter split
// below leaves them whole.
const AGE_OVER = ' ageover '
const AGE_UNDER = ' ageunder '
const AGE_PATTERNS: Array<[RegExp, string]> = [
    [/5\s*ans?\s*(?:et\s*(?:plus|\+)|ou\s*plus|et\s*au[- ]?dela|\+)/g, AGE_OVER],
    [/(?:>=|=>|>|\bplus\s+de|\bsup(?:erieur)?\s*(?:ou\s*egal\s*)?a?)\s*5\s*(?:ans?\b)?/g, AGE_OVER],
    [/\b5\s*\+(?:\s*ans?\b)?/g, AGE_OVER],
    [/\b5\s*and\s*over\b/g, AGE_OVER],
    [/(?:<=?|\bmoins\s+de|\binf(?:erieur)?\s*a?|-)\s*5\s*(?:ans?\b)?/g, AGE_UNDER],
    [/\b0\s*(?:-|a)\s*4\s*ans?\b/g, AGE_UNDER],
    [/\bu5\b|\bunder\s*5\b/g, AGE_UNDER],
]

// « 1ère », « 1re », « 1er », « 4e », « 4ème », « 2nd »: the number alone
const ORDINAL = /\b(\d+)\s*(?:ieme|eme|ere|re|er|e|nde|nd|st|th)\b/g

function singular(t: string): string {
    if (/^\d+$/.test(t) || t.length <= 3) return t
    let w = t
    if (w.endsWith('eaux')) w = w.slice(0, -1)
    else if (w.endsWith('aux') && w.length > 4) w = w.slice(0, -3) + 'al'
    else if (w.endsWith('s')) w = w.slice(0, -1)
    // feminine and mute endings: « testées », « testés », « testé » read the same
    while (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1)
    return w
}

/**
 * The meaning of a column title as a comparable key: words sorted, so « Total accouchements » and
 * « Accouchements (total) » agree. `abbreviations` (from the layout file) expands typed short forms.
 */
export function headerKey(title: string, abbreviations: ReadonlyMap<string, string> = new Map()): string {
    let s = title
        .replace(/[≥⩾]/g, ' >= ')
        .replace(/[≤⩽]/g, ' <= ')
        .replace(/œ/gi, 'oe')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
    for (const [re, token] of AGE_PATTERNS) s = s.replace(re, token)
    s = s.replace(/[^a-z0-9]+/g, ' ').replace(ORDINAL, '$1')
    // « Penta3 », « CPN1 », « RR1 »: a number glued to a word is a word of its own
    s = s.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2')
    const tokens: string[] = []
    for (const raw of s.split(' ')) {
        if (!raw || STOP_WORDS.has(raw)) continue
        const expanded = abbreviations.get(raw) ?? raw
        for (const w of expanded.split(' ')) {
            if (!w || STOP_WORDS.has(w)) continue
            tokens.push(SEX[w] ?? SEX[w.replace(/s$/, '')] ?? singular(w))
        }
    }
    return tokens.sort().join(' ')
}

/** Normalised abbreviation table of a layout file (`"consult": "consultations"`). */
export function abbreviationMap(table: Readonly<Record<string, string>>): Map<string, string> {
    const m = new Map<string, string>()
    for (const [k, v] of Object.entries(table)) {
        const key = k
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '')
        const value = v
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, ' ')
            .trim()
        if (key) m.set(key, value)
    }
    return m
}

/** Edit distance counting a swap of two neighbours as one edit (« Valuer » for « Valeur »). */
function editDistance(a: string, b: string): number {
    if (a === b) return 0
    const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)]
    for (let i = 1; i <= a.length; i++) {
        const cur = [i]
        const prev = rows[i - 1] ?? []
        for (let j = 1; j <= b.length; j++) {
            let d = Math.min(
                (prev[j] ?? 0) + 1,
                (cur[j - 1] ?? 0) + 1,
                (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
            )
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1)
            cur[j] = d
        }
        rows.push(cur)
    }
    return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length)
}

const numbersOf = (tokens: readonly string[]): string =>
    tokens
        .filter((t) => /^\d+$/.test(t))
        .sort()
        .join(' ')

/**
 * How much an unrecognised title looks like a template title (0-1), from two keys. A different number
 * (« CPN 2e visite », « Penta 1 ») is another column, not a typo: 0.
 */
export function likeness(key: string, templateKey: string): number {
    if (!key || !templateKey) return 0
    const a = key.split(' ')
    const b = templateKey.split(' ')
    const na = numbersOf(a)
    const nb = numbersOf(b)
    if (na && nb && na !== nb) return 0
    const setB = new Set(b)
    const common = new Set(a.filter((t) => setB.has(t))).size
    const dice = (2 * common) / (new Set(a).size + setB.size)
    const edit = 1 - editDistance(key, templateKey) / Math.max(key.length, templateKey.length)
    // every word of a template title, with more around it (« Décès néonataux (J0-J28) »)
    const contains = setB.size >= 2 && common === setB.size ? LOOKS_LIKE_TEMPLATE : 0
    return Math.max(dice, edit, contains)
}

/** Above this likeness an unrecognised title is taken for a mistyped template title. */
export const LOOKS_LIKE_TEMPLATE = 0.75

export interface TemplateTitle {
    /** The title as the template writes it, for « vouliez-vous dire … ? ». */
    title: string
    keys: readonly string[]
}

/** The closest template title to an unrecognised one, when it looks like one. */
export function closestTitle(
    key: string,
    titles: readonly TemplateTitle[]
): { title: string; score: number } | undefined {
    let best: { title: string; score: number } | undefined
    for (const t of titles)
        for (const k of t.keys) {
            const score = likeness(key, k)
            if (score >= LOOKS_LIKE_TEMPLATE && (!best || score > best.score))
                best = { title: t.title, score }
        }
    return best
}
