// The repository stands on its own: no code or document points at a file outside it, and every link
// between its documents leads to a file that exists. Read from the files git tracks, as a clean clone has them.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|md|json|sh|ya?ml)$/

const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => TEXT.test(f) && f !== 'package-lock.json')

/** A path that climbs with `../`, wherever it is written (import, URL, prose, shell). */
const CLIMBING = /(?<![\w/.])((?:\.\.\/)+)([\w@.-][\w@./-]*)?/g

/** Climbing paths that are not files, by file and path: a DHIS2 URL base the API notes document. */
const NOT_FILES: Array<{ file: string; path: RegExp }> = [
    { file: 'docs/dhis2-api.md', path: /^(\.\.\/){2}\.\.$/ },
]

const notAFile = (file: string, path: string) => NOT_FILES.some((n) => n.file === file && n.path.test(path))

describe('the repository stands on its own', () => {
    it('has no relative path that leads out of it', () => {
        const outside: string[] = []
        for (const file of tracked) {
            const text = readFileSync(join(root, file), 'utf8')
            for (const m of text.matchAll(CLIMBING)) {
                const target = resolve(dirname(join(root, file)), m[0])
                if (relative(root, target).startsWith('..') && !notAFile(file, m[0]))
                    outside.push(`${file}: ${m[0]}`)
            }
        }
        expect(outside).toEqual([])
    })

    it('has no link between its documents to a missing file', () => {
        const broken: string[] = []
        for (const file of tracked.filter((f) => f.endsWith('.md'))) {
            const text = readFileSync(join(root, file), 'utf8')
            for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
                const link = m[1] ?? ''
                if (/^[a-z]+:/i.test(link)) continue
                if (!existsSync(resolve(dirname(join(root, file)), link))) broken.push(`${file}: ${link}`)
            }
        }
        expect(broken).toEqual([])
    })
})
