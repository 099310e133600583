import { useMemo } from 'react'
import { useParsedQuery } from '../shared/use-parsed-query'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import { resolveTargets } from '../progress/resolve'
import type { OriginUnit } from '../progress/target'
import {
    TARGET_SET_KEY,
    TARGETS_NAMESPACE,
    targetSetDocumentSchema,
    type TargetRecord,
} from '../progress/target-record'

const TARGET_SET_QUERY = {
    targetSet: { resource: `dataStore/${TARGETS_NAMESPACE}/${TARGET_SET_KEY}` },
}

function parseTargetSet(data: unknown): TargetRecord[] {
    const value = typeof data === 'object' && data !== null ? Reflect.get(data, 'targetSet') : undefined
    return targetSetDocumentSchema.parse(value).records
}

const NO_VARIABLES = {}
const NO_RECORDS: TargetRecord[] = []

/**
 * The planners' target set (one dataStore document, one request) and the targets resolved for the org unit
 * whose lineage is given (root first, the unit last). A missing key (404) is the normal case: the catalogue
 * applies. Any other failure is reported, and the catalogue is still used so the scorecard never disappears
 * because of the planners' records. The lineage should keep its identity between renders (memoize it): the
 * targets are resolved again whenever it changes.
 */
export function useTargets(lineage: readonly OriginUnit[] | null) {
    const { loading, error, data } = useParsedQuery(TARGET_SET_QUERY, NO_VARIABLES, parseTargetSet)
    const missing = error?.status === 404
    const records = data ?? NO_RECORDS
    const targets = useMemo(() => resolveTargets(DEFAULT_TARGETS, records, lineage ?? []), [records, lineage])
    return { loading, error: missing ? null : error, records, targets }
}
