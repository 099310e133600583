// Two DHIS2 answers the simulator does not produce, served by a small HTTP stand-in shaped as contract
// §8.3 describes: a compulsory-field conflict that names no registration (object "dataElementOperand"),
// and a 503 before the answer. The refusal must still reach its own report's file and row.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import PQueue from 'p-queue'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerCompletions } from '../../src/complete/register.js'
import type { ReportToComplete } from '../../src/complete/select.js'
import { Dhis2Client } from '../../src/dhis2/client.js'

interface Sent {
    organisationUnit: string
}

let server: Server
let url = ''
const requests: Sent[][] = []
let unavailable = 0

beforeAll(async () => {
    server = createServer((req, res) => {
        let text = ''
        req.on('data', (d: Buffer) => (text += d.toString()))
        req.on('end', () => {
            if (unavailable > 0) {
                unavailable--
                res.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy')
                return
            }
            const list = (JSON.parse(text) as { completeDataSetRegistrations: Sent[] })
                .completeDataSetRegistrations
            requests.push(list)
            const bad = list.filter((r) => r.organisationUnit === 'OuMissing01')
            const status = bad.length === list.length ? 'ERROR' : 'SUCCESS'
            const summary = {
                responseType: 'ImportSummary',
                status,
                description: 'Import process complete.',
                importCount: {
                    imported: list.length - bad.length,
                    updated: 0,
                    ignored: bad.length,
                    deleted: 0,
                },
                conflicts: bad.map(() => ({
                    object: 'dataElementOperand',
                    value: 'Accouchements assistés needs to be filled. It is compulsory.',
                })),
            }
            const code = status === 'ERROR' ? 409 : 200
            res.writeHead(code, { 'Content-Type': 'application/json' }).end(
                JSON.stringify({
                    httpStatus: code === 200 ? 'OK' : 'Conflict',
                    httpStatusCode: code,
                    status: status === 'ERROR' ? 'ERROR' : 'OK',
                    response: summary,
                })
            )
        })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())))

function report(orgUnit: string, row: number): ReportToComplete {
    return {
        key: `Ds|${orgUnit}|202401|HllvX50cXC0`,
        dataSet: 'DsPrivMth01',
        orgUnit,
        period: '202401',
        attributeOptionCombo: 'HllvX50cXC0',
        orgUnitCode: `FS-C5-0${row}`,
        file: 'janvier.csv',
        row,
        column: 'code_structure',
        partly: false,
    }
}

describe('registering reports as complete', () => {
    it('settles a refusal DHIS2 does not name by sending the batch again one report at a time', async () => {
        requests.length = 0
        unavailable = 1
        const client = new Dhis2Client({
            baseUrl: url,
            auth: { kind: 'basic', username: 'u', password: 'p' },
        })
        const reports = [report('OuCliniq001', 11), report('OuMissing01', 12), report('OuCliniq003', 13)]
        const result = await registerCompletions(client, reports, {
            queue: new PQueue({ concurrency: 2 }),
            rules: { maxAttempts: 3, backoffMs: 1, maxBackoffMs: 2, random: () => 0 },
            stop: { error: null },
        })
        // the 503 was retried; then one batch of 3 and three single registrations
        expect(result.retries).toBe(1)
        expect(requests.map((r) => r.length)).toEqual([3, 1, 1, 1])
        expect(result.registered.map((r) => r.row).sort()).toEqual([11, 13])
        expect(result.refused.map((r) => r.row)).toEqual([12])
        expect(result.issues).toHaveLength(1)
        expect(result.issues[0]).toMatchObject({
            code: 'COMPLETE_REFUSED',
            file: 'janvier.csv',
            row: 12,
            column: 'code_structure',
            value: 'FS-C5-012',
        })
        expect(result.issues[0]?.message.fr).toMatch(/obligatoire.*Accouchements assistés/)
        expect(result.issues[0]?.message.en).toMatch(/compulsory/)
    })
})
