// Where a JSON text stops being valid, as a line and column. Parse errors of JSON.parse quote the text
// around the fault ("… "password": s3cr"… is not valid JSON"), which may be a secret or a patient's
// name: callers report this position instead, and nothing of the content.

export interface TextPosition {
    /** 0-based offset of the first character that is not valid JSON (the text's length if it ends early). */
    offset: number
    line: number
    column: number
}

/** The position of the first syntax error, or undefined when the text is valid JSON. */
export function jsonErrorPosition(text: string): TextPosition | undefined {
    const offset = firstErrorOffset(text)
    return offset === undefined ? undefined : positionAt(text, offset)
}

export function positionAt(text: string, offset: number): TextPosition {
    let line = 1
    let lineStart = 0
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            line++
            lineStart = i + 1
        }
    }
    return { offset, line, column: offset - lineStart + 1 }
}

class Fault {
    constructor(readonly at: number) {}
}

function firstErrorOffset(text: string): number | undefined {
    let i = 0
    const fail = (): never => {
        throw new Fault(i)
    }
    const ws = (): void => {
        while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++
    }
    const literal = (word: string): void => {
        for (const ch of word) {
            if (text[i] !== ch) fail()
            i++
        }
    }
    const string = (): void => {
        i++ // opening quote
        for (;;) {
            if (i >= text.length) fail()
            const c = text.charCodeAt(i)
            if (c === 34) {
                i++
                return
            }
            if (c < 0x20) fail()
            if (c === 92) {
                i++
                const e = text[i] ?? ''
                if (e === 'u') {
                    for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) fail()
                    i += 5
                } else if ('"\\/bfnrt'.includes(e) && e !== '') i++
                else fail()
            } else i++
        }
    }
    const digits = (): void => {
        if (!/[0-9]/.test(text[i] ?? '')) fail()
        while (/[0-9]/.test(text[i] ?? '')) i++
    }
    const number = (): void => {
        if (text[i] === '-') i++
        if (text[i] === '0') i++
        else digits()
        if (text[i] === '.') {
            i++
            digits()
        }
        if (text[i] === 'e' || text[i] === 'E') {
            i++
            if (text[i] === '+' || text[i] === '-') i++
            digits()
        }
    }
    const value = (depth: number): void => {
        if (depth > 512) fail()
        ws()
        const c = text[i]
        if (c === '{') {
            i++
            ws()
            if (text[i] === '}') {
                i++
                return
            }
            for (;;) {
                ws()
                if (text[i] !== '"') fail()
                string()
                ws()
                if (text[i] !== ':') fail()
                i++
                value(depth + 1)
                ws()
                if (text[i] === ',') {
                    i++
                    continue
                }
                if (text[i] === '}') {
                    i++
                    return
                }
                fail()
            }
        }
        if (c === '[') {
            i++
            ws()
            if (text[i] === ']') {
                i++
                return
            }
            for (;;) {
                value(depth + 1)
                ws()
                if (text[i] === ',') {
                    i++
                    continue
                }
                if (text[i] === ']') {
                    i++
                    return
                }
                fail()
            }
        }
        if (c === '"') return string()
        if (c === 't') return literal('true')
        if (c === 'f') return literal('false')
        if (c === 'n') return literal('null')
        if (c === '-' || /[0-9]/.test(c ?? '')) return number()
        fail()
    }
    try {
        value(0)
        ws()
        if (i < text.length) fail()
        return undefined
    } catch (e) {
        if (e instanceof Fault) return e.at
        throw e
    }
}
