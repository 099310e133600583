// The layer rule of eslint.config.mjs: an import that runs back up the bridge's layers fails the lint,
// one that goes down passes. Linted as text under the path it would have, so no wrong file is kept.
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const eslint = new ESLint({ cwd: root })

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath })
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
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

    it('refuses a source kind importing another kind', async () => {
        expect(
            await boundaryErrors(
                'bridge/src/sources/mutuelle/wrong.ts',
                "import { csvText } from '../lab/template.js'\nexport const c = csvText\n"
            )
        ).toEqual([expect.stringMatching(/does not import another kind/)])
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
