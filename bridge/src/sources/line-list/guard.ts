// Lab and mutuelle processors run behind this wrapper: every issue they emit passes stripCellText.
import { stripCellText } from '../../core/patient-data.js'
import type { RecordProcessor, ValueSink } from '../../read/processor.js'

/** A processor whose issues pass `stripCellText`, at no cost per value. */
export function withoutCellText(processor: RecordProcessor): RecordProcessor {
    let lastSink: ValueSink | null = null
    let lastSafe: ValueSink | null = null
    const safe = (sink: ValueSink): ValueSink => {
        if (sink !== lastSink || lastSafe === null) {
            lastSink = sink
            lastSafe = { value: (v) => sink.value(v), issue: (i) => sink.issue(stripCellText(i)) }
        }
        return lastSafe
    }
    return {
        begin: (header, sink) => processor.begin(header, safe(sink)),
        record: (record, sink) => processor.record(record, safe(sink)),
        end: (sink) => processor.end(safe(sink)),
    }
}
