/** Whether a rising or a falling value is progress (coverage rises, mortality falls). */
export type Direction = 'higher' | 'lower'

export interface Bilingual {
    fr: string
    en: string
}

/** A point of the plan: `value` is null where the plan wrote "X" or "XX" (a placeholder). */
export interface Milestone {
    year: number
    value: number | null
}

/** The plan's starting point; the year may be missing when the plan gives only a value. */
export interface Baseline {
    value: number | null
    year: number | null
    source: string | null
}

/** A survey measurement (EDSM, EMOP, national health accounts), shown with its source and year. */
export interface SurveyValue {
    year: number
    value: number
    source: string
}

/** The DHIS2 indicator that gives routine values. */
export interface RoutineLink {
    indicatorCode: string
    indicatorUid: string
}

/** An org unit a planner's record was set for. */
export interface OriginUnit {
    id: string
    name: string
    /** 1 country, 2 region, 3 health district, 4 facility. */
    level: number
}

/**
 * Where one resolved field comes from: the country (the catalogue, or a planner's national record) or the
 * nearest region/district whose record sets it. Readers see it next to the figure.
 */
export interface TargetOrigin {
    /** null: national (catalogue or national record). */
    orgUnit: OriginUnit | null
    /** True when a planner's record set the field, false for the catalogue's value. */
    fromRecord: boolean
}

/** The origin of every field a record can set, resolved separately (a record overrides field by field). */
export interface TargetOrigins {
    baseline: TargetOrigin
    target2023: TargetOrigin
    target2030: TargetOrigin
    surveyValues: TargetOrigin
}

/** A planner's note shown to readers, with the level it was written for. */
export interface PlannerNote {
    text: Bilingual
    origin: TargetOrigin
}

/** One MAP/ODD-3 indicator with its targets for one org unit (catalogue plus planners' records). */
export interface IndicatorTarget {
    /** Plan code, e.g. `ODD-3.1.2`. */
    code: string
    name: Bilingual
    unit: Bilingual
    /** 100 for %, 1000 for ‰, 100000 per 100 000, 1 for counts. */
    factor: number
    direction: Direction
    baseline: Baseline
    target2023: Milestone
    target2030: Milestone
    /** `routine`: actuals from DHIS2 analytics; `survey`: actuals are survey values only. */
    actuals: 'routine' | 'survey'
    routine: RoutineLink | null
    /** A routine indicator shown beside a survey target, never as its value and never coloured. */
    routineProxy: RoutineLink | null
    surveyValues: SurveyValue[]
    /** The catalogue's caveat (what the routine value counts, what a survey value means). */
    notes: Bilingual | null
    /** The nearest planner's note for this org unit, if any. */
    plannerNote: PlannerNote | null
    origin: TargetOrigins
}
