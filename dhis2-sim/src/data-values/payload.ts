// Reading a data value set body: JSON (DataValueSet) or DHIS2's positional CSV (docs/dhis2-api.md §2.2-§2.3).
import { gunzipSync } from 'node:zlib'
import AdmZip from 'adm-zip'

export interface DataValueEntry {
    dataElement: string | null
    period: string | null
    orgUnit: string | null
    categoryOptionCombo: string | null
    attributeOptionCombo: string | null
    value: string | null
    storedBy: string | null
    created: string | null
    lastUpdated: string | null
    comment: string | null
    followup: boolean | null
    deleted: boolean | null
}

export interface DataValueSetPayload {
    dataSet: string | null
    completeDate: string | null
    period: string | null
    orgUnit: string | null
    attributeOptionCombo: string | null
    attributeCategoryOptions: string[] | null
    idScheme: string | null
    dataElementIdScheme: string | null
    orgUnitIdScheme: string | null
    categoryOptionComboIdScheme: string | null
    dataSetIdScheme: string | null
    dryRun: boolean | null
    strategy: string | null
    dataValues: DataValueEntry[]
}

/** A body DHIS2 cannot read: becomes `"The import process failed: <message>"`. */
export class PayloadError extends Error {}

/** Gzip and zip bodies are unpacked, as `wrapAndCheckCompressionFormat` does. */
export function decompress(body: Buffer): Buffer {
    if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body)
    if (body.length >= 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04) {
        const entry = new AdmZip(body).getEntries().find((candidate) => !candidate.isDirectory)
        if (!entry) throw new PayloadError('Zip archive contains no file')
        return entry.getData()
    }
    return body
}

/** Jackson's string reading: `""` becomes null, numbers and booleans become their text. */
function text(value: unknown): string | null {
    if (value === null || value === undefined) return null
    if (typeof value === 'string') return value === '' ? null : value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    throw new PayloadError(
        `Cannot deserialize value of type \`java.lang.String\` from ${Array.isArray(value) ? 'Array' : 'Object'} value`
    )
}

function flag(value: unknown): boolean | null {
    if (value === null || value === undefined || value === '') return null
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 'false') return value === 'true'
    if (typeof value === 'number') return value !== 0
    throw new PayloadError(
        `Cannot deserialize value of type \`java.lang.Boolean\` from String "${String(value)}"`
    )
}

function entryFromJson(raw: unknown): DataValueEntry {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new PayloadError('Cannot deserialize value of type `DataValue` from non-object value')
    }
    const record = raw as Record<string, unknown>
    return {
        dataElement: text(record.dataElement),
        period: text(record.period),
        orgUnit: text(record.orgUnit),
        categoryOptionCombo: text(record.categoryOptionCombo),
        attributeOptionCombo: text(record.attributeOptionCombo),
        value: text(record.value),
        storedBy: text(record.storedBy),
        created: text(record.created),
        lastUpdated: text(record.lastUpdated),
        comment: text(record.comment),
        followup: flag(record.followup),
        deleted: flag(record.deleted),
    }
}

export function parseJsonPayload(body: Buffer): DataValueSetPayload {
    let raw: unknown
    try {
        raw = JSON.parse(body.toString('utf8'))
    } catch (error) {
        throw new PayloadError(error instanceof Error ? error.message : String(error))
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new PayloadError(
            `Cannot deserialize value of type \`org.hisp.dhis.dxf2.datavalueset.DataValueSet\` from ${Array.isArray(raw) ? 'Array' : 'non-object'} value`
        )
    }
    const record = raw as Record<string, unknown>
    const values = record.dataValues
    if (values !== undefined && values !== null && !Array.isArray(values)) {
        throw new PayloadError('Cannot deserialize value of type `java.util.ArrayList` from non-array value')
    }
    const options = record.attributeCategoryOptions
    return {
        dataSet: text(record.dataSet),
        completeDate: text(record.completeDate),
        period: text(record.period),
        orgUnit: text(record.orgUnit),
        attributeOptionCombo: text(record.attributeOptionCombo),
        attributeCategoryOptions: Array.isArray(options)
            ? options.map((option) => text(option)).filter((option): option is string => option !== null)
            : null,
        idScheme: text(record.idScheme),
        dataElementIdScheme: text(record.dataElementIdScheme),
        orgUnitIdScheme: text(record.orgUnitIdScheme),
        categoryOptionComboIdScheme: text(record.categoryOptionComboIdScheme),
        dataSetIdScheme: text(record.dataSetIdScheme),
        dryRun: flag(record.dryRun),
        strategy: text(record.strategy),
        dataValues: (Array.isArray(values) ? values : []).map(entryFromJson),
    }
}

/** RFC 4180 rows: quoted fields may hold commas, quotes (doubled) and line breaks. */
export function parseCsvRows(input: string): string[][] {
    const rows: string[][] = []
    let row: string[] = []
    let field = ''
    let quoted = false
    let i = input.charCodeAt(0) === 0xfeff ? 1 : 0
    const endRow = (): void => {
        row.push(field)
        field = ''
        if (!(row.length === 1 && row[0] === '')) rows.push(row)
        row = []
    }
    for (; i < input.length; i++) {
        const char = input[i]
        if (quoted) {
            if (char === '"') {
                if (input[i + 1] === '"') {
                    field += '"'
                    i++
                } else quoted = false
            } else field += char
        } else if (char === '"') quoted = true
        else if (char === ',') {
            row.push(field)
            field = ''
        } else if (char === '\n') endRow()
        else if (char === '\r') {
            if (input[i + 1] === '\n') i++
            endRow()
        } else field += char
    }
    if (field !== '' || row.length > 0) endRow()
    return rows
}

function cell(row: string[], index: number): string | null {
    const value = row[index]
    return value === undefined || value === '' ? null : value
}

/**
 * Positional CSV (CsvDataValueSetReader): dataelement, period, orgunit, catoptcombo, attroptcombo,
 * value, storedby, lastupdated, comment, followup, deleted. Header names are ignored. An empty value
 * cell stays a blank string: it is not a missing value.
 */
export function parseCsvPayload(body: Buffer, firstRowIsHeader: boolean): DataValueSetPayload {
    const rows = parseCsvRows(body.toString('utf8'))
    const dataRows = firstRowIsHeader ? rows.slice(1) : rows
    return {
        dataSet: null,
        completeDate: null,
        period: null,
        orgUnit: null,
        attributeOptionCombo: null,
        attributeCategoryOptions: null,
        idScheme: null,
        dataElementIdScheme: null,
        orgUnitIdScheme: null,
        categoryOptionComboIdScheme: null,
        dataSetIdScheme: null,
        dryRun: null,
        strategy: null,
        dataValues: dataRows.map((row) => ({
            dataElement: cell(row, 0),
            period: cell(row, 1),
            orgUnit: cell(row, 2),
            categoryOptionCombo: cell(row, 3),
            attributeOptionCombo: cell(row, 4),
            value: row[5] ?? null,
            storedBy: cell(row, 6),
            created: null,
            lastUpdated: cell(row, 7),
            comment: cell(row, 8),
            followup: cell(row, 9)?.toLowerCase() === 'true' ? true : cell(row, 9) === null ? null : false,
            deleted: cell(row, 10)?.toLowerCase() === 'true',
        })),
    }
}

function decodeXml(value: string): string {
    return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
        if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16))
        if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
        return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] ?? ''
    })
}

function xmlAttributes(tag: string): Record<string, string> {
    const attributes: Record<string, string> = {}
    for (const match of tag.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        const name = match[1] as string
        attributes[name.includes(':') ? (name.split(':').pop() as string) : name] = decodeXml(
            match[3] ?? match[4] ?? ''
        )
    }
    return attributes
}

/** DXF2 XML (`<dataValueSet …><dataValue … /></dataValueSet>`): everything is carried in attributes. */
export function parseXmlPayload(body: Buffer): DataValueSetPayload {
    const xml = body.toString('utf8')
    const root = /<(?:\w+:)?dataValueSet\b([^>]*)>/.exec(xml)
    if (!root) throw new PayloadError('Unexpected XML content: no dataValueSet element')
    const header = xmlAttributes(root[1] ?? '')
    const attr = (record: Record<string, string>, name: string): string | null => {
        const value = record[name]
        return value === undefined || value === '' ? null : value
    }
    const bool = (value: string | null): boolean | null =>
        value === null ? null : value.toLowerCase() === 'true'
    const dataValues: DataValueEntry[] = []
    for (const match of xml.matchAll(/<(?:\w+:)?dataValue\b([^>]*?)\/?>/g)) {
        const record = xmlAttributes(match[1] ?? '')
        dataValues.push({
            dataElement: attr(record, 'dataElement'),
            period: attr(record, 'period'),
            orgUnit: attr(record, 'orgUnit'),
            categoryOptionCombo: attr(record, 'categoryOptionCombo'),
            attributeOptionCombo: attr(record, 'attributeOptionCombo'),
            value: attr(record, 'value'),
            storedBy: attr(record, 'storedBy'),
            created: attr(record, 'created'),
            lastUpdated: attr(record, 'lastUpdated'),
            comment: attr(record, 'comment'),
            followup: bool(attr(record, 'followup') ?? attr(record, 'followUp')),
            deleted: bool(attr(record, 'deleted')),
        })
    }
    return {
        dataSet: attr(header, 'dataSet'),
        completeDate: attr(header, 'completeDate'),
        period: attr(header, 'period'),
        orgUnit: attr(header, 'orgUnit'),
        attributeOptionCombo: attr(header, 'attributeOptionCombo'),
        attributeCategoryOptions: null,
        idScheme: attr(header, 'idScheme'),
        dataElementIdScheme: attr(header, 'dataElementIdScheme'),
        orgUnitIdScheme: attr(header, 'orgUnitIdScheme'),
        categoryOptionComboIdScheme: attr(header, 'categoryOptionComboIdScheme'),
        dataSetIdScheme: attr(header, 'dataSetIdScheme'),
        dryRun: bool(attr(header, 'dryRun')),
        strategy: attr(header, 'strategy'),
        dataValues,
    }
}
