import i18n from '@dhis2/d2-i18n'
import {
    Button,
    DataTable,
    DataTableBody,
    DataTableCell,
    DataTableColumnHeader,
    DataTableHead,
    DataTableRow,
    FileInputField,
    NoticeBox,
    TextAreaField,
} from '@dhis2/ui'
import React, { useState } from 'react'
import { ErrorNotice } from '../shared/error-notice'
import type { UserFacingError } from '../shared/errors'
import { localized } from '../progress/labels'
import type { IndicatorTarget } from '../progress/target'
import type { TargetSetDocument } from '../progress/target-record'
import { downloadText } from '../shared/download'
import { previewImport, type ChangeKind, type PreviewItem } from './import-preview'
import { saveChanges, type Conflict, type TargetStore } from './save'
import { conflictMessage, saveError } from './save-messages'
import classes from './target-editor.module.css'
import { parseTargetSetCsv, targetSetCsv, type ImportError, type OrgUnitRef } from './target-set-csv'

export interface ImportExportProps {
    document: TargetSetDocument
    indicators: readonly IndicatorTarget[]
    orgUnits: ReadonlyMap<string, OrgUnitRef>
    country: string
    store: TargetStore
    plannersGroupId: string | null
    readOnly: boolean
    onSaved: () => void
}

type Stage =
    | { kind: 'idle' }
    | { kind: 'invalid'; errors: ImportError[] }
    | { kind: 'preview'; items: PreviewItem[]; warnings: ImportError[] }
    | { kind: 'saved'; count: number }
    | { kind: 'refused'; conflicts: Conflict[] }
    | { kind: 'failed'; error: UserFacingError }

function kindLabel(kind: ChangeKind): string {
    switch (kind) {
        case 'added':
            return i18n.t('Added')
        case 'changed':
            return i18n.t('Changed')
        case 'unchanged':
            return i18n.t('Unchanged')
    }
}

/** The whole target set as a French CSV: export, and import after a preview, nothing while a line is wrong. */
export const ImportExport = (props: ImportExportProps) => {
    const [stage, setStage] = useState<Stage>({ kind: 'idle' })
    const [reason, setReason] = useState('')
    const [saving, setSaving] = useState(false)
    const orgUnitName = (id: string | null) =>
        id === null ? props.country : (props.orgUnits.get(id)?.name ?? id)

    const read = async (file: File | undefined) => {
        if (!file) return
        const result = parseTargetSetCsv(await file.text(), {
            indicators: props.indicators,
            orgUnits: props.orgUnits,
            records: props.document.records,
            currentYear: new Date().getFullYear(),
        })
        setStage(
            result.errors.length > 0
                ? { kind: 'invalid', errors: result.errors }
                : {
                      kind: 'preview',
                      items: previewImport(result.lines, props.document.records),
                      warnings: result.warnings,
                  }
        )
    }

    const save = async (items: PreviewItem[]) => {
        const changes = items
            .filter((i) => i.kind !== 'unchanged')
            .map((i) => ({ record: i.record, loadedRevision: i.current?.revision ?? null }))
        setSaving(true)
        try {
            const result = await saveChanges(props.store, {
                changes,
                reason: reason.trim(),
                via: 'import',
                plannersGroupId: props.plannersGroupId,
                now: () => new Date(),
            })
            if (result.outcome === 'saved') {
                setStage({ kind: 'saved', count: changes.length })
                setReason('')
                props.onSaved()
            } else setStage({ kind: 'refused', conflicts: result.conflicts })
        } catch (error) {
            setStage({ kind: 'failed', error: saveError(error) })
        } finally {
            setSaving(false)
        }
    }

    return (
        <section className={classes.section} data-test="import-export">
            <h3>{i18n.t('Import and export the target set')}</h3>
            <div className={classes.saveBar}>
                <Button
                    small
                    dataTest="export-targets"
                    onClick={() =>
                        downloadText(
                            targetSetCsv(
                                props.document.records,
                                props.indicators,
                                props.orgUnits,
                                props.country
                            ),
                            'odd3-cibles.csv'
                        )
                    }
                >
                    {i18n.t('Export the targets as CSV')}
                </Button>
                {!props.readOnly && (
                    <FileInputField
                        name="import"
                        accept=".csv,text/csv"
                        buttonLabel={i18n.t('Choose a CSV file to import')}
                        onChange={({ files }: { files: FileList | null }) =>
                            void read(files?.[0] ?? undefined)
                        }
                        dataTest="import-file"
                    />
                )}
            </div>
            <div aria-live="polite">
                {stage.kind === 'invalid' && (
                    <div data-test="import-errors">
                        <NoticeBox error title={i18n.t('Nothing imported, correct these lines first')}>
                            <ul>
                                {stage.errors.map((e, i) => (
                                    <li
                                        key={i}
                                        data-test="import-error"
                                        data-line={e.line}
                                        data-field={e.field}
                                    >
                                        {i18n.t('Line {{line}}, column {{field}} — {{message}}', {
                                            line: e.line,
                                            field: e.field,
                                            message: e.message,
                                        })}
                                    </li>
                                ))}
                            </ul>
                        </NoticeBox>
                    </div>
                )}
                {stage.kind === 'preview' && (
                    <div data-test="import-preview">
                        <p>
                            {i18n.t(
                                '{{added}} added, {{changed}} changed, {{unchanged}} unchanged. Records not in the file are kept.',
                                {
                                    added: stage.items.filter((i) => i.kind === 'added').length,
                                    changed: stage.items.filter((i) => i.kind === 'changed').length,
                                    unchanged: stage.items.filter((i) => i.kind === 'unchanged').length,
                                }
                            )}
                        </p>
                        <div className={classes.tableScroll}>
                            <DataTable>
                                <DataTableHead>
                                    <DataTableRow>
                                        <DataTableColumnHeader>{i18n.t('Line')}</DataTableColumnHeader>
                                        <DataTableColumnHeader>{i18n.t('Indicator')}</DataTableColumnHeader>
                                        <DataTableColumnHeader>{i18n.t('Level')}</DataTableColumnHeader>
                                        <DataTableColumnHeader>{i18n.t('Change')}</DataTableColumnHeader>
                                    </DataTableRow>
                                </DataTableHead>
                                <DataTableBody>
                                    {stage.items.map((item) => {
                                        const indicator = props.indicators.find(
                                            (t) => t.code === item.record.code
                                        )
                                        return (
                                            <DataTableRow key={item.line} dataTest="preview-row">
                                                <DataTableCell>{item.line}</DataTableCell>
                                                <DataTableCell>
                                                    {indicator ? localized(indicator.name) : item.record.code}
                                                </DataTableCell>
                                                <DataTableCell>
                                                    {orgUnitName(item.record.orgUnit)}
                                                </DataTableCell>
                                                <DataTableCell>
                                                    <span data-kind={item.kind}>{kindLabel(item.kind)}</span>
                                                </DataTableCell>
                                            </DataTableRow>
                                        )
                                    })}
                                </DataTableBody>
                            </DataTable>
                        </div>
                        {stage.warnings.map((w, i) => (
                            <p key={i} data-test="import-warning">
                                {i18n.t('Line {{line}}, column {{field}} — {{message}}', {
                                    line: w.line,
                                    field: w.field,
                                    message: w.message,
                                })}
                            </p>
                        ))}
                        <div className={classes.saveBar}>
                            <TextAreaField
                                label={i18n.t('Reason for the change (required, kept in the history)')}
                                name="import-reason"
                                value={reason}
                                rows={2}
                                onChange={({ value }: { value?: string }) => setReason(value ?? '')}
                                dataTest="import-reason"
                            />
                            <Button
                                primary
                                dataTest="import-save"
                                loading={saving}
                                disabled={
                                    saving ||
                                    reason.trim() === '' ||
                                    stage.items.every((i) => i.kind === 'unchanged')
                                }
                                onClick={() => void save(stage.items)}
                            >
                                {i18n.t('Import these changes')}
                            </Button>
                        </div>
                    </div>
                )}
                {stage.kind === 'saved' && (
                    <div data-test="import-done">
                        <NoticeBox valid title={i18n.t('Imported')}>
                            {i18n.t('{{count}} records saved.', { count: stage.count })}
                        </NoticeBox>
                    </div>
                )}
                {stage.kind === 'refused' && (
                    <div data-test="import-refused">
                        <NoticeBox warning title={i18n.t('Nothing imported, targets changed meanwhile')}>
                            {stage.conflicts.map((c) => (
                                <p key={`${c.code}|${c.orgUnit ?? ''}`}>{conflictMessage(c)}</p>
                            ))}
                        </NoticeBox>
                    </div>
                )}
                {stage.kind === 'failed' && <ErrorNotice error={stage.error} />}
            </div>
        </section>
    )
}
