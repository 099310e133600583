// Errors of the source kinds, the facility registry and the metadata package: each in one language,
// French in French mode and English in English mode, never both on one line.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LocalizedError } from '../../src/i18n/localized-error.js'
import { parseRegistry } from '../../src/facilities/registry.js'
import { packageCollections } from '../../src/metadata-install/install.js'
import { processFiles } from '../../src/pipeline/process.js'
import type { KindContext } from '../../src/sources/types.js'
import { facilityReportLayoutSchema } from '../../src/sources/facility-report/layout.js'

const MAPPINGS = new URL('../../../mappings', import.meta.url).pathname

async function failure(run: () => unknown): Promise<LocalizedError> {
    try {
        await run()
    } catch (e) {
        expect(e).toBeInstanceOf(LocalizedError)
        return e as LocalizedError
    }
    throw new Error('no error')
}

function expectOneLanguage(e: LocalizedError, fr: RegExp, en: RegExp): void {
    expect(e.render('fr')).toMatch(fr)
    expect(e.render('en')).toMatch(en)
    expect(e.render('fr')).not.toMatch(en)
    expect(e.render('en')).not.toMatch(fr)
    expect(e.message).toBe(e.text.fr)
}

describe('errors in one language', () => {
    const process = (kind: string, layout?: string) => () =>
        processFiles(
            [],
            {} as KindContext,
            { kind, mappingsRoot: MAPPINGS, ...(layout ? { layout } : {}) },
            () => undefined
        )

    it('an unknown source kind, with the kinds there are', async () => {
        const e = await failure(process('labo'))
        expectOneLanguage(e, /Type de source inconnu : « labo »/, /Unknown source kind: "labo"/)
        expect(e.render('fr')).toMatch(/--source parmi : .*facility-report/)
    })

    it('an unknown layout, with the layouts of the kind', async () => {
        const e = await failure(process('facility-report', 'large'))
        expectOneLanguage(e, /Format inconnu pour la source facility-report : « large »/, /Unknown layout/)
        expect(e.render('en')).toMatch(/--layout among: long, wide/)
    })

    it('a registry without its name column', async () => {
        const e = await failure(() => parseRegistry('district;commune\nBamako;C5\n'))
        expectOneLanguage(
            e,
            /Colonne obligatoire absente du registre des structures : « nom »/,
            /Required column/
        )
    })

    it('a metadata package that is not an object', async () => {
        const e = await failure(() => packageCollections([]))
        expectOneLanguage(e, /n’est pas un objet JSON/, /is not a JSON object/)
    })

    it('a layout giving one element and disaggregation twice says so in French only', () => {
        const wide = JSON.parse(readFileSync(`${MAPPINGS}/facility-report/wide.json`, 'utf8')) as {
            fields: Array<Record<string, unknown>>
        }
        const first = wide.fields[0]
        const parsed = facilityReportLayoutSchema.safeParse({
            ...wide,
            fields: [...wide.fields, { ...first, column: `${String(first?.column)} (copie)` }],
        })
        const messages = parsed.success ? [] : parsed.error.issues.map((i) => i.message)
        expect(messages.some((m) => /même indicateur et même ventilation que fields\[0\]/.test(m))).toBe(true)
        expect(messages.join(' ')).not.toMatch(/ \/ [a-zA-Z]/)
    })
})
