import { findRecord, type TargetRecord } from '../progress/target-record'
import type { RecordContent } from './record-draft'
import { sameContent } from './record-draft'
import type { ImportedLine } from './target-set-csv'

export type ChangeKind = 'added' | 'changed' | 'unchanged'

export interface PreviewItem {
    line: number
    kind: ChangeKind
    record: RecordContent
    /** The stored record the line replaces (with the revision the save will check). */
    current: TargetRecord | undefined
}

/**
 * What an import would do to the stored set, record by record. Records absent from the file are kept
 * as they are; a blank template line for a level without a record adds nothing.
 */
export function previewImport(
    lines: readonly ImportedLine[],
    records: readonly TargetRecord[]
): PreviewItem[] {
    return lines.map((l): PreviewItem => {
        const current = findRecord(records, l.record.code, l.record.orgUnit)
        const kind: ChangeKind = !current
            ? l.blank
                ? 'unchanged'
                : 'added'
            : sameContent(current, l.record)
              ? 'unchanged'
              : 'changed'
        return { line: l.line, kind, record: l.record, current }
    })
}
