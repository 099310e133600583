import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
    FacilityResolver,
    loadFacilityMappingFile,
    loadFacilityMappings,
} from '../../src/mapping/facility-mapping.js'
import { MappingFileError } from '../../src/mapping/mapping-file.js'
import { loadFacilityReportLayouts } from '../../src/sources/facility-report/kind.js'

const dir = mkdtempSync(join(tmpdir(), 'facmap-'))

describe('facility mapping files', () => {
    it('load, apply to their source kind, and resolve case-insensitively', async () => {
        writeFileSync(
            join(dir, 'c5.json'),
            JSON.stringify({
                format: 1,
                kind: 'facility-mapping',
                appliesTo: ['facility-report'],
                entries: [{ source: 'CLIN-BADALA', orgUnit: 'FS-C5-011', name: 'Clinique de Badalabougou' }],
            })
        )
        const entries = await loadFacilityMappings(dir, 'facility-report')
        expect(entries[0]).toMatchObject({ matchedBy: 'manual', confidence: 1 })
        expect(await loadFacilityMappings(dir, 'lab')).toEqual([])
        const r = new FacilityResolver(entries)
        expect(r.resolve('clin-badala ')).toBe('FS-C5-011')
        expect(r.resolve('FS-C5-012')).toBe('FS-C5-012')
    })

    it('refuse invalid files with the path of each problem', async () => {
        const f = join(dir, 'bad.json')
        writeFileSync(
            f,
            JSON.stringify({
                format: 1,
                kind: 'facility-mapping',
                entries: [{ source: '', orgUnit: 'X' }, { orgUnit: 'Y' }],
            })
        )
        const e = await loadFacilityMappingFile(f).catch((x: unknown) => x)
        expect(e).toBeInstanceOf(MappingFileError)
        expect((e as MappingFileError).details.join('\n')).toMatch(/entries\[0\]\.source/)
        expect((e as MappingFileError).details.join('\n')).toMatch(/entries\[1\]\.source/)
    })

    it('refuse one source code mapped to two org units', async () => {
        const f = join(dir, 'twice.json')
        writeFileSync(
            f,
            JSON.stringify({
                format: 1,
                kind: 'facility-mapping',
                entries: [
                    { source: 'A', orgUnit: 'X' },
                    { source: 'a', orgUnit: 'Y' },
                ],
            })
        )
        await expect(loadFacilityMappingFile(f)).rejects.toThrow(/déjà associé/)
    })
})

describe('clinic report layouts in mappings/facility-report', () => {
    it('are valid and describe long and wide', async () => {
        const layouts = await loadFacilityReportLayouts(
            join(import.meta.dirname, '..', '..', '..', 'mappings')
        )
        expect(layouts.map((l) => l.layout.layout).sort()).toEqual(['long', 'wide'])
        const wide = layouts.find((l) => l.layout.layout === 'wide')
        expect(wide?.layout.layout === 'wide' && wide.layout.fields).toHaveLength(28)
    })
})
