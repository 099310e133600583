import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { runMappingsCheck } from '../../src/drift/handler.js'
import { isRecord } from '../../src/core/is-record.js'
import type { MetadataApi } from '../../src/dhis2/metadata-api.js'
import { installMetadata, readPackage } from '../../src/metadata-install/install.js'
import { recordingApi } from '../metadata-install/recording-api.js'

const MAPPINGS = new URL('../../../mappings/', import.meta.url).pathname
const PACKAGE = `${MAPPINGS}metadata/dhis2-metadata-package.json`

async function one(api: MetadataApi, collection: string, code: string): Promise<Record<string, unknown>> {
    const r = await api.get(collection, { filter: `code:eq:${code}`, fields: ':owner' })
    const list = isRecord(r.data) ? r.data[collection] : undefined
    const first: unknown = Array.isArray(list) ? list[0] : undefined
    if (!isRecord(first)) throw new Error(`${collection} ${code} not found`)
    return first
}

describe('bridge mappings check against live metadata', () => {
    let sim: RunningSimulator
    let facilitiesDir: string
    beforeAll(async () => {
        // The demo org units, and the package installed by the bridge itself.
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
        const installed = await installMetadata(recordingApi(sim.url).api, await readPackage(PACKAGE))
        expect(installed.ok).toBe(true)
        facilitiesDir = await mkdtemp(join(tmpdir(), 'drift-'))
        await writeFile(
            join(facilitiesDir, 'labos.json'),
            JSON.stringify({
                format: 1,
                kind: 'facility-mapping',
                appliesTo: ['lab'],
                entries: [
                    { source: 'LAM-BADALA', orgUnit: 'FS-C5-019', district: 'ML-BKO-C5' },
                    { source: 'LAM-KENE', orgUnit: 'FS-SIK-014', district: 'Sikasso' },
                ],
            })
        )
    }, 60_000)
    afterAll(async () => {
        await sim.close()
        await rm(facilitiesDir, { recursive: true, force: true })
    })

    it('finds nothing stale on the demo, then reports renamed, re-combined, missing, closed and moved objects', async () => {
        const { api } = recordingApi(sim.url)
        const today = new Date('2026-11-25T00:00:00Z')
        const clean = await runMappingsCheck({ api, mappingsRoot: MAPPINGS, facilitiesDir, today })
        if (clean.errors > 0) console.log(clean.lines.join('\n'))
        expect(clean.errors).toBe(0)
        expect(clean.warnings).toBe(0)
        expect(clean.checked).toBeGreaterThan(150)
        expect(clean.lines.at(-1)).toBe(`${clean.checked} objets vérifiés : 0 erreur(s), 0 avertissement(s).`)

        // Someone edits the metadata in DHIS2 between two monthly runs.
        const ge = await one(api, 'dataElements', 'LAB_PALU_GE')
        const xpert = await one(api, 'dataElements', 'LAB_TB_GENEXPERT')
        const nara = await one(api, 'categoryOptionCombos', 'CC_MUTUELLE_MUT_NARA')
        const lab = await one(api, 'organisationUnits', 'FS-C5-019')
        const kene = await one(api, 'organisationUnits', 'FS-SIK-014')
        const kadiolo = await one(api, 'organisationUnits', 'ML-3-KAD')
        const edit = await api.post(
            'metadata',
            {
                dataElements: [
                    { ...ge, name: 'Microscopie paludisme (GE)' },
                    { ...xpert, categoryCombo: { id: 'bjDvmb4bfuf' } },
                ],
                categoryOptionCombos: [{ ...nara, code: 'CC_MUTUELLE_NARA_ANCIEN' }],
                organisationUnits: [
                    { ...lab, closedDate: '2026-06-30' },
                    { ...kene, parent: { id: kadiolo.id } },
                ],
            },
            { importStrategy: 'UPDATE' }
        )
        expect(edit.status).toBe(200)

        const stale = await runMappingsCheck({
            api,
            mappingsRoot: MAPPINGS,
            facilitiesDir,
            today,
            lang: 'en',
        })
        console.log(stale.lines.join('\n'))
        expect(stale.exitCode).toBe(1)
        expect(stale.lines.at(-1)).toMatch(
            /^\d+ objects checked: [1-9]\d* error\(s\), \d+ warning\(s\)\. Fix the mappings before sending the month’s data\.$/
        )
        const has = (kind: string, ref: string, file?: string): boolean =>
            stale.drifts.some(
                (d) => d.kind === kind && d.ref === ref && (file === undefined || d.file.includes(file))
            )
        expect(has('renamed', String(ge.id), 'dhis2-metadata-package.json')).toBe(true)
        expect(has('recombined', String(xpert.id), 'dhis2-metadata-package.json')).toBe(true)
        expect(has('recombined', 'LAB_TB_GENEXPERT', 'labs/rules.json')).toBe(true)
        expect(has('recoded', String(nara.id), 'dhis2-metadata-package.json')).toBe(true)
        expect(has('option-combo-missing', 'CC_MUTUELLE_MUT_NARA', 'mutuelles/mutuelles.json')).toBe(true)
        expect(has('closed', 'FS-C5-019')).toBe(true)
        expect(has('moved', 'FS-SIK-014')).toBe(true)
        expect(stale.drifts.find((d) => d.kind === 'renamed')?.severity).toBe('warning')
    })
})
