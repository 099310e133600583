// What the table reader hands its records to. Declared beside the reader so read/ depends on no
// source kind: each kind (clinic report, lab, mutuelle) implements this interface.
import type { MappedValue, SourceHeader, SourceRecord, ValidationIssue } from '../core/types.js'

/** Where processors send what they produce: values go on, issues are reported. */
export interface ValueSink {
    value(v: MappedValue): void
    issue(i: ValidationIssue): void
}

/**
 * Turns the records of one table into values. `begin` returns false (after reporting why)
 * when the table cannot be read with this layout; `end` flushes aggregated values (labs).
 */
export interface RecordProcessor {
    begin(header: SourceHeader, sink: ValueSink): boolean
    record(record: SourceRecord, sink: ValueSink): void
    end(sink: ValueSink): void
}
