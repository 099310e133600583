import { useMemo } from 'react'
import { useParsedQuery } from '../shared/use-parsed-query'
import { DEFAULT_TARGETS } from './catalogue'
import { applyOverrides, OVERRIDES_KEY, overridesDocumentSchema, type TargetOverride } from './overrides'

const OVERRIDES_QUERY = {
    overrides: { resource: `dataStore/odd3-scorecard/${OVERRIDES_KEY}` },
}

function parseOverrides(data: unknown): TargetOverride[] {
    const value = typeof data === 'object' && data !== null ? Reflect.get(data, 'overrides') : undefined
    return overridesDocumentSchema.parse(value).overrides
}

const NO_VARIABLES = {}

/**
 * Targets for the org unit at `path`: the catalogue, with planners' overrides from the dataStore when the
 * key exists. A missing key (404) is the normal case; other failures are reported but the catalogue is
 * still used, so the scorecard never disappears because of the overrides.
 */
export function useTargets(path: string | null) {
    const { loading, error, data } = useParsedQuery(OVERRIDES_QUERY, NO_VARIABLES, parseOverrides)
    const missing = error?.status === 404
    const overrides = useMemo(() => data ?? [], [data])
    const targets = useMemo(() => applyOverrides(DEFAULT_TARGETS, overrides, path), [overrides, path])
    return { loading, error: missing ? null : error, targets }
}
