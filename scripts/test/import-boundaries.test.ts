// The layer rules of eslint.config.mjs (BRIDGE_LAYERS, APP_LAYERS, SIM_LAYERS): an import that runs back
// up a product's layers fails the lint, one that goes down passes. Linted as text under the path it would
// have, so no wrong file is kept in the repository.
import { ESLint } from 'eslint'
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

const BOUNDARY_RULES = ['no-restricted-imports', 'no-restricted-syntax']

/** The layer rules' messages for a file; a file ESLint could not parse or would not lint fails the test. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath, warnIgnored: true })
    const messages = result?.messages ?? []
    const unlinted = messages.filter((m) => m.fatal === true || m.ruleId === null)
    if (unlinted.length > 0) throw new Error(`${filePath} was not linted: ${unlinted[0]?.message}`)
    return messages.filter((m) => BOUNDARY_RULES.includes(m.ruleId ?? '')).map((m) => m.message)
}

describe('bridge import boundaries', () => {
    it('refuses an import that runs back up', async () => {
        // core/ is the ground floor: the message catalogue is above it
        expect(
            await boundaryErrors(
                'bridge/src/core/wrong.ts',
                "import { messageFor } from '../i18n/messages.js'\nexport const m = messageFor\n"
            )
        ).toEqual([expect.stringMatching(/runs back up the bridge layers/)])
        // the reader must not know the source kinds
        expect(
            await boundaryErrors(
                'bridge/src/read/wrong.ts',
                "import type { KindContext } from '../sources/types.js'\nexport type K = KindContext\n"
            )
        ).toHaveLength(1)
        // a stage does not import the command that drives it
        expect(
            await boundaryErrors(
                'bridge/src/send/wrong.ts',
                "import { runPush } from '../push/handler.js'\nexport const r = runPush\n"
            )
        ).toHaveLength(1)
    })

    it('refuses a source kind importing another kind, and the shared module importing a kind', async () => {
        expect(
            await boundaryErrors(
                'bridge/src/sources/mutuelle/wrong.ts',
                "import { csvText } from '../lab/template.js'\nexport const c = csvText\n"
            )
        ).toEqual([expect.stringMatching(/does not import another kind/)])
        expect(
            await boundaryErrors(
                'bridge/src/sources/line-list/wrong.ts',
                "import { labKind } from '../lab/kind.js'\nexport const k = labKind\n"
            )
        ).toEqual([expect.stringMatching(/imports none of them/)])
        // the layer rule still holds there
        expect(
            await boundaryErrors(
                'bridge/src/sources/line-list/wrong.ts',
                "import { runPush } from '../../push/handler.js'\nexport const r = runPush\n"
            )
        ).toHaveLength(1)
    })

    it('lets imports go down', async () => {
        expect(
            await boundaryErrors(
                'bridge/src/push/right.ts',
                "import { processFiles } from '../pipeline/process.js'\nexport const p = processFiles\n"
            )
        ).toEqual([])
        expect(
            await boundaryErrors(
                'bridge/src/sources/mutuelle/right.ts',
                "import { csvText } from '../line-list/template.js'\nexport const c = csvText\n"
            )
        ).toEqual([])
    })
})

describe('app import boundaries', () => {
    it('refuses an import that runs back up or across features', async () => {
        // the domain knows no feature
        expect(
            await boundaryErrors(
                'dhis2-app/src/progress/wrong.ts',
                "import { useScorecard } from '../scorecard/use-scorecard'\nexport const u = useScorecard\n"
            )
        ).toEqual([expect.stringMatching(/runs back up the app layers/)])
        // shared code knows no domain
        expect(
            await boundaryErrors(
                'dhis2-app/src/shared/wrong.ts',
                "import { judge } from '../progress/status'\nexport const j = judge\n"
            )
        ).toHaveLength(1)
        // features side by side: the brief does not import the scorecard, nor the other way round
        expect(
            await boundaryErrors(
                'dhis2-app/src/brief/wrong.tsx',
                "import type { useScorecard } from '../scorecard/use-scorecard'\nexport type U = typeof useScorecard\n"
            )
        ).toHaveLength(1)
        // a lazy import() is an import too
        expect(
            await boundaryErrors(
                'dhis2-app/src/scorecard/wrong.tsx',
                "export const load = () => import('../overview/overview-button')\n"
            )
        ).toEqual([expect.stringMatching(/runs back up the app layers/)])
        // a feature does not import the module that wires features together
        expect(
            await boundaryErrors(
                'dhis2-app/src/scorecard/wrong.tsx',
                "import { scorecardActions } from '../scorecard-actions'\nexport const a = scorecardActions\n"
            )
        ).toHaveLength(1)
    })

    it('lets imports go down', async () => {
        expect(
            await boundaryErrors(
                'dhis2-app/src/scorecard/right.tsx',
                "import { judge } from '../progress/status'\nimport { formatNumber } from '../shared/format'\nexport const f = [judge, formatNumber]\n"
            )
        ).toEqual([])
        expect(
            await boundaryErrors(
                'dhis2-app/src/scorecard/right.tsx',
                "export const load = () => import('../trajectory/trajectory-panel')\n"
            )
        ).toEqual([])
    })
})

describe('simulator import boundaries', () => {
    it('refuses an import that runs back up', async () => {
        // the server holds the parts' state but does not know their endpoints
        expect(
            await boundaryErrors(
                'dhis2-sim/src/server/wrong.ts',
                "import { authRoutes } from '../auth-api/routes.js'\nexport const r = authRoutes\n"
            )
        ).toEqual([expect.stringMatching(/runs back up the simulator layers/)])
        // the state the context holds does not know the context, not even as a type
        expect(
            await boundaryErrors(
                'dhis2-sim/src/auth/wrong.ts',
                "import type { ServerContext } from '../server/context.js'\nexport type C = ServerContext\n"
            )
        ).toHaveLength(1)
        // registrations build on data values, not the reverse
        expect(
            await boundaryErrors(
                'dhis2-sim/src/data-values/wrong.ts',
                "import { postCompleteRegistrations } from '../completeness/registrations.js'\nexport const p = postCompleteRegistrations\n"
            )
        ).toHaveLength(1)
        // /api/sharing does not import the data store that applies its rules
        expect(
            await boundaryErrors(
                'dhis2-sim/src/sharing/wrong.ts',
                "import { entryGuard } from '../datastore/entry-access.js'\nexport const g = entryGuard\n"
            )
        ).toHaveLength(1)
        // no folder imports the entry point that starts the simulator
        expect(
            await boundaryErrors(
                'dhis2-sim/src/web/wrong.ts',
                "import { startSimulator } from '../index.js'\nexport const s = startSimulator\n"
            )
        ).toHaveLength(1)
    })

    it('lets imports go down', async () => {
        expect(
            await boundaryErrors(
                'dhis2-sim/src/datastore/right.ts',
                "import { entrySharing } from '../sharing/acl.js'\nimport { minorVersion } from '../server/context.js'\nexport const f = [entrySharing, minorVersion]\n"
            )
        ).toEqual([])
        expect(
            await boundaryErrors(
                'dhis2-sim/src/server/right.ts',
                "import type { SessionStore } from '../auth/sessions.js'\nexport type S = SessionStore\n"
            )
        ).toEqual([])
    })
})

describe('the layer lists', () => {
    it('place every folder of each product, and only folders that exist', async () => {
        // a folder left out of the lists would escape the rule without a word
        const config = pathToFileURL(join(root, 'eslint.config.mjs')).href
        const { BRIDGE_LAYERS, APP_LAYERS, SIM_LAYERS } = (await import(config)) as Record<string, string[][]>
        const folders = (src: string) => [
            ...new Set(
                execFileSync('git', ['ls-files', src], { cwd: root, encoding: 'utf8' })
                    .split('\n')
                    .map((f) => f.slice(src.length + 1).split('/'))
                    .filter((parts) => parts.length > 1)
                    .map((parts) => parts[0])
            ),
        ]
        expect(BRIDGE_LAYERS?.flat().sort()).toEqual(folders('bridge/src').sort())
        expect(APP_LAYERS?.flat().sort()).toEqual(folders('dhis2-app/src').sort())
        expect(SIM_LAYERS?.flat().sort()).toEqual(folders('dhis2-sim/src').sort())
    })
})
