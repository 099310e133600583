// The metadata package inside the real simulator: it installs on a database that lacks it.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metadataIndex } from '@odd3/mappings/metadata'
import { startSimulator, type RunningSimulator } from '../../src/index.js'

const basic = (user: string, password: string): string =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

interface ImportReport {
    status: string
    stats: { created: number; updated: number; total: number }
}

describe('the metadata package on a database without it', () => {
    let sim: RunningSimulator
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
    })
    afterAll(async () => {
        await sim.close()
    })

    it('validates, then imports, with the bridge account', async () => {
        const body = readFileSync(
            new URL('../../../mappings/metadata/dhis2-metadata-package.json', import.meta.url)
        )
        const reports: ImportReport[] = []
        for (const mode of ['VALIDATE', 'COMMIT']) {
            const response = await fetch(`${sim.url}/api/41/metadata?importMode=${mode}`, {
                method: 'POST',
                headers: {
                    Authorization: basic('bridge', 'Bridge@2024'),
                    'Content-Type': 'application/json',
                },
                body,
            })
            expect(response.status).toBe(200)
            const json = (await response.json()) as ImportReport & { response?: ImportReport }
            reports.push(json.response ?? json)
        }
        const index = metadataIndex()
        const expected = [
            'categoryOptions',
            'categories',
            'categoryCombos',
            'categoryOptionCombos',
            'dataElements',
            'dataSets',
            'indicatorTypes',
            'indicators',
            'organisationUnitGroups',
            'organisationUnitGroupSets',
            'userGroups',
        ] as const
        const total = expected.reduce((sum, collection) => sum + index.pkg[collection].length, 0)
        for (const report of reports) {
            expect(report.status).toBe('OK')
            expect(report.stats.created).toBe(total)
        }
        const check = await fetch(`${sim.url}/api/dataElements?filter=code:eq:PALU_CONFIRMES&fields=id`, {
            headers: { Authorization: basic('admin', 'district') },
        })
        const found = (await check.json()) as { dataElements: Array<{ id: string }> }
        expect(found.dataElements).toEqual([{ id: index.dataElementUid('PALU_CONFIRMES') }])
    })
})
