// Ten kinds of bad input: one clear message per problem with its file and row, and the good rows
// still land — including the district-scoped user's E7617 traced back to its row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import type { ValidationIssue } from '../../src/core/types.js'
import { Dhis2Error } from '../../src/dhis2/client.js'
import { runPush } from '../../src/push/handler.js'
import { runValidate } from '../../src/validate/handler.js'
import { as, fixture, MCD_COMMUNE5, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => sim?.close())

const BAD = ['rapport-erreurs-commune5.csv', 'vide.csv', 'encodage-dos.csv', 'colonne-manquante.csv'].map(
    (f) => fixture(`bad/${f}`)
)
const MAIN = 'rapport-erreurs-commune5.csv'

function only(issues: ValidationIssue[], code: string): ValidationIssue {
    const found = issues.filter((i) => i.code === code)
    expect(found, code).toHaveLength(1)
    return found[0] as ValidationIssue
}

describe('bad input', () => {
    it('validate gives one message per problem, with its row, in French (English on request)', async () => {
        const report = await runValidate({
            files: BAD,
            dhis2: as(sim, ...MCD_COMMUNE5),
            stateDir: tempState(),
        })
        const errors = report.issues.filter((i) => i.severity === 'error')
        expect(only(errors, 'UNKNOWN_FACILITY')).toMatchObject({
            file: MAIN,
            row: 58,
            column: 'code_structure',
            value: 'FS-C5-999',
        })
        expect(only(errors, 'UNKNOWN_DATA_ELEMENT')).toMatchObject({
            file: MAIN,
            row: 59,
            value: 'CONSULT_PRENATALE',
        })
        expect(only(errors, 'BAD_PERIOD')).toMatchObject({
            file: MAIN,
            row: 60,
            column: 'periode',
            value: '13/2024',
        })
        expect(only(errors, 'NOT_A_NUMBER')).toMatchObject({
            file: MAIN,
            row: 61,
            column: 'valeur',
            value: 'douze',
        })
        expect(only(errors, 'NEGATIVE_COUNT')).toMatchObject({ file: MAIN, row: 62, value: '-3' })
        const dup = only(errors, 'DUPLICATE_CONFLICT')
        expect(dup).toMatchObject({ file: MAIN, row: 63 })
        expect(dup.message.fr).toMatch(/ligne 10/)
        expect(only(errors, 'EMPTY_FILE')).toMatchObject({ file: 'vide.csv' })
        expect(only(errors, 'MISSING_COLUMN')).toMatchObject({
            file: 'colonne-manquante.csv',
            column: 'valeur',
        })
        const enc = errors.filter((i) => i.code === 'ENCODING')
        expect(enc.map((i) => i.row)).toEqual([2, 3])
        expect(enc[0]?.message.fr).toMatch(/UTF-8/)
        // nothing else: one message per problem
        expect(errors).toHaveLength(10)
        for (const e of errors) {
            expect(e.message.fr.length).toBeGreaterThan(10)
            expect(e.message.en.length).toBeGreaterThan(10)
            expect(e.message.fr).not.toBe(e.message.en)
        }
        // issue 8: a cell given two different values is blocked, neither row 10 nor row 63 is sent
        expect(report.values).toBe(56)
        expect(report.exitCode).toBe(2)
    })

    it('an empty file alone is a failure (exit 1); a wrong password is a clean 401 without the secret', async () => {
        const empty = await runValidate({
            files: [fixture('bad/vide.csv')],
            dhis2: as(sim, ...MCD_COMMUNE5),
            stateDir: tempState(),
        })
        expect(empty.exitCode).toBe(1)
        const e = await runValidate({
            files: [fixture('bad/vide.csv')],
            dhis2: as(sim, 'mcd.commune5', 'wrong-secret'),
            stateDir: tempState(),
        }).catch((x: unknown) => x)
        expect(e).toBeInstanceOf(Dhis2Error)
        expect((e as Dhis2Error).kind).toBe('unauthorized')
        expect(String(e)).not.toContain('wrong-secret')
    })

    it('push as the Commune V district user: good rows land, the other district’s row gets E7617 on its row', async () => {
        const before = sim.db.dataValues.size
        const report = await runPush({
            files: BAD,
            dhis2: as(sim, ...MCD_COMMUNE5),
            stateDir: tempState(),
        })
        const e7617 = report.issues.filter((i) => i.dhis2?.errorCode === 'E7617')
        expect(e7617).toHaveLength(1)
        expect(e7617[0]).toMatchObject({ file: MAIN, row: 64, column: 'code_structure', value: 'FS-KAD-008' })
        expect(e7617[0]?.message.fr).toMatch(/autre district/)
        expect(report.push?.rejected).toBe(1)
        // zeros DHIS2 does not store are neither sent nor counted as saved
        // the duplicated cell (rows 10 and 63, two values) is blocked: 55, not 56 (issue 8)
        expect((report.push?.saved ?? 0) + (report.plan?.zerosNotStored ?? 0)).toBe(55)
        expect(report.plan?.zerosNotStored).toBeGreaterThan(0)
        expect(report.exitCode).toBe(2)
        expect(sim.db.dataValues.size).toBeGreaterThan(before)
    })
})
