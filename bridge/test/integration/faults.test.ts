// With the simulator failing a share of requests (5xx, dropped connections, some after DHIS2 had
// already saved the chunk), a push still ends with every value in DHIS2 exactly once, and the
// report counts each value once.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { runConvert } from '../../src/convert/handler.js'
import { runPush } from '../../src/push/handler.js'
import { ADMIN, as, fixture, startDemo, tempState } from '../helpers/sim.js'

let sim: RunningSimulator
beforeAll(async () => {
    sim = await startDemo()
}, 120_000)
afterAll(async () => sim?.close())

const FILES = [
    'commune5-2024-02-wide-windows1252.csv',
    'commune5-2024-03-wide.xlsx',
    'sikasso-2024-01-long.json',
].map(fixture)

it('ends with every value in DHIS2 exactly once despite 5xx and dropped connections', async () => {
    const stateDir = tempState()
    // what the files say, through the same pipeline
    const out = join(stateDir, 'expected.json')
    await runConvert({ files: FILES, dhis2: as(sim, ...ADMIN), stateDir, out })
    const expected = (JSON.parse(readFileSync(out, 'utf8')) as { dataValues: Array<Record<string, string>> })
        .dataValues
    const key = (v: {
        dataElement?: string
        period?: string
        orgUnit?: string
        categoryOptionCombo?: string
        attributeOptionCombo?: string
    }) => [v.dataElement, v.period, v.orgUnit, v.categoryOptionCombo, v.attributeOptionCombo].join('|')

    sim.setFaults({
        rate: 0.35,
        kinds: ['500', '502', '503', 'drop'],
        paths: ['dataValueSets'],
        dropAfterProcessing: true,
        seed: 11,
    })
    const report = await runPush({
        files: FILES,
        dhis2: as(sim, ...ADMIN, 5_000),
        stateDir,
        backoffMs: 5,
        maxAttempts: 12,
        concurrency: 3,
    })
    sim.setFaults(null)

    expect(report.push?.retries).toBeGreaterThan(0)
    expect(report.push?.failed).toBe(0)
    // each value counted once, however many times its chunk was sent
    // zeros DHIS2 does not store are not sent (DHIS2, read first, holds nothing there) nor counted as saved
    const sentValues = expected.filter((v) => v.value !== '0').length
    expect(report.push?.saved).toBe(sentValues)
    expect(report.push?.sent).toBe(sentValues)
    expect(report.plan?.zerosNotStored).toBe(expected.length - sentValues)
    expect(report.exitCode).toBe(0)

    const orgUnits = new Set(expected.map((v) => v.orgUnit))
    const periods = new Set(expected.map((v) => v.period))
    const stored = [...sim.db.dataValues.all()].filter(
        (v) => !v.deleted && orgUnits.has(v.orgUnit) && periods.has(v.period)
    )
    // DHIS2 does not store new zeros of elements where zero is not significant
    const nonZero = expected.filter((v) => v.value !== '0')
    expect(stored.length).toBe(nonZero.length)
    const storedByKey = new Map(stored.map((v) => [key(v), v.value]))
    expect(storedByKey.size).toBe(stored.length)
    for (const v of nonZero) expect(storedByKey.get(key(v))).toBe(v.value)

    // a second push after the storm has nothing left to send
    const again = await runPush({ files: FILES, dhis2: as(sim, ...ADMIN), stateDir })
    expect(again.plan?.new).toBe(0)
    expect(again.plan?.changed).toBe(0)
})

it('rides out timeouts and 429 Too Many Requests (honouring Retry-After), and DHIS2’s async import', async () => {
    const stateDir = tempState()
    const file = [fixture('sikasso-2024-01-long.json')]
    sim.setFaults({ rate: 0.4, kinds: ['timeout', '429'], paths: ['dataValueSets'], seed: 5 })
    const report = await runPush({
        files: file,
        dhis2: as(sim, ...ADMIN, 1_000),
        stateDir,
        backoffMs: 5,
        maxAttempts: 10,
        // the first test put these values in DHIS2 already: --force sends them again anyway
        force: true,
    })
    sim.setFaults(null)
    expect(report.push?.retries).toBeGreaterThan(0)
    const zeros = report.plan?.zerosNotStored ?? 0
    expect(report.push).toMatchObject({ saved: 168 - zeros, failed: 0, rejected: 0 })

    // the same values again through ?async=true: DHIS2 answers with a job, the bridge polls its summary
    const again = await runPush({
        files: file,
        dhis2: as(sim, ...ADMIN),
        stateDir: tempState(),
        async: true,
        force: true,
    })
    expect(again.push).toMatchObject({ saved: 168 - zeros, failed: 0 })
    // already there: DHIS2 counts them as ignored (identical), none imported twice
    expect(again.push?.dhis2Counts.imported).toBe(0)
})
