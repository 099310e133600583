// Lookups over a metadata snapshot: by code, UID or name, built once per run.
import type {
    CategoryComboMeta,
    CocMeta,
    DataElementMeta,
    DataSetMeta,
    MetadataSnapshot,
    OrgUnitMeta,
} from './types.js'

/** Lower-case, accents removed, punctuation and spaces collapsed: how people's labels are compared. */
export function normalizeLabel(s: string): string {
    return s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9<>+]+/g, ' ')
        .trim()
}

export class MetadataIndex {
    readonly snapshot: MetadataSnapshot
    private readonly deByKey = new Map<string, DataElementMeta>()
    private readonly ouByKey = new Map<string, OrgUnitMeta>()
    private readonly dsByKey = new Map<string, DataSetMeta>()
    private readonly comboById = new Map<string, CategoryComboMeta>()
    private readonly cocByComboAndKey = new Map<string, Map<string, CocMeta>>()
    private readonly dsOrgUnits = new Map<string, Set<string>>()
    private readonly dsByElement = new Map<string, DataSetMeta[]>()
    /** Dense numbers for compact keys (duplicate detection on large files). */
    readonly ouNumber = new Map<string, number>()
    readonly deNumber = new Map<string, number>()
    readonly cocNumber = new Map<string, number>()

    constructor(snapshot: MetadataSnapshot) {
        this.snapshot = snapshot
        for (const de of snapshot.dataElements) {
            this.deNumber.set(de.id, this.deNumber.size)
            this.deByKey.set(de.id, de)
            if (de.code) this.deByKey.set(de.code.toUpperCase(), de)
        }
        for (const ou of snapshot.organisationUnits) {
            this.ouNumber.set(ou.id, this.ouNumber.size)
            this.ouByKey.set(ou.id, ou)
            if (ou.code) this.ouByKey.set(ou.code.toUpperCase(), ou)
        }
        for (const cc of snapshot.categoryCombos) {
            this.comboById.set(cc.id, cc)
            const m = new Map<string, CocMeta>()
            for (const coc of cc.categoryOptionCombos) {
                if (!this.cocNumber.has(coc.id)) this.cocNumber.set(coc.id, this.cocNumber.size)
                m.set(coc.id, coc)
                if (coc.code) m.set(coc.code.toUpperCase(), coc)
                if (coc.name) m.set('name:' + normalizeLabel(coc.name), coc)
                m.set('opts:' + optionKey(coc.categoryOptions), coc)
            }
            this.cocByComboAndKey.set(cc.id, m)
        }
        for (const ds of snapshot.dataSets) {
            this.dsByKey.set(ds.id, ds)
            if (ds.code) this.dsByKey.set(ds.code.toUpperCase(), ds)
            this.dsOrgUnits.set(ds.id, new Set(ds.organisationUnits))
            for (const de of ds.dataElements) {
                const list = this.dsByElement.get(de) ?? []
                list.push(ds)
                this.dsByElement.set(de, list)
            }
        }
    }

    dataElement(codeOrId: string): DataElementMeta | undefined {
        return this.deByKey.get(codeOrId) ?? this.deByKey.get(codeOrId.toUpperCase())
    }

    orgUnit(codeOrId: string): OrgUnitMeta | undefined {
        return this.ouByKey.get(codeOrId) ?? this.ouByKey.get(codeOrId.toUpperCase())
    }

    dataSet(codeOrId: string): DataSetMeta | undefined {
        return this.dsByKey.get(codeOrId) ?? this.dsByKey.get(codeOrId.toUpperCase())
    }

    combo(id: string): CategoryComboMeta | undefined {
        return this.comboById.get(id)
    }

    dataSetsOf(dataElementId: string): DataSetMeta[] {
        return this.dsByElement.get(dataElementId) ?? []
    }

    isAssigned(dataSetId: string, orgUnitId: string): boolean {
        return this.dsOrgUnits.get(dataSetId)?.has(orgUnitId) ?? false
    }

    /** A COC of the combo, found by UID, code, name or the set of its option codes. */
    coc(comboId: string, key: string): CocMeta | undefined {
        const m = this.cocByComboAndKey.get(comboId)
        if (!m) return undefined
        return m.get(key) ?? m.get(key.toUpperCase()) ?? m.get('name:' + normalizeLabel(key))
    }

    cocByOptions(comboId: string, optionCodes: string[]): CocMeta | undefined {
        return this.cocByComboAndKey.get(comboId)?.get('opts:' + optionKey(optionCodes))
    }

    /** The default COC (or the only COC) of a combo. */
    defaultCoc(comboId: string): CocMeta | undefined {
        const cc = this.comboById.get(comboId)
        if (!cc) return undefined
        return cc.categoryOptionCombos.length === 1 ? cc.categoryOptionCombos[0] : undefined
    }
}

function optionKey(codes: readonly string[]): string {
    return codes
        .map((c) => c.toUpperCase())
        .sort()
        .join('+')
}
