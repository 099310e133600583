// An error whose text exists in both languages: the CLI prints the one the user asked for (--lang),
// never both on one line. `message` is the French text, so code that only knows Error still shows French.
import { messageFor, type MessageCode } from './messages.js'
import type { Lang, Localized } from '../core/types.js'

export class LocalizedError extends Error {
    constructor(
        readonly text: Localized,
        readonly hint?: Localized,
        options?: { cause?: unknown }
    ) {
        super(text.fr, options)
        this.name = 'LocalizedError'
    }

    /** An error from the message catalogue (bridge/src/i18n/messages.ts). */
    static of(
        code: MessageCode,
        params: Record<string, string | number | undefined> = {},
        options?: { cause?: unknown }
    ): LocalizedError {
        const { message, hint } = messageFor(code, params)
        return new LocalizedError(message, hint, options)
    }

    render(lang: Lang): string {
        return this.hint ? `${this.text[lang]}\n    → ${this.hint[lang]}` : this.text[lang]
    }
}
