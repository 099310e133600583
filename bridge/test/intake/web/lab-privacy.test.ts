// A laboratory's line list through the web pages: the patients' names, phone numbers, file numbers and
// birth dates appear on no page (refusal, receipt, Mes rapports) and in no line of the server's log,
// and the uploaded file does not outlive the request.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../../dhis2-sim/src/index.js'
import { startIntakeServer, type RunningIntake } from '../../../src/intake/web/server.js'
import { as, startDemo, tempState } from '../../helpers/sim.js'
import { Visitor } from './visitor.js'

const LABS = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'labs')
const LAB = ['labo.commune5', 'Labo5@2024'] as const
const REGISTER = 'registre-FS-C5-019-2025S1.csv'

let sim: RunningSimulator
let intake: RunningIntake
let log = ''

/**
 * The patient-level cells of this register (file number, name, phone, birth date), long enough not to
 * match by chance. Taken from the file itself: the fixtures' shared list also holds names that a demo
 * user happens to bear, and the page rightly shows who is logged in.
 */
const patients = readFileSync(join(LABS, REGISTER), 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .slice(1)
    .flatMap((line) => line.split(';').slice(0, 4))
    .filter((p) => p.length >= 6)
const leaks = (text: string) => patients.filter((p) => text.includes(p))

/** Upload folders of this test's file still on disk. */
function leftoverUploads(): string[] {
    return readdirSync(tmpdir())
        .filter((d) => d.startsWith('intake-upload-'))
        .filter((d) => existsSync(join(tmpdir(), d, REGISTER)))
}

beforeAll(async () => {
    sim = await startDemo()
    intake = await startIntakeServer({
        dhis2: as(sim, 'bridge', 'Bridge@2024'),
        stateDir: tempState(),
        port: 0,
        workerPollMs: 100,
        logger: {
            level: 'debug',
            stream: new Writable({
                write(chunk: Buffer, _enc, done) {
                    log += chunk.toString()
                    done()
                },
            }),
        },
    })
}, 120_000)

afterAll(async () => {
    await intake?.close()
    await sim?.close()
})

describe('a laboratory line list through the pages', () => {
    it('shows and logs no patient field, refused or accepted', async () => {
        expect(patients.length).toBeGreaterThan(10)
        const v = new Visitor(intake.url)
        expect((await v.login(...LAB)).status).toBe(303)
        const pages: string[] = []

        // one line spoiled: the refusal names row and column, never the patient on that row
        const text = readFileSync(join(LABS, REGISTER), 'utf8')
        const lines = text.split(/\r?\n/)
        const cells = lines[3]!.split(';')
        cells[7] = 'bientôt'
        lines[3] = cells.join(';')
        const form = await v.get('/envoyer')
        const refused = await v.postFile(
            '/envoyer',
            { _csrf: form.csrf ?? '', source: 'lab' },
            { name: REGISTER, bytes: Buffer.from(lines.join('\r\n')) }
        )
        pages.push(refused.body)
        expect(refused.status).toBe(422)
        expect(refused.body).toContain('ligne 4')

        const accepted = await v.postFile(
            '/envoyer',
            { _csrf: refused.csrf ?? '', source: 'lab', allowPartial: '1' },
            { name: REGISTER, bytes: readFileSync(join(LABS, REGISTER)) }
        )
        expect(accepted.status).toBe(303)
        const receipt = await v.get(accepted.location ?? '')
        pages.push(receipt.body)
        expect(receipt.body).toContain('Accusé de réception')
        const deadline = Date.now() + 60_000
        for (;;) {
            const page = await v.get(accepted.location ?? '')
            pages.push(page.body)
            if (/badge (delivered|partly-refused)/.test(page.body)) break
            if (Date.now() > deadline) throw new Error('the lab submission was not delivered')
            await new Promise((r) => setTimeout(r, 200))
        }
        pages.push((await v.get('/rapports')).body)

        expect(leaks(pages.join('\n'))).toEqual([])
        expect(log).toContain('/envoyer')
        expect(leaks(log)).toEqual([])
        expect(log).not.toContain(LAB[1])
        expect(leftoverUploads()).toEqual([])
    }, 120_000)
})
