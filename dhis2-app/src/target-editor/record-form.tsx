import i18n from '@dhis2/d2-i18n'
import { Button, InputField, TextAreaField } from '@dhis2/ui'
import React from 'react'
import { decimalText } from './numbers'
import type { RecordDraft, SurveyDraft } from './record-draft'
import classes from './target-editor.module.css'
import type { FieldId, Issue, ValidationContext } from './validation'

export interface RecordFormProps {
    draft: RecordDraft
    onChange: (draft: RecordDraft) => void
    issues: Issue[]
    /** What an empty field inherits, shown as its placeholder. */
    inherited: ValidationContext['inherited']
    unitLabel: string
    readOnly: boolean
}

function fieldState(issues: Issue[], field: FieldId) {
    const issue =
        issues.find((i) => i.field === field && i.severity === 'error') ??
        issues.find((i) => i.field === field)
    return {
        error: issue?.severity === 'error',
        warning: issue?.severity === 'warning',
        validationText: issue?.message,
    }
}

function inheritedText(value: number | null | undefined): string {
    if (value === undefined) return ''
    return value === null
        ? i18n.t('inherited XX')
        : i18n.t('inherited {{value}}', { value: decimalText(value) })
}

/** The fields of one record: empty means « inherit from the level above », « XX » the plan's placeholder. */
export const RecordForm = ({ draft, onChange, issues, inherited, unitLabel, readOnly }: RecordFormProps) => {
    const set = (patch: Partial<RecordDraft>) => onChange({ ...draft, ...patch })
    const setSurvey = (index: number, patch: Partial<SurveyDraft>) =>
        set({ surveys: draft.surveys.map((s, i) => (i === index ? { ...s, ...patch } : s)) })
    const input = (
        field: FieldId,
        label: string,
        value: string,
        onValue: (v: string) => void,
        placeholder = ''
    ) => (
        <InputField
            key={field}
            label={label}
            name={field}
            value={value}
            placeholder={placeholder}
            readOnly={readOnly}
            onChange={({ value: v }: { value?: string }) => onValue(v ?? '')}
            dataTest={`field-${field}`}
            {...fieldState(issues, field)}
        />
    )
    return (
        <div className={classes.form} data-test="record-form">
            <fieldset className={classes.group}>
                <legend>{i18n.t('Baseline')}</legend>
                {input(
                    'baseline.value',
                    i18n.t('Value ({{unit}})', { unit: unitLabel }),
                    draft.baselineValue,
                    (v) => set({ baselineValue: v }),
                    inheritedText(inherited.baseline.value)
                )}
                {input('baseline.year', i18n.t('Year'), draft.baselineYear, (v) => set({ baselineYear: v }))}
                {input('baseline.source', i18n.t('Source'), draft.baselineSource, (v) =>
                    set({ baselineSource: v })
                )}
            </fieldset>
            <fieldset className={classes.group}>
                <legend>{i18n.t('Targets ({{unit}}), a number or XX', { unit: unitLabel })}</legend>
                {input(
                    'targets.2023',
                    i18n.t('Target 2023'),
                    draft.target2023,
                    (v) => set({ target2023: v }),
                    inheritedText(inherited.target2023)
                )}
                {input(
                    'targets.2030',
                    i18n.t('Target 2030'),
                    draft.target2030,
                    (v) => set({ target2030: v }),
                    inheritedText(inherited.target2030)
                )}
            </fieldset>
            <fieldset className={classes.group}>
                <legend>{i18n.t('Survey values after the baseline')}</legend>
                {draft.surveys.map((survey, i) => (
                    <div className={classes.surveyRow} key={i} data-test="survey-row">
                        {input(`surveys.${i}.value`, i18n.t('Value'), survey.value, (v) =>
                            setSurvey(i, { value: v })
                        )}
                        {input(`surveys.${i}.year`, i18n.t('Year'), survey.year, (v) =>
                            setSurvey(i, { year: v })
                        )}
                        {input(`surveys.${i}.source`, i18n.t('Survey (e.g. EDSM VII)'), survey.source, (v) =>
                            setSurvey(i, { source: v })
                        )}
                        {!readOnly && (
                            <Button
                                small
                                secondary
                                onClick={() => set({ surveys: draft.surveys.filter((_, j) => j !== i) })}
                            >
                                {i18n.t('Remove')}
                            </Button>
                        )}
                    </div>
                ))}
                {!readOnly && (
                    <Button
                        small
                        onClick={() =>
                            set({ surveys: [...draft.surveys, { value: '', year: '', source: '' }] })
                        }
                        dataTest="add-survey"
                    >
                        {i18n.t('Add a survey value')}
                    </Button>
                )}
            </fieldset>
            <fieldset className={classes.group}>
                <legend>{i18n.t('Note shown to readers')}</legend>
                <TextAreaField
                    label={i18n.t('In French')}
                    name="notes.fr"
                    value={draft.notesFr}
                    readOnly={readOnly}
                    rows={2}
                    onChange={({ value }: { value?: string }) => set({ notesFr: value ?? '' })}
                    {...fieldState(issues, 'notes.fr')}
                />
                <TextAreaField
                    label={i18n.t('In English')}
                    name="notes.en"
                    value={draft.notesEn}
                    readOnly={readOnly}
                    rows={2}
                    onChange={({ value }: { value?: string }) => set({ notesEn: value ?? '' })}
                    {...fieldState(issues, 'notes.en')}
                />
            </fieldset>
        </div>
    )
}
