// The app's layer rule of eslint.config.mjs (APP_LAYERS): features import the domain and shared code below
// them, never each other nor the modules that wire them. Linted as text under the path it would have.
import { ESLint } from 'eslint'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// node's path functions: the test runs under happy-dom, whose URL takes no file: address
const eslint = new ESLint({ cwd: resolve(dirname(fileURLToPath(import.meta.url)), '../..') })

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath })
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

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
        expect(
            await boundaryErrors(
                'dhis2-app/src/scorecard/wrong.tsx',
                "export const load = () => import('../overview/overview-button')\n"
            )
        ).toEqual([])
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
    })
})
