// The demo database's org units as the matcher sees them (ids derived from codes, as everywhere).
import { readFileSync } from 'node:fs'
import { uidFromCode } from '@odd3/mappings/uid'
import type { OrgUnitRef } from '../../src/facilities/match.js'

interface Node {
    code: string
    name: string
    districts?: Node[]
    facilities?: Node[]
}

export function demoOrgUnits(): OrgUnitRef[] {
    const file = new URL('../../../fixtures/demo-db/org-units.json', import.meta.url)
    const demo = JSON.parse(readFileSync(file, 'utf8')) as { country: Node; regions: Node[] }
    const out: OrgUnitRef[] = []
    const add = (node: Node, level: number, parentPath: string): string => {
        const id = uidFromCode('organisationUnit', node.code)
        const path = `${parentPath}/${id}`
        out.push({ id, code: node.code, name: node.name, level, path })
        return path
    }
    const root = add(demo.country, 1, '')
    for (const region of demo.regions) {
        const rp = add(region, 2, root)
        for (const district of region.districts ?? []) {
            const dp = add(district, 3, rp)
            for (const facility of district.facilities ?? []) add(facility, 4, dp)
        }
    }
    return out
}
