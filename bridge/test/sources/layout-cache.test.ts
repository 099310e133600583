// Layout files are parsed once and kept while they stay as they are: the intake reads every upload
// with them. An edited, added or removed file is read again by the next call, and a broken file is
// still refused with its error.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadFacilityReportLayouts } from '../../src/sources/facility-report/kind.js'
import { loadLabLayouts } from '../../src/sources/lab/kind.js'
import { loadMutuelleLayouts } from '../../src/sources/mutuelle/kind.js'

const MAPPINGS = join(import.meta.dirname, '..', '..', '..', 'mappings')
const root = mkdtempSync(join(tmpdir(), 'layout-cache-'))
for (const dir of ['facility-report', 'labs', 'mutuelles'])
    cpSync(join(MAPPINGS, dir), join(root, dir), { recursive: true })
afterAll(() => rmSync(root, { recursive: true, force: true }))

const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    change(json)
    writeFileSync(file, JSON.stringify(json, null, 4))
}

describe('layouts kept while their files are unchanged', () => {
    it('clinic reports: the same layouts, then the edited, added and removed files', async () => {
        const first = await loadFacilityReportLayouts(root)
        const again = await loadFacilityReportLayouts(root)
        expect(again.map((l) => l.layout)).toEqual(first.map((l) => l.layout))
        // kept: the very same objects (the header matchers built on them are kept too)
        expect(again[0]?.layout).toBe(first[0]?.layout)

        const long = join(root, 'facility-report', 'long.json')
        edit(long, (j) => (j.description = 'modifié'))
        const edited = await loadFacilityReportLayouts(root)
        expect(edited.find((l) => l.file === long)?.description).toBe('modifié')

        writeFileSync(
            join(root, 'facility-report', 'copie.json'),
            readFileSync(long, 'utf8').replace(/"name": "[^"]+"/, '"name": "copie"')
        )
        expect((await loadFacilityReportLayouts(root)).map((l) => l.name)).toContain('copie')
        rmSync(join(root, 'facility-report', 'copie.json'))
        expect((await loadFacilityReportLayouts(root)).map((l) => l.name)).not.toContain('copie')

        writeFileSync(long, '{ pas du JSON')
        await expect(loadFacilityReportLayouts(root)).rejects.toThrow(/long\.json/)
        await expect(loadFacilityReportLayouts(root)).rejects.toThrow(/long\.json/)
    })

    it('labs and mutuelles: a changed rules or mapping file is read again', async () => {
        const labs = await loadLabLayouts(root)
        expect((await loadLabLayouts(root))[0]?.layout).toBe(labs[0]?.layout)
        const rules = join(root, 'labs', 'rules.json')
        writeFileSync(rules, readFileSync(rules, 'utf8') + '\n')
        expect((await loadLabLayouts(root))[0]?.layout).not.toBe(labs[0]?.layout)

        const mutuelles = await loadMutuelleLayouts(root)
        expect((await loadMutuelleLayouts(root))[0]?.layout).toBe(mutuelles[0]?.layout)
        writeFileSync(join(root, 'mutuelles', 'mutuelles.json'), '[]')
        await expect(loadMutuelleLayouts(root)).rejects.toThrow(/mutuelles\.json/)
    })
})
