import { afterEach, describe, expect, it } from 'vitest'
import { toPositional } from '../../src/storage/database.js'
import { migrate, MIGRATIONS, type Migration } from '../../src/storage/migrations.js'
import { databaseTarget } from '../../src/storage/setting.js'
import { ENGINES, type TestDatabase } from './engines.js'

describe.each(ENGINES)('migrations on $name', (engine) => {
    let t: TestDatabase
    afterEach(() => t?.dispose())

    it('applies every migration once, and a second run changes nothing', async () => {
        t = await engine.fresh() // migrated once already
        expect(await migrate(t.db)).toEqual([])
        expect(await migrate(t.db)).toEqual([])
        const rows = await t.db.query<{ version: number; name: string }>(
            'SELECT version, name FROM schema_migrations ORDER BY version'
        )
        expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version))
        for (const table of ['submissions', 'submission_values', 'outbox', 'ledger_values', 'audit'])
            expect(await t.db.query(`SELECT * FROM ${table}`)).toEqual([])
    })

    it('applies only the new migration when the schema grows, even from two instances at once', async () => {
        t = await engine.fresh()
        const next: Migration = {
            version: MIGRATIONS.length + 1,
            name: 'test column',
            sql: 'ALTER TABLE audit ADD COLUMN test_note TEXT',
        }
        const other = await t.openAgain()
        const results = await Promise.all([
            migrate(t.db, [...MIGRATIONS, next]),
            migrate(other, [...MIGRATIONS, next]),
        ])
        expect(results.flat()).toEqual([next.version])
        await t.db.run(
            "INSERT INTO audit (at, actor, action, details, test_note) VALUES ('t', 'a', 'b', '{}', 'n')"
        )
        expect(await t.db.query('SELECT test_note FROM audit')).toEqual([{ test_note: 'n' }])
    })

    it('rolls a failing migration back whole', async () => {
        t = await engine.fresh()
        const broken: Migration = {
            version: MIGRATIONS.length + 1,
            name: 'broken',
            sql: 'CREATE TABLE half_done (id TEXT); INSERT INTO no_such_table VALUES (1)',
        }
        await expect(migrate(t.db, [...MIGRATIONS, broken])).rejects.toThrow()
        const versions = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations')
        expect(versions.map((v) => Number(v.version))).not.toContain(broken.version)
        // the table created before the failure went with it
        await expect(t.db.query('SELECT * FROM half_done')).rejects.toThrow()
    })
})

describe('placeholders and the setting', () => {
    it('numbers ? for PostgreSQL, except inside quotes', () => {
        expect(toPositional("SELECT * FROM t WHERE a = ? AND b = '?' AND c IN (?, ?)")).toBe(
            "SELECT * FROM t WHERE a = $1 AND b = '?' AND c IN ($2, $3)"
        )
    })

    it('reads BRIDGE_DATABASE_URL', () => {
        expect(databaseTarget(undefined, '.bridge', '/srv')).toEqual({
            engine: 'sqlite',
            file: '/srv/.bridge/bridge.sqlite',
        })
        expect(databaseTarget('postgresql://u:p@db:5432/bridge', '.bridge')).toEqual({
            engine: 'postgres',
            url: 'postgresql://u:p@db:5432/bridge',
        })
        expect(databaseTarget('sqlite:data/b.db', '.bridge', '/srv')).toEqual({
            engine: 'sqlite',
            file: '/srv/data/b.db',
        })
        expect(databaseTarget('sqlite:///var/lib/bridge/b.db', '.bridge')).toEqual({
            engine: 'sqlite',
            file: '/var/lib/bridge/b.db',
        })
        expect(databaseTarget('/var/lib/bridge/b.db', '.bridge')).toEqual({
            engine: 'sqlite',
            file: '/var/lib/bridge/b.db',
        })
    })
})
