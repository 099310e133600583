// The upload page's edges over real HTTP: a file over the size limit or a second file gets a clear
// French page and nothing is recorded; no file chosen is said so; with « envoyer les valeurs valides
// malgré les erreurs » the good values are receipted and the receipt lists, once, what was left out;
// in English the pipeline's own messages are English too.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '../../../../dhis2-sim/src/index.js'
import { startIntakeServer, type RunningIntake } from '../../../src/intake/web/server.js'
import { as, fixture, startDemo, tempState } from '../../helpers/sim.js'
import { textOf, Visitor } from './visitor.js'

const CLINIC = ['clinique.commune5', 'Clinique5@2024'] as const
const LIMIT = 4096

let sim: RunningSimulator
let intake: RunningIntake

/** The clinic's January 2024 lines as its own CSV (French Excel: `;`, BOM, CRLF); `bad` spoils one value. */
function clinicCsv(bad?: { line: number; text: string }): Buffer {
    const lines = readFileSync(fixture('commune5-2024-01-long.csv'), 'utf8')
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)
    const rows = lines.slice(1).filter((l) => l.startsWith('FS-C5-011;'))
    if (bad) {
        const cells = rows[bad.line]!.split(';')
        cells[4] = bad.text
        rows[bad.line] = cells.join(';')
    }
    return Buffer.from('\ufeff' + [lines[0], ...rows].join('\r\n') + '\r\n')
}

async function loggedIn(): Promise<Visitor> {
    const v = new Visitor(intake.url)
    const page = await v.login(...CLINIC)
    expect(page.status).toBe(303)
    return v
}

beforeAll(async () => {
    sim = await startDemo()
    intake = await startIntakeServer({
        dhis2: as(sim, 'bridge', 'Bridge@2024'),
        stateDir: tempState(),
        port: 0,
        workerPollMs: 100,
        maxUploadBytes: LIMIT,
    })
}, 120_000)

afterAll(async () => {
    await intake?.close()
    await sim?.close()
})

describe('upload limits', () => {
    it('refuses a file over the size limit with a French page, and records nothing', async () => {
        const v = await loggedIn()
        const form = await v.get('/envoyer')
        const big = Buffer.alloc(LIMIT * 3, 'a')
        const page = await v.postFile(
            '/envoyer',
            { _csrf: form.csrf ?? '', source: 'facility-report' },
            { name: 'gros.csv', bytes: big }
        )
        expect(page.status).toBe(413)
        expect(textOf(page.body)).toContain('Le fichier est trop gros')
        expect(textOf((await v.get('/rapports')).body)).toContain('Aucun envoi pour le moment')
    })

    it('says so when no file was chosen', async () => {
        const v = await loggedIn()
        const form = await v.get('/envoyer')
        const fd = new FormData()
        fd.append('_csrf', form.csrf ?? '')
        fd.append('source', 'facility-report')
        // what a browser sends for a file input left empty
        fd.append('file', new Blob([]), '')
        const response = await fetch(intake.url + '/envoyer', {
            method: 'POST',
            headers: { cookie: [...v.jar].map(([k, val]) => `${k}=${val}`).join('; ') },
            body: fd,
            redirect: 'manual',
        })
        expect(response.status).toBe(400)
        expect(textOf(await response.text())).toContain('Choisissez un fichier avant d’envoyer')
    })
})

describe('partial submission', () => {
    it('receipts the good values and shows, once, the ones left out with their row and column', async () => {
        const v = await loggedIn()
        const form = await v.get('/envoyer')
        const refused = await v.postFile(
            '/envoyer',
            { _csrf: form.csrf ?? '', source: 'facility-report' },
            { name: 'janvier.csv', bytes: clinicCsv({ line: 3, text: '-4' }) }
        )
        expect(refused.status).toBe(422)
        const refusedText = textOf(refused.body)
        expect(refusedText).toContain('Le rapport n’a pas été reçu')
        expect(refusedText).toContain('ligne 5')

        const partial = await v.postFile(
            '/envoyer',
            { _csrf: refused.csrf ?? '', source: 'facility-report', allowPartial: '1' },
            { name: 'janvier.csv', bytes: clinicCsv({ line: 3, text: '-4' }) }
        )
        expect(partial.status).toBe(303)
        expect(partial.location).toMatch(/^\/recu\//)
        const receipt = textOf((await v.get(partial.location ?? '')).body)
        expect(receipt).toContain('Accusé de réception')
        expect(receipt).toContain('Valeurs non envoyées (à corriger)')
        expect(receipt).toContain('ligne 5')
        // shown once: the receipt itself stays, the reminder goes
        const again = textOf((await v.get(partial.location ?? '')).body)
        expect(again).toContain('Accusé de réception')
        expect(again).not.toContain('Valeurs non envoyées')
    })

    it('speaks English from end to end when the person chose it', async () => {
        const v = await loggedIn()
        const form = await v.get('/envoyer?lang=en')
        expect(textOf(form.body)).toContain('Upload a file')
        const refused = await v.postFile(
            '/envoyer',
            { _csrf: form.csrf ?? '', source: 'facility-report' },
            { name: 'january.csv', bytes: clinicCsv({ line: 2, text: 'douze' }) }
        )
        expect(refused.status).toBe(422)
        const text = textOf(refused.body)
        expect(text).toContain('The report was not received')
        expect(text).toContain('row 4')
        expect(text).not.toContain('ligne')
    })
})
