import { describe, expect, it } from 'vitest'
import { DEFAULT_TARGETS } from './catalogue'
import { applyOverrides, overridesDocumentSchema } from './overrides'

const PATH = '/OuMali00001/OuRegSik001/OuDisKad001'

describe('applyOverrides', () => {
    const document = overridesDocumentSchema.parse({
        overrides: [
            { code: 'ODD-3.1.2', orgUnit: null, targets: { '2030': 90 }, updatedBy: 'planificateur' },
            { code: 'ODD-3.1.2', orgUnit: 'OuRegSik001', targets: { '2023': 60 }, updatedBy: 'drs.sikasso' },
            { code: 'ODD-3.3.3', orgUnit: 'OuRegKay001', targets: { '2030': 40 } },
        ],
    })

    it('uses the most specific override on the org unit path and keeps absent fields from the catalogue', () => {
        const targets = applyOverrides(DEFAULT_TARGETS, document.overrides, PATH)
        const births = targets.find((t) => t.code === 'ODD-3.1.2')
        expect(births?.target2023.value).toBe(60)
        // The regional override sets no 2030 target: the catalogue's stays (the national override is less specific).
        expect(births?.target2030.value).toBe(85)
        expect(births?.override).toMatchObject({ orgUnit: 'OuRegSik001', updatedBy: 'drs.sikasso' })
    })

    it('ignores overrides for other branches of the hierarchy and applies national ones elsewhere', () => {
        const sikasso = applyOverrides(DEFAULT_TARGETS, document.overrides, PATH)
        expect(sikasso.find((t) => t.code === 'ODD-3.3.3')?.target2030.value).toBeNull()
        const segou = applyOverrides(DEFAULT_TARGETS, document.overrides, '/OuMali00001/OuRegSeg001')
        expect(segou.find((t) => t.code === 'ODD-3.1.2')?.target2030.value).toBe(90)
    })

    it('rejects a malformed document', () => {
        expect(() => overridesDocumentSchema.parse({ overrides: [{ code: 3 }] })).toThrow()
    })
})
