// Reads DHIS2's metadata ImportReport (2.38+: inside a WebMessage; 409 WARNING when it holds errors).
import { isRecord } from '../core/is-record.js'

export interface ImportErrorReport {
    klass: string
    uid?: string
    errorCode?: string
    message: string
    property?: string
}

export interface ImportReportSummary {
    status: 'OK' | 'WARNING' | 'ERROR'
    httpStatus: number
    stats: { created: number; updated: number; deleted: number; ignored: number; total: number }
    errors: ImportErrorReport[]
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

export function parseImportReport(httpStatus: number, body: unknown): ImportReportSummary {
    // Before 2.38 (and /api/37/…) the report is the body itself.
    const report = isRecord(body) && isRecord(body.response) ? body.response : body
    const errors: ImportErrorReport[] = []
    let status: ImportReportSummary['status'] = 'ERROR'
    const stats = { created: 0, updated: 0, deleted: 0, ignored: 0, total: 0 }
    if (isRecord(report)) {
        if (report.status === 'OK' || report.status === 'WARNING' || report.status === 'ERROR')
            status = report.status
        if (isRecord(report.stats)) {
            for (const k of ['created', 'updated', 'deleted', 'ignored', 'total'] as const)
                stats[k] = num(report.stats[k])
        }
        const typeReports = Array.isArray(report.typeReports) ? report.typeReports : []
        for (const tr of typeReports) {
            if (!isRecord(tr) || !Array.isArray(tr.objectReports)) continue
            for (const or of tr.objectReports) {
                if (!isRecord(or) || !Array.isArray(or.errorReports)) continue
                for (const er of or.errorReports) {
                    if (!isRecord(er)) continue
                    const e: ImportErrorReport = {
                        klass: typeof or.klass === 'string' ? or.klass : String(tr.klass ?? ''),
                        message: typeof er.message === 'string' ? er.message : JSON.stringify(er),
                    }
                    if (typeof or.uid === 'string') e.uid = or.uid
                    if (typeof er.errorCode === 'string') e.errorCode = er.errorCode
                    if (typeof er.errorProperty === 'string') e.property = er.errorProperty
                    errors.push(e)
                }
            }
        }
    } else if (httpStatus >= 400) {
        errors.push({ klass: '', message: `HTTP ${httpStatus}` })
    }
    return { status, httpStatus, stats, errors }
}
