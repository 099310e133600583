import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** msgid → msgstr of a gettext file (only what our files use: msgctxt, msgid, msgstr, continued lines). */
export function readPo(file: string): Map<string, string> {
    const entries = new Map<string, string>()
    const unquote = (line: string) => JSON.parse(line.trim()) as string
    let field: 'msgctxt' | 'msgid' | 'msgstr' | null = null
    let current = { msgctxt: '', msgid: '', msgstr: '' }
    const flush = () => {
        if (current.msgid !== '' && current.msgctxt === '') entries.set(current.msgid, current.msgstr)
        current = { msgctxt: '', msgid: '', msgstr: '' }
    }
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
        const line = raw.trim()
        if (line === '' || line.startsWith('#')) {
            if (line === '' && field === 'msgstr') flush()
            if (line === '') field = null
            continue
        }
        const start = /^(msgctxt|msgid|msgstr) (".*")$/.exec(line)
        if (start) {
            const name = start[1] as 'msgctxt' | 'msgid' | 'msgstr'
            if (name === 'msgid' && field === 'msgstr') flush()
            if (name === 'msgctxt' && field === 'msgstr') flush()
            field = name
            current[name] = unquote(start[2] ?? '""')
        } else if (line.startsWith('"') && field) {
            current[field] += unquote(line)
        }
    }
    flush()
    return entries
}

export const I18N_DIR = join(import.meta.dirname, '..', 'i18n')
