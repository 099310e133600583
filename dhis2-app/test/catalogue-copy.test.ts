import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCatalogue } from '@odd3/mappings/catalogue'
import { catalogueSchema } from '../src/progress/catalogue-schema'

const appDir = join(import.meta.dirname, '..')
const original = readFileSync(join(appDir, '..', 'mappings', 'targets', 'catalogue.json'), 'utf8')
const copy = readFileSync(join(appDir, 'src', 'progress', 'catalogue.json'), 'utf8')

describe('the catalogue copy in dhis2-app/src/progress', () => {
    it('says exactly what mappings/targets/catalogue.json says (run node dhis2-app/scripts/sync-catalogue.mjs)', () => {
        expect(JSON.parse(copy)).toEqual(JSON.parse(original))
    })

    it('is read the same way by the app and by mappings', () => {
        const fromMappings = parseCatalogue(JSON.parse(original))
        const fromApp = catalogueSchema.parse(JSON.parse(copy))
        expect(fromApp.indicators.map((t) => t.code)).toEqual(fromMappings.indicators.map((t) => t.code))
        expect(fromApp.indicators.map((t) => t.targets)).toEqual(
            fromMappings.indicators.map((t) => t.targets)
        )
    })
})
