// The language of the help texts, known before commander parses anything: `--lang en` (or
// BRIDGE_LANG=en) anywhere on the command line gives English help; French otherwise.
import type { Lang, Localized } from '../core/types.js'

export function helpLang(argv: readonly string[] = process.argv, env = process.env): Lang {
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]
        if (a === '--lang') return argv[i + 1] === 'en' ? 'en' : 'fr'
        if (a?.startsWith('--lang=')) return a.slice(7) === 'en' ? 'en' : 'fr'
    }
    return env.BRIDGE_LANG === 'en' ? 'en' : 'fr'
}

/** One help text in the language of this run. */
export function h(text: Localized): string {
    return text[helpLang()]
}
