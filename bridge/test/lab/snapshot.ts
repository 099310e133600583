// A metadata snapshot built from the package and the demo org units, as the bridge would fetch it
// from a DHIS2 holding both: lets the lab and mutuelle stages run without a server.
import { readFileSync } from 'node:fs'
import { FacilityResolver } from '../../src/mapping/facility-mapping.js'
import { MetadataIndex } from '../../src/metadata-snapshot/index.js'
import { CACHE_FORMAT, type MetadataSnapshot } from '../../src/metadata-snapshot/types.js'
import type { KindContext } from '../../src/sources/types.js'
import { demoOrgUnits } from '../facilities/demo-org-units.js'

type Obj = Record<string, unknown> & { id: string; code?: string; name?: string }

const ref = (v: unknown): string => (typeof v === 'object' && v !== null && 'id' in v ? String(v.id) : '')

export function packageSnapshot(): MetadataSnapshot {
    const pkg = JSON.parse(
        readFileSync(
            new URL('../../../mappings/metadata/dhis2-metadata-package.json', import.meta.url),
            'utf8'
        )
    ) as Record<string, Obj[]>
    const options = new Map((pkg.categoryOptions ?? []).map((o) => [o.id, o.code ?? o.id]))
    const orgUnits = demoOrgUnits()
    const cocs = pkg.categoryOptionCombos ?? []
    return {
        stamp: {
            format: CACHE_FORMAT,
            baseUrl: 'package',
            username: 'test',
            serverVersion: '2.41.3',
            lastUpdated: '2026-01-01',
            fetchedAt: '2026-01-01',
        },
        dataElements: (pkg.dataElements ?? []).map((d) => ({
            id: d.id,
            code: d.code,
            name: d.name,
            valueType: String(d.valueType),
            categoryCombo: ref(d.categoryCombo),
        })),
        categoryCombos: [
            {
                id: 'bjDvmb4bfuf',
                code: 'default',
                name: 'default',
                categoryOptionCombos: [
                    { id: 'HllvX50cXC0', code: 'default', name: 'default', categoryOptions: [] },
                ],
            },
            ...(pkg.categoryCombos ?? [])
                .filter((c) => c.id !== 'bjDvmb4bfuf')
                .map((c) => ({
                    id: c.id,
                    code: c.code,
                    name: c.name,
                    dataDimensionType: String(c.dataDimensionType),
                    categoryOptionCombos: cocs
                        .filter((k) => ref(k.categoryCombo) === c.id)
                        .map((k) => ({
                            id: k.id,
                            code: k.code,
                            name: k.name,
                            categoryOptions: Array.isArray(k.categoryOptions)
                                ? k.categoryOptions.map((o) => options.get(ref(o)) ?? ref(o))
                                : [],
                        })),
                })),
        ],
        dataSets: (pkg.dataSets ?? []).map((d) => ({
            id: d.id,
            code: d.code,
            name: d.name,
            periodType: String(d.periodType),
            openFuturePeriods: Number(d.openFuturePeriods ?? 0),
            expiryDays: Number(d.expiryDays ?? 0),
            categoryCombo: ref(d.categoryCombo),
            dataElements: Array.isArray(d.dataSetElements)
                ? d.dataSetElements.map((e: unknown) => ref((e as { dataElement?: unknown }).dataElement))
                : [],
            organisationUnits: orgUnits.map((o) => o.id),
        })),
        organisationUnits: orgUnits.map((o) => ({
            id: o.id,
            code: o.code,
            name: o.name,
            path: o.path,
            level: o.level,
        })),
    }
}

export function testContext(today = new Date('2026-11-25T00:00:00Z')): KindContext {
    return {
        metadata: new MetadataIndex(packageSnapshot()),
        facilities: new FacilityResolver([]),
        lang: 'fr',
        today,
    }
}
