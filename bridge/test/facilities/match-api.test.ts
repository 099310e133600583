// `bridge facilities match` against a DHIS2: org units fetched with `fields`, the mapping written in the
// pipeline's format, and the creation metadata importable as it is.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { runFacilitiesMatch } from '../../src/facilities/handler.js'
import { loadFacilityMappingFile } from '../../src/mapping/facility-mapping.js'
import { isRecord } from '../../src/core/is-record.js'
import { installMetadata, readPackage } from '../../src/metadata-install/install.js'
import { recordingApi } from '../metadata-install/recording-api.js'

const REGISTRY = new URL(
    '../../../fixtures/facility-registry/registre-structures-privees.csv',
    import.meta.url
).pathname
const PACKAGE = new URL('../../../mappings/metadata/dhis2-metadata-package.json', import.meta.url).pathname

describe('bridge facilities match against DHIS2', () => {
    let sim: RunningSimulator
    let dir: string
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
        expect((await installMetadata(recordingApi(sim.url).api, await readPackage(PACKAGE))).ok).toBe(true)
        dir = await mkdtemp(join(tmpdir(), 'facilities-'))
    }, 60_000)
    afterAll(async () => {
        await sim.close()
        await rm(dir, { recursive: true, force: true })
    })

    it('writes a reviewable mapping, and creation metadata that puts new units in their district and sector', async () => {
        const { api, calls } = recordingApi(sim.url)
        const out = {
            mappingOut: join(dir, 'facilities', 'registre.json'),
            reviewOut: join(dir, 'review.json'),
            creationOut: join(dir, 'create.json'),
        }
        const first = await runFacilitiesMatch({ api, registryPath: REGISTRY, ...out })
        expect(first.summary.total).toBe(67)
        expect(first.summary.proposed).toBe(60)
        expect(first.summary.unmatched).toBe(7)
        // Org units were read with explicit fields, page by page.
        const ouCalls = calls.filter((c) => c.path === 'organisationUnits')
        expect(ouCalls.every((c) => typeof c.params.fields === 'string' && c.params.fields !== '*')).toBe(
            true
        )

        // The pipeline reads the mapping as it is.
        const mapping = await loadFacilityMappingFile(out.mappingOut)
        expect(mapping.entries).toHaveLength(60)
        expect(mapping.entries.every((e) => e.matchedBy === 'fuzzy' && e.orgUnit.startsWith('FS-'))).toBe(
            true
        )

        // Six of the seven unmatched have a known district: they are created there.
        const creation = JSON.parse(await readFile(out.creationOut, 'utf8')) as {
            organisationUnits: Array<{ id: string; code: string; name: string; parent: { id: string } }>
            organisationUnitGroups: Array<{ code: string }>
        }
        expect(creation.organisationUnits).toHaveLength(6)
        const imported = await api.post('metadata', creation, {
            importStrategy: 'CREATE_AND_UPDATE',
            atomicMode: 'ALL',
        })
        expect(imported.status).toBe(200)
        const etoiles = creation.organisationUnits.find((o) => o.name === 'Clinique Les Étoiles')
        const got = await api.get(`organisationUnits/${etoiles?.id ?? ''}`, {
            fields: 'parent[code],organisationUnitGroups[code]',
        })
        expect(isRecord(got.data) ? got.data : {}).toMatchObject({ parent: { code: 'ML-BKO-C6' } })
        const groups =
            isRecord(got.data) && Array.isArray(got.data.organisationUnitGroups)
                ? got.data.organisationUnitGroups
                : []
        const groupCodes = groups.map((g) => (isRecord(g) ? g.code : undefined))
        expect(groupCodes).toContain('SECT_PRIVE_LUCRATIF')
        expect(groupCodes).toContain('TYPE_CLINIQUE')

        // Once created, they match: only the facility of the unknown district is left.
        const second = await runFacilitiesMatch({ api, registryPath: REGISTRY, ...out })
        expect(second.summary.unmatched).toBe(1)
        expect(second.matches.find((m) => m.status === 'unmatched')?.reason).toBe('unknown-district')
    })
})
