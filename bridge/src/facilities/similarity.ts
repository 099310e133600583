// String similarity for names with typos. Jaro-Winkler on single tokens (short words, typos near the
// end are common), and a soft token-set score on whole names so that word order does not matter.

export function jaroWinkler(a: string, b: string): number {
    if (a === b) return 1
    if (a.length === 0 || b.length === 0) return 0
    const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
    const aMatched = new Array<boolean>(a.length).fill(false)
    const bMatched = new Array<boolean>(b.length).fill(false)
    let matches = 0
    for (let i = 0; i < a.length; i++) {
        const from = Math.max(0, i - window)
        const to = Math.min(b.length - 1, i + window)
        for (let j = from; j <= to; j++) {
            if (!bMatched[j] && a[i] === b[j]) {
                aMatched[i] = true
                bMatched[j] = true
                matches++
                break
            }
        }
    }
    if (matches === 0) return 0
    let transpositions = 0
    let k = 0
    for (let i = 0; i < a.length; i++) {
        if (!aMatched[i]) continue
        while (!bMatched[k]) k++
        if (a[i] !== b[k]) transpositions++
        k++
    }
    const m = matches
    const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3
    let prefix = 0
    while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
    return jaro + prefix * 0.1 * (1 - jaro)
}

/** Token similarity: exact 1; typo-level closeness counts only above a floor, to keep "bah" from "ba". */
export function tokenSimilarity(a: string, b: string): number {
    if (a === b) return 1
    // Initials ("m" for "mamadou") are a common way of shortening first names.
    if ((a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b))) return 0.8
    if (Math.min(a.length, b.length) < 3) return 0
    const score = jaroWinkler(a, b)
    return score >= 0.85 ? score : 0
}

/**
 * Weighted soft token-set similarity (0…1): each token of one side is paired with its best match on
 * the other; weights let rare words (a proper name) count more than common ones ("clinique").
 */
export function tokenSetSimilarity(
    left: readonly string[],
    right: readonly string[],
    weight: (token: string) => number = () => 1
): number {
    if (left.length === 0 || right.length === 0) return 0
    const best = (from: readonly string[], to: readonly string[]): number => {
        let matched = 0
        let total = 0
        for (const token of from) {
            const w = weight(token)
            total += w
            let bestScore = 0
            for (const other of to) {
                const s = tokenSimilarity(token, other)
                if (s > bestScore) bestScore = s
            }
            matched += w * bestScore
        }
        return total === 0 ? 0 : matched / total
    }
    // Harmonic mean of the two directions: a name that covers only half of the other scores low.
    const l = best(left, right)
    const r = best(right, left)
    return l + r === 0 ? 0 : (2 * l * r) / (l + r)
}
