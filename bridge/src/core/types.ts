// The types every pipeline stage shares (read → validate → map → aggregate → plan → push → record).
// Labs and mutuelles (issue 3) reuse them: change them only additively.

/** User-facing language. French is the default everywhere. */
export type Lang = 'fr' | 'en'

/** A text in both languages; French first. */
export interface Localized {
    fr: string
    en: string
}

/** Where a cell or a row comes from. `row` is the 1-based line (CSV) or row number (XLSX) a person sees. */
export interface SourceLocation {
    file: string
    row: number
    /** Column name as written in the header (or the field name for JSON). */
    column?: string
    /** Worksheet name (XLSX only). */
    sheet?: string
}

/** The header of one table (CSV file, worksheet, JSON array): column names in file order. */
export interface SourceHeader {
    file: string
    sheet?: string
    /** Column names as written (trimmed), in order. */
    names: readonly string[]
    /** Row number of the header line itself. */
    row: number
    /** Merged group titles above each column ("Consultations curatives" over "< 5 ans"), when present. */
    groups?: readonly string[]
}

/**
 * One data row as read. Cells stay strings (what the person typed, trimmed); parsing
 * belongs to validation. Arrays rather than objects: large files are read at ~1 M rows/s.
 */
export interface SourceRecord {
    header: SourceHeader
    row: number
    cells: readonly string[]
}

export type Severity = 'error' | 'warning'

/** Stable problem codes: the docs list each with what to do about it. */
export type IssueCode =
    | 'EMPTY_FILE'
    | 'ENCODING'
    | 'UNREADABLE_FILE'
    | 'MISSING_COLUMN'
    | 'UNKNOWN_COLUMN'
    | 'MISSING_VALUE'
    | 'UNKNOWN_FACILITY'
    | 'UNKNOWN_DATA_ELEMENT'
    | 'UNKNOWN_DISAGGREGATION'
    | 'COC_NOT_IN_COMBO'
    | 'BAD_PERIOD'
    | 'WRONG_PERIOD_TYPE'
    | 'FUTURE_PERIOD'
    | 'NOT_A_NUMBER'
    | 'NEGATIVE_COUNT'
    | 'NOT_AN_INTEGER'
    | 'WRONG_VALUE_TYPE'
    | 'DUPLICATE_CONFLICT'
    | 'DUPLICATE_SAME'
    | 'ORG_UNIT_NOT_IN_DATA_SET'
    | 'ORG_UNIT_CLOSED'
    | 'NO_DATA_SET'
    | 'MAPPING_INVALID'
    | 'MAPPING_DATA_SET_MISSING'
    | 'DHIS2_CONFLICT'
    | 'DHIS2_REJECTED'
    | 'REMOVED_VALUE'
    | 'CHUNK_FAILED'
    | 'COMPLETE_REFUSED'
    | 'COMPLETE_FAILED'
    | 'FORMAT_ODS'
    | 'FORMAT_XLS'
    | 'FORMAT_ENCRYPTED'
    | 'FORMAT_HTML'
    | 'FORMAT_XML_2003'
    | 'FORMAT_NOT_TABLE'
    | 'FORMAT_BINARY'
    | 'FORMAT_NOT_WORKBOOK'
    | 'WORKBOOK_WRONG_EXTENSION'
    | 'TEXT_WRONG_EXTENSION'
    | 'WORKBOOK_TOO_LARGE'
    | 'HIDDEN_SHEET_SKIPPED'
    | 'HIDDEN_COLUMN_SKIPPED'
    | 'HIDDEN_ROWS_SKIPPED'
    | 'EXCEL_ERROR_CELL'
    | 'FORMULA_NO_VALUE'
    | 'RECORD_TOO_LONG'
    | 'JSON_TOO_LARGE'
    | 'JSON_SYNTAX'
    | (string & {})

/** One problem found in the input, with enough to find the cell and fix it. */
export interface ValidationIssue {
    code: IssueCode
    severity: Severity
    file: string
    sheet?: string
    /** Absent for file-level problems (empty file, missing column). */
    row?: number
    column?: string
    /** The offending value as written. */
    value?: string
    message: Localized
    /** What the clinic (or operator) should do. */
    hint?: Localized
    /** For DHIS2 conflicts: the DHIS2 error code (E7617…) and its original message. */
    dhis2?: { errorCode?: string; message: string }
}

/**
 * A data value ready for DHIS2, with the cell it came from. All ids are DHIS2 UIDs; the codes
 * are kept for messages. For aggregated sources (labs) `file`/`row` name the first contributing row
 * and `rows` lists them all.
 */
export interface MappedValue {
    dataSet: string
    dataElement: string
    categoryOptionCombo: string
    attributeOptionCombo: string
    orgUnit: string
    period: string
    value: string
    comment?: string
    /** Codes for people: data element, COC, org unit. */
    dataElementCode: string
    categoryOptionComboCode: string
    orgUnitCode: string
    file: string
    row: number
    column: string
    sheet?: string
    rows?: number[]
    /**
     * Titles of the columns that gave the org unit, period, data element and disaggregation, so a
     * DHIS2 conflict on the org unit points at the facility column. Shared per table, not per value.
     */
    sourceColumns?: SourceColumns
}

export interface SourceColumns {
    orgUnit?: string
    period?: string
    dataElement?: string
    categoryOptionCombo?: string
}

/** The DHIS2 identity of a value: two values with the same key are the same cell in DHIS2. */
export function valueKey(v: {
    dataElement: string
    period: string
    orgUnit: string
    categoryOptionCombo: string
    attributeOptionCombo: string
}): string {
    return `${v.dataElement}|${v.period}|${v.orgUnit}|${v.categoryOptionCombo}|${v.attributeOptionCombo}`
}

/** A chunk's scope: the push sends one request per data set × org unit × period. */
export function chunkKey(v: { dataSet: string; orgUnit: string; period: string }): string {
    return `${v.dataSet}|${v.orgUnit}|${v.period}`
}

export function locationOf(v: MappedValue): SourceLocation {
    const loc: SourceLocation = { file: v.file, row: v.row, column: v.column }
    if (v.sheet !== undefined) loc.sheet = v.sheet
    return loc
}
