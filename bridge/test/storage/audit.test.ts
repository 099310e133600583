import { afterEach, describe, expect, it } from 'vitest'
import { appendAudit, listAudit, REDACTED } from '../../src/storage/audit.js'
import { createSubmission } from '../../src/storage/submissions.js'
import { ENGINES, type TestDatabase } from './engines.js'
import { CLINIC, OTHER_CLINIC, submission } from './fixtures.js'

describe.each(ENGINES)('audit on $name', (engine) => {
    let t: TestDatabase
    afterEach(() => t?.dispose())

    it('appends entries and reads them back in order, by submission or facility', async () => {
        t = await engine.fresh()
        const s = await createSubmission(t.db, submission())
        await appendAudit(t.db, {
            actor: 'clinique.badala',
            action: 'submission.created',
            submissionId: s.id,
            orgUnit: CLINIC,
            details: { reference: s.reference, values: 3, sha256: s.fileSha256 },
            at: new Date('2024-04-03T09:15:00.000Z'),
        })
        await appendAudit(t.db, {
            actor: 'clinique.badala',
            action: 'access.refused',
            orgUnit: OTHER_CLINIC,
            details: { path: `/rapports/${OTHER_CLINIC}` },
        })
        await appendAudit(t.db, { actor: 'worker:intake-1', action: 'outbox.delivered', submissionId: s.id })

        const all = await listAudit(t.db)
        expect(all.map((a) => a.action)).toEqual(['submission.created', 'access.refused', 'outbox.delivered'])
        expect(all[0]).toMatchObject({
            at: '2024-04-03T09:15:00.000Z',
            actor: 'clinique.badala',
            submissionId: s.id,
            orgUnit: CLINIC,
            details: { reference: s.reference, values: 3, sha256: 'a'.repeat(64) },
        })
        expect(all[2]!.details).toEqual({})
        expect((await listAudit(t.db, { submissionId: s.id })).map((a) => a.action)).toEqual([
            'submission.created',
            'outbox.delivered',
        ])
        expect((await listAudit(t.db, { orgUnits: [OTHER_CLINIC] })).map((a) => a.action)).toEqual([
            'access.refused',
        ])
        expect(await listAudit(t.db, { orgUnits: [] })).toEqual([])
        expect((await listAudit(t.db, { afterId: all[0]!.id, limit: 1 })).map((a) => a.id)).toEqual([
            all[1]!.id,
        ])
    })

    it('never writes a secret, however deep the caller put it', async () => {
        t = await engine.fresh()
        await appendAudit(t.db, {
            actor: 'admin',
            action: 'login',
            details: {
                user: 'admin',
                password: 'district',
                request: { headers: { Authorization: 'Basic YWRtaW4=' } },
            },
        })
        const raw = await t.db.query<{ details: string }>('SELECT details FROM audit')
        expect(raw[0]!.details).not.toMatch(/district|YWRtaW4/)
        expect(JSON.parse(raw[0]!.details)).toEqual({
            user: 'admin',
            password: REDACTED,
            request: { headers: { Authorization: REDACTED } },
        })
    })
})
