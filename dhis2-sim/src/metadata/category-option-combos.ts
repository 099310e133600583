// Category option combo generation (DefaultCategoryService.updateOptionCombos): one combo per element of
// the cartesian product of the categories' options; existing combos are matched by their option set.
import type { SimMetadataStore } from '../core/database.js'
import { toIso8601NoTz } from '../core/dates.js'
import type { MetadataObject } from '../core/types.js'
import { generateUid } from '../core/uid.js'

function ids(value: unknown): string[] {
    if (!Array.isArray(value)) return []
    return value
        .map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined))
        .filter((id): id is string => typeof id === 'string')
}

function product(lists: string[][]): string[][] {
    return lists.reduce<string[][]>(
        (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
        [[]]
    )
}

/** Creates the missing combos of one category combo (or all when `comboId` is null); returns how many. */
export function generateCategoryOptionCombos(
    store: SimMetadataStore,
    comboId: string | null,
    now: Date
): number {
    const combos = comboId
        ? [store.get('categoryCombos', comboId)].filter((c): c is MetadataObject => !!c)
        : store.list('categoryCombos')
    const stamp = toIso8601NoTz(now)
    let createdCount = 0
    for (const combo of [...combos]) {
        const categories = ids(combo.categories).map((id) => store.get('categories', id))
        if (categories.some((category) => !category)) continue
        const optionLists = categories.map((category) => ids((category as MetadataObject).categoryOptions))
        if (optionLists.length === 0 || optionLists.some((list) => list.length === 0)) continue
        const existing = store
            .list('categoryOptionCombos')
            .filter((coc) => (coc.categoryCombo as { id?: string } | undefined)?.id === combo.id)
            .map((coc) => [...ids(coc.categoryOptions)].sort().join(','))
        for (const options of product(optionLists)) {
            if (existing.includes([...options].sort().join(','))) continue
            const names = options.map((id) => store.get('categoryOptions', id)?.name ?? id)
            store.upsert('categoryOptionCombos', {
                id: generateUid(),
                name: names.join(', '),
                created: stamp,
                lastUpdated: stamp,
                ignoreApproval: false,
                categoryCombo: { id: combo.id },
                categoryOptions: options.map((id) => ({ id })),
            })
            createdCount++
        }
    }
    return createdCount
}
