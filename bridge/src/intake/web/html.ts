// HTML built from strings, escaped by default: every interpolated value is text unless it is already
// markup made by `html` itself. Names of facilities and file names come from DHIS2 and from the
// person's own upload, so nothing they hold may become markup.

export class SafeHtml {
    constructor(readonly value: string) {}
    toString(): string {
        return this.value
    }
}

const ESCAPES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
}

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

type Part = SafeHtml | string | number | null | undefined | false | Part[]

function render(part: Part): string {
    if (part === null || part === undefined || part === false) return ''
    if (Array.isArray(part)) return part.map(render).join('')
    if (part instanceof SafeHtml) return part.value
    return escapeHtml(String(part))
}

/** Markup with its interpolations escaped (arrays joined, null/undefined/false dropped). */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
    let out = strings[0] ?? ''
    parts.forEach((part, i) => {
        out += render(part) + (strings[i + 1] ?? '')
    })
    return new SafeHtml(out)
}
