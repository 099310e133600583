import type { TargetRecord } from '../progress/target-record'
import { decimalText } from './numbers'

/** A record without its revision: what a planner edits and what an import line describes. */
export type RecordContent = Omit<TargetRecord, 'revision'>

export interface SurveyDraft {
    value: string
    year: string
    source: string
}

/**
 * The form as typed, one string per field. An empty field inherits from the level above (or the catalogue);
 * « XX » in a target field is the plan's placeholder.
 */
export interface RecordDraft {
    baselineValue: string
    baselineYear: string
    baselineSource: string
    target2023: string
    target2030: string
    surveys: SurveyDraft[]
    notesFr: string
    notesEn: string
}

export const EMPTY_DRAFT: RecordDraft = {
    baselineValue: '',
    baselineYear: '',
    baselineSource: '',
    target2023: '',
    target2030: '',
    surveys: [],
    notesFr: '',
    notesEn: '',
}

function targetText(value: number | null | undefined): string {
    if (value === undefined) return ''
    return value === null ? 'XX' : decimalText(value)
}

/** The form for a stored record (or an empty form when the level has none yet). */
export function draftFromRecord(record: RecordContent | undefined): RecordDraft {
    if (!record) return EMPTY_DRAFT
    return {
        baselineValue: decimalText(record.baseline?.value),
        baselineYear: record.baseline?.year == null ? '' : String(record.baseline.year),
        baselineSource: record.baseline?.source ?? '',
        target2023: targetText(record.targets?.['2023']),
        target2030: targetText(record.targets?.['2030']),
        surveys: (record.surveyValues ?? []).map((s) => ({
            value: decimalText(s.value),
            year: String(s.year),
            source: s.source,
        })),
        notesFr: record.notes?.fr ?? '',
        notesEn: record.notes?.en ?? '',
    }
}

/** Whether two records say the same thing (revision aside), so an unchanged import line is not saved again. */
export function sameContent(a: RecordContent | undefined, b: RecordContent | undefined): boolean {
    return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}

function canonical(record: RecordContent | undefined): unknown {
    if (!record) return null
    return {
        code: record.code,
        orgUnit: record.orgUnit,
        baseline: record.baseline ?? null,
        t2023: record.targets?.['2023'],
        t2030: record.targets?.['2030'],
        surveys: record.surveyValues ?? null,
        notes: record.notes ?? null,
    }
}
