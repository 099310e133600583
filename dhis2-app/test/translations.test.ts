import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { I18N_DIR, readPo } from './po'

const SRC = join(import.meta.dirname, '..', 'src')

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path)
        return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
    })
}

describe('translations', () => {
    it('give every string of en.pot a French translation in fr.po', () => {
        const english = readPo(join(I18N_DIR, 'en.pot'))
        const french = readPo(join(I18N_DIR, 'fr.po'))
        const missing = [...english.keys()].filter((id) => !french.get(id))
        expect(missing).toEqual([])
        expect(english.size).toBeGreaterThan(50)
    })

    it('leave no French text hard-coded in the source (only in i18n/fr.po and the catalogue data)', () => {
        const accented = /[àâçéèêëîïôûùüÿœÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ«»]/
        const offending = sourceFiles(SRC).flatMap((file) => {
            const code = readFileSync(file, 'utf8')
                .replace(/\/\*[\s\S]*?\*\//g, '')
                .replace(/^\s*\/\/.*$/gm, '')
            return code
                .split('\n')
                .filter((line) => accented.test(line))
                .map((line) => `${file}: ${line.trim()}`)
        })
        expect(offending).toEqual([])
    })
})
