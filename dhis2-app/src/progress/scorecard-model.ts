import type { IndicatorTarget, SurveyValue } from './target'
import { trajectoryOf, type Benchmark, type PathPoint, type Trajectory } from './trajectory'
import type { ValueIndex } from './actuals'
import { judge, STATUS_RANK, type ProgressStatus } from './status'

/** One line of the scorecard: an indicator judged for one org unit and one year. */
export interface ScorecardRow {
    target: IndicatorTarget
    /** Routine value from analytics, or the latest survey value up to the year for survey indicators. */
    actual: number | null
    /** The year the actual is for: the selected year, or the survey's year. */
    actualYear: number
    /**
     * True when the actual is a survey value: a national figure, the same whatever org unit is selected,
     * so it must be labelled as the country's and never shown as the org unit's own.
     */
    national: boolean
    /** Survey source (`EDSM VI 2018…`) when the actual is a survey value. */
    surveySource: string | null
    /** Value expected on the path in `actualYear`, rounded like analytics. */
    expected: number | null
    status: ProgressStatus
    /**
     * What the status was judged against: the path between two known points, a target year, a target
     * already due (`overdue`: after 2023 with 2030 still "XX"), or nothing yet before the first point.
     */
    basis: Benchmark['kind'] | null
    /**
     * A count (cases, deaths) whose targets were set for another org unit: counts are never compared
     * across levels, so the value is shown without targets or status.
     */
    targetElsewhere: boolean
    /** Signed gap to the path (negative = behind). */
    gap: number | null
    /** Actuals up to the selected year (routine) or survey values (survey), oldest first. */
    series: PathPoint[]
    /** Routine proxy value of a survey indicator: shown beside it, never compared with its targets. */
    proxyValue: number | null
    decimals: number
}

export interface ScorecardInput {
    targets: readonly IndicatorTarget[]
    actuals: ValueIndex | undefined
    orgUnitId: string
    year: number
    years: readonly number[]
    /** Decimals of each DHIS2 indicator (by uid), as analytics rounds with them. */
    decimalsByIndicator: Map<string, number>
    /** The org unit is the country (level 1), where the catalogue's national targets were set. */
    isCountry?: boolean
}

/**
 * Whether the targets apply to the org unit: rates and shares do at every level, a count (factor 1) only
 * where its target was set (the country for the catalogue and the national record, a planner's record's own
 * org unit otherwise; `resolveTargets` never lets a count inherit from a level above).
 */
export function targetAppliesTo(
    target: Pick<IndicatorTarget, 'factor' | 'origin'>,
    orgUnitId: string,
    isCountry: boolean
): boolean {
    if (target.factor !== 1) return true
    const setFor = target.origin.target2023.orgUnit ?? target.origin.target2030.orgUnit
    return setFor === null ? isCountry : setFor.id === orgUnitId
}

const NO_TARGETS: Trajectory = {
    baseline: null,
    target2023: { year: 2023, value: null },
    target2030: { year: 2030, value: null },
}

/** The latest survey value measured in or before `year` (surveys are never projected forward or back). */
export function latestSurvey(values: readonly SurveyValue[], year: number): SurveyValue | null {
    let best: SurveyValue | null = null
    for (const v of values) if (v.year <= year && (best === null || v.year > best.year)) best = v
    return best
}

/**
 * Whether the indicator's actuals are national survey values (EDSM, EMOP, health accounts) rather than
 * routine values per org unit; an indicator without a routine link can only be measured by survey.
 */
export function isNationalSurvey(target: Pick<IndicatorTarget, 'actuals' | 'routine'>): boolean {
    return target.actuals === 'survey' || target.routine === null
}

export function routineSeries(
    actuals: ValueIndex | undefined,
    indicatorUid: string,
    orgUnitId: string,
    years: readonly number[],
    upTo: number
): PathPoint[] {
    if (!actuals) return []
    return years.flatMap((year) => {
        if (year > upTo) return []
        const value = actuals.get(indicatorUid, orgUnitId, year)
        return value === null ? [] : [{ year, value }]
    })
}

export function scorecardRow(target: IndicatorTarget, input: Omit<ScorecardInput, 'targets'>): ScorecardRow {
    const targetElsewhere = !targetAppliesTo(target, input.orgUnitId, input.isCountry ?? false)
    const trajectory = targetElsewhere ? NO_TARGETS : trajectoryOf(target)
    const round = (uid: string | undefined) => (uid ? (input.decimalsByIndicator.get(uid) ?? 2) : 2)
    const routine = isNationalSurvey(target) ? null : target.routine
    if (routine === null) {
        const survey = latestSurvey(target.surveyValues, input.year)
        const actualYear = survey?.year ?? input.year
        const proxyUid = target.routineProxy?.indicatorUid
        const decimals = 2
        // A survey taken in the baseline year (or before) is the baseline itself: it says nothing about
        // progress, so it is shown but not judged. The routine proxy never stands in for it.
        const baselineYear = target.baseline.year
        const measured =
            survey !== null && (baselineYear === null || survey.year > baselineYear) ? survey.value : null
        const judgement = judge(trajectory, target.direction, actualYear, measured, decimals)
        return {
            target,
            actual: survey?.value ?? null,
            actualYear,
            national: true,
            surveySource: survey?.source ?? null,
            expected: judgement.expected,
            status: judgement.status,
            basis: judgement.basis,
            targetElsewhere,
            gap: judgement.gap,
            series: target.surveyValues
                .filter((v) => v.year <= input.year)
                .map(({ year, value }) => ({ year, value })),
            proxyValue: proxyUid ? (input.actuals?.get(proxyUid, input.orgUnitId, input.year) ?? null) : null,
            decimals: round(proxyUid),
        }
    }
    const uid = routine.indicatorUid
    const decimals = round(uid)
    const actual = input.actuals?.get(uid, input.orgUnitId, input.year) ?? null
    const judgement = judge(trajectory, target.direction, input.year, actual, decimals)
    return {
        target,
        actual,
        actualYear: input.year,
        national: false,
        surveySource: null,
        expected: judgement.expected,
        status: judgement.status,
        basis: judgement.basis,
        targetElsewhere,
        gap: judgement.gap,
        series: routineSeries(input.actuals, uid, input.orgUnitId, input.years, input.year),
        proxyValue: null,
        decimals,
    }
}

/** A target already due (2023, with 2030 still "XX") that the actual does not reach. */
export function missesOverdueTarget(row: Pick<ScorecardRow, 'basis' | 'status'>): boolean {
    return row.basis === 'overdue' && (row.status === 'behind' || row.status === 'off-track')
}

export function buildScorecard(input: ScorecardInput): ScorecardRow[] {
    return input.targets.map((t) => scorecardRow(t, input))
}

/** A child org unit in the drill-down, judged on the selected indicator. */
export interface RankedChild {
    id: string
    name: string
    row: ScorecardRow
}

/**
 * Children ranked from the most worrying: by status (off track, behind, on track, met, no data, no target),
 * then by gap to the path (furthest behind first), then by name.
 */
export function rankChildren(children: RankedChild[]): RankedChild[] {
    return [...children].sort((a, b) => {
        const byStatus = STATUS_RANK[a.row.status] - STATUS_RANK[b.row.status]
        if (byStatus !== 0) return byStatus
        const gapA = a.row.gap ?? Number.POSITIVE_INFINITY
        const gapB = b.row.gap ?? Number.POSITIVE_INFINITY
        if (gapA !== gapB) return gapA - gapB
        return a.name.localeCompare(b.name, 'fr')
    })
}
