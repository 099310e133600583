// The gate of labs and mutuelles: an issue that slipped a cell's text into its message is neutralised.
import { describe, expect, it } from 'vitest'
import { makeIssue } from '../../src/i18n/issues.js'
import { stripCellText } from '../../src/core/patient-data.js'
import { lineListIssue } from '../../src/sources/line-list/messages.js'

describe('no cell text past the lab and mutuelle gate', () => {
    it('drops `value`, and replaces a message or hint quoting it', () => {
        const slipped = makeIssue('UNKNOWN_FACILITY', {
            file: 'r.csv',
            row: 4,
            column: 'Code structure',
            value: 'Awa Kolibrenta',
        })
        expect(JSON.stringify(slipped)).toContain('Awa Kolibrenta')
        const safe = stripCellText(slipped)
        expect(JSON.stringify(safe)).not.toContain('Kolibrenta')
        expect(safe).toMatchObject({
            code: 'UNKNOWN_FACILITY',
            file: 'r.csv',
            row: 4,
            column: 'Code structure',
        })
        expect(safe.message.fr).toMatch(/contenu non reproduit/)
    })

    it('keeps an issue that quotes nothing as it is, without `value`', () => {
        const plain = {
            ...lineListIssue('LAB_UNKNOWN_TEST', { file: 'r.csv', row: 2, column: 'Examen' }),
            value: 'Widal',
        }
        const safe = stripCellText(plain)
        expect(safe).not.toHaveProperty('value')
        expect(safe.message).toEqual(plain.message)
        expect(safe.hint).toEqual(plain.hint)
    })

    it('builds lab issues from the shared catalogue without the cell it would quote', () => {
        const i = lineListIssue(
            'WRONG_VALUE_TYPE',
            { file: 'r.csv', row: 2, column: 'Nombre' },
            { valueType: 'INTEGER', element: 'X' }
        )
        expect(i.message.fr).toContain('« contenu non reproduit »')
        expect(i).not.toHaveProperty('value')
    })
})
