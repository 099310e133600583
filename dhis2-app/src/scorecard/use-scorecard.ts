import { useEffect, useMemo, useState } from 'react'
import { useOrgUnit } from '../shared/use-org-unit'
import { privateCompleteness, sectorShare, type SectorShare } from '../progress/sector-split'
import { useSectorSplit } from '../sector-share/use-sector-split'
import { PRIVATE_SECTOR_CODES, useDhis2Metadata } from '../shared/use-dhis2-metadata'
import type { FallbackReason } from '../shared/notices'
import { useMe } from '../shared/use-me'
import { availableYears, defaultYear } from '../shared/years'
import { DEFAULT_TARGETS } from '../progress/catalogue'
import type { ScorecardFigures } from '../progress/scorecard-figures'
import { resolveTargets } from '../progress/resolve'
import { useTargets } from '../targets/use-targets'
import {
    buildScorecard,
    isNationalSurvey,
    rankChildren,
    scorecardRow,
    type RankedChild,
} from '../progress/scorecard-model'
import { useActuals } from './use-actuals'

/** Codes of every DHIS2 indicator the catalogue reads (routine values and routine proxies). */
const INDICATOR_CODES = [
    ...new Set(
        DEFAULT_TARGETS.flatMap((t) => [t.routine?.indicatorCode, t.routineProxy?.indicatorCode]).filter(
            isString
        )
    ),
]

function isString(value: string | undefined): value is string {
    return typeof value === 'string'
}

/**
 * Everything the scorecard view shows, from at most two analytics requests: the actuals of every indicator
 * and year for the org unit and its children, and the sector split with private completeness for the year.
 */
export function useScorecard(
    selection: { orgUnit: string | null; year: number | null },
    now: Date,
    /** Corrects the URL's org unit (no history entry) when the link's one cannot be shown. */
    replaceOrgUnit: (orgUnit: string | null) => void = () => undefined
) {
    const years = useMemo(() => availableYears(now), [now])
    const year = selection.year ?? defaultYear(now)
    const me = useMe()
    const own = me.data?.orgUnits[0] ?? null
    // The org unit of a link that does not exist or is outside the user's area: the user's own is shown.
    const [fallback, setFallback] = useState<{ id: string; reason: FallbackReason } | null>(null)
    const requested = selection.orgUnit !== fallback?.id ? selection.orgUnit : null
    // Started without waiting for `me` when the link names an org unit: the requests run in parallel.
    const orgUnitId = requested ?? own?.id ?? null
    const ownFamily = requested === null ? (me.data?.ownFamily ?? null) : null
    const queried = useOrgUnit(ownFamily === null ? orgUnitId : null)
    const orgUnit =
        ownFamily === null ? queried : { ...queried, loading: false, error: null, data: ownFamily }
    const areaRoots = me.data?.areaRoots
    const requestedUnit = orgUnit.data?.id === requested ? orgUnit.data : undefined
    const requestedMissing = requested !== null && orgUnit.error?.status === 404
    const outside =
        requestedUnit !== undefined &&
        areaRoots !== undefined &&
        !areaRoots.some((root) => requestedUnit.path.split('/').includes(root))
    // Decided while rendering (React's way for state derived from an answer); the link is corrected after.
    if (requested !== null && (requestedMissing || outside)) {
        setFallback({ id: requested, reason: requestedMissing ? 'unknown' : 'outside' })
    }
    // Also when the same link is followed again: its org unit still cannot be shown.
    const linkFallenBack = fallback !== null && selection.orgUnit === fallback.id
    useEffect(() => {
        if (linkFallenBack) replaceOrgUnit(null)
    }, [linkFallenBack, replaceOrgUnit])
    // Until the fallback applies, nothing is shown or requested for the org unit that cannot be shown.
    const shownOrgUnit =
        requestedMissing || outside ? { ...orgUnit, data: undefined, error: null, loading: true } : orgUnit
    /** Shown while the user stays on the org unit the app fell back to. */
    const fallbackNotice =
        fallback !== null && (selection.orgUnit === null || linkFallenBack) ? fallback.reason : null
    /** The running year: its monthly reports are still arriving, so its figures are not final. */
    const incompleteYear = year >= now.getFullYear()
    const lineage = useMemo(
        () => (shownOrgUnit.data ? [...shownOrgUnit.data.ancestors, shownOrgUnit.data] : null),
        [shownOrgUnit.data]
    )
    const targets = useTargets(lineage)
    const metadata = useDhis2Metadata(INDICATOR_CODES)

    const unit = shownOrgUnit.data
    const orgUnitIds = useMemo(() => (unit ? [unit.id, ...unit.children.map((c) => c.id)] : []), [unit])
    const indicatorIds = useMemo(
        () => [
            ...new Set(
                targets.targets
                    .flatMap((t) => [t.routine?.indicatorUid, t.routineProxy?.indicatorUid])
                    .filter(isString)
            ),
        ],
        [targets.targets]
    )
    const actuals = useActuals(unit ? { indicatorIds, years, orgUnitIds } : null)

    const meta = metadata.data
    const numeratorItemsByCode = useMemo(() => {
        const byCode = new Map<string, string[]>()
        for (const t of targets.targets) {
            const items = t.routine
                ? meta?.indicators.get(t.routine.indicatorCode)?.numeratorItems
                : undefined
            if (items) byCode.set(t.code, items)
        }
        return byCode
    }, [targets.targets, meta])
    const privateDataSetIds = useMemo(() => (meta?.privateDataSets ?? []).map((d) => d.id), [meta])
    const split = useSectorSplit(
        unit && meta && meta.sectorGroupSet
            ? {
                  numeratorItems: [...new Set([...numeratorItemsByCode.values()].flat())],
                  dataSetIds: privateDataSetIds,
                  year,
                  orgUnitIds,
                  sectorGroupSetId: meta.sectorGroupSet.id,
                  groups: meta.sectorGroupSet.groups,
              }
            : null
    )

    const decimalsByIndicator = useMemo(
        () => new Map([...(meta?.indicators.values() ?? [])].map((i) => [i.id, i.decimals])),
        [meta]
    )

    const rows = useMemo(
        () =>
            unit
                ? buildScorecard({
                      targets: targets.targets,
                      actuals: actuals.data,
                      orgUnitId: unit.id,
                      isCountry: unit.level === 1,
                      year,
                      years,
                      decimalsByIndicator,
                  })
                : [],
        [unit, targets.targets, actuals.data, year, years, decimalsByIndicator]
    )

    const sharesFor = (ouId: string): Map<string, SectorShare | null> => {
        const shares = new Map<string, SectorShare | null>()
        for (const [code, items] of numeratorItemsByCode) {
            shares.set(
                code,
                split.data ? sectorShare(split.data.get(ouId), items, PRIVATE_SECTOR_CODES) : null
            )
        }
        return shares
    }

    /**
     * Children of the org unit judged on one indicator, ranked from the most worrying. None for a survey
     * indicator: its value is national, and repeating it on every child would pass it off as theirs.
     */
    const childrenFor = (code: string) => {
        const target = DEFAULT_TARGETS.find((t) => t.code === code)
        if (!unit || !lineage || !target || isNationalSurvey(target)) return []
        // Each child is judged against its own targets: a region's record applies in that region only.
        const ranked: RankedChild[] = unit.children.map((child) => {
            const own = resolveTargets([target], targets.records, [...lineage, child])[0] ?? target
            return {
                id: child.id,
                name: child.name,
                row: scorecardRow(own, {
                    actuals: actuals.data,
                    orgUnitId: child.id,
                    year,
                    years,
                    decimalsByIndicator,
                }),
            }
        })
        return rankChildren(ranked).map((c) => ({
            ...c,
            share: sharesFor(c.id).get(code) ?? null,
            completeness: privateCompleteness(split.data?.get(c.id), privateDataSetIds).rate,
        }))
    }

    const shares = unit ? sharesFor(unit.id) : new Map<string, SectorShare | null>()
    const completeness = unit ? privateCompleteness(split.data?.get(unit.id), privateDataSetIds) : null
    /** The figures the views built on the scorecard (overview, brief) are handed. */
    const figures: ScorecardFigures = {
        year,
        provisional: incompleteYear,
        targets: targets.targets,
        rows,
        shares,
        completeness: split.data ? completeness : null,
        childrenFor,
    }

    return {
        me,
        /** The user's account has no org unit (and the link names none that can be shown). */
        noOrgUnit: me.data !== undefined && me.data.orgUnits.length === 0 && orgUnitId === null,
        fallbackNotice,
        incompleteYear,
        orgUnit: shownOrgUnit,
        targets,
        metadata,
        actuals,
        split,
        year,
        years,
        rows,
        shares,
        completeness,
        childrenFor,
        figures,
    }
}

export type ScorecardView = ReturnType<typeof useScorecard>
