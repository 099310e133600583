// How readers name a place in a file without quoting what is in it: column letters as Excel shows
// them, and row lists as ranges.

export function columnLetter(n: number): string {
    let s = ''
    for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s
    return s
}

/** Rows as people write a list of them: « 4-6, 9 », the first 20 ranges at most. */
export function rowRanges(rows: readonly number[]): string {
    const ranges: string[] = []
    for (let i = 0; i < rows.length;) {
        let j = i
        while (j + 1 < rows.length && rows[j + 1] === (rows[j] ?? 0) + 1) j++
        ranges.push(i === j ? String(rows[i]) : `${rows[i]}-${rows[j]}`)
        i = j + 1
    }
    return ranges.length > 20 ? ranges.slice(0, 20).join(', ') + ', …' : ranges.join(', ')
}
