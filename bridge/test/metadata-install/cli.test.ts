// The command modules parse their arguments and call the handlers (connection from the environment).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSimulator, type RunningSimulator } from '../../../dhis2-sim/src/index.js'
import { facilitiesCommand } from '../../src/cli/commands/facilities.js'
import { labCommand } from '../../src/cli/commands/lab.js'
import { mappingsCommand } from '../../src/cli/commands/mappings.js'
import { metadataCommand } from '../../src/cli/commands/metadata.js'
import { mutuelleCommand } from '../../src/cli/commands/mutuelle.js'

const REGISTRY = new URL(
    '../../../fixtures/facility-registry/registre-structures-privees.csv',
    import.meta.url
).pathname

describe('bridge metadata | mappings | facilities | lab | mutuelle commands', () => {
    let sim: RunningSimulator
    let dir: string
    const saved = { ...process.env }
    beforeAll(async () => {
        sim = await startSimulator({ port: 0, dataDir: null, seed: 'demo-without-package' })
        dir = await mkdtemp(join(tmpdir(), 'cli-'))
        process.env.DHIS2_BASE_URL = sim.url
        process.env.DHIS2_USERNAME = 'bridge'
        process.env.DHIS2_PASSWORD = 'Bridge@2024'
        delete process.env.DHIS2_TOKEN
        delete process.env.BRIDGE_CONFIG
    }, 60_000)
    afterAll(async () => {
        process.env = saved
        process.exitCode = 0
        await sim.close()
        await rm(dir, { recursive: true, force: true })
    })

    async function run(
        command: { parseAsync(argv: string[], o: { from: 'user' }): Promise<unknown> },
        argv: string[]
    ): Promise<string> {
        const lines: string[] = []
        const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
            lines.push(args.map(String).join(' '))
        })
        try {
            await command.parseAsync(argv, { from: 'user' })
        } finally {
            spy.mockRestore()
        }
        return lines.join('\n')
    }

    it('installs the metadata, then says nothing changes; checks the mappings; matches facilities', async () => {
        const dry = await run(metadataCommand(), ['install', '--dry-run'])
        expect(dry).toMatch(/^À créer : \d+ · à mettre à jour : 0 · inchangés : 0/)
        expect(dry).toContain('Essai à blanc')
        await run(metadataCommand(), ['install'])
        expect(process.exitCode ?? 0).toBe(0)
        const again = await run(metadataCommand(), ['install', '--lang', 'en'])
        expect(again).toMatch(/^Nothing to change/)

        const check = await run(mappingsCommand(), ['check', '--facilities', join(dir, 'none')])
        expect(check).toMatch(/0 erreur\(s\), 0 avertissement\(s\)/)
        expect(process.exitCode ?? 0).toBe(0)

        const match = await run(facilitiesCommand(), [
            'match',
            REGISTRY,
            '--out',
            join(dir, 'facilities', 'registre.json'),
            '--review',
            join(dir, 'review.json'),
            '--create',
            join(dir, 'create.json'),
        ])
        expect(match).toContain('67 structures : 60 proposées, 0 à relire, 7 sans correspondance')
    })

    it('writes the lab and mutuelle templates, without patient columns', async () => {
        await run(labCommand(), ['template', '--out', join(dir, 'modeles')])
        await run(mutuelleCommand(), ['template', '--out', join(dir, 'modeles')])
        const files = (await readdir(join(dir, 'modeles'))).sort()
        expect(files).toEqual([
            'modele-laboratoire-agrege-mensuel.csv',
            'modele-laboratoire-liste-lineaire.csv',
            'modele-mutuelle-adhesions.csv',
            'modele-mutuelle-prestations.csv',
        ])
        const lineList = await readFile(join(dir, 'modeles', 'modele-laboratoire-liste-lineaire.csv'), 'utf8')
        expect(lineList.split('\r\n')[0]).toBe('\uFEFFCode structure;Date du test;Examen;Résultat;Âge;Sexe')
        expect(lineList).not.toMatch(/Nom|Téléphone|naissance|dossier/)
    })
})
