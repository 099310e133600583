import i18n from '@dhis2/d2-i18n'
import { formatNumber } from '../shared/format'
import type { Baseline, Direction } from '../progress/target'
import { isPlaceholder, parseDecimal } from './numbers'
import type { RecordContent, RecordDraft } from './record-draft'

/** A form field: `baseline.value`, `targets.2030`, `surveys.0.year`, `notes.fr`… */
export type FieldId = string

export interface Issue {
    field: FieldId
    /** An error blocks the save; a warning is shown and the planner may still save. */
    severity: 'error' | 'warning'
    message: string
}

/** What the rules need to know about the indicator and the values the level would otherwise inherit. */
export interface ValidationContext {
    code: string
    orgUnit: string | null
    /** 100 for %, 1000 for ‰, 100000 per 100 000, 1 for a count. */
    factor: number
    direction: Direction
    /** The unit as the planner reads it, e.g. « pour 1 000 habitants ». */
    unitLabel: string
    /** Values from the level above (or the catalogue), used when a field is left empty. */
    inherited: { baseline: Baseline; target2023: number | null; target2030: number | null }
    currentYear: number
}

const FIRST_YEAR = 1990
/** A count of cases or deaths stays below this for Mali (the storage schema's bound). */
const COUNT_MAX = 10_000_000

/** The plausible range of a value in the indicator's unit: a % within 0-100, per 1 000 within 0-1 000… */
export function unitRange(factor: number): { min: number; max: number; integer: boolean } {
    if (factor === 1) return { min: 0, max: COUNT_MAX, integer: true }
    return { min: 0, max: factor, integer: false }
}

export interface DraftReading {
    /** The record to store; null while any error remains. */
    record: RecordContent | null
    issues: Issue[]
}

/** Reads the form: every number in the indicator's unit and range, years sane, directions consistent. */
export function readDraft(draft: RecordDraft, context: ValidationContext): DraftReading {
    const issues: Issue[] = []
    const error = (field: FieldId, message: string) => issues.push({ field, severity: 'error', message })
    const warning = (field: FieldId, message: string) => issues.push({ field, severity: 'warning', message })
    const range = unitRange(context.factor)

    const figure = (field: FieldId, text: string): number | undefined => {
        const value = parseDecimal(text)
        if (!Number.isFinite(value)) {
            error(field, i18n.t('Enter a number, for example 12,5'))
            return undefined
        }
        if (value < range.min || value > range.max) {
            error(
                field,
                i18n.t('The value must be between {{min}} and {{max}} ({{unit}})', {
                    min: formatNumber(range.min, 0),
                    max: formatNumber(range.max, 0),
                    unit: context.unitLabel,
                })
            )
            return undefined
        }
        if (range.integer && !Number.isInteger(value)) {
            error(field, i18n.t('A count is a whole number'))
            return undefined
        }
        return value
    }
    const year = (field: FieldId, text: string): number | undefined => {
        const value = Number(text.trim())
        if (!/^\d{4}$/.test(text.trim()) || value < FIRST_YEAR || value > context.currentYear) {
            error(
                field,
                i18n.t('Enter a year between {{first}} and {{last}}', {
                    first: FIRST_YEAR,
                    last: context.currentYear,
                })
            )
            return undefined
        }
        return value
    }
    const target = (field: FieldId, text: string): number | null | undefined => {
        if (text.trim() === '') return undefined
        if (isPlaceholder(text)) return null
        return figure(field, text) ?? undefined
    }

    const record: RecordContent = { code: context.code, orgUnit: context.orgUnit }

    const hasBaseline = [draft.baselineValue, draft.baselineYear, draft.baselineSource].some(
        (t) => t.trim() !== ''
    )
    if (hasBaseline) {
        const value = draft.baselineValue.trim() === '' ? null : figure('baseline.value', draft.baselineValue)
        const baselineYear =
            draft.baselineYear.trim() === '' ? null : year('baseline.year', draft.baselineYear)
        const source = draft.baselineSource.trim()
        if (value !== null && source === '')
            error('baseline.source', i18n.t('Name the source of the baseline'))
        if (source.length > 200) error('baseline.source', i18n.t('At most 200 characters'))
        record.baseline = { value: value ?? null, year: baselineYear ?? null, source: source || null }
    }

    const t2023 = target('targets.2023', draft.target2023)
    const t2030 = target('targets.2030', draft.target2030)
    if (draft.target2023.trim() !== '' || draft.target2030.trim() !== '') {
        record.targets = {}
        if (draft.target2023.trim() !== '') record.targets['2023'] = t2023 ?? null
        if (draft.target2030.trim() !== '') record.targets['2030'] = t2030 ?? null
    }

    const baselineYear = record.baseline ? record.baseline.year : context.inherited.baseline.year
    if (draft.surveys.length > 0) {
        const seen = new Set<number>()
        record.surveyValues = draft.surveys.map((survey, i) => {
            const value = figure(`surveys.${i}.value`, survey.value)
            const surveyYear = year(`surveys.${i}.year`, survey.year)
            const source = survey.source.trim()
            if (source === '') error(`surveys.${i}.source`, i18n.t('Name the survey, for example EDSM VII'))
            if (source.length > 200) error(`surveys.${i}.source`, i18n.t('At most 200 characters'))
            if (surveyYear !== undefined) {
                if (seen.has(surveyYear))
                    error(`surveys.${i}.year`, i18n.t('Two survey values for the same year'))
                seen.add(surveyYear)
                if (baselineYear !== null && surveyYear < baselineYear) {
                    warning(
                        `surveys.${i}.year`,
                        i18n.t('This survey is older than the baseline ({{year}})', { year: baselineYear })
                    )
                }
            }
            return { value: value ?? 0, year: surveyYear ?? 0, source }
        })
    }

    const notesFr = draft.notesFr.trim()
    const notesEn = draft.notesEn.trim()
    if (notesFr !== '' || notesEn !== '') {
        if (notesFr === '')
            error('notes.fr', i18n.t('Write the note in French too, readers see their own language'))
        if (notesEn === '')
            error('notes.en', i18n.t('Write the note in English too, readers see their own language'))
        if (notesFr.length > 1000) error('notes.fr', i18n.t('At most 1000 characters'))
        if (notesEn.length > 1000) error('notes.en', i18n.t('At most 1000 characters'))
        record.notes = { fr: notesFr, en: notesEn }
    }

    directionWarnings(record, context, warning)
    return { record: issues.some((i) => i.severity === 'error') ? null : record, issues }
}

/** True when `a` is worse than `b` for the indicator's direction. */
function worse(a: number, b: number, direction: Direction): boolean {
    return direction === 'lower' ? a > b : a < b
}

function directionWarnings(
    record: RecordContent,
    context: ValidationContext,
    warning: (field: FieldId, message: string) => void
): void {
    const own2023 = record.targets?.['2023']
    const own2030 = record.targets?.['2030']
    const t2023 = own2023 !== undefined ? own2023 : context.inherited.target2023
    const t2030 = own2030 !== undefined ? own2030 : context.inherited.target2030
    const ownBaseline = record.baseline !== undefined
    const baseline = ownBaseline ? (record.baseline?.value ?? null) : context.inherited.baseline.value
    const better = context.direction === 'lower' ? i18n.t('lower is better') : i18n.t('higher is better')
    // Only warn about what this level sets: inherited values were checked where they were set.
    if (t2023 !== null && t2030 !== null && (own2023 !== undefined || own2030 !== undefined)) {
        if (worse(t2030, t2023, context.direction)) {
            warning(
                'targets.2030',
                i18n.t('The 2030 target is worse than the 2023 target ({{better}})', { better })
            )
        }
    }
    if (baseline === null) return
    for (const [field, value, own] of [
        ['targets.2023', t2023, own2023 !== undefined],
        ['targets.2030', t2030, own2030 !== undefined],
    ] as const) {
        if (value !== null && (own || ownBaseline) && worse(value, baseline, context.direction)) {
            warning(field, i18n.t('This target is worse than the baseline ({{better}})', { better }))
        }
    }
}
