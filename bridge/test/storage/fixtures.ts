// Small, realistic submissions: a Commune V clinic's month, with the UIDs the demo database uses.
import type { NewSubmission, SubmittedValue } from '../../src/storage/submissions.js'

export const CLINIC = 'FsC5Badala1'
export const OTHER_CLINIC = 'FsC5Kalaban'

export function values(count: number, orgUnit = CLINIC, period = '202403'): SubmittedValue[] {
    return Array.from({ length: count }, (_, i) => ({
        dataSet: 'DsPriveMens',
        dataElement: `DeConsult${String(i).padStart(2, '0')}`,
        categoryOptionCombo: i % 2 ? 'CocMoins5an' : 'Coc5EtPlus',
        attributeOptionCombo: 'HllvX50cXC0',
        orgUnit,
        period,
        value: String(10 + i),
        dataElementCode: `CONSULT_${i}`,
        file: 'rapport-mars.xlsx',
        sheet: 'Rapport',
        row: 5 + i,
        column: 'Consultations curatives < 5 ans',
    }))
}

export function submission(overrides: Partial<NewSubmission> = {}): NewSubmission {
    return {
        submittedBy: 'clinique.badala',
        orgUnit: CLINIC,
        period: '202403',
        dataSet: 'DsPriveMens',
        sourceKind: 'facility-report',
        fileName: 'rapport-mars.xlsx',
        fileSha256: 'a'.repeat(64),
        invalidCount: 1,
        values: values(3),
        ...overrides,
    }
}
