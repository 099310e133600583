// How push outcomes are told: one message per row for a per-value refusal, an early stop with one
// message when DHIS2 keeps failing, and a dropped answer that may have been saved said as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { makeIssue } from '../../src/i18n/issues.js'
import { runPush } from '../../src/push/handler.js'
import { groupByRow } from '../../src/send/explain.js'
import { ADMIN, as, fixture, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => sim?.close())

describe('push outcomes', () => {
    it('one message per row when DHIS2 refuses every value of a row for the same reason', () => {
        const at = { file: 'f.csv', row: 4, column: 'code_structure', value: 'FS-KAD-008' }
        const issue = () => {
            const i = makeIssue('DHIS2_CONFLICT', at, { errorCode: 'E7617', explanation: 'autre district' })
            i.dhis2 = { errorCode: 'E7617', message: '' }
            return i
        }
        const grouped = groupByRow([
            ...Array.from({ length: 28 }, issue),
            makeIssue('DHIS2_CONFLICT', { ...at, row: 5 }, { errorCode: 'E7617', explanation: 'x' }),
        ])
        expect(grouped).toHaveLength(2)
        expect(grouped[0]?.message.fr).toMatch(/\(28 valeurs de cette ligne\)$/)
        expect(grouped[0]?.message.en).toMatch(/\(28 values of this row\)$/)
    })

    it('stops early with one message when DHIS2 keeps failing', async () => {
        sim.setFaults({ rate: 1, kinds: ['503'], paths: ['dataValueSets'], seed: 1 })
        const started = Date.now()
        const report = await runPush({
            files: [fixture('commune5-2024-02-wide-windows1252.csv')],
            dhis2: as(sim, ...ADMIN),
            stateDir: tempState(),
            backoffMs: 1,
            maxAttempts: 2,
            concurrency: 1,
            noComplete: true,
        })
        sim.setFaults(null)
        expect(Date.now() - started).toBeLessThan(30_000)
        expect(report.issues.filter((i) => i.code === 'PUSH_STOPPED')).toHaveLength(1)
        expect(report.issues.filter((i) => i.code === 'CHUNK_FAILED')).toHaveLength(3)
        expect(report.push?.notSent).toBeGreaterThan(0)
        expect(report.push?.saved).toBe(0)
        expect(report.exitCode).toBe(1)
        // DHIS2 could not be read either: said once per facility, the plan fell back on the ledger
        expect(report.issues.some((i) => i.code === 'DHIS2_READ_FAILED')).toBe(true)
    })

    it('a connection dropped after DHIS2 applied the chunk is not « Rien n’a été enregistré »', async () => {
        const stateDir = tempState()
        sim.setFaults({
            rate: 1,
            kinds: ['drop'],
            paths: ['dataValueSets'],
            dropAfterProcessing: true,
            seed: 2,
        })
        const report = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...ADMIN, 5_000),
            stateDir,
            backoffMs: 1,
            maxAttempts: 1,
            concurrency: 1,
            noComplete: true,
        })
        sim.setFaults(null)
        const uncertain = report.issues.filter((i) => i.code === 'CHUNK_UNCERTAIN')
        expect(uncertain.length).toBeGreaterThan(0)
        expect(report.issues.filter((i) => i.code === 'CHUNK_FAILED')).toHaveLength(0)
        expect(uncertain[0]?.message.fr).toMatch(/a peut-être été enregistré/)
        // the next run reads DHIS2: what was applied is found there, recorded, and not sent again
        const next = await runPush({
            files: [fixture('sikasso-2024-01-long.json')],
            dhis2: as(sim, ...ADMIN),
            stateDir,
            noComplete: true,
        })
        expect(next.exitCode).toBe(0)
        expect(next.plan?.new).toBe(168 - (next.plan?.unchanged ?? 0) - (next.plan?.zerosNotStored ?? 0))
        expect(next.plan?.unchanged).toBeGreaterThan(0)
    })
})
