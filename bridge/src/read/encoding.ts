// Which encoding a CSV is in. French Excel writes UTF-8 with BOM ("CSV UTF-8"), or Windows-1252
// ("CSV (séparateur : point-virgule)"); "CSV (MS-DOS)" writes CP850, which we refuse with a clear message.

export type CsvEncoding = 'utf8' | 'utf8-bom' | 'windows-1252' | 'utf16le' | 'utf16be'

/** Bytes never used in Windows-1252 text (undefined code points). */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

export interface EncodingGuess {
    encoding: CsvEncoding
    bomLength: number
    /** Set when the bytes fit no encoding we accept. */
    problem?: string
}

function isValidUtf8(buf: Uint8Array, end: number): boolean {
    let i = 0
    while (i < end) {
        const b = buf[i] ?? 0
        if (b < 0x80) {
            i++
            continue
        }
        let n: number
        if (b >= 0xc2 && b <= 0xdf) n = 1
        else if (b >= 0xe0 && b <= 0xef) n = 2
        else if (b >= 0xf0 && b <= 0xf4) n = 3
        else return false
        // a sequence cut by the sample's end is fine
        if (i + n >= end) return true
        for (let k = 1; k <= n; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return false
        i += n + 1
    }
    return true
}

export function guessEncoding(sample: Uint8Array): EncodingGuess {
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
        return { encoding: 'utf8-bom', bomLength: 3 }
    if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf16le', bomLength: 2 }
    if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf16be', bomLength: 2 }
    let nul = 0
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) nul++
    if (nul > 0) return { encoding: 'utf8', bomLength: 0, problem: 'binary' }
    if (isValidUtf8(sample, sample.length)) return { encoding: 'utf8', bomLength: 0 }
    for (let i = 0; i < sample.length; i++) {
        if (UNDEFINED_1252.has(sample[i] ?? 0))
            return { encoding: 'windows-1252', bomLength: 0, problem: 'cp850' }
    }
    return { encoding: 'windows-1252', bomLength: 0 }
}

/**
 * A decoded line that still looks wrong: UTF-8 read as Windows-1252 and saved again ("SÃ©gou"),
 * or DOS code page letters (é written as byte 0x82 shows as "‚").
 */
const MOJIBAKE =
    /Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]|Â[\u00a0-\u00bf]|[a-zA-Z][\u201a\u0160\u2021\u02c6\u201c\u2026][a-zA-Z]|\ufffd|[\u0081\u008d\u008f\u0090\u009d]/

export function looksMisencoded(line: string): boolean {
    return MOJIBAKE.test(line)
}
