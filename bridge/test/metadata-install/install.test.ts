import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UID_PATTERN } from '@odd3/mappings/uid'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { isRecord } from '../../src/core/is-record.js'
import { runMetadataInstall } from '../../src/metadata-install/handler.js'
import { readPackage } from '../../src/metadata-install/install.js'
import { recordingApi } from './recording-api.js'

const PACKAGE = new URL('../../../mappings/metadata/dhis2-metadata-package.json', import.meta.url).pathname

describe('bridge metadata install on a DHIS2 without the package', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
    })
    afterAll(async () => {
        await sim.close()
    })

    it('creates the package, then a second run changes nothing and says so', async () => {
        const pkg = await readPackage(PACKAGE)
        const total = Object.values(pkg).reduce((n, list) => n + list.length, 0)
        const { api, calls } = recordingApi(sim.url)

        const dry = await runMetadataInstall({ api, packagePath: PACKAGE, dryRun: true })
        expect(dry.result.counts.create).toBe(total)
        expect(dry.result.commit).toBeNull()
        expect(
            (await api.get('dataElements', { filter: 'code:eq:LAB_PALU_TDR', fields: 'id' })).data
        ).toMatchObject({
            dataElements: [],
        })

        const first = await runMetadataInstall({ api, packagePath: PACKAGE })
        console.log(first.lines.slice(0, 3).join('\n'))
        expect(first.result.ok).toBe(true)
        expect(first.result.counts).toEqual({ create: total, update: 0, unchanged: 0 })
        expect(first.result.validation?.status).toBe('OK')
        expect(first.result.commit?.status).toBe('OK')
        expect(first.result.missingOptionCombos.after).toBe(0)
        const de = await api.get('dataElements', {
            filter: 'code:eq:LAB_PALU_TDR',
            fields: 'id,categoryCombo[code]',
        })
        expect(de.data).toMatchObject({ dataElements: [{ categoryCombo: { code: 'CC_RESULTAT_AGE' } }] })

        const postsBefore = calls.filter((c) => c.method === 'POST').length
        const second = await runMetadataInstall({ api, packagePath: PACKAGE })
        console.log(second.lines.join('\n'))
        expect(second.result.upToDate).toBe(true)
        expect(second.result.counts).toEqual({ create: 0, update: 0, unchanged: total })
        expect(second.lines[0]).toMatch(/^Rien à changer/)
        expect(calls.filter((c) => c.method === 'POST').length).toBe(postsBefore)

        // Never a deleting strategy, never deleteAll.
        for (const call of calls) {
            expect(String(call.params.importStrategy ?? 'CREATE_AND_UPDATE')).toBe('CREATE_AND_UPDATE')
            expect(JSON.stringify(call.params)).not.toMatch(/deleteAll|SYNC|DELETE/)
            expect(JSON.stringify(call.body ?? {})).not.toContain('deleteAll')
        }
        const validateFirst = calls.findIndex(
            (c) => c.path === 'metadata' && c.params.importMode === 'VALIDATE'
        )
        const commitFirst = calls.findIndex((c) => c.path === 'metadata' && c.params.importMode === 'COMMIT')
        expect(validateFirst).toBeGreaterThanOrEqual(0)
        expect(validateFirst).toBeLessThan(commitFirst)
    })

    it('updates only what differs and keeps what an administrator added', async () => {
        const { api } = recordingApi(sim.url)
        const pkg = await readPackage(PACKAGE)
        const dataSet = pkg.dataSets?.find((d) => d.code === 'DS_LABO_MENSUEL')
        const element = pkg.dataElements?.find((d) => d.code === 'LAB_PALU_GE')
        if (dataSet === undefined || element === undefined) throw new Error('package incomplete')
        const facility = await api.get('organisationUnits', { filter: 'code:eq:FS-C5-019', fields: 'id' })
        const facilityId =
            isRecord(facility.data) &&
            Array.isArray(facility.data.organisationUnits) &&
            isRecord(facility.data.organisationUnits[0])
                ? String(facility.data.organisationUnits[0].id)
                : ''
        expect(facilityId).toMatch(UID_PATTERN)
        // An administrator renames an element and assigns a lab to the data set in DHIS2.
        const current = await api.get(`dataSets/${dataSet.id}`, { fields: ':owner' })
        const ds = isRecord(current.data) ? current.data : {}
        const renamed = await api.get(`dataElements/${element.id}`, { fields: ':owner' })
        const de = isRecord(renamed.data) ? renamed.data : {}
        const edit = await api.post(
            'metadata',
            {
                dataSets: [{ ...ds, organisationUnits: [{ id: facilityId }] }],
                dataElements: [{ ...de, name: 'Gouttes épaisses (renommé)' }],
            },
            { importStrategy: 'CREATE_AND_UPDATE' }
        )
        expect(edit.status).toBe(200)

        const run = await runMetadataInstall({ api, packagePath: PACKAGE, lang: 'en' })
        expect(run.result.counts.update).toBe(1)
        expect(run.result.plan.find((p) => p.action === 'update')).toMatchObject({
            id: element.id,
            properties: ['name'],
        })
        const after = await api.get(`dataSets/${dataSet.id}`, { fields: 'organisationUnits[id]' })
        expect(after.data).toMatchObject({ organisationUnits: [{ id: facilityId }] })
        const name = await api.get(`dataElements/${element.id}`, { fields: 'name' })
        expect(name.data).toMatchObject({ name: element.name })
    })
})

describe('bridge metadata install with a package that leaves option combos to DHIS2', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
    })
    afterAll(async () => {
        await sim.close()
    })

    it('asks DHIS2 to generate the missing category option combos', async () => {
        const { api, calls } = recordingApi(sim.url)
        const { installMetadata } = await import('../../src/metadata-install/install.js')
        const pkg = await readPackage(PACKAGE)
        delete pkg.categoryOptionCombos
        const result = await installMetadata(api, pkg)
        expect(result.ok).toBe(true)
        expect(result.missingOptionCombos.before).toBeGreaterThan(0)
        expect(result.missingOptionCombos.generated).toBe(true)
        expect(result.missingOptionCombos.after).toBe(0)
        expect(
            calls.some((c) => c.method === 'POST' && c.path === 'maintenance/categoryOptionComboUpdate')
        ).toBe(true)
    })
})
