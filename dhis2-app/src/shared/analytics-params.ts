import type { QueryParameters } from './query-parameters'

/** Parameters of the scorecard's first request: indicators × years × [org unit + children]. */
export function actualsParams(input: {
    indicatorIds: string[]
    years: number[]
    orgUnitIds: string[]
}): QueryParameters {
    return {
        dimension: [
            `dx:${unique(input.indicatorIds).join(';')}`,
            `pe:${unique(input.years.map(String)).join(';')}`,
            `ou:${unique(input.orgUnitIds).join(';')}`,
        ],
        displayProperty: 'NAME',
        skipMeta: true,
    }
}

/**
 * Parameters of the second request: the numerator items split by sector, with the private data sets'
 * actual and expected reports, for the selected year and [org unit + children].
 */
export function sectorSplitParams(input: {
    numeratorItems: string[]
    dataSetIds: string[]
    year: number
    orgUnitIds: string[]
    sectorGroupSetId: string
    sectorGroupIds: string[]
}): QueryParameters {
    const reports = input.dataSetIds.flatMap((ds) => [`${ds}.ACTUAL_REPORTS`, `${ds}.EXPECTED_REPORTS`])
    return {
        dimension: [
            `dx:${unique([...input.numeratorItems, ...reports]).join(';')}`,
            `pe:${input.year}`,
            `ou:${unique(input.orgUnitIds).join(';')}`,
            `${input.sectorGroupSetId}:${unique(input.sectorGroupIds).join(';')}`,
        ],
        displayProperty: 'NAME',
        skipMeta: true,
    }
}

function unique(values: string[]): string[] {
    return [...new Set(values)]
}
