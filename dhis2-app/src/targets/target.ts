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

/** Who changed a target for which org unit, when a dataStore override applies. */
export interface OverrideInfo {
    orgUnit: string | null
    updatedBy: string | null
    updatedAt: string | null
}

/** One MAP/ODD-3 indicator with its targets, as the app uses it (catalogue plus dataStore overrides). */
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
    notes: Bilingual | null
    override: OverrideInfo | null
}
