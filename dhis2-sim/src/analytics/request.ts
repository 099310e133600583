// Reading GET /api/analytics parameters the way DHIS2 binds them. `dimension` and `filter` may be
// repeated and/or comma-joined (app-runtime joins arrays with `,`); items are `;`-separated.

export interface DimensionParam {
    dimension: string
    items: string[]
}

export interface AnalyticsRequest {
    dimensions: DimensionParam[]
    filters: DimensionParam[]
    displayProperty: 'NAME' | 'SHORTNAME'
    skipMeta: boolean
    skipData: boolean
    skipRounding: boolean
    includeNumDen: boolean
    includeMetadataDetails: boolean
    hierarchyMeta: boolean
    showHierarchy: boolean
    relativePeriodDate: string | null
    aggregationType: string | null
    userOrgUnit: string[]
    startDate: string | null
    endDate: string | null
}

/** `dx:a;b,pe:2024` → two dimensions; a piece without `:` is a dimension without items. */
export function splitDimensionParams(values: string[]): DimensionParam[] {
    const result: DimensionParam[] = []
    for (const value of values) {
        for (const piece of value.split(',')) {
            const trimmed = piece.trim()
            if (!trimmed) continue
            const colon = trimmed.indexOf(':')
            if (colon < 0) {
                result.push({ dimension: trimmed, items: [] })
                continue
            }
            const dimension = trimmed.slice(0, colon)
            const items = trimmed
                .slice(colon + 1)
                .split(';')
                .map((item) => item.trim())
                .filter(Boolean)
            result.push({ dimension, items })
        }
    }
    return result
}

function flag(query: URLSearchParams, name: string): boolean {
    return (query.get(name) ?? '').toLowerCase() === 'true'
}

export function readAnalyticsRequest(query: URLSearchParams): AnalyticsRequest {
    const displayProperty =
        (query.get('displayProperty') ?? 'NAME').toUpperCase() === 'SHORTNAME' ? 'SHORTNAME' : 'NAME'
    const date = query.get('relativePeriodDate')
    return {
        dimensions: splitDimensionParams(query.getAll('dimension')),
        filters: splitDimensionParams(query.getAll('filter')),
        displayProperty,
        skipMeta: flag(query, 'skipMeta'),
        skipData: flag(query, 'skipData'),
        skipRounding: flag(query, 'skipRounding'),
        includeNumDen: flag(query, 'includeNumDen'),
        includeMetadataDetails: flag(query, 'includeMetadataDetails'),
        hierarchyMeta: flag(query, 'hierarchyMeta'),
        showHierarchy: flag(query, 'showHierarchy'),
        relativePeriodDate: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
        aggregationType: query.get('aggregationType')?.toUpperCase() ?? null,
        userOrgUnit: (query.get('userOrgUnit') ?? '').split(';').filter(Boolean),
        startDate: query.get('startDate'),
        endDate: query.get('endDate'),
    }
}
