// Codes → DHIS2 ids through the metadata snapshot (shared by labs and mutuelles).
import type { CocMeta, DataElementMeta, DataSetMeta, OrgUnitMeta } from '../../metadata-snapshot/types.js'
import { DEFAULT_COC } from '../../metadata-snapshot/types.js'
import type { KindContext } from '../types.js'

export function findOrgUnit(ctx: KindContext, text: string): OrgUnitMeta | undefined {
    const key = ctx.facilities.resolve(text)
    return ctx.metadata.orgUnit(key) ?? ctx.metadata.orgUnit(text.trim())
}

/** The option combo of `dataElement` with these option codes (by code `<combo>_<opt>_<opt>`, else by options). */
export function findCoc(
    ctx: KindContext,
    dataElement: DataElementMeta,
    comboCode: string,
    optionCodes: readonly string[]
): CocMeta | undefined {
    if (optionCodes.length === 0) return ctx.metadata.defaultCoc(dataElement.categoryCombo)
    return (
        ctx.metadata.coc(dataElement.categoryCombo, [comboCode, ...optionCodes].join('_')) ??
        ctx.metadata.cocByOptions(dataElement.categoryCombo, [...optionCodes])
    )
}

/** The attribute option combo (`CC_MUTUELLE_MUT_KOLOKANI`) of a data set's attribute combo. */
export function findAoc(
    ctx: KindContext,
    dataSet: DataSetMeta,
    aocCode: string | undefined
): CocMeta | undefined {
    if (aocCode === undefined) return { id: DEFAULT_COC, categoryOptions: [] }
    return ctx.metadata.coc(dataSet.categoryCombo, aocCode)
}
