import i18n from '@dhis2/d2-i18n'
import { Button, NoticeBox, TextAreaField } from '@dhis2/ui'
import React, { useMemo, useState } from 'react'
import { ErrorNotice } from '../shared/error-notice'
import type { UserFacingError } from '../shared/errors'
import type { TargetRecord } from '../progress/target-record'
import { draftFromRecord, sameContent } from './record-draft'
import { RecordForm } from './record-form'
import { saveChanges, type Conflict, type TargetStore } from './save'
import { conflictMessage, saveError } from './save-messages'
import classes from './target-editor.module.css'
import { readDraft, type ValidationContext } from './validation'

export interface RecordEditorProps {
    context: ValidationContext
    /** The level's record as loaded (its revision is what the save checks). */
    loaded: TargetRecord | undefined
    store: TargetStore
    plannersGroupId: string | null
    readOnly: boolean
    /** Called after a save or when the planner asks to reload, so the view reads the document again. */
    onSaved: () => void
    onReload: () => void
    /** Called after a refused save too: the refusal is in the history. */
    onRefused: () => void
}

type Outcome =
    | { kind: 'saved' }
    | { kind: 'refused'; conflicts: Conflict[] }
    | { kind: 'failed'; error: UserFacingError }

/** Edits one indicator at one level; refuses to overwrite a change made since it was loaded. */
export const RecordEditor = ({
    context,
    loaded,
    store,
    plannersGroupId,
    readOnly,
    onSaved,
    onReload,
    onRefused,
}: RecordEditorProps) => {
    const [draft, setDraft] = useState(() => draftFromRecord(loaded))
    const [reason, setReason] = useState('')
    const [saving, setSaving] = useState(false)
    const [outcome, setOutcome] = useState<Outcome | null>(null)
    const reading = useMemo(() => readDraft(draft, context), [draft, context])
    const unchanged = reading.record !== null && sameContent(reading.record, loaded)

    const save = async () => {
        if (!reading.record) return
        setSaving(true)
        setOutcome(null)
        try {
            const result = await saveChanges(store, {
                changes: [{ record: reading.record, loadedRevision: loaded?.revision ?? null }],
                reason: reason.trim(),
                via: 'editor',
                plannersGroupId,
                now: () => new Date(),
            })
            if (result.outcome === 'saved') {
                setOutcome({ kind: 'saved' })
                setReason('')
                onSaved()
            } else {
                setOutcome({ kind: 'refused', conflicts: result.conflicts })
                onRefused()
            }
        } catch (error) {
            setOutcome({ kind: 'failed', error: saveError(error) })
        } finally {
            setSaving(false)
        }
    }

    return (
        <div data-test="record-editor">
            <RecordForm
                draft={draft}
                onChange={(d) => {
                    setDraft(d)
                    if (outcome?.kind === 'saved') setOutcome(null)
                }}
                issues={reading.issues}
                inherited={context.inherited}
                unitLabel={context.unitLabel}
                readOnly={readOnly}
            />
            {!readOnly && (
                <div className={classes.saveBar}>
                    <TextAreaField
                        label={i18n.t('Reason for the change (required, kept in the history)')}
                        name="reason"
                        value={reason}
                        rows={2}
                        onChange={({ value }: { value?: string }) => setReason(value ?? '')}
                        dataTest="save-reason"
                    />
                    <Button
                        primary
                        onClick={() => void save()}
                        disabled={saving || reading.record === null || reason.trim() === '' || unchanged}
                        loading={saving}
                        dataTest="save-target"
                    >
                        {i18n.t('Save')}
                    </Button>
                </div>
            )}
            <div aria-live="polite">
                {outcome?.kind === 'saved' && (
                    <div data-test="save-done">
                        <NoticeBox valid title={i18n.t('Saved')}>
                            {i18n.t('The target is saved; readers see it on their next visit.')}
                        </NoticeBox>
                    </div>
                )}
                {outcome?.kind === 'refused' && (
                    <div data-test="save-refused">
                        <NoticeBox warning title={i18n.t('Not saved, someone changed this target meanwhile')}>
                            {outcome.conflicts.map((c) => (
                                <p key={`${c.code}|${c.orgUnit ?? ''}`} data-test="conflict-message">
                                    {conflictMessage(c)}
                                </p>
                            ))}
                            <p>
                                {i18n.t('Compare with your values, reload, and enter yours again if needed.')}
                            </p>
                            <Button small onClick={onReload} dataTest="reload-after-conflict">
                                {i18n.t('Reload the current values')}
                            </Button>
                        </NoticeBox>
                    </div>
                )}
                {outcome?.kind === 'failed' && <ErrorNotice error={outcome.error} />}
            </div>
        </div>
    )
}
